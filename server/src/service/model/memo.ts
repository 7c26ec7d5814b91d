// A bounded memo of what an item's text alone decides, keyed by that text. Real metabases repeat the same
// items on every application (`.asp,C:\WINDOWS\system32\inetsrv\asp.dll,5,GET,HEAD,POST,TRACE`), so their
// parse, findings and facts are worked out once. Only items written without character references are
// memoised (raw text = decoded text, so offsets move by the item's start alone); the others are computed as
// before. A pure cache: with it off (see setMemos) every result is the same.

/** Items longer than this are computed every time: they rarely repeat, and their findings may be many. */
export const MAX_MEMO_ITEM = 512;

/**
 * The characters of the keys of every memo together: past this, every memo starts again empty (what an
 * entry holds besides its key is of the key's size: its fields are slices of it, its messages quote them).
 */
const MAX_CHARS = 1 << 19;
/** What an entry costs besides its key, counted in characters. */
const ENTRY_COST = 64;

let enabled = true;
let chars = 0;
const all: Array<ItemMemo<unknown>> = [];

/** Turns every item memo off or on (tests compare the two). Clears them either way. */
export function setMemos(on: boolean): void {
  enabled = on;
  clearAll();
}

function clearAll(): void {
  for (const memo of all) memo.map.clear();
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
    all.push(this);
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
    if (chars > MAX_CHARS) clearAll();
    this.map.set(key, value);
  }
}
