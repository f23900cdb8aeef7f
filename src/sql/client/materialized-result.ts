// The current rows of a query's result, kept by applying its changelog (+I/+U add a row, -U/-D
// remove an equal one), as the SQL client's table result mode shows it. Rows keep the order in
// which they were added; past `maxRows` the oldest are dropped, as in Flink.
import type { Row } from '../../core/row.ts';

interface Entry {
  readonly cells: readonly string[];
  alive: boolean;
}

export class MaterializedResult {
  readonly #maxRows: number;
  #entries: Entry[] = [];
  readonly #byKey = new Map<string, Entry[]>();
  #size = 0;
  #dead = 0;
  /** Changes applied since the result started. */
  changes = 0;

  constructor(maxRows: number) {
    this.#maxRows = maxRows;
  }

  get size(): number {
    return this.#size;
  }

  /** Applies one change; `cells` are the row's values as text (equal text means equal rows). */
  apply(kind: Row['kind'], cells: readonly string[]): void {
    this.changes++;
    const key = cells.join('\u0000');
    if (kind === '+I' || kind === '+U') {
      const entry: Entry = { cells, alive: true };
      this.#entries.push(entry);
      const same = this.#byKey.get(key);
      if (same) same.push(entry);
      else this.#byKey.set(key, [entry]);
      this.#size++;
      if (this.#size > this.#maxRows) this.#dropOldest();
      return;
    }
    const same = this.#byKey.get(key);
    const entry = same?.pop();
    if (!entry) return; // retraction of a row dropped for maxRows
    if (same!.length === 0) this.#byKey.delete(key);
    this.#kill(entry);
  }

  #kill(entry: Entry): void {
    entry.alive = false;
    this.#size--;
    if (++this.#dead > 1024 && this.#dead * 2 > this.#entries.length) {
      this.#entries = this.#entries.filter((e) => e.alive);
      this.#dead = 0;
    }
  }

  #dropOldest(): void {
    const oldest = this.#entries.find((e) => e.alive)!;
    const key = oldest.cells.join('\u0000');
    const same = this.#byKey.get(key)!;
    same.splice(same.indexOf(oldest), 1);
    if (same.length === 0) this.#byKey.delete(key);
    this.#kill(oldest);
  }

  /** The current rows in the order they were added. */
  rows(): (readonly string[])[] {
    return this.#entries.filter((e) => e.alive).map((e) => e.cells);
  }
}
