// item-blank and item-too-few-fields.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, IDC, assertDiagnostics, check, metabase, r, ruleCase, wrapKeys, applyFix, codes, fixTitles } from './helpers';

describe('item-blank', () => {
  ruleCase(test, {
    name: 'an empty line between two items points at its indentation',
    items: [ASP, '^[[\t\t\t]]', IDC],
    expected: [['item-blank', 'warning']],
    fixes: [{ title: 'Remove the blank item', preferred: true, after: [ASP, IDC] }],
  });
  ruleCase(test, {
    name: 'a white-space-only item',
    items: [ASP, '^[[\t\t\t   ]]', IDC],
    expected: [['item-blank', 'warning']],
    fixes: [{ title: 'Remove the blank item', preferred: true, after: [ASP, IDC] }],
  });
  ruleCase(test, {
    name: 'a blank last item (the value ends with a line break and indentation)',
    items: [ASP, '^[[\t\t\t]]'],
    expected: [['item-blank', 'warning']],
    fixes: [{ title: 'Remove the blank item', preferred: true, after: [ASP] }],
  });

  test('literal range of a blank middle item (LF)', () => {
    assert.deepEqual(check(metabase([ASP, '^\t\t\t', IDC])), [{ code: 'item-blank', severity: 'warning', range: r(5, 0, 5, 3) }]);
  });

  for (const eol of ['LF', 'CRLF', 'CR'] as const) {
    test(`an empty first line (no indentation) is marked by its whole line break [${eol}]`, () => {
      const nl = { LF: '\n', CRLF: '\r\n', CR: '\r' }[eol];
      const text = assertDiagnostics(metabase([`^[[]]`, ASP], { eol }).replace(`[[]]${nl}`, `[[${nl}]]`), [['item-blank', 'warning']]);
      // The range spans the line break: from the end of line 4 to the start of line 5.
      assert.deepEqual(check(text)[0].range, r(4, 14, 5, 0));
      assert.equal(applyFix(text, 'item-blank', 'Remove the blank item'), metabase([ASP], { eol }));
    });
    test(`an empty line without indentation between two items [${eol}]`, () => {
      const nl = { LF: '\n', CRLF: '\r\n', CR: '\r' }[eol];
      const source = metabase([ASP, '^', '^' + IDC], { eol });
      const text = source;
      // The range is the line break before the empty line.
      assert.deepEqual(check(text), [{ code: 'item-blank', severity: 'warning', range: r(4, 76, 5, 0) }]);
      assert.equal(applyFix(text, 'item-blank', 'Remove the blank item'), metabase([ASP, '^' + IDC], { eol }));
      assert.ok(text.includes(`TRACE${nl}${nl}.idc`));
    });
  }

  test('an empty value and an all-blank value are an empty list: no diagnostic', () => {
    assert.deepEqual(check(metabase([''])), []);
    assert.deepEqual(check(metabase(['', ''])), []);
    assert.deepEqual(check(metabase(['   '])), []);
  });

  test('two blank items: two diagnostics, each with its own fix', () => {
    const text = assertDiagnostics(metabase([ASP, '^[[\t\t\t]]', IDC, '^[[\t\t\t ]]']), [['item-blank', 'warning'], ['item-blank', 'warning']]);
    assert.equal(applyFix(text, 'item-blank', 'Remove the blank item', undefined, 1), metabase([ASP, '^\t\t\t', IDC]));
    assert.deepEqual(codes(applyFix(text, 'item-blank', 'Remove the blank item', undefined, 0)), ['item-blank']);
  });
});

describe('item-too-few-fields', () => {
  ruleCase(test, {
    name: 'one field',
    items: [ASP, '[[.pl]]'],
    expected: [['item-too-few-fields', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'two fields',
    items: [ASP, String.raw`[[.pl,C:\Perl\bin\perl.exe &quot;%s&quot; %s]]`],
    expected: [['item-too-few-fields', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'the first item',
    items: [String.raw`[[.asp,C:\WINDOWS\system32\inetsrv\asp.dll]]`, IDC],
    expected: [['item-too-few-fields', 'error']],
  });

  test('literal range, and no other rule looks at the item', () => {
    // 'pl' lacks its dot, but the item cannot be read, so only the field count is reported.
    assert.deepEqual(check(metabase([ASP, 'pl,perl'])), [{ code: 'item-too-few-fields', severity: 'error', range: r(5, 3, 5, 10) }]);
    assert.deepEqual(fixTitles(metabase([ASP, 'pl,perl']), 'item-too-few-fields'), []);
  });

  test('in a second key, the range is in that key', () => {
    const text = wrapKeys([
      '<IIsWebService\tLocation ="/LM/W3SVC"',
      `\t\tScriptMaps="${ASP}"`,
      '\t>',
      '</IIsWebService>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
      '\t\tScriptMaps=".x,C:\\x.dll"',
      '\t>',
      '</IIsWebVirtualDir>',
    ]);
    assert.deepEqual(check(text), [
      { code: 'scriptmaps-override-drops', severity: 'information', range: r(8, 2, 8, 12) },
      { code: 'item-too-few-fields', severity: 'error', range: r(8, 14, 8, 25) },
    ]);
  });
});
