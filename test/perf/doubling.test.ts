// Linear time over pathological shapes (test/perf/doubling.ts), small sizes: each doubling of the input
// may cost at most 2.5 times as long, for parseModel + validate and for fixAll. `npm run fuzz` measures the
// same shapes at larger sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Operation, SHAPES, describeDoubling, measure } from './doubling';

const LIMIT = 2.5;

describe('doubling the input at most 2.5x the time', () => {
  for (const shape of Object.keys(SHAPES)) {
    for (const operation of ['validate', 'fixAll'] as Operation[]) {
      test(`${operation}: ${shape}`, () => {
        const d = measure(shape, operation, { minMs: 5, runs: 5, limit: LIMIT, maxN: 1 << 15 });
        console.log(`# ${describeDoubling(d)}`);
        assert.ok(d.max <= LIMIT, describeDoubling(d));
      });
    }
  }
});
