// LineIndex against a plain array of line starts: after any run of edits, with blocks of one to a few
// lines (so that edits span, empty and cut blocks), every start and every count is the array's.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/lineIndex';

/** Ascending starts from 0: gaps of 1 to 4 characters between lines. */
const STARTS = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 20 })
  .map((gaps) => gaps.reduce((starts, gap) => [...starts, starts[starts.length - 1] + gap], [0]));

/** An edit as LineIndex takes it, on the text `[0, length)` that the starts describe (`length` past the last one). */
const EDIT = fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(8), inserted: fc.nat(6), lines: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }) });

describe('LineIndex', () => {
  it('answers as a plain array of starts through any run of edits', () => {
    fc.assert(fc.property(STARTS, fc.array(EDIT, { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (initial, edits, blockSize) => {
      let starts = initial;
      let length = starts[starts.length - 1] + 2;
      let index = LineIndex.of(Uint32Array.from(starts), blockSize);
      for (const edit of edits) {
        // Line 0 never goes: the edit starts at 1 at the earliest, as FrozenDocument's do.
        const from = 1 + Math.floor(edit.from * (length - 1));
        const end = Math.min(length, from + edit.length);
        const delta = edit.inserted - (end - from);
        const added = [...new Set(edit.lines.map((l) => from + Math.floor(l * (edit.inserted + 1))))].sort((a, b) => a - b);
        starts = [...starts.filter((s) => s < from), ...added, ...starts.filter((s) => s > end).map((s) => s + delta)];
        length += delta;
        index = index.edited(from, end, added, delta);
        assert.equal(index.lineCount, starts.length);
        starts.forEach((s, line) => assert.equal(index.start(line), s, `start(${line})`));
        for (let offset = -1; offset <= length + 1; offset++) {
          assert.equal(index.countAtMost(offset), starts.filter((s) => s <= offset).length, `countAtMost(${offset})`);
        }
      }
    }), { numRuns: 1000 });
  });
});
