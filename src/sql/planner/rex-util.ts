// Helpers over typed expressions: structural keys, input-reference rewriting, and Flink-style printing.
import { formatType, type LogicalType } from '../../core/types/logical-type.ts';
import { call, literal, type Rex, type RexCall } from './rex.ts';

/** A string equal for structurally equal expressions (used to match GROUP BY expressions). */
export function rexKey(rex: Rex): string {
  switch (rex.kind) {
    case 'input': return `$${rex.index}`;
    case 'literal': return `lit(${valueKey(rex.value)}:${formatType(rex.type)})`;
    case 'correl': return `$cor${rex.id}.${rex.index}`;
    case 'field': return `${rexKey(rex.operand)}.${rex.index}`;
    case 'call': return `${rex.op}${rex.unit ? `[${rex.unit}]` : ''}${rex.op === 'CAST' || rex.op === 'TRY_CAST' ? `<${formatType(rex.type)}>` : ''}(${rex.operands.map(rexKey).join(',')})${rex.flags ? JSON.stringify(rex.flags) : ''}`;
  }
}

function valueKey(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return `x'${Buffer.from(v).toString('hex')}'`;
  if (v instanceof Map) return `map${JSON.stringify([...v])}`;
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
}

/** Rewrites every input reference. */
export function mapInputs(rex: Rex, f: (index: number, type: LogicalType) => Rex): Rex {
  switch (rex.kind) {
    case 'input': return f(rex.index, rex.type);
    case 'literal': case 'correl': return rex;
    case 'field': return { ...rex, operand: mapInputs(rex.operand, f) };
    case 'call': return { ...rex, operands: rex.operands.map((o) => mapInputs(o, f)) };
  }
}

export function shiftInputs(rex: Rex, by: number): Rex {
  return by === 0 ? rex : mapInputs(rex, (i, type) => ({ kind: 'input', index: i + by, type }));
}

/** Replaces input refs by the given expressions (inlining a projection). */
export function substitute(rex: Rex, exprs: readonly Rex[]): Rex {
  return mapInputs(rex, (i) => exprs[i]!);
}

export function inputRefsOf(rex: Rex, into = new Set<number>()): Set<number> {
  switch (rex.kind) {
    case 'input': into.add(rex.index); break;
    case 'field': inputRefsOf(rex.operand, into); break;
    case 'call': for (const o of rex.operands) inputRefsOf(o, into); break;
    default: break;
  }
  return into;
}

export function isNonDeterministic(rex: Rex): boolean {
  return rex.kind === 'call' && (rex.nonDeterministic === true || rex.operands.some(isNonDeterministic));
}

/**
 * Whether outer expressions (and condition) over `inner` may be rewritten onto inner's input: not
 * when that would evaluate a non-deterministic expression (RAND(), PROCTIME()) twice or filter on a
 * value other than the one the row carries.
 */
export function canInline(inner: readonly Rex[], outer: readonly Rex[], condition?: Rex): boolean {
  const counts = new Map<number, number>();
  const count = (r: Rex): void => {
    if (r.kind === 'input') counts.set(r.index, (counts.get(r.index) ?? 0) + 1);
    else if (r.kind === 'call') r.operands.forEach(count);
    else if (r.kind === 'field') count(r.operand);
  };
  outer.forEach(count);
  const inCondition = condition ? inputRefsOf(condition) : new Set<number>();
  return inner.every((e, i) => !isNonDeterministic(e) || (!inCondition.has(i) && (counts.get(i) ?? 0) <= 1));
}

/** Splits a condition into its AND-ed parts. */
export function conjunctions(rex: Rex): Rex[] {
  if (rex.kind === 'call' && rex.op === 'AND') return rex.operands.flatMap(conjunctions);
  if (rex.kind === 'literal' && rex.value === true) return [];
  return [rex];
}

export function andAll(parts: readonly Rex[]): Rex {
  if (parts.length === 0) return literal(true, { root: 'BOOLEAN', nullable: false });
  if (parts.length === 1) return parts[0]!;
  const nullable = parts.some((p) => p.type.nullable);
  return parts.slice(1).reduce((acc, p) => call('AND', [acc, p], { root: 'BOOLEAN', nullable }), parts[0]!);
}

export function isTrueLiteral(rex: Rex): boolean {
  return rex.kind === 'literal' && rex.value === true;
}

const INFIX = new Set(['+', '-', '*', '/', '%', '=', '<>', '<', '<=', '>', '>=', 'AND', 'OR', '||', 'IS DISTINCT FROM', 'IS NOT DISTINCT FROM', 'LIKE', 'NOT LIKE', 'SIMILAR TO']);
const POSTFIX = new Set(['IS NULL', 'IS NOT NULL', 'IS TRUE', 'IS FALSE', 'IS NOT TRUE', 'IS NOT FALSE']);

/** Flink's plan spelling: `(a > 10)`, `CAST(x AS BIGINT)`, `4000:INTERVAL SECOND`, `_UTF-16LE'x'`. */
export function formatRex(rex: Rex, names: readonly string[]): string {
  switch (rex.kind) {
    case 'input': return names[rex.index] ?? `$${rex.index}`;
    case 'correl': return `$cor${rex.id}.${rex.index}`;
    case 'field': return `${formatRex(rex.operand, names)}.$${rex.index}`;
    case 'literal': return formatLiteral(rex.value, rex.type);
    case 'call': return formatCall(rex, names);
  }
}

function formatCall(rex: RexCall, names: readonly string[]): string {
  const args = rex.operands.map((o) => formatRex(o, names));
  if (INFIX.has(rex.op) && args.length >= 2) return `(${args.join(` ${rex.op} `)})`;
  if (POSTFIX.has(rex.op)) return `${rex.op}(${args[0]})`;
  switch (rex.op) {
    case 'NOT': return `NOT(${args[0]})`;
    case 'MINUS_PREFIX': return `-(${args[0]})`;
    case 'CAST': case 'TRY_CAST': return `${rex.op}(${args[0]} AS ${formatType(rex.type)})`;
    case 'REINTERPRET': return args[0]!;
    case 'CASE': return `CASE(${args.join(', ')})`;
    case 'IN': case 'NOT IN': return `${rex.op === 'IN' ? 'SEARCH' : 'NOT SEARCH'}(${args[0]}, Sarg[${args.slice(1).join(', ')}])`;
    case 'BETWEEN': return `BETWEEN(${args.join(', ')})`;
    default: return `${rex.op}(${rex.unit ? `FLAG(${rex.unit})${args.length ? ', ' : ''}` : ''}${args.join(', ')})`;
  }
}

export function formatLiteral(value: unknown, type: LogicalType): string {
  if (value === null) return 'null:' + formatType(type);
  switch (type.root) {
    case 'CHAR': case 'VARCHAR': return `_UTF-16LE'${String(value).replace(/'/g, "''")}'`;
    case 'INTERVAL_DAY_TIME': return `${String(value)}:INTERVAL SECOND`;
    case 'INTERVAL_YEAR_MONTH': return `${String(value)}:INTERVAL MONTH`;
    case 'DECIMAL': return formatDecimal(value as bigint, type.scale ?? 0);
    case 'BIGINT': return `${String(value)}:BIGINT`;
    case 'TIMESTAMP': case 'TIMESTAMP_LTZ': return `${new Date(value as number).toISOString().replace('T', ' ').replace('Z', '')}`;
    case 'DATE': return new Date((value as number) * 86_400_000).toISOString().slice(0, 10);
    default: return String(value);
  }
}

export function formatDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return neg ? `-${text}` : text;
}
