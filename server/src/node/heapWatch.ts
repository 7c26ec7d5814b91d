// Watches Node's heap while one document is read, so that a document whose model does not fit (millions of
// problems) is given up with a message before Node runs out of memory and aborts the process: the CLI goes on
// with its other files, the language server with the document unchecked. Node only (the web worker has no
// such statistics).

import { getHeapStatistics } from 'node:v8';

/**
 * The shares of the old generation's limit (the heap's limit less the young generation's 48 MB, the
 * --max-old-space-size Node was given) past which a document is given up. Past `grown`, a document that grew
 * the heap by half that much itself: what the heap held before may be garbage (of a document given up
 * before), so a document is judged by its own growth, from the lowest the heap was while it was read. Past
 * `full`, any document that grew it by a tenth itself: what the heap holds then (other documents' models, in
 * a server) leaves too little room, and V8 would abort before the heap is full; a reading that grew it less
 * is not to blame (what it holds may be the garbage of a reading given up just before). A server, whose
 * other documents and requests need memory too, gives up sooner than the CLI, which reads one file at a time.
 */
export interface HeapShares {
  grown: number;
  full: number;
}

/** The CLI holds no other file while it reads one: what its heap holds besides is garbage (of a file given up). */
export const CLI_HEAP_SHARES: HeapShares = { grown: 0.9, full: Infinity };
export const SERVER_HEAP_SHARES: HeapShares = { grown: 0.75, full: 0.85 };
const YOUNG_GENERATION = 48 << 20;
/**
 * Milliseconds of reading between two looks at the heap (a look costs about a microsecond). A step (a segment,
 * a thousand items or ten thousand findings of a list) takes far less, but one step can still make a list's
 * lines or items at once: the share leaves room for that.
 */
const LOOK_EVERY_MS = 2;

export class HeapWatch {
  /** The old generation's limit, in MB (what a message names). */
  readonly limitMb: number;
  private readonly grown: number;
  private readonly full: number;
  private readonly tenth: number;
  private lowest = getHeapStatistics().used_heap_size;
  private looked = performance.now();

  constructor(shares: HeapShares) {
    const old = Math.max(getHeapStatistics().heap_size_limit - YOUNG_GENERATION, YOUNG_GENERATION);
    this.limitMb = Math.round(old / 2 ** 20);
    this.grown = shares.grown * old;
    this.full = shares.full * old;
    this.tenth = old / 10;
  }

  /** Judges the reading from now on: what the heap grew by before is not its own (another reading's). */
  restart(): void {
    this.lowest = getHeapStatistics().used_heap_size;
    this.looked = performance.now();
  }

  /** Called between steps of the reading: whether to give the document up (it looks at the heap every few milliseconds). */
  exceeded(): boolean {
    if (performance.now() - this.looked < LOOK_EVERY_MS) return false;
    this.looked = performance.now();
    const used = getHeapStatistics().used_heap_size;
    this.lowest = Math.min(this.lowest, used);
    const growth = used - this.lowest;
    return (used > this.grown && growth > this.grown / 2) || (used > this.full && growth > this.tenth);
  }
}
