// JSON functions: JSON_VALUE (RETURNING, ON EMPTY / ON ERROR), JSON_QUERY (wrappers),
// JSON_EXISTS, JSON_OBJECT, JSON_ARRAY (NULL / ABSENT ON NULL), JSON_STRING and IS JSON.
import { Types, withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import { literal, type Rex, type RexCall } from '../../planner/rex.ts';
import { decToString } from '../../types/decimal.ts';
import { isCharacter } from '../../types/type-rules.ts';
import { formatValue, parseValue } from '../../types/value-format.ts';
import type { CallSite, ScalarFunctionDef } from './function-def.ts';
import { evaluateJsonPath, parseJsonPath } from './json-path.ts';
import { cannotApply, castTo, fitFamily, fixed, inFamily, makeCall, STRING } from './signature.ts';

interface Behavior { readonly behavior: string; readonly default?: Rex }

const behaviorOf = (site: CallSite, key: 'onEmpty' | 'onError'): Behavior | undefined => site.flags?.[key] as Behavior | undefined;

/** Calls whose STRING result is JSON text that JSON_OBJECT / JSON_ARRAY embed as JSON, not as a string. */
const JSON_PRODUCERS = new Set(['JSON_OBJECT', 'JSON_ARRAY', 'JSON_QUERY']);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A JSON scalar as the RETURNING type's value. */
function jsonScalarTo(v: unknown, t: LogicalType): unknown {
  if (isCharacter(t)) return typeof v === 'string' ? v : JSON.stringify(v);
  return parseValue(typeof v === 'string' ? v : String(v), t);
}

const jsonValue: ScalarFunctionDef = {
  names: ['JSON_VALUE'],
  resolve(site) {
    const [doc, path] = site.operands;
    if (site.operands.length !== 2 || !inFamily(doc!.type, 'STRING') || !inFamily(path!.type, 'STRING')) cannotApply(site, ['JSON_VALUE(<CHARACTER>, <CHARACTER>)']);
    const ret = (site.flags?.['returning'] as LogicalType | undefined) ?? Types.STRING();
    const d = (b: Behavior | undefined): Rex => castTo(b?.behavior === 'DEFAULT' && b.default ? b.default : literal(null, Types.NULL()), ret);
    const ops = [fitFamily(doc!, 'STRING'), fitFamily(path!, 'STRING'), d(behaviorOf(site, 'onEmpty')), d(behaviorOf(site, 'onError'))];
    return makeCall(site, 'JSON_VALUE', ops, withNullability(ret, true));
  },
  impl: {
    kind: 'lenient',
    make(c) {
      const onEmpty = (c.flags?.['onEmpty'] as Behavior | undefined)?.behavior ?? 'NULL';
      const onError = (c.flags?.['onError'] as Behavior | undefined)?.behavior ?? 'NULL';
      const t = c.type;
      return (doc: string | null, path: string | null, emptyDefault: unknown, errorDefault: unknown) => {
        if (doc === null || path === null) return null;
        const error = (why: string): unknown => {
          if (onError === 'ERROR') throw new Error(`JSON_VALUE: ${why}`);
          return onError === 'DEFAULT' ? errorDefault : null;
        };
        const parsed = parseJson(doc);
        if (!parsed.ok) return error(`invalid JSON '${doc}'`);
        let items: unknown[];
        try {
          items = evaluateJsonPath(parsed.value, parseJsonPath(path));
        } catch (e) {
          return error((e as Error).message);
        }
        if (items.length === 0 || (items.length === 1 && items[0] === null)) {
          if (items.length === 0 && onEmpty === 'ERROR') throw new Error(`JSON_VALUE: no value at path '${path}'`);
          return items.length === 0 && onEmpty === 'DEFAULT' ? emptyDefault : null;
        }
        if (items.length > 1 || typeof items[0] === 'object') return error(`the value at path '${path}' is not a scalar`);
        try {
          return jsonScalarTo(items[0], t);
        } catch (e) {
          return error((e as Error).message);
        }
      };
    },
  },
};

const jsonQuery: ScalarFunctionDef = {
  names: ['JSON_QUERY'],
  resolve(site) {
    const [doc, path] = site.operands;
    if (site.operands.length !== 2 || !inFamily(doc!.type, 'STRING') || !inFamily(path!.type, 'STRING')) cannotApply(site, ['JSON_QUERY(<CHARACTER>, <CHARACTER>)']);
    return makeCall(site, 'JSON_QUERY', [fitFamily(doc!, 'STRING'), fitFamily(path!, 'STRING')], STRING(true));
  },
  impl: {
    kind: 'strict',
    make(c) {
      const wrapper = (c.flags?.['wrapper'] as string | undefined) ?? 'WITHOUT';
      const onEmpty = (c.flags?.['onEmpty'] as Behavior | undefined)?.behavior ?? 'NULL';
      const onError = (c.flags?.['onError'] as Behavior | undefined)?.behavior ?? 'NULL';
      const fallback = (b: string, why: string): string | null => {
        if (b === 'ERROR') throw new Error(`JSON_QUERY: ${why}`);
        return b === 'EMPTY ARRAY' ? '[]' : b === 'EMPTY OBJECT' ? '{}' : null;
      };
      return (doc: string, path: string) => {
        const parsed = parseJson(doc);
        if (!parsed.ok) return fallback(onError, `invalid JSON '${doc}'`);
        let items: unknown[];
        try {
          items = evaluateJsonPath(parsed.value, parseJsonPath(path));
        } catch (e) {
          return fallback(onError, (e as Error).message);
        }
        if (wrapper === 'WITH UNCONDITIONAL') return JSON.stringify(items);
        if (items.length === 0) return fallback(onEmpty, `no value at path '${path}'`);
        if (wrapper === 'WITH CONDITIONAL') {
          return items.length === 1 && typeof items[0] === 'object' && items[0] !== null ? JSON.stringify(items[0]) : JSON.stringify(items);
        }
        if (items.length > 1 || typeof items[0] !== 'object' || items[0] === null) return fallback(onError, `the value at path '${path}' is not an object or array`);
        return JSON.stringify(items[0]);
      };
    },
  },
};

const jsonExists: ScalarFunctionDef = {
  names: ['JSON_EXISTS'],
  resolve(site) {
    const [doc, path] = site.operands;
    if (site.operands.length !== 2 || !inFamily(doc!.type, 'STRING') || !inFamily(path!.type, 'STRING')) cannotApply(site, ['JSON_EXISTS(<CHARACTER>, <CHARACTER>)']);
    const ops = [fitFamily(doc!, 'STRING'), fitFamily(path!, 'STRING')];
    return makeCall(site, 'JSON_EXISTS', ops, Types.BOOLEAN(true));
  },
  impl: {
    kind: 'strict',
    make(c) {
      const onError = (c.flags?.['onError'] as Behavior | undefined)?.behavior ?? 'FALSE';
      const error = (why: string): boolean | null => {
        if (onError === 'ERROR') throw new Error(`JSON_EXISTS: ${why}`);
        return onError === 'TRUE' ? true : onError === 'UNKNOWN' ? null : false;
      };
      return (doc: string, path: string) => {
        const parsed = parseJson(doc);
        if (!parsed.ok) return error(`invalid JSON '${doc}'`);
        try {
          return evaluateJsonPath(parsed.value, parseJsonPath(path)).length > 0;
        } catch (e) {
          return error((e as Error).message);
        }
      };
    },
  },
};

/** A SQL value as a JSON value (JSON text from JSON_* calls stays JSON). */
function toJsonValue(v: unknown, t: LogicalType, raw: boolean): unknown {
  if (v === null) return null;
  if (raw) return JSON.parse(v as string);
  switch (t.root) {
    case 'BOOLEAN': case 'TINYINT': case 'SMALLINT': case 'INT': case 'FLOAT': case 'DOUBLE': return v;
    case 'BIGINT': return typeof v === 'bigint' ? new RawJson(String(v)) : v;
    case 'DECIMAL': return new RawJson(decToString(v as bigint, t.scale ?? 0));
    case 'CHAR': case 'VARCHAR': return v;
    case 'BINARY': case 'VARBINARY': return Buffer.from(v as Uint8Array).toString('base64');
    case 'ARRAY': return (v as unknown[]).map((e) => toJsonValue(e, t.element!, false));
    case 'MAP': return Object.fromEntries([...(v as Map<unknown, unknown>)].map(([k, x]) => [String(k), toJsonValue(x, t.value!, false)]));
    case 'ROW': return Object.fromEntries((v as unknown[]).map((x, i) => [t.fields![i]!.name, toJsonValue(x, t.fields![i]!.type, false)]));
    default: return formatValue(v, t);
  }
}

/** Exact number text (BIGINT beyond 2^53, DECIMAL) that JSON.stringify would otherwise round. */
class RawJson {
  readonly text: string;
  constructor(text: string) { this.text = text; }
}

/** JSON text; RawJson numbers are written as they are. */
export function stringifyJson(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(stringifyJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${stringifyJson(x)}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const isRaw = (r: Rex): boolean => r.kind === 'call' && JSON_PRODUCERS.has(r.op);

const jsonObject: ScalarFunctionDef = {
  names: ['JSON_OBJECT'],
  resolve(site) {
    if (site.operands.length % 2 !== 0 || !site.operands.every((o, i) => i % 2 === 1 || inFamily(o.type, 'STRING'))) cannotApply(site, ['JSON_OBJECT(KEY <CHARACTER> VALUE <ANY>, ...)']);
    return makeCall(site, 'JSON_OBJECT', site.operands.map((o, i) => (i % 2 === 0 ? fitFamily(o, 'STRING') : o.type.root === 'NULL' ? castTo(o, Types.STRING()) : o)), STRING(false));
  },
  impl: {
    kind: 'lenient',
    make(c: RexCall) {
      const absent = c.flags?.['onNull'] === 'ABSENT';
      const ops = c.operands;
      return (...args: unknown[]) => {
        const parts: string[] = [];
        for (let i = 0; i < args.length; i += 2) {
          if (args[i] === null) throw new Error('JSON_OBJECT: a key is NULL');
          const v = args[i + 1];
          if (v === null && absent) continue;
          parts.push(`${JSON.stringify(args[i])}:${stringifyJson(toJsonValue(v ?? null, ops[i + 1]!.type, isRaw(ops[i + 1]!)))}`);
        }
        return `{${parts.join(',')}}`;
      };
    },
  },
};

const jsonArray: ScalarFunctionDef = {
  names: ['JSON_ARRAY'],
  resolve(site) {
    return makeCall(site, 'JSON_ARRAY', site.operands.map((o) => (o.type.root === 'NULL' ? castTo(o, Types.STRING()) : o)), STRING(false));
  },
  impl: {
    kind: 'lenient',
    make(c: RexCall) {
      const keepNull = c.flags?.['onNull'] === 'NULL';
      const ops = c.operands;
      return (...args: unknown[]) => {
        const parts: string[] = [];
        args.forEach((v, i) => { if (v !== null || keepNull) parts.push(stringifyJson(toJsonValue(v, ops[i]!.type, isRaw(ops[i]!)))); });
        return `[${parts.join(',')}]`;
      };
    },
  },
};

const isJson = (negated: boolean, kind: 'VALUE' | 'OBJECT' | 'ARRAY' | 'SCALAR'): ScalarFunctionDef =>
  fixed([`IS ${negated ? 'NOT ' : ''}JSON${kind === 'VALUE' ? '' : ` ${kind}`}`, ...(kind === 'VALUE' ? [`IS ${negated ? 'NOT ' : ''}JSON VALUE`] : [])], [['STRING']], () => Types.BOOLEAN(false), {
    kind: 'lenient',
    make: () => (s: string | null) => {
      if (s === null) return false;
      const p = parseJson(s);
      const ok = p.ok && (kind === 'VALUE' || (kind === 'OBJECT' ? typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value)
        : kind === 'ARRAY' ? Array.isArray(p.value) : typeof p.value !== 'object' || p.value === null));
      return ok !== negated;
    },
  }, { ownNullability: true });

export const JSON_FUNCTIONS: readonly ScalarFunctionDef[] = [
  jsonValue, jsonQuery, jsonExists, jsonObject, jsonArray,
  fixed('JSON_STRING', [['ANY']], () => STRING(false), {
    kind: 'strict',
    make: (c) => (v: unknown) => stringifyJson(toJsonValue(v, c.operands[0]!.type, false)),
  }),
  ...(['VALUE', 'OBJECT', 'ARRAY', 'SCALAR'] as const).flatMap((k) => [isJson(false, k), isJson(true, k)]),
];

