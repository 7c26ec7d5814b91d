// A bounded memo of what an item's (or a whole list value's) text alone decides, keyed by that text. Real
// metabases repeat the same items on every application (`.asp,C:\WINDOWS\system32\inetsrv\asp.dll,5,GET`),
// and IIS Manager copies whole lists from key to key, so their parse, findings and facts are worked out
// once. Only items written without character references are memoised (raw text = decoded text, so offsets
// move by the item's start alone); a whole value is keyed by its raw text, which decides its decoding too.
// A pure cache: with it off (see setMemos) every result is the same.

import { detach } from './detach';

/** Items longer than this are computed every time: they rarely repeat, and their findings may be many. */
export const MAX_MEMO_ITEM = 512;

/**
 * Whole list values longer than this are computed item by item: a value memo serves the lists that IIS
 * Manager copies from key to key (a site's ScriptMaps on each of its applications), a few kilobytes each.
 */
export const MAX_MEMO_VALUE = 1 << 15;

/**
 * The memos that share a bound: past `max` characters of keys (and what entries hold besides, see
 * ENTRY_COST), every memo of the budget starts again empty (what an entry holds besides its key is of the
 * key's size: its fields are slices of it, its messages quote them).
 */
interface Budget {
  readonly max: number;
  chars: number;
  readonly memos: Array<ItemMemo<unknown>>;
}

const BUDGETS = {
  items: { max: 1 << 19, chars: 0, memos: [] } as Budget,
  // Values are kept apart, so that a run of distinct lists does not empty the item memos too.
  values: { max: 1 << 21, chars: 0, memos: [] } as Budget,
};

/** What an entry costs besides its key, counted in characters. */
const ENTRY_COST = 64;

let enabled = true;

/** Turns every memo off or on (tests compare the two). Clears them either way. */
export function setMemos(on: boolean): void {
  enabled = on;
  for (const budget of Object.values(BUDGETS)) clear(budget);
}

function clear(budget: Budget): void {
  for (const memo of budget.memos) memo.map.clear();
  budget.chars = 0;
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

  private readonly budget: Budget;
  private readonly maxText: number;

  /** A memo of items (by default), or of whole values (`'values'`: longer texts, a bound of their own). */
  constructor(kind: keyof typeof BUDGETS = 'items') {
    this.budget = BUDGETS[kind];
    this.maxText = kind === 'items' ? MAX_MEMO_ITEM : MAX_MEMO_VALUE;
    this.budget.memos.push(this);
  }

  /** Whether an entry of this text can be memoised. */
  accepts(text: string): boolean {
    return enabled && text.length <= this.maxText;
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
    this.budget.chars += key.length + ENTRY_COST;
    if (this.budget.chars > this.budget.max) clear(this.budget);
    this.map.set(key, value);
  }

  /**
   * What `read` makes of `text` (a slice of a document): from the memo, or read from a copy of `text` and
   * kept (so that the memo holds no slice of the document), or read from `text` itself when the memo does
   * not take it (too long, or a memo that finds too little to take more: see WINDOW).
   */
  through(text: string, read: (text: string) => V): V {
    if (!this.accepts(text)) return read(text);
    const found = this.get(text);
    if (found !== undefined) return found;
    if (!this.admits) return read(text);
    const key = detach(text);
    const value = read(key);
    this.set(key, value);
    return value;
  }
}
