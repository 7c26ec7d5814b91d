// Severity overrides by rule id.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, check, fixTitles, hoverAt, hoverMarkdown, metabase, quickFixes, r } from './helpers';

const TEXT = metabase([ASP, String.raw`pl,C:\a.dll,x,GET`, String.raw`.y,C:\a.dll,1,FOO`]);
const DEFAULT = [
  { code: 'extension-missing-dot', severity: 'warning', range: r(5, 3, 5, 5) },
  { code: 'flags-not-a-number', severity: 'error', range: r(5, 15, 5, 16) },
  { code: 'verb-unknown', severity: 'information', range: r(6, 17, 6, 20) },
];

describe('settings', () => {
  test('defaults', () => {
    assert.deepEqual(check(TEXT), DEFAULT);
    assert.deepEqual(check(TEXT, { rules: {} }), DEFAULT);
  });
  test("'off' removes a rule's diagnostics and nothing else", () => {
    assert.deepEqual(check(TEXT, { rules: { 'extension-missing-dot': 'off' } }), [DEFAULT[1], DEFAULT[2]]);
  });
  test("'error' raises a warning; 'warning' lowers an error; 'information' and back", () => {
    assert.deepEqual(check(TEXT, { rules: { 'extension-missing-dot': 'error', 'flags-not-a-number': 'warning', 'verb-unknown': 'error' } }), [
      { ...DEFAULT[0], severity: 'error' }, { ...DEFAULT[1], severity: 'warning' }, { ...DEFAULT[2], severity: 'error' },
    ]);
    assert.deepEqual(check(TEXT, { rules: { 'flags-not-a-number': 'information' } }), [DEFAULT[0], { ...DEFAULT[1], severity: 'information' }, DEFAULT[2]]);
  });
  test('every rule off: nothing', () => {
    assert.deepEqual(check(TEXT, { rules: { 'extension-missing-dot': 'off', 'flags-not-a-number': 'off', 'verb-unknown': 'off' } }), []);
  });
  test('xml rules can be overridden too', () => {
    const broken = metabase(['.x,C:\\a<b.dll,1,GET']);
    assert.deepEqual(check(broken, { rules: { 'xml-not-well-formed': 'warning' } }).map((f) => f.severity), ['warning']);
    assert.deepEqual(check(broken, { rules: { 'xml-not-well-formed': 'off' } }), []);
  });
  test('an unknown rule id in the settings is ignored', () => {
    assert.deepEqual(check(TEXT, { rules: { 'no-such-rule': 'off' } }), DEFAULT);
  });
  test('a rule that is off offers no quick fix; its diagnostics carry the overridden severity', () => {
    assert.deepEqual(fixTitles(TEXT, 'extension-missing-dot'), [["Write '.pl'", true]]);
    assert.throws(() => fixTitles(TEXT, 'extension-missing-dot', { rules: { 'extension-missing-dot': 'off' } }), /no diagnostic/);
    const [action] = quickFixes(TEXT, 'extension-missing-dot', { rules: { 'extension-missing-dot': 'error' } });
    assert.equal(action.diagnostics?.[0].severity, 1);
  });
  test('the hover shows the overridden severity, and not a rule that is off', () => {
    const at = TEXT.indexOf('pl,C:');
    assert.match(hoverMarkdown(hoverAt(TEXT, at, { rules: { 'extension-missing-dot': 'error' } })), /\*\*extension-missing-dot\*\* \(error\)/);
    assert.doesNotMatch(hoverMarkdown(hoverAt(TEXT, at, { rules: { 'extension-missing-dot': 'off' } })), /extension-missing-dot/);
  });
});
