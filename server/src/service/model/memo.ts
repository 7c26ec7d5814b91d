// Bounded memos of what an item's (or a whole list value's) text alone decides, keyed by that text. Real
// metabases repeat the same items on every application (`.asp,C:\WINDOWS\system32\inetsrv\asp.dll,5,GET`),
// and IIS Manager copies whole lists from key to key, so their parse, findings and facts are worked out
// once. Only items written without character references are memoised (raw text = decoded text, so offsets
// move by the item's start alone); a whole value is keyed by its raw text, which decides its decoding too.
// Pure caches: with them off (see setMemos) every result is the same.

import { detach } from './detach';

/** Items longer than this are computed every time: they rarely repeat, and their findings may be many. */
export const MAX_MEMO_ITEM = 512;

/**
 * The characters of the keys of every item memo together: past this, every item memo starts again empty
 * (what an entry holds besides its key is of the key's size: its fields are slices of it, its messages quote them).
 */
const MAX_CHARS = 1 << 19;
/** What an entry costs besides its key, counted in characters. */
const ENTRY_COST = 64;

let enabled = true;
let chars = 0;
const items: Array<ItemMemo<unknown>> = [];
const values: Array<ValueMemo<unknown>> = [];

/** Turns every memo off or on (tests compare the two). Clears them either way. */
export function setMemos(on: boolean): void {
  enabled = on;
  clearItems();
  for (const memo of values) memo.clear();
}

function clearItems(): void {
  for (const memo of items) memo.map.clear();
  chars = 0;
}

/**
 * Lookups per window of the hit rate: a memo that found fewer than a quarter of them stops taking new
 * entries (each costs a copy of its text and garbage collection work) until it finds more, trying again one
 * window in eight, so that a file whose items do not repeat pays little more than the lookups.
 */
const WINDOW = 1024;

export class ItemMemo<V> {
  readonly map = new Map<string, V>();
  private lookups = 0;
  private hits = 0;
  private windows = 0;
  /** Whether a text not found now should be added (see WINDOW). */
  admits = true;

  constructor() {
    items.push(this);
  }

  /** Whether an item of this text can be memoised. */
  accepts(text: string): boolean {
    return enabled && text.length <= MAX_MEMO_ITEM;
  }

  get(text: string): V | undefined {
    const value = this.map.get(text);
    if (value !== undefined) this.hits++;
    if (++this.lookups === WINDOW) {
      this.admits = this.hits * 4 >= WINDOW || ++this.windows % 8 === 0;
      this.lookups = this.hits = 0;
    }
    return value;
  }

  /** `key` must not be a slice of a document (see detach). */
  set(key: string, value: V): void {
    chars += key.length + ENTRY_COST;
    if (chars > MAX_CHARS) clearItems();
    this.map.set(key, value);
  }
}

/** Whole values longer than this are read item by item every time. */
export const MAX_MEMO_VALUE = 1 << 15;
/** The values one probe keeps (see ValueMemo). */
const MAX_PER_PROBE = 4;
/**
 * The characters of the values one ValueMemo keeps: past this, it starts again empty. IIS writes keys in tree
 * order (a key, then the keys below it), so a list repeats on the keys right after the one it was first read
 * on (a site's applications). A memo of a hundred 1 KB lists finds the 45 MB benchmark file's repeats as one of
 * a thousand did, and its copies die before the collector moves them out of the young generation (one of a
 * thousand moved 13 MB more a parse).
 */
const MAX_VALUE_CHARS = 1 << 17;
/**
 * Whole list values read, with what was made of them. IIS Manager copies a site's lists to its applications
 * and the same default lists to every site. A value is looked up by a probe: a number mixed from its length
 * and a few dozen of its characters (hashing kilobytes of text for every key cost more than the rest of the
 * lookup, and a probe string made of slices cost a concatenation and its hash), then compared whole with
 * the values of that probe. A probe keeps a few values at most: lists that differ only where the probe does
 * not look (a hostile or generated file) would otherwise make each lookup compare with all of them.
 */
export class ValueMemo<V> {
  private map = new Map<number, Array<{ key: string; value: V }>>();
  private chars = 0;

  constructor() {
    values.push(this);
  }

  clear(): void {
    this.map = new Map();
    this.chars = 0;
  }

  /**
   * What `read` makes of `text` (a slice of a document): kept from an equal text read before, or read from a
   * copy of `text` and kept (so that the memo holds no slice of the document); a long text is read as it is.
   */
  through(text: string, read: (text: string) => V): V {
    if (!enabled || text.length > MAX_MEMO_VALUE) return read(text);
    const probe = probeOf(text);
    let same = this.map.get(probe);
    if (same) for (const entry of same) if (entry.key === text) return entry.value;
    const key = detach(text);
    const value = read(key);
    this.chars += key.length + ENTRY_COST;
    if (this.chars > MAX_VALUE_CHARS) {
      this.clear();
      same = undefined;
    }
    if (!same) this.map.set(probe, [{ key, value }]);
    else if (same.length < MAX_PER_PROBE) same.push({ key, value });
    return value;
  }
}

/**
 * A value's length, its first 16 characters, its last 48 and 16 from its middle (lists copied with an item
 * added differ there), mixed into a small integer (FNV-1a, kept in V8's small-integer range so that the map hashes it free).
 */
function probeOf(text: string): number {
  const middle = text.length >> 1;
  const h = mix(mix(mix(Math.imul(0x811c9dc5 ^ text.length, 0x01000193), text, 0, 16), text, text.length - 48, text.length), text, middle, middle + 16);
  return h & 0x3fffffff;
}

function mix(h: number, text: string, from: number, to: number): number {
  for (let i = Math.max(from, 0), end = Math.min(to, text.length); i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
