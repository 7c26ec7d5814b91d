// The per-document diagnostics cap, on the function the server sends through.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { capped } from '../../server/src/diagnostics';

const at = (line: number, severity: DiagnosticSeverity): Diagnostic => ({
  range: { start: { line, character: 1 }, end: { line, character: 2 } }, severity, message: `${line}`,
});

describe('capped', () => {
  const list = [at(0, 3), at(1, 2), at(2, 1), at(3, 2), at(4, 1), at(5, 3)];

  test('under the cap: the same list', () => {
    assert.equal(capped(list, 6), list);
  });

  test('errors first, then warnings, sent in document order, the summary at the first one left out', () => {
    const result = capped(list, 3);
    assert.deepEqual(result.map((d) => d.message), [
      '3 more problems not shown (iisMetabase.maxNumberOfProblems is 3); metabase-lint reports them all.', '1', '2', '4',
    ]);
    assert.deepEqual(result[0].range, { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } });
    assert.equal(result[0].severity, DiagnosticSeverity.Information);
  });

  test('the first left out after the kept ones: the summary goes last; 0 sends the summary alone', () => {
    assert.deepEqual(capped(list, 5).map((d) => d.message).slice(0, 5), ['0', '1', '2', '3', '4']);
    assert.match(capped(list, 5)[5].message as string, /^1 more problem not shown/);
    assert.deepEqual(capped(list, 0).map((d) => d.range.start.line), [0]);
  });
});
