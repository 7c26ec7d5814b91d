// splitMultisz: a value without character references is split by indexOf, one with them by a regular
// expression that also reads referenced line breaks. On raw line breaks alone both must cut the same items.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitMultisz } from '../../server/src/service/model/multisz';

/** What the items of a value say: their offsets, line breaks and decoded text. */
function shape(text: string, start: number, end: number): unknown[][] {
  return splitMultisz(text, start, end).map((i) => [i.index, i.lineStart, i.start, i.end, i.lineBreak, i.value.text, i.value.raw(0), i.value.raw(i.value.text.length)]);
}

describe('splitMultisz', () => {
  it('cuts a value without references as the reference-aware split does', () => {
    const chars = fc.constantFrom('a', ',', ' ', '\t', '\r', '\n');
    fc.assert(fc.property(fc.array(chars, { maxLength: 40 }).map((c) => c.join('')), fc.nat(3), (value, pad) => {
      const before = 'x'.repeat(pad);
      const plain = `${before}${value}"`;
      // The same value with a harmless reference after it: the other path, the same items but the last.
      const referenced = `${before}${value}&#65;"`;
      const a = shape(plain, pad, pad + value.length);
      const b = shape(referenced, pad, pad + value.length + 5);
      const last = b.pop()!;
      const lastPlain = a.pop()!;
      assert.deepEqual(a, b);
      assert.deepEqual(lastPlain.slice(0, 3), last.slice(0, 3));
      assert.equal(`${lastPlain[5] as string}A`, last[5]);
    }), { seed: 20261128, numRuns: 2000 });
  });

  it('cuts a value with entities but no character reference as one with a reference', () => {
    const chars = fc.constantFrom('a', '&amp;', '&quot;', ' ', '\t', '\r', '\n');
    fc.assert(fc.property(fc.array(chars, { maxLength: 30 }).map((c) => c.join('')), (value) => {
      const a = shape(`${value}"`, 0, value.length);
      const b = shape(`${value}&#65;"`, 0, value.length + 5);
      b.pop();
      a.pop();
      assert.deepEqual(a, b);
    }), { seed: 20261128, numRuns: 2000 });
  });

  it('reads CR LF, a lone CR and a lone LF', () => {
    assert.deepEqual(shape('a\r\n\tb\rc\nd', 0, 9).map((i) => i.slice(0, 6)), [
      [0, 0, 0, 1, 'crlf', 'a'], [1, 3, 4, 5, 'cr', 'b'], [2, 6, 6, 7, 'lf', 'c'], [3, 8, 8, 9, undefined, 'd'],
    ]);
  });
});
