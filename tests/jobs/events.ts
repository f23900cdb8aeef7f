// The events that exactly-once test jobs read, shared by job modules (to make them) and tests (to compute expected output).

export interface Event { id: number; user: string; amount: number }

/** The event for index i: a deterministic user among `keys` and a small integer amount. */
export function eventAt(i: number, keys: number): Event {
  return { id: i, user: `u${i % keys}`, amount: (i * 7) % 101 };
}
