// How a key is stored in a JS Map: primitives as themselves (no work on the hot path), composites
// by their canonical text, so equal arrays/objects — also ones decoded from a snapshot — meet.
import { canonicalKey } from '../../core/key-group.ts';

/**
 * Composites become NUL + canonical text (which never starts with NUL); a string that starts with
 * NUL gets one more NUL; other strings stay as they are. So no string can collide with a composite.
 */
export function storageKeyOf(key: unknown): unknown {
  switch (typeof key) {
    case 'string':
      return key.charCodeAt(0) === 0 ? '\0' + key : key;
    case 'object':
    case 'function':
    case 'symbol':
      // canonicalKey rejects functions and symbols with a message naming the type.
      return key === null ? null : '\0' + canonicalKey(key);
    default:
      return key;
  }
}
