// Linear time over pathological shapes (test/perf/doubling.ts), small sizes: 4x the input may cost at
// most 8x the time (linear work is 4x, quadratic 16x), for parseModel + validate and for fixAll.
// `npm run fuzz` measures the same shapes at larger sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LIMIT_4X, MeasureOptions, Operation, SHAPES, describeDoubling, measure, measureShape } from './doubling';

const SMALL: MeasureOptions = { minMs: 15, rounds: 3, maxN: 1 << 17, allSizes: false };

describe('4x the input at most 8x the time (linear is 4x, quadratic 16x)', () => {
  for (const shape of Object.keys(SHAPES)) {
    for (const operation of ['validate', 'fixAll'] as Operation[]) {
      test(`${operation}: ${shape}`, () => {
        const d = measureShape(shape, operation, SMALL);
        console.log(`# ${describeDoubling(d)}`);
        assert.ok(d.ratio <= LIMIT_4X, describeDoubling(d));
      });
    }
  }

  // The test has teeth: the pattern of issue 8's quadratic blank-item check (an indexOf per item) fails it.
  test('a quadratic operation fails the bound', () => {
    const items = (text: string) => text.split(',');
    const quadratic = (text: string) => { const list = items(text); let found = 0; for (const item of list) found += list.indexOf(item); return found; };
    const d = measure('indexOf per item', (n) => Array.from({ length: n }, (_, i) => `i${i}`).join(','), quadratic, { minMs: 5, rounds: 1, maxN: 1 << 17, allSizes: false, retries: 0 });
    console.log(`# ${describeDoubling(d)}`);
    assert.ok(d.ratio > LIMIT_4X, describeDoubling(d));
  });
});
