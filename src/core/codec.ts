// Binary encoding of values that cross a thread boundary or go into a snapshot: msgpack with
// record structures (msgpackr), which keeps object shapes once per batch instead of per value.
// bigints beyond 64 bits (exact DECIMAL values) use msgpackr's bigint extension.
import { Packr, Unpackr } from 'msgpackr';

const options = { useRecords: true, moreTypes: true, int64AsType: 'bigint' as const, mapsAsObjects: false, useBigIntExtension: true };

/** A codec per channel or snapshot; not shared between threads. */
export function createCodec(): { encode(value: unknown): Uint8Array; decode(bytes: Uint8Array): unknown } {
  const packr = new Packr(options);
  const unpackr = new Unpackr(options);
  return {
    encode: (value) => packr.pack(value),
    decode: (bytes) => unpackr.unpack(bytes),
  };
}

const shared = createCodec();
export const encodeValue = shared.encode;
export const decodeValue = shared.decode;
