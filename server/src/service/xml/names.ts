// Element and attribute names as strings, one string per name: a metabase repeats a few hundred names a
// million times. A name found in the table costs a comparison in place, not a new string (cut from the
// text, then hashed anew by every map it is looked up in); the table's strings are copies, so that it keeps
// no document alive.

import { detach } from '../model/detach';

/** Slots of the table (a power of two): a name takes the slot of its hash, and a name of the same hash replaces it. */
const SLOTS = 2048;
/** Names longer than this are not kept (a hostile file's are long and never repeat). */
const MAX_KEPT = 64;
const table: Array<string | undefined> = new Array<string | undefined>(SLOTS).fill(undefined);

/** The name [start, end) of `text`, as a string. */
export function nameAt(text: string, start: number, end: number): string {
  const length = end - start;
  if (length <= 0) return '';
  if (length > MAX_KEPT) return text.slice(start, end);
  // Its length and three of its characters: names of one length differ there.
  const slot = (Math.imul(length, 0x9e3779b1) ^ Math.imul(text.charCodeAt(start), 31) ^ Math.imul(text.charCodeAt(end - 1), 131) ^
    Math.imul(text.charCodeAt(start + (length >> 1)), 1031)) & (SLOTS - 1);
  const known = table[slot];
  if (known !== undefined && known.length === length && text.startsWith(known, start)) return known;
  const name = detach(text.slice(start, end));
  table[slot] = name;
  return name;
}
