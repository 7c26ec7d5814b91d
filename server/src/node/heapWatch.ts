// Watches Node's heap while one document is read, so that a document whose model does not fit (millions of
// problems) is given up with a message before Node runs out of memory and aborts the process: the CLI goes on
// with its other files, the language server with the document unchecked. Node only (the web worker has no
// such statistics).

import { getHeapStatistics } from 'node:v8';

/**
 * Past a share of the old generation's limit (the heap's limit less the young generation's 48 MB, the
 * --max-old-space-size Node was given), a document that grew the heap by half that much itself is given up.
 * What the heap held before may be garbage (of a document given up before) or other documents' models: a
 * document is judged by its own growth, from the lowest the heap was while it was read. The CLI reads one
 * file at a time and takes 90%; a server, whose other documents and requests need memory too, takes less.
 */
export const CLI_HEAP_SHARE = 0.9;
export const SERVER_HEAP_SHARE = 0.75;
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
  private readonly most: number;
  private lowest = getHeapStatistics().used_heap_size;
  private looked = performance.now();

  constructor(share: number) {
    const old = Math.max(getHeapStatistics().heap_size_limit - YOUNG_GENERATION, YOUNG_GENERATION);
    this.limitMb = Math.round(old / 2 ** 20);
    this.most = share * old;
  }

  /** Called between steps of the reading: whether to give the document up (it looks at the heap every few milliseconds). */
  exceeded(): boolean {
    if (performance.now() - this.looked < LOOK_EVERY_MS) return false;
    this.looked = performance.now();
    const used = getHeapStatistics().used_heap_size;
    this.lowest = Math.min(this.lowest, used);
    return used > this.most && used - this.lowest > this.most / 2;
  }
}
