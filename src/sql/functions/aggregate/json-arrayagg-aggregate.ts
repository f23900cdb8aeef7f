// JSON_ARRAYAGG(x): a JSON array text of the non-NULL values in arrival order (ABSENT ON NULL,
// Flink's default); '[]' over no values. Each value is rendered as JSON once, when it arrives.
import type { LogicalType } from '../../../core/types/logical-type.ts';
import type { AggregateHandle } from '../aggregate-function.ts';

export function jsonArrayaggAggregate(argType: LogicalType, retraction: boolean): AggregateHandle<string[]> {
  const render = jsonRenderer(argType);
  return {
    createAccumulator: () => [],
    accumulate(acc, args) {
      if (args[0] !== null) acc.push(render(args[0]));
      return acc;
    },
    retract(acc, args) {
      if (!retraction) throw new Error('JSON_ARRAYAGG was built for an insert-only input but received a retraction');
      if (args[0] === null) return acc;
      const i = acc.indexOf(render(args[0]));
      if (i >= 0) acc.splice(i, 1);
      return acc;
    },
    merge(acc, other) {
      for (const v of other) acc.push(v);
      return acc;
    },
    getValue: (acc) => `[${acc.join(',')}]`,
  };
}

/** Renders a value of the type as JSON text: numbers as numbers, temporal values as ISO-8601 strings. */
export function jsonRenderer(type: LogicalType): (v: unknown) => string {
  switch (type.root) {
    case 'BOOLEAN': case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT':
      return (v) => String(v);
    case 'FLOAT': case 'DOUBLE':
      return (v) => (Number.isFinite(v) ? String(v) : JSON.stringify(String(v)));
    case 'DECIMAL':
      return (v) => decimalText(v as bigint, type.scale ?? 0);
    case 'DATE':
      return (v) => JSON.stringify(new Date((v as number) * 86_400_000).toISOString().slice(0, 10));
    case 'TIMESTAMP': case 'TIMESTAMP_LTZ':
      return (v) => JSON.stringify(new Date(v as number).toISOString().replace('Z', type.root === 'TIMESTAMP_LTZ' ? 'Z' : ''));
    case 'ARRAY': {
      const element = jsonRenderer(type.element!);
      return (v) => `[${(v as unknown[]).map((e) => (e === null ? 'null' : element(e))).join(',')}]`;
    }
    case 'ROW': {
      const fields = type.fields!.map((f) => [JSON.stringify(f.name), jsonRenderer(f.type)] as const);
      return (v) => `{${fields.map(([name, r], i) => {
        const e = (v as unknown[])[i];
        return `${name}:${e === null ? 'null' : r(e)}`;
      }).join(',')}}`;
    }
    default:
      return (v) => JSON.stringify(typeof v === 'string' ? v : String(v));
  }
}

function decimalText(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
