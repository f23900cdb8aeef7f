// Flink SQL's logical types and how their values are represented in JavaScript. Formats,
// connectors and the SQL layer all agree on this one representation, so rows pass between
// them without conversion.
//
// Value representation (NULL is always `null`, never `undefined`):
//   BOOLEAN                      boolean
//   TINYINT SMALLINT INT         number (integer, wraps like Java on overflow)
//   BIGINT                       number when within ±(2^53-1), bigint otherwise ("canonical":
//                                a bigint value is never in the safe range, so === and Map keys work);
//                                exact over the whole 64-bit range, wraps like Java on overflow
//   DECIMAL(p, s)                bigint: the unscaled value (123.45 in DECIMAL(5,2) is 12345n);
//                                the scale comes from the type, which the planner always knows
//   FLOAT DOUBLE                 number (FLOAT values are rounded with Math.fround)
//   CHAR VARCHAR STRING          string
//   BINARY VARBINARY BYTES       Uint8Array
//   DATE                         number: days since 1970-01-01
//   TIME(p)                      number: milliseconds of the day
//   TIMESTAMP(p)                 number: epoch milliseconds of the wall-clock time read as UTC
//                                (precision beyond milliseconds is not kept)
//   TIMESTAMP_LTZ(p)             number: epoch milliseconds of the instant
//   INTERVAL DAY TO SECOND       number: milliseconds
//   INTERVAL YEAR TO MONTH       number: months
//   ARRAY<T>                     T[]
//   MAP<K, V> / MULTISET<T>      Map<K, V> / Map<T, number>
//   ROW<f T, ...>                unknown[] (field values by position)
//   NULL (type of the literal)   null

export type TypeRoot =
  | 'BOOLEAN' | 'TINYINT' | 'SMALLINT' | 'INT' | 'BIGINT' | 'DECIMAL' | 'FLOAT' | 'DOUBLE'
  | 'CHAR' | 'VARCHAR' | 'BINARY' | 'VARBINARY'
  | 'DATE' | 'TIME' | 'TIMESTAMP' | 'TIMESTAMP_LTZ'
  | 'INTERVAL_YEAR_MONTH' | 'INTERVAL_DAY_TIME'
  | 'ARRAY' | 'MAP' | 'MULTISET' | 'ROW' | 'NULL' | 'RAW';

/** Time attribute marker of a TIMESTAMP/TIMESTAMP_LTZ column (Flink prints `*ROWTIME*` / `*PROCTIME*`). */
export type TimeAttribute = 'ROWTIME' | 'PROCTIME';

export interface RowField {
  readonly name: string;
  readonly type: LogicalType;
  readonly description?: string;
}

/**
 * A type with its nullability. `length` is for CHAR/VARCHAR/BINARY/VARBINARY (STRING is VARCHAR
 * with length 2147483647, BYTES likewise); `precision`/`scale` for DECIMAL, TIME, TIMESTAMP(_LTZ)
 * (fractional-second precision) and intervals.
 */
export interface LogicalType {
  readonly root: TypeRoot;
  readonly nullable: boolean;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** ARRAY and MULTISET element, MAP key/value. */
  readonly element?: LogicalType;
  readonly key?: LogicalType;
  readonly value?: LogicalType;
  /** ROW fields. */
  readonly fields?: readonly RowField[];
  /** Set on rowtime/proctime columns of a table; cleared by operations that materialise time. */
  readonly timeAttribute?: TimeAttribute;
}

export const MAX_LENGTH = 2147483647;

const t = (root: TypeRoot, extra: Partial<LogicalType> = {}, nullable = true): LogicalType => ({ root, nullable, ...extra });

/** Factories for the common types, nullable unless `nullable` is false. */
export const Types = {
  BOOLEAN: (nullable = true) => t('BOOLEAN', {}, nullable),
  TINYINT: (nullable = true) => t('TINYINT', {}, nullable),
  SMALLINT: (nullable = true) => t('SMALLINT', {}, nullable),
  INT: (nullable = true) => t('INT', {}, nullable),
  BIGINT: (nullable = true) => t('BIGINT', {}, nullable),
  DECIMAL: (precision = 10, scale = 0, nullable = true) => t('DECIMAL', { precision, scale }, nullable),
  FLOAT: (nullable = true) => t('FLOAT', {}, nullable),
  DOUBLE: (nullable = true) => t('DOUBLE', {}, nullable),
  CHAR: (length = 1, nullable = true) => t('CHAR', { length }, nullable),
  VARCHAR: (length = 1, nullable = true) => t('VARCHAR', { length }, nullable),
  STRING: (nullable = true) => t('VARCHAR', { length: MAX_LENGTH }, nullable),
  BINARY: (length = 1, nullable = true) => t('BINARY', { length }, nullable),
  VARBINARY: (length = 1, nullable = true) => t('VARBINARY', { length }, nullable),
  BYTES: (nullable = true) => t('VARBINARY', { length: MAX_LENGTH }, nullable),
  DATE: (nullable = true) => t('DATE', {}, nullable),
  TIME: (precision = 0, nullable = true) => t('TIME', { precision }, nullable),
  TIMESTAMP: (precision = 6, nullable = true) => t('TIMESTAMP', { precision }, nullable),
  TIMESTAMP_LTZ: (precision = 6, nullable = true) => t('TIMESTAMP_LTZ', { precision }, nullable),
  INTERVAL_DAY_TIME: (nullable = true) => t('INTERVAL_DAY_TIME', { precision: 2, scale: 6 }, nullable),
  INTERVAL_YEAR_MONTH: (nullable = true) => t('INTERVAL_YEAR_MONTH', { precision: 2 }, nullable),
  ARRAY: (element: LogicalType, nullable = true) => t('ARRAY', { element }, nullable),
  MAP: (key: LogicalType, value: LogicalType, nullable = true) => t('MAP', { key, value }, nullable),
  MULTISET: (element: LogicalType, nullable = true) => t('MULTISET', { element }, nullable),
  ROW: (fields: readonly RowField[], nullable = true) => t('ROW', { fields }, nullable),
  NULL: () => t('NULL', {}, true),
} as const;

export function withNullability(type: LogicalType, nullable: boolean): LogicalType {
  return type.nullable === nullable ? type : { ...type, nullable };
}

/** The type without its time-attribute marker (what a query sees once time is materialised). */
export function withoutTimeAttribute(type: LogicalType): LogicalType {
  if (!type.timeAttribute) return type;
  const { timeAttribute: _drop, ...rest } = type;
  return rest;
}

/** Flink's spelling: `BIGINT NOT NULL`, `DECIMAL(10, 2)`, `TIMESTAMP(3) *ROWTIME*`, `ROW<`a` INT>`. */
export function formatType(type: LogicalType): string {
  const nn = type.nullable ? '' : ' NOT NULL';
  const attr = type.timeAttribute ? ` *${type.timeAttribute}*` : '';
  return `${formatRoot(type)}${nn}${attr}`;
}

function formatRoot(type: LogicalType): string {
  switch (type.root) {
    case 'VARCHAR': return type.length === MAX_LENGTH ? 'STRING' : `VARCHAR(${type.length})`;
    case 'VARBINARY': return type.length === MAX_LENGTH ? 'BYTES' : `VARBINARY(${type.length})`;
    case 'CHAR': case 'BINARY': return `${type.root}(${type.length})`;
    case 'DECIMAL': return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'TIME': return `TIME(${type.precision})`;
    case 'TIMESTAMP': return `TIMESTAMP(${type.precision})`;
    case 'TIMESTAMP_LTZ': return `TIMESTAMP_LTZ(${type.precision})`;
    case 'INTERVAL_DAY_TIME': return 'INTERVAL SECOND(3)';
    case 'INTERVAL_YEAR_MONTH': return 'INTERVAL MONTH';
    case 'ARRAY': return `ARRAY<${formatType(type.element!)}>`;
    case 'MULTISET': return `MULTISET<${formatType(type.element!)}>`;
    case 'MAP': return `MAP<${formatType(type.key!)}, ${formatType(type.value!)}>`;
    case 'ROW': return `ROW<${type.fields!.map((f) => `\`${f.name}\` ${formatType(f.type)}`).join(', ')}>`;
    default: return type.root;
  }
}

/** A table's or query's row type: named, typed columns in order. */
export interface RowType {
  readonly names: readonly string[];
  readonly types: readonly LogicalType[];
}

export function rowType(fields: readonly [string, LogicalType][]): RowType {
  return { names: fields.map((f) => f[0]), types: fields.map((f) => f[1]) };
}
