// The job configuration keys Weir understands, under Flink's names.
import { option, type ConfigOption } from './config.ts';
import { availableParallelism } from 'node:os';

export const PARALLELISM = option<number>({ key: 'parallelism.default', type: 'int', min: 1, defaultValue: availableParallelism(), description: 'Parallelism of operators that do not set their own; defaults to the number of cores.' });
export const MAX_PARALLELISM = option<number>({ key: 'pipeline.max-parallelism', type: 'int', min: 1, defaultValue: 128, description: 'Number of key groups: the upper bound for rescaling keyed state.' });
export const RUNTIME_MODE = option<'STREAMING' | 'BATCH' | 'AUTOMATIC'>({ key: 'execution.runtime-mode', type: 'enum', values: ['STREAMING', 'BATCH', 'AUTOMATIC'], defaultValue: 'STREAMING', description: 'STREAMING, BATCH (bounded sources only), or AUTOMATIC (BATCH when every source is bounded).' });
export const AUTO_WATERMARK_INTERVAL = option<number>({ key: 'pipeline.auto-watermark-interval', type: 'duration', defaultValue: 200, description: 'How often sources emit periodic watermarks.' });
export const OBJECT_REUSE = option<boolean>({ key: 'pipeline.object-reuse', type: 'boolean', defaultValue: false, description: 'Accepted for compatibility; records passed between chained operators are never copied.' });

export const CHECKPOINT_INTERVAL = option<number>({ key: 'execution.checkpointing.interval', type: 'duration', defaultValue: 0, description: 'Interval between checkpoints; 0 disables periodic checkpoints.' });
export const CHECKPOINT_MODE = option<'EXACTLY_ONCE' | 'AT_LEAST_ONCE'>({ key: 'execution.checkpointing.mode', type: 'enum', values: ['EXACTLY_ONCE', 'AT_LEAST_ONCE'], defaultValue: 'EXACTLY_ONCE', description: 'EXACTLY_ONCE aligns barriers; AT_LEAST_ONCE does not.' });
export const CHECKPOINT_TIMEOUT = option<number>({ key: 'execution.checkpointing.timeout', type: 'duration', defaultValue: 600_000, description: 'A checkpoint not complete after this is aborted.' });
export const CHECKPOINT_MIN_PAUSE = option<number>({ key: 'execution.checkpointing.min-pause', type: 'duration', defaultValue: 0, description: 'Minimum time between the end of one checkpoint and the start of the next.' });
export const CHECKPOINT_MAX_CONCURRENT = option<number>({ key: 'execution.checkpointing.max-concurrent-checkpoints', type: 'int', min: 1, defaultValue: 1, description: 'Checkpoints that may be in progress at once.' });
export const CHECKPOINT_TOLERABLE_FAILURES = option<number>({ key: 'execution.checkpointing.tolerable-failed-checkpoints', type: 'int', min: 0, defaultValue: 0, description: 'Consecutive checkpoint failures tolerated before the job fails.' });
export const CHECKPOINTS_RETAINED = option<number>({ key: 'state.checkpoints.num-retained', type: 'int', min: 1, defaultValue: 1, description: 'Completed checkpoints kept on disk.' });
export const CHECKPOINT_RETENTION = option<'DELETE_ON_CANCELLATION' | 'RETAIN_ON_CANCELLATION' | 'NO_EXTERNALIZED_CHECKPOINTS'>({ key: 'execution.checkpointing.externalized-checkpoint-retention', type: 'enum', values: ['DELETE_ON_CANCELLATION', 'RETAIN_ON_CANCELLATION', 'NO_EXTERNALIZED_CHECKPOINTS'], defaultValue: 'NO_EXTERNALIZED_CHECKPOINTS', description: 'Whether completed checkpoints outlive a cancelled job (they always outlive a failed one).' });
export const CHECKPOINTS_DIR = option<string>({ key: 'state.checkpoints.dir', type: 'string', defaultValue: '', description: 'Directory (path or file:// URI) for checkpoints; required when checkpointing is on.' });
export const SAVEPOINTS_DIR = option<string>({ key: 'state.savepoints.dir', type: 'string', defaultValue: '', description: 'Default directory for savepoints.' });
export const SAVEPOINT_PATH = option<string>({ key: 'execution.savepoint.path', type: 'string', defaultValue: '', description: 'Savepoint or retained checkpoint to restore from (-s).' });
export const ALLOW_NON_RESTORED_STATE = option<boolean>({ key: 'execution.savepoint.ignore-unclaimed-state', type: 'boolean', defaultValue: false, description: 'Allow a savepoint with state for operators that are not in the job (--allowNonRestoredState).' });

export const RESTART_STRATEGY = option<'none' | 'fixed-delay' | 'exponential-delay' | 'failure-rate' | 'disable'>({ key: 'restart-strategy.type', type: 'enum', values: ['none', 'disable', 'fixed-delay', 'exponential-delay', 'failure-rate'], defaultValue: 'none', description: 'How the job restarts after a failure.' });
export const RESTART_ATTEMPTS = option<number>({ key: 'restart-strategy.fixed-delay.attempts', type: 'int', min: 0, defaultValue: 1, description: 'Restarts before the job fails (fixed-delay).' });
export const RESTART_DELAY = option<number>({ key: 'restart-strategy.fixed-delay.delay', type: 'duration', defaultValue: 1000, description: 'Pause before a restart (fixed-delay).' });
export const EXP_INITIAL_BACKOFF = option<number>({ key: 'restart-strategy.exponential-delay.initial-backoff', type: 'duration', defaultValue: 1000, description: 'First pause (exponential-delay).' });
export const EXP_MAX_BACKOFF = option<number>({ key: 'restart-strategy.exponential-delay.max-backoff', type: 'duration', defaultValue: 60_000, description: 'Largest pause (exponential-delay).' });
export const EXP_MULTIPLIER = option<string>({ key: 'restart-strategy.exponential-delay.backoff-multiplier', type: 'string', defaultValue: '2', description: 'Factor between pauses (exponential-delay).' });
export const EXP_RESET_THRESHOLD = option<number>({ key: 'restart-strategy.exponential-delay.reset-backoff-threshold', type: 'duration', defaultValue: 3_600_000, description: 'A run this long resets the backoff (exponential-delay).' });
export const EXP_ATTEMPTS = option<number>({ key: 'restart-strategy.exponential-delay.attempts-before-reset-backoff', type: 'int', min: 0, defaultValue: 2_147_483_647, description: 'Restarts before the job fails (exponential-delay).' });
export const FAILURE_RATE_MAX = option<number>({ key: 'restart-strategy.failure-rate.max-failures-per-interval', type: 'int', min: 1, defaultValue: 1, description: 'Failures allowed within the interval (failure-rate).' });
export const FAILURE_RATE_INTERVAL = option<number>({ key: 'restart-strategy.failure-rate.failure-rate-interval', type: 'duration', defaultValue: 60_000, description: 'The measuring interval (failure-rate).' });
export const FAILURE_RATE_DELAY = option<number>({ key: 'restart-strategy.failure-rate.delay', type: 'duration', defaultValue: 1000, description: 'Pause before a restart (failure-rate).' });

export const BUFFER_RECORDS = option<number>({ key: 'taskmanager.network.batch-records', type: 'int', min: 1, defaultValue: 1024, description: 'Records per network buffer between threads.' });
export const BUFFER_CREDITS = option<number>({ key: 'taskmanager.network.credits-per-channel', type: 'int', min: 1, defaultValue: 16, description: 'Buffers a receiver grants each sender channel (credit-based flow control).' });

export const ALL_OPTIONS: readonly ConfigOption<unknown>[] = [
  PARALLELISM, MAX_PARALLELISM, RUNTIME_MODE, AUTO_WATERMARK_INTERVAL, OBJECT_REUSE,
  CHECKPOINT_INTERVAL, CHECKPOINT_MODE, CHECKPOINT_TIMEOUT, CHECKPOINT_MIN_PAUSE, CHECKPOINT_MAX_CONCURRENT,
  CHECKPOINT_TOLERABLE_FAILURES, CHECKPOINTS_RETAINED, CHECKPOINT_RETENTION, CHECKPOINTS_DIR, SAVEPOINTS_DIR,
  SAVEPOINT_PATH, ALLOW_NON_RESTORED_STATE,
  RESTART_STRATEGY, RESTART_ATTEMPTS, RESTART_DELAY, EXP_INITIAL_BACKOFF, EXP_MAX_BACKOFF, EXP_MULTIPLIER,
  EXP_RESET_THRESHOLD, EXP_ATTEMPTS, FAILURE_RATE_MAX, FAILURE_RATE_INTERVAL, FAILURE_RATE_DELAY,
  BUFFER_RECORDS, BUFFER_CREDITS,
] as ConfigOption<unknown>[];
