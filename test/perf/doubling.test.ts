// Linear time over pathological shapes (test/perf/doubling.ts), small sizes: 8x the input may cost at
// most 2.5^3 = 15.6x the time (linear work is 8x, quadratic 64x), for parseModel + validate and for
// fixAll. `npm run fuzz` measures the same shapes at larger sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LIMIT_8X, MeasureOptions, Operation, SHAPES, describeDoubling, measure, measureShape } from './doubling';

const SMALL: MeasureOptions = { minMs: 20, rounds: 2, maxN: 1 << 17, allSizes: false };

describe('8x the input at most 15.6x the time (2.5x per doubling)', () => {
  for (const shape of Object.keys(SHAPES)) {
    for (const operation of ['validate', 'fixAll'] as Operation[]) {
      test(`${operation}: ${shape}`, () => {
        const d = measureShape(shape, operation, SMALL);
        console.log(`# ${describeDoubling(d)}`);
        assert.ok(d.ratio <= LIMIT_8X, describeDoubling(d));
      });
    }
  }

  // The test has teeth: the pattern of issue 8's quadratic blank-item check (an indexOf per item) fails it.
  test('a quadratic operation fails the bound', () => {
    const items = (text: string) => text.split(',');
    const quadratic = (text: string) => { const list = items(text); let found = 0; for (const item of list) found += list.indexOf(item); return found; };
    const d = measure('indexOf per item', (n) => Array.from({ length: n }, (_, i) => `i${i}`).join(','), quadratic, { minMs: 5, rounds: 1, maxN: 1 << 17, allSizes: false, retries: 0 });
    console.log(`# ${describeDoubling(d)}`);
    assert.ok(d.ratio > LIMIT_8X, describeDoubling(d));
  });
});
