// Key groups: a key's group is murmur3 of its canonical bytes mod maxParallelism, so every
// thread and process agrees where a key lives; subtask i of p owns a contiguous range of groups.

const textEncoder = new TextEncoder();
const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);
let scratch = new Uint8Array(256);

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 x86 32-bit (seed 0) of bytes[0, length). */
export function murmur3(bytes: Uint8Array, length = bytes.length): number {
  let h = 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    h = mix(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  let k = 0;
  switch (length & 3) {
    case 3: k ^= bytes[blocks + 2]! << 16; // falls through
    case 2: k ^= bytes[blocks + 1]! << 8; // falls through
    case 1:
      k ^= bytes[blocks]!;
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
  }
  return finish(h, length);
}

function hashNumber(n: number): number {
  f64[0] = n === 0 ? 0 : n; // -0 and 0 are the same key
  return finish(mix(mix(0, f64Words[0]!), f64Words[1]!), 8);
}

function hashString(s: string): number {
  const max = s.length * 3;
  if (scratch.length < max) scratch = new Uint8Array(Math.max(max, scratch.length * 2));
  const { written } = textEncoder.encodeInto(s, scratch);
  return murmur3(scratch, written);
}

/**
 * A stable text form of a composite key (array, object, bigint, Date), used to hash it and to
 * compare it in state maps. Object fields are sorted so `{a,b}` and `{b,a}` are the same key.
 */
export function canonicalKey(key: unknown): string {
  switch (typeof key) {
    case 'string': return 's' + key;
    case 'number': return 'n' + (key === 0 ? 0 : key);
    case 'bigint': return 'b' + key.toString();
    case 'boolean': return key ? 't' : 'f';
    case 'undefined': return 'u';
    case 'object':
      if (key === null) return 'z';
      if (key instanceof Date) return 'd' + key.getTime();
      if (Array.isArray(key)) return '[' + key.map(canonicalKey).join(',') + ']';
      return '{' + Object.keys(key).sort().map((k) => JSON.stringify(k) + ':' + canonicalKey((key as Record<string, unknown>)[k])).join(',') + '}';
    default:
      throw new TypeError(`a ${typeof key} cannot be used as a key`);
  }
}

/** murmur3 of the key's canonical bytes: numbers as float64, strings as UTF-8. */
export function hashKey(key: unknown): number {
  if (typeof key === 'number') return hashNumber(key);
  if (typeof key === 'string') return hashString(key);
  return hashString(canonicalKey(key));
}

export function keyGroupOf(key: unknown, maxParallelism: number): number {
  return hashKey(key) % maxParallelism;
}

/** First key group owned by `subtask` of `parallelism`: ceil(i * max / p). */
export function keyGroupRangeStart(subtask: number, parallelism: number, maxParallelism: number): number {
  return Math.ceil((subtask * maxParallelism) / parallelism);
}

export interface KeyGroupRange {
  readonly start: number; // inclusive
  readonly end: number; // exclusive
}

export function keyGroupRangeFor(subtask: number, parallelism: number, maxParallelism: number): KeyGroupRange {
  return {
    start: keyGroupRangeStart(subtask, parallelism, maxParallelism),
    end: keyGroupRangeStart(subtask + 1, parallelism, maxParallelism),
  };
}

/** The subtask that owns `keyGroup`: the inverse of keyGroupRangeFor. */
export function subtaskForKeyGroup(keyGroup: number, parallelism: number, maxParallelism: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}
