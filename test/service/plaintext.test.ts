// The hover's plain-text form, for clients that render no markdown: whole-text comparisons.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markdownToPlainText } from '../../server/src/service/hover/plaintext';

describe('markdownToPlainText', () => {
  test('a table becomes aligned columns without its separator row; emphasis and code marks go', () => {
    const markdown = ['**Script map**', '', '| Field | Value |', '| --- | --- |', '| Extension | `.asp` |', '| Processor | `C:\\a\\|b.dll` (ISAPI) |'].join('\n');
    assert.equal(markdownToPlainText(markdown), [
      'Script map', '', 'Field      Value', 'Extension  .asp', 'Processor  C:\\a|b.dll (ISAPI)',
    ].join('\n'));
  });

  test('links show their address; a rule between parts stays a rule; lists keep their marks', () => {
    const markdown = '**verb-case** (warning): x. [Rule documentation](https://example.org/r.md)\n\n---\n\n- ☑ **1** `MD_SCRIPTMAPFLAG_SCRIPT`: y';
    assert.equal(markdownToPlainText(markdown),
      'verb-case (warning): x. Rule documentation (https://example.org/r.md)\n\n────────\n\n- ☑ 1 MD_SCRIPTMAPFLAG_SCRIPT: y');
  });
});
