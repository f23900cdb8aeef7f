// Parses Flink SQL data types as written (INT NOT NULL, DECIMAL(10, 2), TIMESTAMP(3) WITH LOCAL TIME
// ZONE, ARRAY<T> and T ARRAY, MAP<K, V>, ROW<a INT> / ROW(a INT), INTERVAL DAY TO SECOND(3)).
import type { Ident, Pos, TimeUnit, TypeSpec } from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import type { TokenCursor } from './token-cursor.ts';

/** Every TimeUnit, and the plural spellings Flink also accepts in interval qualifiers. */
const TIME_UNITS: ReadonlyMap<string, TimeUnit> = new Map<string, TimeUnit>([
  ...(['MILLENNIUM', 'CENTURY', 'DECADE', 'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND',
    'MILLISECOND', 'MICROSECOND', 'NANOSECOND', 'DOW', 'DOY', 'EPOCH'] as const).map((u) => [u, u] as [string, TimeUnit]),
  ['YEARS', 'YEAR'], ['MONTHS', 'MONTH'], ['WEEKS', 'WEEK'], ['DAYS', 'DAY'], ['HOURS', 'HOUR'],
  ['MINUTES', 'MINUTE'], ['SECONDS', 'SECOND'], ['QUARTERS', 'QUARTER'],
]);

/** Units that may appear in `INTERVAL '..' unit [TO unit]` and INTERVAL types. */
const INTERVAL_UNITS: ReadonlySet<TimeUnit> = new Set(['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND']);

/** Reads a time unit keyword (EXTRACT, TIMESTAMPADD, FLOOR .. TO); `allowed` narrows the set. */
export function parseTimeUnit(c: TokenCursor, allowed?: ReadonlySet<TimeUnit>): TimeUnit {
  const t = c.peek();
  const unit = t.type === 'word' ? TIME_UNITS.get(t.value) : undefined;
  if (unit === undefined || (allowed && !allowed.has(unit))) {
    throw c.error(`a time unit (${[...(allowed ?? new Set(TIME_UNITS.values()))].join(', ')})`);
  }
  c.next();
  return unit;
}

export function isTimeUnit(c: TokenCursor, k = 0): boolean {
  const t = c.peek(k);
  return t.type === 'word' && TIME_UNITS.has(t.value);
}

/** `unit [(p)] [TO unit [(p)]]` of an interval literal or type; precisions are returned in order. */
export function parseIntervalQualifier(c: TokenCursor): { unit: TimeUnit; toUnit?: TimeUnit; precisions: number[] } {
  const unit = parseTimeUnit(c, INTERVAL_UNITS);
  const precisions: number[] = [];
  const leading = optionalPrecisions(c);
  let toUnit: TimeUnit | undefined;
  if (c.acceptWord('TO')) {
    toUnit = parseTimeUnit(c, INTERVAL_UNITS);
    const frac = optionalPrecisions(c);
    // DAY TO SECOND(3): the leading precision defaults to Flink's 2 so that params stay positional.
    if (leading.length > 0 || frac.length > 0) precisions.push(leading[0] ?? 2);
    if (frac.length > 0) precisions.push(frac[0]!);
  } else {
    precisions.push(...leading);
  }
  return toUnit === undefined ? { unit, precisions } : { unit, toUnit, precisions };
}

function optionalPrecisions(c: TokenCursor): number[] {
  if (!c.isOp('(')) return [];
  c.next();
  const list = [integer(c)];
  while (c.acceptOp(',')) list.push(integer(c));
  c.expectOp(')');
  return list;
}

function integer(c: TokenCursor): number {
  const t = c.peek();
  if (t.type !== 'number' || !/^\d+$/.test(t.value)) throw c.error('an integer');
  c.next();
  return Number(t.value);
}

function spec(pos: Pos, name: string, params: readonly number[] = [], more: Partial<TypeSpec> = {}): TypeSpec {
  return { kind: 'TypeSpec', pos, name, params, elementTypes: [], fields: [], nullable: true, ...more };
}

const SIMPLE: ReadonlyMap<string, string> = new Map([
  ['INT', 'INT'], ['INTEGER', 'INT'], ['BIGINT', 'BIGINT'], ['TINYINT', 'TINYINT'], ['SMALLINT', 'SMALLINT'],
  ['BOOLEAN', 'BOOLEAN'], ['FLOAT', 'FLOAT'], ['REAL', 'FLOAT'], ['STRING', 'STRING'], ['BYTES', 'BYTES'],
  ['DATE', 'DATE'], ['DECIMAL', 'DECIMAL'], ['DEC', 'DECIMAL'], ['NUMERIC', 'DECIMAL'], ['VARCHAR', 'VARCHAR'],
  ['VARBINARY', 'VARBINARY'], ['TIMESTAMP_LTZ', 'TIMESTAMP_LTZ'], ['NULL', 'NULL'],
]);

/** A data type with its nullability and any `ARRAY`/`MULTISET` suffixes (`INT NOT NULL ARRAY`). */
export function parseType(c: TokenCursor): TypeSpec {
  return c.nested(() => {
    let type = withNullability(c, parseBaseType(c));
    while (c.isWord('ARRAY') || c.isWord('MULTISET')) {
      const t = c.next();
      type = withNullability(c, spec(type.pos, t.value, [], { elementTypes: [type] }));
    }
    return type;
  });
}

function withNullability(c: TokenCursor, type: TypeSpec): TypeSpec {
  if (c.acceptWords('NOT', 'NULL')) return { ...type, nullable: false };
  // `INT NULL` is nullable as by default; `RETURNING INT NULL ON EMPTY` is a JSON clause, not the type's.
  if (c.isWord('NULL') && !c.isWord('ON', 1)) c.next();
  return type;
}

function parseBaseType(c: TokenCursor): TypeSpec {
  const t = c.peek();
  const pos = c.pos(t);
  if (t.type !== 'word') throw c.error('a data type');
  const word = t.value;
  const simple = SIMPLE.get(word);
  if (simple !== undefined) {
    c.next();
    return spec(pos, simple, optionalPrecisions(c));
  }
  switch (word) {
    case 'CHAR': case 'CHARACTER': case 'BINARY': {
      c.next();
      const varying = c.acceptWord('VARYING');
      const name = word === 'BINARY' ? (varying ? 'VARBINARY' : 'BINARY') : (varying ? 'VARCHAR' : 'CHAR');
      return spec(pos, name, optionalPrecisions(c));
    }
    case 'DOUBLE':
      c.next();
      c.acceptWord('PRECISION');
      return spec(pos, 'DOUBLE');
    case 'TIME': {
      c.next();
      const params = optionalPrecisions(c);
      c.acceptWords('WITHOUT', 'TIME', 'ZONE');
      return spec(pos, 'TIME', params);
    }
    case 'TIMESTAMP': {
      c.next();
      const params = optionalPrecisions(c);
      if (c.acceptWords('WITH', 'LOCAL', 'TIME', 'ZONE')) return spec(pos, 'TIMESTAMP_LTZ', params);
      if (c.isWords('WITH', 'TIME', 'ZONE')) throw new SqlParseError(c.pos(), 'TIMESTAMP WITH TIME ZONE is not supported; use TIMESTAMP_LTZ or TIMESTAMP WITH LOCAL TIME ZONE');
      c.acceptWords('WITHOUT', 'TIME', 'ZONE');
      return spec(pos, 'TIMESTAMP', params);
    }
    case 'INTERVAL': {
      c.next();
      const q = parseIntervalQualifier(c);
      return spec(pos, 'INTERVAL', q.precisions, q.toUnit === undefined ? { intervalUnit: q.unit } : { intervalUnit: q.unit, intervalToUnit: q.toUnit });
    }
    case 'ARRAY': case 'MULTISET': {
      c.next();
      c.expectOp('<');
      const element = parseType(c);
      c.expectOp('>');
      return spec(pos, word, [], { elementTypes: [element] });
    }
    case 'MAP': {
      c.next();
      c.expectOp('<');
      const key = parseType(c);
      c.expectOp(',');
      const value = parseType(c);
      c.expectOp('>');
      return spec(pos, 'MAP', [], { elementTypes: [key, value] });
    }
    case 'ROW': {
      c.next();
      const close = c.isOp('(') ? ')' : '>';
      if (close === '>' && !c.isOp('<')) throw c.error(`'<' or '('`);
      c.next();
      const fields: { name: Ident; type: TypeSpec; comment?: string }[] = [];
      if (!c.isOp(close)) {
        do {
          const name = c.ident('a field name');
          const type = parseType(c);
          const comment = c.peek().type === 'string' ? c.next().value : undefined;
          fields.push(comment === undefined ? { name, type } : { name, type, comment });
        } while (c.acceptOp(','));
      }
      c.expectOp(close);
      return spec(pos, 'ROW', [], { fields });
    }
    case 'RAW':
      throw new SqlParseError(pos, 'the RAW type is not supported');
    default:
      throw c.error('a data type');
  }
}
