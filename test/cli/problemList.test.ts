// The CLI's compact list of a file's problems: what goes in comes out, as often as it is read, and the same
// after crossing to another thread as plain data.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { ProblemList } from '../../server/src/cli/formats';
import { RULES } from '../../server/src/service';

function diagnostic(i: number): Diagnostic {
  return {
    range: { start: { line: i, character: i % 7 }, end: { line: i + (i % 3), character: 2 ** 20 + i } },
    severity: ([DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information] as const)[i % 3],
    code: RULES[i % RULES.length].id,
    message: `message ${i}\n${'x'.repeat(i % 50)}`,
  };
}

test('a ProblemList gives back every diagnostic, in order, each time it is read, and after crossing threads', () => {
  const diagnostics = Array.from({ length: 10_000 }, (_, i) => diagnostic(i));
  const list = new ProblemList();
  for (const d of diagnostics) list.push(d);
  assert.equal(list.length, 10_000);
  assert.deepEqual([...list], diagnostics);
  assert.deepEqual([...list], diagnostics);
  // As a worker thread posts it: plain data, cloned.
  const crossed = ProblemList.fromData(structuredClone(list.toData()));
  assert.equal(crossed.length, 10_000);
  assert.deepEqual([...crossed], diagnostics);
});

test('an empty ProblemList reads as no diagnostics', () => {
  const list = new ProblemList();
  assert.deepEqual([...list], []);
  assert.deepEqual([...ProblemList.fromData(structuredClone(list.toData()))], []);
});
