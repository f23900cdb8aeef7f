// A SQL/JSON path subset (`lax|strict $.a.b[0][*].*`, quoted member names) evaluated over
// parsed JSON values, as JSON_VALUE, JSON_QUERY and JSON_EXISTS use it.

type Step = { readonly kind: 'member'; readonly name: string } | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'anyMember' } | { readonly kind: 'anyIndex' };

export interface JsonPath {
  readonly strict: boolean;
  readonly steps: readonly Step[];
}

/** Raised for an invalid path and, in strict mode, for a path that does not fit the document. */
export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

const cache = new Map<string, JsonPath>();

export function parseJsonPath(text: string): JsonPath {
  let p = cache.get(text);
  if (p) return p;
  let s = text.trim();
  let strict = false;
  const mode = /^(lax|strict)\s+/i.exec(s);
  if (mode) { strict = mode[1]!.toLowerCase() === 'strict'; s = s.slice(mode[0].length); }
  if (!s.startsWith('$')) throw new JsonPathError(`Invalid JSON path '${text}': it must start with '$'`);
  const steps: Step[] = [];
  let i = 1;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '.') {
      i++;
      if (s[i] === '*') { steps.push({ kind: 'anyMember' }); i++; continue; }
      if (s[i] === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) throw new JsonPathError(`Invalid JSON path '${text}': unterminated quoted member name`);
        steps.push({ kind: 'member', name: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
      const m = /^[A-Za-z_$][\w$]*/.exec(s.slice(i));
      if (!m) throw new JsonPathError(`Invalid JSON path '${text}': expected a member name at position ${i + 1}`);
      steps.push({ kind: 'member', name: m[0] });
      i += m[0].length;
    } else if (ch === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) throw new JsonPathError(`Invalid JSON path '${text}': missing ']'`);
      const inner = s.slice(i + 1, end).trim();
      if (inner === '*') steps.push({ kind: 'anyIndex' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^(['"]).*\1$/.test(inner)) steps.push({ kind: 'member', name: inner.slice(1, -1) });
      else throw new JsonPathError(`Invalid JSON path '${text}': bad subscript [${inner}]`);
      i = end + 1;
    } else if (ch === ' ') {
      i++;
    } else {
      throw new JsonPathError(`Invalid JSON path '${text}': unexpected '${ch}' at position ${i + 1}`);
    }
  }
  p = { strict, steps };
  if (cache.size > 1000) cache.clear();
  cache.set(text, p);
  return p;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The items the path selects (empty when nothing matches in lax mode). */
export function evaluateJsonPath(doc: unknown, path: JsonPath): unknown[] {
  let items: unknown[] = [doc];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const item of items) {
      switch (step.kind) {
        case 'member':
          if (isObject(item) && Object.hasOwn(item, step.name)) next.push(item[step.name]);
          else if (!path.strict && Array.isArray(item)) for (const e of item) { if (isObject(e) && Object.hasOwn(e, step.name)) next.push(e[step.name]); }
          else if (path.strict) throw new JsonPathError(`No member '${step.name}' in strict mode`);
          break;
        case 'anyMember':
          if (isObject(item)) next.push(...Object.values(item));
          else if (path.strict) throw new JsonPathError('.* needs an object in strict mode');
          break;
        case 'index':
          if (Array.isArray(item) && step.index < item.length) next.push(item[step.index]);
          else if (!path.strict && !Array.isArray(item) && step.index === 0) next.push(item);
          else if (path.strict) throw new JsonPathError(`Index ${step.index} out of bounds in strict mode`);
          break;
        case 'anyIndex':
          if (Array.isArray(item)) next.push(...item);
          else if (!path.strict) next.push(item);
          else throw new JsonPathError('[*] needs an array in strict mode');
          break;
      }
    }
    items = next;
  }
  return items;
}
