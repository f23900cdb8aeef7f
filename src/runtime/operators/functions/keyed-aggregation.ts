// Reduce functions for KeyedStream.sum/min/max/minBy/maxBy with Flink's semantics. A field is a
// property name (objects), an index (arrays as tuples), or absent (the records are plain values).
// sum/min/max return the key's first record with only the field replaced; minBy/maxBy return the
// whole record that holds the extreme value, the first or the last one on ties. Records are copied,
// never mutated, since emitted records may still be referenced downstream.
import { WeirError } from '../../../core/errors.ts';

export type AggregationField = string | number | undefined;

type Reduce<T> = (accumulated: T, value: T) => T;

function get(record: unknown, field: AggregationField): unknown {
  return field === undefined ? record : (record as Record<string | number, unknown>)[field];
}

/** A copy of `record` with `field` set; keeps arrays arrays and class instances' prototypes. */
function withField<T>(record: T, field: AggregationField, value: unknown): T {
  if (field === undefined) return value as T;
  const copy = Array.isArray(record) ? record.slice() : Object.assign(Object.create(Object.getPrototypeOf(record)), record);
  copy[field] = value;
  return copy;
}

function fieldName(op: string, field: AggregationField): string {
  return field === undefined ? `${op}()` : `${op}(${JSON.stringify(field)})`;
}

function show(x: unknown): string {
  return typeof x === 'string' ? `string ${JSON.stringify(x)}` : String(x);
}

function compare(op: string, field: AggregationField, a: unknown, b: unknown): number {
  if (a === undefined || a === null || b === undefined || b === null) {
    throw new WeirError(`${fieldName(op, field)}: cannot compare ${show(a)} with ${show(b)}; is the field name right?`);
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Sums numbers or bigints (not mixed); the rest of the first record is kept. */
export function sumAggregation<T>(field?: AggregationField): Reduce<T> {
  return (acc, value) => {
    const a = get(acc, field);
    const b = get(value, field);
    if ((typeof a !== 'number' || typeof b !== 'number') && (typeof a !== 'bigint' || typeof b !== 'bigint')) {
      throw new WeirError(`${fieldName('sum', field)}: the field must be a number or a bigint in every record, got ${show(a)} and ${show(b)}`);
    }
    return withField(acc, field, (a as number) + (b as number));
  };
}

/** The minimum of the field in the key's first record; ties keep it. */
export function minAggregation<T>(field?: AggregationField): Reduce<T> {
  return (acc, value) => {
    const a = get(acc, field);
    const b = get(value, field);
    return compare('min', field, a, b) <= 0 ? acc : withField(acc, field, b);
  };
}

/** The maximum of the field in the key's first record; ties keep it. */
export function maxAggregation<T>(field?: AggregationField): Reduce<T> {
  return (acc, value) => {
    const a = get(acc, field);
    const b = get(value, field);
    return compare('max', field, a, b) >= 0 ? acc : withField(acc, field, b);
  };
}

/** The record with the smallest field; on ties the first one seen (first = true) or the latest. */
export function minByAggregation<T>(field?: AggregationField, first = true): Reduce<T> {
  return (acc, value) => {
    const c = compare('minBy', field, get(acc, field), get(value, field));
    return c < 0 || (c === 0 && first) ? acc : value;
  };
}

/** The record with the largest field; on ties the first one seen (first = true) or the latest. */
export function maxByAggregation<T>(field?: AggregationField, first = true): Reduce<T> {
  return (acc, value) => {
    const c = compare('maxBy', field, get(acc, field), get(value, field));
    return c > 0 || (c === 0 && first) ? acc : value;
  };
}
