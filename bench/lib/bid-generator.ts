// A datagen-like generator of Nexmark bid rows with the fields and distributions of /work/shared/bench/flink/workloads/00_source.sql.

/** One bid row, as the Flink workloads' `bid` view exposes it (dateTime in epoch milliseconds). */
export interface Bid {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly channel: string;
  readonly url: string;
  readonly dateTime: number;
  readonly extra: string;
}

/** Event time of row `seq`: 1 ms per row from 2023-11-14 22:13:20 UTC, as `seq + 1700000000000`. */
export const BID_EPOCH_MS = 1_700_000_000_000;

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// xoshiro128** (32-bit state words): datagen's fields are random, not derived from seq. Each thread
// has its own copy of this module, so the subtasks of a parallel job draw independent sequences.
let s0 = 0x9e3779b9 | 0;
let s1 = 0x243f6a88 | 0;
let s2 = 0xb7e15162 | 0;
let s3 = 0x85a308d3 | 0;

function nextU32(): number {
  const m = Math.imul(s1, 5);
  const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  return r;
}

/** Uniform integer in min..max (inclusive), as datagen's `random` kind with min/max. */
function between(min: number, max: number): number {
  return min + Math.floor((nextU32() / 4294967296) * (max - min + 1));
}

/** `words * 8` random lowercase hex characters (datagen's random string of that length). */
function hex(words: number): string {
  let s = '';
  for (let i = 0; i < words; i++) {
    const a = nextU32();
    s += HEX[a & 255]! + HEX[(a >>> 8) & 255]! + HEX[(a >>> 16) & 255]! + HEX[a >>> 24]!;
  }
  return s;
}

/** Row `seq` of the bid stream: auction 1000..10999, bidder 1000..100999, price 1..10,000,000, channel/url/extra of 8/48/24 hex chars. */
export function bidAt(seq: number): Bid {
  return {
    auction: between(1000, 10_999),
    bidder: between(1000, 100_999),
    price: between(1, 10_000_000),
    channel: hex(1),
    url: hex(6),
    dateTime: BID_EPOCH_MS + seq,
    extra: hex(3),
  };
}
