// The server under an edit flood: a 2.5 MB document edited every 10 ms for a few seconds, hovered every
// 100 ms. Every hover is answered, and the last version's diagnostics are those of its text. How fast is
// printed, not asserted: on a loaded machine the edits alone can outrun the server (bench/flood.ts
// measures it, with the 20 s flood).

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { expectedDiagnostics } from './lsp';
import { flood, summary } from './flood';

describe('edit flood', () => {
  it('2.5 MB, an edit every 10 ms at two places for 4 s: every hover answered, the last version right', async () => {
    const result = await flood({ bytes: 2_500_000, seconds: 4, editEveryMs: 10, pattern: 'two-places' });
    console.log(`# flood 4 s at two places: ${summary(result)}`);
    assert.ok(result.hovers >= 30, `${result.hovers} hovers`);
    assert.equal(result.latencies.length, result.hovers);
    assert.deepEqual(result.finalDiagnostics, expectedDiagnostics('file:///flood/MetaBase.xml', result.finalText));
  });
});
