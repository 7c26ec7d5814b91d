// The offsets where a text's lines start, in blocks, so that an edit costs one block and the list of
// blocks, not the whole table: a 45 MB metabase has 1.4 million lines, and shifting every start after
// the edit (a 5.6 MB copy) took 5-10 ms per keystroke. Versions share their unchanged blocks; a block's
// starts are relative to its base, so the blocks after an edit move by a change of their bases only.

const BLOCK = 4096;

export class LineIndex {
  private constructor(
    private readonly blocks: readonly Uint32Array[],
    /** What each block's starts are relative to. */
    private readonly bases: Float64Array,
    /** The number of the first line of each block. */
    private readonly firstLines: Float64Array,
    readonly lineCount: number,
    /** Lines per block when the table is made or a block is cut (small in tests, to have many blocks). */
    private readonly blockSize: number,
  ) {}

  /** The index of the ascending line starts `starts` (the first one 0). */
  static of(starts: Uint32Array, blockSize = BLOCK): LineIndex {
    const blocks: Uint32Array[] = [];
    for (let i = 0; i < starts.length; i += blockSize) blocks.push(starts.subarray(i, i + blockSize));
    const firstLines = Float64Array.from(blocks, (_, b) => b * blockSize);
    return new LineIndex(blocks, new Float64Array(blocks.length), firstLines, starts.length, blockSize);
  }

  /** The offset where `line` starts (0 ≤ line < lineCount). */
  start(line: number): number {
    const b = this.blockOfLine(line);
    return this.bases[b] + this.blocks[b][line - this.firstLines[b]];
  }

  /** How many lines start at or before `offset`. */
  countAtMost(offset: number): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.bases[mid] + this.blocks[mid][0] <= offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const b = lo - 1;
    const block = this.blocks[b];
    const relative = offset - this.bases[b];
    return this.firstLines[b] + firstAbove(block, relative);
  }

  /**
   * The index after an edit: the starts from `from` to `end` (inclusive) are replaced by `added` (offsets
   * in the new text, ascending, within the edit), and those after `end` move by `delta`.
   */
  edited(from: number, end: number, added: readonly number[], delta: number): LineIndex {
    const lo = this.countAtMost(from - 1);
    const hi = this.countAtMost(end);
    // The blocks that hold the lines replaced, or the line before which the new ones go.
    const bLo = this.blockOfLine(Math.min(lo, this.lineCount - 1));
    const bHi = hi > lo ? this.blockOfLine(hi - 1) : bLo;
    const merged: number[] = [];
    for (let i = this.firstLines[bLo]; i < lo; i++) merged.push(this.start(i));
    for (const p of added) merged.push(p);
    const afterHi = this.firstLines[bHi] + this.blocks[bHi].length;
    for (let i = hi; i < afterHi; i++) merged.push(this.start(i) + delta);

    const blocks = this.blocks.slice(0, bLo);
    const bases = Array.from(this.bases.subarray(0, bLo));
    for (let i = 0; i < merged.length; i += this.blockSize) {
      const base = merged[i];
      const part = merged.slice(i, i + this.blockSize);
      blocks.push(Uint32Array.from(part, (p) => p - base));
      bases.push(base);
    }
    for (let b = bHi + 1; b < this.blocks.length; b++) {
      blocks.push(this.blocks[b]);
      bases.push(this.bases[b] + delta);
    }
    const firstLines = new Float64Array(blocks.length);
    for (let b = 1; b < blocks.length; b++) firstLines[b] = firstLines[b - 1] + blocks[b - 1].length;
    return new LineIndex(blocks, Float64Array.from(bases), firstLines, this.lineCount - (hi - lo) + added.length, this.blockSize);
  }

  /** The block that holds `line` (0 ≤ line < lineCount). */
  private blockOfLine(line: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstLines[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** The index of the first element > value in a sorted array (the length when none is). */
export function firstAbove(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
