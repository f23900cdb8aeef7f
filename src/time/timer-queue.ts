// A deduplicated priority queue of timers, bucketed by timestamp: a binary min-heap of the distinct
// timestamps (numeric comparisons only), and per timestamp a Map from namespace to the timers of
// that (timestamp, namespace) by key. Primitive keys are Map keys as they are; composite keys
// (objects, arrays, Dates) by their canonical form. Registering a timer that exists is a few Map
// lookups, with no string building and no allocation for primitive keys.
//
// Order of timers with equal timestamps: by key group, then key (see compareKeyValues), then namespace.
// It is a total order on distinct timers, so the firing order depends only on the set of queued
// timers: it is the same after a restore and at another parallelism.
import { canonicalKey } from '../core/key-group.ts';
import type { Timer } from './timer-service.ts';

export class HeapTimer implements Timer {
  readonly key: unknown;
  readonly namespace: string;
  readonly timestamp: number;
  /** Stored so a snapshot can group timers without hashing keys again. */
  readonly keyGroup: number;
  /** Canonical form of a composite key; undefined for primitive keys. */
  readonly canonical: string | undefined;
  /** False once polled or removed. */
  queued = true;

  constructor(key: unknown, namespace: string, timestamp: number, keyGroup: number, canonical: string | undefined) {
    this.key = key;
    this.namespace = namespace;
    this.timestamp = timestamp;
    this.keyGroup = keyGroup;
    this.canonical = canonical;
  }
}

/** The timers of one (timestamp, namespace). */
class Slot {
  readonly bucket: Bucket;
  readonly namespace: string;
  /** Timers of primitive keys, by the key itself (Map's SameValueZero: 0 and -0 are one key, as in canonicalKey). */
  readonly primitive = new Map<unknown, HeapTimer>();
  /** Timers of composite keys, by canonicalKey. */
  composite: Map<string, HeapTimer> | undefined;
  /**
   * Queued timers in the maps. Polled timers are not deleted from the maps (the slot goes as a
   * whole once empty), so the maps may hold timers with queued = false: they count as absent.
   */
  count = 0;
  constructor(bucket: Bucket, namespace: string) {
    this.bucket = bucket;
    this.namespace = namespace;
  }
}

/** The timers of one timestamp. */
class Bucket {
  readonly timestamp: number;
  readonly slots = new Map<string, Slot>();
  size = 0;
  /** Position in the heap of buckets; -1 once removed. */
  index = -1;
  /** While the bucket is being polled: its timers in firing order, from `next` on (stale entries have queued = false). */
  order: HeapTimer[] | undefined;
  next = 0;
  constructor(timestamp: number) {
    this.timestamp = timestamp;
  }
}

function isComposite(key: unknown): boolean {
  return typeof key === 'object' && key !== null;
}

/** Rank of a key's type in the order of keys: numbers, strings, bigints, booleans, undefined, null, composite. */
function typeRank(key: unknown): number {
  switch (typeof key) {
    case 'number': return 0;
    case 'string': return 1;
    case 'bigint': return 2;
    case 'boolean': return 3;
    case 'undefined': return 4;
    default: return key === null ? 5 : 6;
  }
}

/**
 * A total order of keys, consistent with key identity (0 and -0 are equal, NaN equals NaN and sorts
 * after every other number): by type (see typeRank), then by value; strings by UTF-16 code units,
 * composite keys by their canonical form (`cx`/`cy` when the caller has it already).
 */
export function compareKeyValues(x: unknown, y: unknown, cx?: string, cy?: string): number {
  if (typeof x === 'number' && typeof y === 'number') {
    if (x < y) return -1;
    if (x > y) return 1;
    if (x === y) return 0;
    return x !== x ? (y !== y ? 0 : 1) : -1; // NaN
  }
  const rx = typeRank(x);
  const ry = typeRank(y);
  if (rx !== ry) return rx - ry;
  if (rx === 6) {
    const a = cx ?? canonicalKey(x);
    const b = cy ?? canonicalKey(y);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return (x as string) < (y as string) ? -1 : (x as string) > (y as string) ? 1 : 0;
}

/** Firing order of timers with equal timestamps: key group, key, namespace. */
export function compareTimers(a: HeapTimer, b: HeapTimer): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  if (a.keyGroup !== b.keyGroup) return a.keyGroup - b.keyGroup;
  const byKey = compareKeyValues(a.key, b.key, a.canonical, b.canonical);
  if (byKey !== 0) return byKey;
  return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
}

/** The queued timers of a bucket in firing order: counting sort by key group, then each group sorted. */
function sortedTimers(bucket: Bucket): HeapTimer[] {
  const all: HeapTimer[] = [];
  let minGroup = Number.POSITIVE_INFINITY;
  let maxGroup = Number.NEGATIVE_INFINITY;
  for (const slot of bucket.slots.values()) {
    for (const t of slot.primitive.values()) {
      if (!t.queued) continue;
      all.push(t);
      if (t.keyGroup < minGroup) minGroup = t.keyGroup;
      if (t.keyGroup > maxGroup) maxGroup = t.keyGroup;
    }
    if (slot.composite !== undefined) {
      for (const t of slot.composite.values()) {
        if (!t.queued) continue;
        all.push(t);
        if (t.keyGroup < minGroup) minGroup = t.keyGroup;
        if (t.keyGroup > maxGroup) maxGroup = t.keyGroup;
      }
    }
  }
  const n = all.length;
  const range = maxGroup - minGroup + 1;
  if (n < 32 || !Number.isInteger(minGroup) || !Number.isInteger(maxGroup) || range > 4 * n + 1024) return all.sort(compareTimers);
  const starts = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) starts[all[i]!.keyGroup - minGroup + 1]!++;
  for (let g = 1; g <= range; g++) starts[g]! += starts[g - 1]!;
  const out = new Array<HeapTimer>(n);
  for (let i = 0; i < n; i++) {
    const t = all[i]!;
    out[starts[t.keyGroup - minGroup]!++] = t;
  }
  // starts[g] is now the end of group g, which starts where group g - 1 ends.
  let begin = 0;
  for (let g = 0; g < range; g++) {
    const end = starts[g]!;
    if (end - begin > 1) sortRun(out, begin, end);
    begin = end;
  }
  return out;
}

/** Sorts out[begin, end), timers of one key group, by compareTimers: insertion sort for short runs. */
function sortRun(out: HeapTimer[], begin: number, end: number): void {
  if (end - begin > 24) {
    const run = out.slice(begin, end).sort(compareTimers);
    for (let i = 0; i < run.length; i++) out[begin + i] = run[i]!;
    return;
  }
  for (let i = begin + 1; i < end; i++) {
    const t = out[i]!;
    let j = i - 1;
    while (j >= begin && compareTimers(out[j]!, t) > 0) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = t;
  }
}

export class TimerQueue {
  /** Min-heap of the buckets by timestamp; timestamps are distinct. */
  readonly #heap: Bucket[] = [];
  readonly #buckets = new Map<number, Bucket>();
  #size = 0;
  // The slot last looked up: consecutive registrations of one window hit it whatever their keys.
  #lastTimestamp = Number.NaN;
  #lastNamespace: string | undefined = undefined;
  #lastSlot: Slot | undefined = undefined;
  // Canonical form of the last composite key looked up: several timers are registered per record.
  #lastComposite: unknown = undefined;
  #lastCanonical = '';

  get size(): number {
    return this.#size;
  }

  /** Timestamp of the earliest timer; undefined when empty. */
  peekTimestamp(): number | undefined {
    return this.#heap.length === 0 ? undefined : this.#heap[0]!.timestamp;
  }

  /** Adds the timer unless the same (key, namespace, timestamp) is queued; returns whether it was added. */
  add(key: unknown, namespace: string, timestamp: number, keyGroup: number): boolean {
    let slot = this.#slot(namespace, timestamp);
    if (!isComposite(key)) {
      if (slot !== undefined && slot.primitive.get(key)?.queued === true) return false;
      slot ??= this.#newSlot(namespace, timestamp);
      const timer = new HeapTimer(key, namespace, timestamp, keyGroup, undefined);
      slot.primitive.set(key, timer);
      this.#added(timer, slot);
      return true;
    }
    const canonical = this.#canonical(key);
    if (slot !== undefined && slot.composite !== undefined && slot.composite.get(canonical)?.queued === true) return false;
    slot ??= this.#newSlot(namespace, timestamp);
    const timer = new HeapTimer(key, namespace, timestamp, keyGroup, canonical);
    (slot.composite ??= new Map()).set(canonical, timer);
    this.#added(timer, slot);
    return true;
  }

  /** Removes the timer of this (key, namespace, timestamp); returns whether there was one. */
  remove(key: unknown, namespace: string, timestamp: number): boolean {
    const slot = this.#slot(namespace, timestamp);
    if (slot === undefined) return false;
    const timer = isComposite(key) ? slot.composite?.get(this.#canonical(key)) : slot.primitive.get(key);
    if (timer === undefined || !timer.queued) return false;
    if (timer.canonical === undefined) slot.primitive.delete(timer.key);
    else slot.composite!.delete(timer.canonical);
    this.#unqueue(timer, slot);
    return true;
  }

  /**
   * Removes and returns the first timer in (timestamp, key group, key, namespace) order if its
   * timestamp is <= `due`. A bucket is sorted once when polling reaches it; timers added to it
   * meanwhile are inserted into that order.
   */
  pollDue(due: number): HeapTimer | undefined {
    for (;;) {
      const bucket = this.#heap[0];
      if (bucket === undefined || bucket.timestamp > due) return undefined;
      let order = bucket.order;
      if (order === undefined) {
        order = bucket.order = sortedTimers(bucket);
        bucket.next = 0;
      }
      while (bucket.next < order.length) {
        const timer = order[bucket.next++]!;
        if (!timer.queued) continue; // removed since the bucket was sorted
        this.#unqueue(timer, bucket.slots.get(timer.namespace)!);
        return timer;
      }
      // Unreachable while the bucket is in the heap (it then holds an unpolled timer); guards against a stale order.
      bucket.order = undefined;
    }
  }

  /** Removes and returns the earliest timer. */
  poll(): HeapTimer | undefined {
    return this.pollDue(Number.POSITIVE_INFINITY);
  }

  /** Every queued timer, in no particular order. */
  values(): HeapTimer[] {
    const all: HeapTimer[] = [];
    for (const bucket of this.#heap) {
      for (const slot of bucket.slots.values()) {
        for (const t of slot.primitive.values()) if (t.queued) all.push(t);
        if (slot.composite !== undefined) for (const t of slot.composite.values()) if (t.queued) all.push(t);
      }
    }
    return all;
  }

  #canonical(key: unknown): string {
    if (key !== this.#lastComposite) {
      this.#lastCanonical = canonicalKey(key);
      this.#lastComposite = key;
    }
    return this.#lastCanonical;
  }

  #slot(namespace: string, timestamp: number): Slot | undefined {
    if (timestamp === this.#lastTimestamp && namespace === this.#lastNamespace) return this.#lastSlot;
    const slot = this.#buckets.get(timestamp)?.slots.get(namespace);
    if (slot !== undefined) {
      this.#lastTimestamp = timestamp;
      this.#lastNamespace = namespace;
      this.#lastSlot = slot;
    }
    return slot;
  }

  #newSlot(namespace: string, timestamp: number): Slot {
    let bucket = this.#buckets.get(timestamp);
    if (bucket === undefined) {
      bucket = new Bucket(timestamp);
      this.#buckets.set(timestamp, bucket);
      bucket.index = this.#heap.length;
      this.#heap.push(bucket);
      this.#siftUp(bucket.index);
    }
    const slot = new Slot(bucket, namespace);
    bucket.slots.set(namespace, slot);
    this.#lastTimestamp = timestamp;
    this.#lastNamespace = namespace;
    this.#lastSlot = slot;
    return slot;
  }

  #added(timer: HeapTimer, slot: Slot): void {
    this.#size++;
    slot.count++;
    const bucket = slot.bucket;
    bucket.size++;
    const order = bucket.order;
    if (order === undefined) return;
    // The bucket is being polled: insert among the timers not polled yet.
    let lo = bucket.next;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTimers(order[mid]!, timer) < 0) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, timer);
  }

  /** Marks the timer as no longer queued (its map entry may stay, see Slot.count); drops its slot and bucket when empty. */
  #unqueue(timer: HeapTimer, slot: Slot): void {
    timer.queued = false;
    this.#size--;
    const bucket = slot.bucket;
    if (--slot.count === 0) {
      bucket.slots.delete(slot.namespace);
      if (slot === this.#lastSlot) {
        this.#lastSlot = undefined;
        this.#lastNamespace = undefined;
        this.#lastTimestamp = Number.NaN;
      }
    }
    if (--bucket.size === 0) {
      this.#buckets.delete(bucket.timestamp);
      this.#removeBucketAt(bucket.index);
    }
  }

  #removeBucketAt(i: number): void {
    const heap = this.#heap;
    const bucket = heap[i]!;
    const last = heap.pop()!;
    if (last !== bucket) {
      heap[i] = last;
      last.index = i;
      // The moved bucket may belong above or below slot i.
      if (i > 0 && last.timestamp < heap[(i - 1) >> 1]!.timestamp) this.#siftUp(i);
      else this.#siftDown(i);
    }
    bucket.index = -1;
    bucket.order = undefined;
  }

  #siftUp(i: number): void {
    const heap = this.#heap;
    const bucket = heap[i]!;
    const ts = bucket.timestamp;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!(ts < parent.timestamp)) break;
      heap[i] = parent;
      parent.index = i;
      i = parentIndex;
    }
    heap[i] = bucket;
    bucket.index = i;
  }

  #siftDown(i: number): void {
    const heap = this.#heap;
    const n = heap.length;
    const bucket = heap[i]!;
    const ts = bucket.timestamp;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && heap[right]!.timestamp < heap[left]!.timestamp ? right : left;
      const smallest = heap[child]!;
      if (!(smallest.timestamp < ts)) break;
      heap[i] = smallest;
      smallest.index = i;
      i = child;
    }
    heap[i] = bucket;
    bucket.index = i;
  }
}
