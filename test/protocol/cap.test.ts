// The per-document diagnostics cap, on the function the server sends through.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { capped } from '../../server/src/diagnostics';

const at = (line: number, severity: DiagnosticSeverity): Diagnostic => ({
  range: { start: { line, character: 1 }, end: { line, character: 2 } }, severity, message: `${line}`,
});

describe('capped', () => {
  const list = [at(0, 3), at(1, 2), at(2, 1), at(3, 2), at(4, 1), at(5, 3)];

  test('under the cap: the same list', () => {
    assert.deepEqual(capped(list, 6), list);
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

  test('from a generator read once, the same as keeping every diagnostic and choosing among them', () => {
    // The choice made over the whole list (the first implementation), as the reference.
    const reference = (all: Diagnostic[], max: number): Diagnostic[] => {
      if (all.length <= max) return all;
      const kept: number[] = [];
      for (let severity = DiagnosticSeverity.Error; severity <= DiagnosticSeverity.Hint; severity++) {
        for (let i = 0; i < all.length && kept.length < max; i++) if ((all[i].severity ?? DiagnosticSeverity.Error) === severity) kept.push(i);
      }
      kept.sort((a, b) => a - b);
      const gap = kept.findIndex((index, i) => index !== i);
      const first = gap < 0 ? kept.length : gap;
      const result = kept.map((i) => all[i]);
      const omitted = all.length - kept.length;
      result.splice(first, 0, {
        range: { start: all[first].range.start, end: all[first].range.start }, severity: DiagnosticSeverity.Information, source: 'iis-metabase',
        message: `${omitted} more problem${omitted === 1 ? '' : 's'} not shown (iisMetabase.maxNumberOfProblems is ${max}); metabase-lint reports them all.`,
      });
      return result;
    };
    const severity = fc.constantFrom(undefined, DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint);
    fc.assert(fc.property(fc.array(severity, { maxLength: 40 }), fc.integer({ min: 0, max: 12 }), (severities, max) => {
      const all = severities.map((s, line) => ({ ...at(line, DiagnosticSeverity.Error), severity: s }));
      let reads = 0;
      const once = function* () { reads++; yield* all; };
      assert.deepEqual(capped(once(), max), reference(all, max));
      assert.equal(reads, 1);
    }), { numRuns: 2000 });
  });
});
