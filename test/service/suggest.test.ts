// Did-you-mean's distance and its index: the banded distance, whose rows are kept from call to call, against
// the whole matrix of the textbook recurrence; the index's answers, kept per order and word, against fresh ones.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { NameIndex, boundedDistance } from '../../server/src/service/rules/properties/suggest';

/** Optimal string alignment distance over the whole matrix (no band, no early stop). */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const word = (most: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A'), maxLength: most });

test('boundedDistance is the distance when it is within the bound, else bound + 1, whatever was computed before', () => {
  // Pairs one after the other, long and short: a row kept from a longer pair must not leak into a shorter one.
  fc.assert(fc.property(fc.array(fc.tuple(word(40), word(40), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 8 }), (pairs) => {
    for (const [a, b, bound] of pairs) assert.equal(boundedDistance(a, b, bound), Math.min(osa(a, b), bound + 1), `${a} / ${b} within ${bound}`);
  }), { numRuns: 3000 });
});

test('boundedDistance: transpositions, ends and empty words', () => {
  assert.equal(boundedDistance('AccessFlags', 'AcessFlags', 2), 1);
  assert.equal(boundedDistance('AccessFlags', 'AccsesFlags', 2), 1);
  assert.equal(boundedDistance('AccessFlags', 'AccessFlagsXY', 2), 2);
  assert.equal(boundedDistance('AccessFlags', 'AccessFlagsXYZ', 2), 3);
  assert.equal(boundedDistance('', 'ab', 2), 2);
  assert.equal(boundedDistance('ab', '', 1), 2);
  assert.equal(boundedDistance('x'.repeat(300), `${'x'.repeat(299)}y`, 2), 1);
});

test('NameIndex: an answer kept for one order is not given for another, and kept answers equal fresh ones', () => {
  const names = ['AuthFlags', 'AuthFlagz', 'AccessFlags', 'AccessFlag', 'AppRoot', 'AppRoots'];
  const index = new NameIndex(names);
  const first = { name: 'first', preferred: (n: string) => n === 'AuthFlagz' };
  const second = { name: 'second', preferred: (n: string) => n === 'AuthFlags' };
  assert.deepEqual(index.nearest('AuthFlagx', first), ['AuthFlagz', 'AuthFlags']);
  assert.deepEqual(index.nearest('AuthFlagx', second), ['AuthFlags', 'AuthFlagz']);
  assert.deepEqual(index.nearest('AuthFlagx', first), ['AuthFlagz', 'AuthFlags']);
  assert.deepEqual(index.nearest('AuthFlagx'), ['AuthFlags', 'AuthFlagz']);
  for (const w of ['AccessFlagx', 'AppRot', 'appRoot', 'nothing near']) assert.deepEqual(index.nearest(w), new NameIndex(names).nearest(w), w);
});
