// The LogicalType a parsed type specification (`DECIMAL(10, 2)`, `ARRAY<INT NOT NULL>`) denotes,
// with Flink's defaults and parameter limits.
import { MAX_LENGTH, Types, type LogicalType } from '../../core/types/logical-type.ts';
import type { TypeSpec } from '../ast/ast.ts';
import { SqlValidationError } from '../sql-errors.ts';

const INTERVAL_YEAR_MONTH_UNITS = new Set(['YEAR', 'MONTH', 'QUARTER']);

export function toLogicalType(spec: TypeSpec): LogicalType {
  const p = spec.params;
  const n = spec.nullable;
  const bad = (why: string): never => { throw new SqlValidationError(why, spec.pos); };
  const maxParams = (k: number): void => { if (p.length > k) bad(`Type ${spec.name} takes at most ${k} parameter(s), got ${p.length}`); };
  const length = (dflt: number): number => {
    maxParams(1);
    const len = p[0] ?? dflt;
    if (!Number.isInteger(len) || len < 1 || len > MAX_LENGTH) bad(`Length of type ${spec.name} must be between 1 and ${MAX_LENGTH} (both inclusive), got ${len}`);
    return len;
  };
  const fracPrecision = (dflt: number, max: number): number => {
    maxParams(1);
    const prec = p[0] ?? dflt;
    if (!Number.isInteger(prec) || prec < 0 || prec > max) bad(`${spec.name} precision must be between 0 and ${max} (both inclusive), got ${prec}`);
    return prec;
  };
  const element = (i: number): LogicalType => {
    const e = spec.elementTypes[i];
    return e ? toLogicalType(e) : bad(`Type ${spec.name} needs ${spec.name === 'MAP' ? 'a key and a value type' : 'an element type'}`);
  };
  switch (spec.name) {
    case 'BOOLEAN': case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': case 'FLOAT': case 'DOUBLE': case 'DATE':
      maxParams(0);
      return { root: spec.name, nullable: n };
    case 'INTEGER': maxParams(0); return Types.INT(n);
    case 'DECIMAL': case 'DEC': case 'NUMERIC': {
      maxParams(2);
      const precision = p[0] ?? 10;
      const scale = p[1] ?? 0;
      if (!Number.isInteger(precision) || precision < 1 || precision > 38) bad(`Decimal precision must be between 1 and 38 (both inclusive), got ${precision}`);
      if (!Number.isInteger(scale) || scale < 0 || scale > precision) bad(`Decimal scale must be between 0 and the precision ${precision} (both inclusive), got ${scale}`);
      return Types.DECIMAL(precision, scale, n);
    }
    case 'STRING': maxParams(0); return Types.STRING(n);
    case 'BYTES': maxParams(0); return Types.BYTES(n);
    case 'VARCHAR': return Types.VARCHAR(length(1), n);
    case 'CHAR': return Types.CHAR(length(1), n);
    case 'BINARY': return Types.BINARY(length(1), n);
    case 'VARBINARY': return Types.VARBINARY(length(1), n);
    case 'TIME': return Types.TIME(fracPrecision(0, 9), n);
    case 'TIMESTAMP': return Types.TIMESTAMP(fracPrecision(6, 9), n);
    case 'TIMESTAMP_LTZ': return Types.TIMESTAMP_LTZ(fracPrecision(6, 9), n);
    case 'ARRAY': return Types.ARRAY(element(0), n);
    case 'MULTISET': return Types.MULTISET(element(0), n);
    case 'MAP': return Types.MAP(element(0), element(1), n);
    case 'ROW': {
      const names = new Set<string>();
      const fields = spec.fields.map((f) => {
        if (names.has(f.name.name)) bad(`Field names must be unique, found duplicate '${f.name.name}'`);
        names.add(f.name.name);
        return { name: f.name.name, type: toLogicalType(f.type), ...(f.comment !== undefined ? { description: f.comment } : {}) };
      });
      return Types.ROW(fields, n);
    }
    case 'INTERVAL':
      return INTERVAL_YEAR_MONTH_UNITS.has(spec.intervalUnit ?? 'SECOND') ? Types.INTERVAL_YEAR_MONTH(n) : Types.INTERVAL_DAY_TIME(n);
    case 'NULL': return Types.NULL();
    case 'RAW': return { root: 'RAW', nullable: n };
    default:
      return bad(`Unknown type '${spec.name}'`);
  }
}
