// Channels between threads: the sender batches records and control elements, serializes a batch
// into one buffer, and sends it only when the receiver has granted credit; the receiver returns a
// credit per buffer it has processed, unless its own outputs are backlogged — so a slow consumer
// backpressures all the way to the sources while memory stays bounded.
import type { MessagePort } from 'node:worker_threads';
import { createCodec } from '../../core/codec.ts';
import type { StreamElement } from '../../core/stream-element.ts';
import type { ChannelWriter, InputReceiver } from './channel-writer.ts';

type Batch = [channel: number, values: unknown[], timestamps: number[], controls: Array<[position: number, element: StreamElement]>, keyGroups: number[]];

export type PeerMessage =
  | { readonly t: 'data'; readonly buf: Uint8Array }
  | { readonly t: 'credit'; readonly ch: number; readonly n: number };

/** One peer thread: sends our batches to it and routes its batches and credits. */
export class PeerLink {
  readonly #port: MessagePort;
  readonly #codec = createCodec();
  readonly #writers = new Map<number, RemoteChannelWriter>();
  readonly #receivers = new Map<number, { task: InputReceiver & { hasBacklog(): boolean; fail(e: unknown): void }; channel: number }>();
  readonly #withheld = new Map<InputReceiver, number[]>();
  readonly #early = new Map<number, PeerMessage[]>();
  readonly #onCapacity: () => void;

  constructor(port: MessagePort, onCapacity: () => void) {
    this.#port = port;
    this.#onCapacity = onCapacity;
    port.on('message', (m: PeerMessage) => this.#onMessage(m));
  }

  writer(channelId: number, batchSize: number, credits: number): RemoteChannelWriter {
    const w = new RemoteChannelWriter(channelId, batchSize, credits, this.#codec.encode, (buf) => {
      this.#port.postMessage({ t: 'data', buf }, [buf.buffer as ArrayBuffer]);
    });
    this.#writers.set(channelId, w);
    return w;
  }

  receiveInto(channelId: number, task: InputReceiver & { hasBacklog(): boolean; fail(e: unknown): void }, inputChannel: number): void {
    this.#receivers.set(channelId, { task, channel: inputChannel });
    const early = this.#early.get(channelId);
    this.#early.delete(channelId);
    for (const m of early ?? []) this.#onMessage(m);
  }

  #onMessage(m: PeerMessage): void {
    if (m.t === 'credit') {
      const w = this.#writers.get(m.ch);
      if (w && w.addCredit(m.n)) this.#onCapacity();
      return;
    }
    const [channelId, values, timestamps, controls, keyGroups] = this.#codec.decode(m.buf) as Batch;
    const r = this.#receivers.get(channelId);
    if (!r) {
      const q = this.#early.get(channelId) ?? [];
      q.push(m);
      this.#early.set(channelId, q);
      return;
    }
    const { task, channel } = r;
    try {
      let c = 0;
      for (let i = 0; i < values.length; i++) {
        while (c < controls.length && controls[c]![0] === i) task.receiveControl(channel, controls[c++]![1]);
        task.receiveRecord(channel, values[i], timestamps[i]!, keyGroups[i]!);
      }
      while (c < controls.length) task.receiveControl(channel, controls[c++]![1]);
    } catch (e) {
      task.fail(e);
    }
    if (task.hasBacklog()) {
      const list = this.#withheld.get(task) ?? [];
      list.push(channelId);
      this.#withheld.set(task, list);
    } else {
      this.#port.postMessage({ t: 'credit', ch: channelId, n: 1 });
    }
  }

  /** Returns credits held back while a task's outputs were backlogged. */
  releaseWithheld(): void {
    for (const [task, channels] of this.#withheld) {
      if ((task as unknown as { hasBacklog(): boolean }).hasBacklog()) continue;
      this.#withheld.delete(task);
      for (const ch of channels) this.#port.postMessage({ t: 'credit', ch, n: 1 });
    }
  }

  close(): void {
    this.#port.close();
  }
}

export class RemoteChannelWriter implements ChannelWriter {
  readonly #channelId: number;
  readonly #batchSize: number;
  readonly #encode: (v: unknown) => Uint8Array;
  readonly #send: (buf: Uint8Array) => void;
  #credits: number;
  #values: unknown[] = [];
  #timestamps: number[] = [];
  #keyGroups: number[] = [];
  #controls: Array<[number, StreamElement]> = [];
  #backlog: Uint8Array[] = [];
  #scheduled = false;

  constructor(channelId: number, batchSize: number, credits: number, encode: (v: unknown) => Uint8Array, send: (buf: Uint8Array) => void) {
    this.#channelId = channelId;
    this.#batchSize = batchSize;
    this.#credits = credits;
    this.#encode = encode;
    this.#send = send;
  }

  writeRecord(value: unknown, timestamp: number, keyGroup: number): void {
    this.#values.push(value);
    this.#timestamps.push(timestamp);
    this.#keyGroups.push(keyGroup);
    if (this.#values.length >= this.#batchSize) this.flush();
    else if (!this.#scheduled) this.#schedule();
  }

  writeControl(element: StreamElement): void {
    this.#controls.push([this.#values.length, element]);
    if (element.kind === 'watermark' || element.kind === 'idle') {
      if (!this.#scheduled) this.#schedule();
    } else {
      this.flush(); // barriers and ends must not wait
    }
  }

  #schedule(): void {
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.flush();
    });
  }

  flush(): void {
    if (this.#values.length === 0 && this.#controls.length === 0) return;
    const batch: Batch = [this.#channelId, this.#values, this.#timestamps, this.#controls, this.#keyGroups];
    const buf = new Uint8Array(this.#encode(batch)); // a copy we own, so its buffer can be transferred
    this.#values = [];
    this.#timestamps = [];
    this.#keyGroups = [];
    this.#controls = [];
    if (this.#credits > 0 && this.#backlog.length === 0) {
      this.#credits--;
      this.#send(buf);
    } else {
      this.#backlog.push(buf);
    }
  }

  /** Returns true when the backlog drained completely. */
  addCredit(n: number): boolean {
    this.#credits += n;
    while (this.#credits > 0 && this.#backlog.length > 0) {
      this.#credits--;
      this.#send(this.#backlog.shift()!);
    }
    return this.#backlog.length === 0;
  }

  backlog(): number {
    return this.#backlog.length;
  }
}
