// A deduplicated priority queue of timers: a binary min-heap for O(log n) add, remove and poll,
// plus a Map from a timer's identity to its heap slot.
import type { Timer } from './timer-service.ts';

export class HeapTimer implements Timer {
  readonly key: unknown;
  readonly namespace: string;
  readonly timestamp: number;
  /** Stored so a snapshot can group timers without hashing keys again. */
  readonly keyGroup: number;
  /** Identity of (key, namespace, timestamp), see timerId. */
  readonly id: string;
  /** Position in the heap array; -1 once removed. */
  index = -1;

  constructor(key: unknown, namespace: string, timestamp: number, keyGroup: number, id: string) {
    this.key = key;
    this.namespace = namespace;
    this.timestamp = timestamp;
    this.keyGroup = keyGroup;
    this.id = id;
  }
}

/**
 * Identity of a timer from its key's canonical form. The key is length-prefixed and the timestamp
 * comes last (it has no '|'), so no key or namespace can make two timers collide.
 */
export function timerId(canonicalKey: string, namespace: string, timestamp: number): string {
  return canonicalKey.length + ':' + canonicalKey + namespace + '|' + timestamp;
}

/**
 * Timestamp order; ties are broken by key group and identity, so the firing order depends only on
 * the set of timers, and is the same after a restore or at another parallelism.
 */
function before(a: HeapTimer, b: HeapTimer): boolean {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  if (a.keyGroup !== b.keyGroup) return a.keyGroup < b.keyGroup;
  return a.id < b.id;
}

export class TimerQueue {
  readonly #heap: HeapTimer[] = [];
  readonly #byId = new Map<string, HeapTimer>();

  get size(): number {
    return this.#heap.length;
  }

  /** The earliest timer, without removing it. */
  peek(): HeapTimer | undefined {
    return this.#heap[0];
  }

  /** Adds the timer unless one with the same id is queued; returns whether it was added. */
  add(key: unknown, namespace: string, timestamp: number, keyGroup: number, id: string): boolean {
    if (this.#byId.has(id)) return false;
    const timer = new HeapTimer(key, namespace, timestamp, keyGroup, id);
    this.#byId.set(id, timer);
    timer.index = this.#heap.length;
    this.#heap.push(timer);
    this.#siftUp(timer.index);
    return true;
  }

  /** Removes the timer with this id; returns whether there was one. */
  remove(id: string): boolean {
    const timer = this.#byId.get(id);
    if (timer === undefined) return false;
    this.#removeAt(timer.index);
    return true;
  }

  /** Removes and returns the earliest timer. */
  poll(): HeapTimer | undefined {
    return this.#heap.length === 0 ? undefined : this.#removeAt(0);
  }

  /** Every queued timer, in no particular order. */
  values(): readonly HeapTimer[] {
    return this.#heap;
  }

  #removeAt(i: number): HeapTimer {
    const heap = this.#heap;
    const timer = heap[i]!;
    const last = heap.pop()!;
    if (last !== timer) {
      heap[i] = last;
      last.index = i;
      // The moved timer may belong above or below slot i.
      if (i > 0 && before(last, heap[(i - 1) >> 1]!)) this.#siftUp(i);
      else this.#siftDown(i);
    }
    timer.index = -1;
    this.#byId.delete(timer.id);
    return timer;
  }

  #siftUp(i: number): void {
    const heap = this.#heap;
    const timer = heap[i]!;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(timer, parent)) break;
      heap[i] = parent;
      parent.index = i;
      i = parentIndex;
    }
    heap[i] = timer;
    timer.index = i;
  }

  #siftDown(i: number): void {
    const heap = this.#heap;
    const n = heap.length;
    const timer = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      const smallest = heap[child]!;
      if (!before(smallest, timer)) break;
      heap[i] = smallest;
      smallest.index = i;
      i = child;
    }
    heap[i] = timer;
    timer.index = i;
  }
}
