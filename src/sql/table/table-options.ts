// The table.* options of Flink that Weir's planner and SQL layer understand, under Flink's keys and
// defaults, so that SET can check them.
import { option, type ConfigOption } from '../../core/config.ts';

export const STATE_TTL = option<number>({ key: 'table.exec.state.ttl', type: 'duration', defaultValue: 0, description: 'Idle state of non-windowed operators (joins, GROUP BY) is dropped after this long; 0 keeps it forever.' });
export const MINI_BATCH_ENABLED = option<boolean>({ key: 'table.exec.mini-batch.enabled', type: 'boolean', defaultValue: false, description: 'Buffer input rows and update aggregates once per batch.' });
export const MINI_BATCH_LATENCY = option<number>({ key: 'table.exec.mini-batch.allow-latency', type: 'duration', defaultValue: 0, description: 'Longest time rows wait in a mini-batch.' });
export const MINI_BATCH_SIZE = option<number>({ key: 'table.exec.mini-batch.size', type: 'int', defaultValue: -1, description: 'Most rows in a mini-batch.' });
export const SOURCE_IDLE_TIMEOUT = option<number>({ key: 'table.exec.source.idle-timeout', type: 'duration', defaultValue: 0, description: 'A source split without records for this long is marked idle and stops holding back watermarks; 0 never.' });
export const SINK_UPSERT_MATERIALIZE = option<'AUTO' | 'FORCE' | 'NONE'>({ key: 'table.exec.sink.upsert-materialize', type: 'enum', values: ['AUTO', 'FORCE', 'NONE'], defaultValue: 'AUTO', description: 'Materialise updates before an upsert sink whose key differs from the query\'s.' });
export const SINK_NOT_NULL_ENFORCER = option<'ERROR' | 'DROP'>({ key: 'table.exec.sink.not-null-enforcer', type: 'enum', values: ['ERROR', 'DROP'], defaultValue: 'ERROR', description: 'What to do with a NULL written to a NOT NULL sink column.' });
export const LOCAL_TIME_ZONE = option<string>({ key: 'table.local-time-zone', type: 'string', defaultValue: 'default', description: 'Time zone of TIMESTAMP_LTZ values shown as text and of local-time functions; default is the system zone.' });
export const DEFAULT_PARALLELISM = option<number>({ key: 'table.exec.resource.default-parallelism', type: 'int', defaultValue: -1, description: 'Parallelism of SQL operators; -1 uses parallelism.default.' });
export const SQL_DIALECT = option<'DEFAULT'>({ key: 'table.sql-dialect', type: 'enum', values: ['DEFAULT'], defaultValue: 'DEFAULT', description: 'Only Flink\'s default dialect is supported.' });
export const AGG_PHASE_STRATEGY = option<'AUTO' | 'ONE_PHASE' | 'TWO_PHASE'>({ key: 'table.optimizer.agg-phase-strategy', type: 'enum', values: ['AUTO', 'ONE_PHASE', 'TWO_PHASE'], defaultValue: 'AUTO', description: 'Accepted for compatibility.' });
export const DISTINCT_AGG_SPLIT = option<boolean>({ key: 'table.optimizer.distinct-agg.split.enabled', type: 'boolean', defaultValue: false, description: 'Accepted for compatibility.' });

export const TABLE_OPTIONS: readonly ConfigOption<unknown>[] = [
  STATE_TTL, MINI_BATCH_ENABLED, MINI_BATCH_LATENCY, MINI_BATCH_SIZE, SOURCE_IDLE_TIMEOUT, SINK_UPSERT_MATERIALIZE,
  SINK_NOT_NULL_ENFORCER, LOCAL_TIME_ZONE, DEFAULT_PARALLELISM, SQL_DIALECT, AGG_PHASE_STRATEGY, DISTINCT_AGG_SPLIT,
] as ConfigOption<unknown>[];
