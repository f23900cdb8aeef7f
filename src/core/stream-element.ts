// The elements that flow through a job: records, watermarks, checkpoint barriers and end of data.

/** Timestamp of a record that has none (no timestamp assigner ran). */
export const NO_TIMESTAMP = Number.NEGATIVE_INFINITY;
/** The watermark a finished input emits: every event-time timer and window fires. */
export const MAX_WATERMARK = Number.POSITIVE_INFINITY;
/** The initial watermark of an input that has not emitted one yet. */
export const MIN_WATERMARK = Number.NEGATIVE_INFINITY;

export type CheckpointKind = 'checkpoint' | 'savepoint';

export type StreamElement =
  | { readonly kind: 'record'; readonly value: unknown; readonly timestamp: number }
  | { readonly kind: 'watermark'; readonly timestamp: number }
  /** An input channel becomes idle (true) or active again (false); idle channels do not hold back watermarks. */
  | { readonly kind: 'idle'; readonly idle: boolean }
  /** `location` is the directory the checkpoint's state files go to. */
  | { readonly kind: 'barrier'; readonly checkpointId: number; readonly timestamp: number; readonly checkpointKind: CheckpointKind; readonly location: string }
  /** The producer has emitted all its data; the channel may still carry a final barrier. */
  | { readonly kind: 'endOfData' }
  /** The producer is gone; nothing follows on this channel. */
  | { readonly kind: 'endOfPartition' };

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
