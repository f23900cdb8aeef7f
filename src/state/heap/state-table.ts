// Storage of one named keyed state: per key group, per namespace, a Map from key to Entry, with the
// last looked-up (group, namespace) map cached because one key's read and write follow each other.
import { WeirError } from '../../core/errors.ts';
import { VOID_NAMESPACE } from '../keyed-state-backend.ts';
import type { StateDescriptor } from '../state-descriptor.ts';
import type { KeyContext } from './key-context.ts';
import { storageKeyOf } from './storage-key.ts';
import type { TtlPolicy } from './ttl-policy.ts';

export type StateKind = StateDescriptor['kind'];

/** One (key, namespace) entry; mutated in place on update so the hot path does not allocate. */
export class Entry {
  /** The key as the caller gave it: applyToAllKeys and snapshots hand it back. */
  readonly key: unknown;
  value: unknown;
  /** Last write (or access) time for TTL of single-valued states; 0 when unused. */
  ts: number;

  constructor(key: unknown, value: unknown, ts: number) {
    this.key = key;
    this.value = value;
    this.ts = ts;
  }
}

type Slot = Map<unknown, Entry>;

export class StateTable {
  readonly name: string;
  readonly kind: StateKind;
  readonly ttl: TtlPolicy | undefined;
  /** The namespace accesses refer to (the state's setCurrentNamespace). */
  namespace: string = VOID_NAMESPACE;
  private readonly ctx: KeyContext;
  // VOID_NAMESPACE slots sit in their own array: the common case is an array index, not a map lookup.
  private readonly voidSlots: (Slot | undefined)[];
  private readonly namedSlots: (Map<string, Slot> | undefined)[];
  private cachedGroup = -1;
  private cachedNamespace: string = VOID_NAMESPACE;
  private cachedSlot: Slot | undefined = undefined;
  // The entry of the last lookup, valid while the key context is at the same version: a read and
  // the write that follows it (value() then update()) cost one map lookup, not two.
  private entryVersion = -1;
  private entryNamespace: string = VOID_NAMESPACE;
  private cachedEntry: Entry | undefined = undefined;

  constructor(name: string, kind: StateKind, ttl: TtlPolicy | undefined, ctx: KeyContext) {
    this.name = name;
    this.kind = kind;
    this.ttl = ttl;
    this.ctx = ctx;
    this.voidSlots = new Array<Slot | undefined>(ctx.groupCount).fill(undefined);
    this.namedSlots = new Array<Map<string, Slot> | undefined>(ctx.groupCount).fill(undefined);
  }

  now(): number {
    return this.ctx.now();
  }

  /** The current key's entry in the current namespace. */
  get(): Entry | undefined {
    return this.getIn(this.namespace);
  }

  getIn(namespace: string): Entry | undefined {
    if (this.entryVersion === this.ctx.version && namespace === this.entryNamespace) return this.cachedEntry;
    const slot = this.select(namespace);
    const entry = slot === undefined ? undefined : slot.get(this.ctx.storageKey);
    this.entryVersion = this.ctx.version;
    this.entryNamespace = namespace;
    this.cachedEntry = entry;
    return entry;
  }

  /** Adds an entry for the current key; the caller has checked that there is none. */
  insertIn(namespace: string, value: unknown, ts: number): void {
    const slot = this.select(namespace) ?? this.createSlot(namespace);
    const entry = new Entry(this.ctx.key, value, ts);
    slot.set(this.ctx.storageKey, entry);
    this.entryVersion = this.ctx.version;
    this.entryNamespace = namespace;
    this.cachedEntry = entry;
  }

  /** Sets the current key's value (and TTL time) in `namespace`, creating the entry if needed. */
  putIn(namespace: string, value: unknown, ts: number): void {
    const entry = this.getIn(namespace);
    if (entry === undefined) {
      this.insertIn(namespace, value, ts);
    } else {
      entry.value = value;
      entry.ts = ts;
    }
  }

  remove(): void {
    this.removeIn(this.namespace);
  }

  removeIn(namespace: string): void {
    const slot = this.select(namespace);
    this.entryVersion = -1;
    if (slot !== undefined && slot.delete(this.ctx.storageKey) && slot.size === 0) {
      this.dropSlot(this.ctx.groupIndex, namespace);
      this.cachedSlot = undefined;
    }
  }

  /**
   * Folds the current key's entries in `sources` into `target` with `combine(target, source)` and
   * removes the sources; entries that `keepLive` finds expired take no part.
   */
  mergeNamespaces(
    target: string,
    sources: readonly string[],
    combine: (a: unknown, b: unknown) => unknown,
    keepLive: (entry: Entry, now: number) => boolean,
  ): void {
    const now = this.ttl === undefined ? 0 : this.ctx.now();
    let merged: unknown;
    let found = false;
    for (const source of sources) {
      const entry = this.getIn(source);
      if (entry === undefined) continue;
      this.removeIn(source);
      if (this.ttl !== undefined && !keepLive(entry, now)) continue;
      merged = found ? combine(merged, entry.value) : entry.value;
      found = true;
    }
    if (!found) return;
    const existing = this.getIn(target);
    if (existing !== undefined && (this.ttl === undefined || keepLive(existing, now))) {
      merged = combine(existing.value, merged);
    }
    this.putIn(target, merged, now);
  }

  /**
   * Visits the entries of key group index `group` — in one namespace, or in all when `namespace` is
   * undefined — and removes those for which `keep` returns false (expired ones, when snapshotting).
   */
  sweep(group: number, namespace: string | undefined, keep: (entry: Entry, namespace: string) => boolean): void {
    const named = this.namedSlots[group];
    if (namespace === undefined || namespace === VOID_NAMESPACE) {
      const slot = this.voidSlots[group];
      if (slot !== undefined) this.sweepSlot(group, VOID_NAMESPACE, slot, keep);
    }
    if (named !== undefined && namespace !== VOID_NAMESPACE) {
      for (const [ns, slot] of named) {
        if (namespace === undefined || ns === namespace) this.sweepSlot(group, ns, slot, keep);
      }
    }
    this.invalidate(); // a slot may have been dropped
  }

  /** Visits every entry of key group index `group`, in every namespace (read only: nothing is removed). */
  forEachIn(group: number, fn: (entry: Entry, namespace: string) => void): void {
    const slot = this.voidSlots[group];
    if (slot !== undefined) for (const entry of slot.values()) fn(entry, VOID_NAMESPACE);
    const named = this.namedSlots[group];
    if (named !== undefined) {
      for (const [ns, s] of named) for (const entry of s.values()) fn(entry, ns);
    }
  }

  /** Puts a restored entry into key group index `group`. */
  load(group: number, namespace: string, key: unknown, value: unknown, ts: number): void {
    let slot: Slot | undefined;
    if (namespace === VOID_NAMESPACE) {
      slot = this.voidSlots[group] ??= new Map();
    } else {
      const named = this.namedSlots[group] ??= new Map();
      slot = named.get(namespace);
      if (slot === undefined) named.set(namespace, slot = new Map());
    }
    slot.set(storageKeyOf(key), new Entry(key, value, ts));
    this.invalidate();
  }

  /** Number of (key, namespace) entries. */
  size(): number {
    let n = 0;
    for (const slot of this.voidSlots) if (slot !== undefined) n += slot.size;
    for (const named of this.namedSlots) {
      if (named !== undefined) for (const slot of named.values()) n += slot.size;
    }
    return n;
  }

  /** Points the cache at (current group, namespace) and returns that slot, if it exists. */
  private select(namespace: string): Slot | undefined {
    const group = this.ctx.groupIndex;
    if (group !== this.cachedGroup || namespace !== this.cachedNamespace) {
      this.cachedGroup = group;
      this.cachedNamespace = namespace;
      this.cachedSlot = namespace === VOID_NAMESPACE ? this.voidSlots[group] : this.namedSlots[group]?.get(namespace);
    }
    return this.cachedSlot;
  }

  // Leaves the cache saying "no slot" for group -1 (no current key), which is true, so select() refills it.
  private invalidate(): void {
    this.entryVersion = -1;
    this.cachedGroup = -1;
    this.cachedNamespace = VOID_NAMESPACE;
    this.cachedSlot = undefined;
  }

  /** Creates the slot for (current group, namespace); select(namespace) has just run. */
  private createSlot(namespace: string): Slot {
    const group = this.ctx.groupIndex;
    if (group < 0) throw new WeirError(`state "${this.name}" was written before any current key was set`);
    const slot: Slot = new Map();
    if (namespace === VOID_NAMESPACE) {
      this.voidSlots[group] = slot;
    } else {
      (this.namedSlots[group] ??= new Map()).set(namespace, slot);
    }
    this.cachedSlot = slot;
    return slot;
  }

  private sweepSlot(group: number, namespace: string, slot: Slot, keep: (entry: Entry, namespace: string) => boolean): void {
    for (const [storageKey, entry] of slot) {
      if (!keep(entry, namespace)) slot.delete(storageKey);
    }
    if (slot.size === 0) this.dropSlot(group, namespace);
  }

  // Empty slots are dropped so that window namespaces, once cleared, leave nothing behind.
  private dropSlot(group: number, namespace: string): void {
    if (namespace === VOID_NAMESPACE) {
      this.voidSlots[group] = undefined;
      return;
    }
    const named = this.namedSlots[group];
    named?.delete(namespace);
    if (named?.size === 0) this.namedSlots[group] = undefined;
  }
}
