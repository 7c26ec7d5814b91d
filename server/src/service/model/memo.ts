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
const values: Array<RecentValues<unknown>> = [];

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
/** The distinct values a RecentValues memo keeps. */
const RECENT = 16;

/**
 * The last few distinct list values read, with what was made of them. IIS Manager copies a site's list to
 * its applications, which follow the site in the file, and the same default list to every site: a value
 * repeats within a few keys. Found by comparing with these few (a length tells most apart), not by a map:
 * hashing a value of kilobytes for every key cost more than the comparisons.
 */
export class RecentValues<V> {
  private keys: string[] = [];
  private made: V[] = [];

  constructor() {
    values.push(this);
  }

  clear(): void {
    this.keys = [];
    this.made = [];
  }

  /**
   * What `read` makes of `text` (a slice of a document): kept from an equal text read lately, or read from a
   * copy of `text` and kept (so that the memo holds no slice of the document); a long text is read as it is.
   */
  through(text: string, read: (text: string) => V): V {
    if (!enabled || text.length > MAX_MEMO_VALUE) return read(text);
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i].length !== text.length || keys[i] !== text) continue;
      const key = keys[i];
      const value = this.made[i];
      if (i > 0) {
        // The most recent first: a site's list is met again at each of its applications.
        keys.splice(i, 1);
        keys.unshift(key);
        this.made.splice(i, 1);
        this.made.unshift(value);
      }
      return value;
    }
    const key = detach(text);
    const value = read(key);
    keys.unshift(key);
    this.made.unshift(value);
    if (keys.length > RECENT) {
      keys.pop();
      this.made.pop();
    }
    return value;
  }
}
