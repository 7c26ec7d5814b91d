// extension-empty, extension-missing-dot, extension-dot-star, extension-spaces, extension-duplicate.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, IDC, applyFix, check, codes, diagnostics, fixAllText, marked, markedRanges, metabase, quickFixes, r, ruleCase, URI, VARIANTS } from './helpers';

const DLL = String.raw`C:\WINDOWS\system32\inetsrv\asp.dll`;

describe('extension-empty', () => {
  ruleCase(test, {
    name: 'an empty extension is marked by the comma after it',
    items: [ASP, `[[,]]${DLL},5,GET,POST`],
    expected: [['extension-empty', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'a white-space extension is indentation: the comma',
    items: [ASP, `  [[,]]${DLL},5,GET,POST`],
    expected: [['extension-empty', 'error']],
    fixes: [],
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([`,${DLL},5,GET`])), [{ code: 'extension-empty', severity: 'error', range: r(4, 14, 4, 15) }]);
  });
});

describe('extension-missing-dot', () => {
  ruleCase(test, {
    name: 'pl',
    items: [ASP, String.raw`[[pl]],C:\Perl\bin\perl.exe "%s" %s,5,GET,HEAD,POST`.replace(/"/g, '&quot;')],
    expected: [['extension-missing-dot', 'warning']],
    fixes: [{ title: "Write '.pl'", preferred: true, after: [ASP, String.raw`.pl,C:\Perl\bin\perl.exe &quot;%s&quot; %s,5,GET,HEAD,POST`] }],
  });
  ruleCase(test, {
    name: "'*.asp' is a file pattern: the fix writes '.asp'",
    items: [IDC, `[[*.asp]],${DLL},5,GET,HEAD,POST,TRACE`],
    expected: [['extension-missing-dot', 'warning']],
    fixes: [{ title: "Write '.asp'", preferred: true, after: [IDC, ASP] }],
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([ASP, `rb,${DLL},1,GET`])), [{ code: 'extension-missing-dot', severity: 'warning', range: r(5, 3, 5, 5) }]);
  });
  test("the wildcard '*' needs no dot", () => {
    assert.deepEqual(check(metabase([String.raw`*,C:\WINDOWS\system32\inetsrv\wildcard.dll,0,GET,HEAD,POST`])), []);
  });
});

describe('extension-dot-star', () => {
  ruleCase(test, {
    name: "'.*' is not a wildcard",
    items: [ASP, `[[.*]],${DLL},1,GET,HEAD,POST`],
    expected: [['extension-dot-star', 'error']],
    fixes: [{ title: "Make it a wildcard map ('*')", preferred: false, after: [ASP, `*,${DLL},1,GET,HEAD,POST`] }],
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([`.*,${DLL},1,GET`])), [{ code: 'extension-dot-star', severity: 'error', range: r(4, 14, 4, 16) }]);
  });
});

// Issue 8 (rev8): a '*' anywhere but alone never matches; fix-all wrote '*.*x' as '.*x', which nothing flagged.
describe('extension-star', () => {
  test("a '*' inside an extension: on the extension, no fix", () => {
    const text = metabase(['.x*,C:\\x.dll,5,GET', '.*x,C:\\y.dll,5,GET', '.a*b,C:\\z.dll,5,GET', '*,C:\\w.dll,1']);
    assert.deepEqual(check(text), [
      { code: 'extension-star', severity: 'warning', range: r(4, 14, 4, 17) },
      { code: 'extension-star', severity: 'warning', range: r(5, 3, 5, 6) },
      { code: 'extension-star', severity: 'warning', range: r(6, 3, 6, 7) },
    ]);
    assert.deepEqual(quickFixes(text, 'extension-star').map((a) => a.title), []);
  });
  test("the missing-dot fix is not offered when its result would hold a '*'; fix-all leaves such items alone", () => {
    const text = metabase(['*.*x,C:\\x.dll,5,GET', '*.x*,C:\\y.dll,5,GET', '*.**,C:\\z.dll,5,GET', '*.*.*,C:\\w.dll,5,GET', '*.asp,C:\\v.dll,5,GET']);
    assert.deepEqual(codes(text), Array(5).fill('extension-missing-dot'));
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => quickFixes(text, 'extension-missing-dot', undefined, i).map((a) => a.title)), [[], [], [], [], ["Write '.asp'"]]);
    assert.equal(fixAllText(text), text.replace('*.asp,', '.asp,'));
  });
});

describe('extension-spaces', () => {
  ruleCase(test, {
    name: 'a space inside the extension',
    items: [ASP, `[[.s html]],${DLL},5,GET,POST`],
    expected: [['extension-spaces', 'warning']],
    fixes: [{ title: 'Remove the white space', preferred: true, after: [ASP, `.shtml,${DLL},5,GET,POST`] }],
  });
  ruleCase(test, {
    name: 'spaces around the extension: the leading one is indentation',
    items: [ASP, ` [[.shtml ]],${DLL},5,GET,POST`],
    expected: [['extension-spaces', 'warning']],
    fixes: [{ title: 'Remove the white space', preferred: true, after: [ASP, ` .shtml,${DLL},5,GET,POST`] }],
  });
  ruleCase(test, {
    name: 'white space before the first item is not indentation (IIS indents items 2..n only)',
    items: [`[[ \t.shtml]],${DLL},5,GET,POST`, ASP],
    expected: [['extension-spaces', 'warning']],
    fixes: [{ title: 'Remove the white space', preferred: true, after: [`.shtml,${DLL},5,GET,POST`, ASP] }],
  });
  test('literal range: the first item', () => {
    assert.deepEqual(check(metabase([`.a b,${DLL},1,GET`])), [{ code: 'extension-spaces', severity: 'warning', range: r(4, 14, 4, 18) }]);
  });
});

describe('extension-duplicate', () => {
  ruleCase(test, {
    name: 'the second .asp, case-insensitively',
    items: [ASP, IDC, String.raw`[[.ASP]],C:\WINDOWS\system32\inetsrv\asp.dll,1,GET,HEAD,POST`],
    expected: [['extension-duplicate', 'warning']],
    fixes: [{ title: "Remove this item for '.ASP'", preferred: false, after: [ASP, IDC] }],
  });
  ruleCase(test, {
    name: 'a duplicate in the middle of the list',
    items: [ASP, String.raw`[[.asp]],C:\WINDOWS\system32\inetsrv\asp.dll,1,GET,HEAD,POST`, IDC],
    expected: [['extension-duplicate', 'warning']],
    fixes: [{ title: "Remove this item for '.asp'", preferred: false, after: [ASP, IDC] }],
  });

  for (const variant of VARIANTS) {
    test(`relatedInformation points at the first mapping [${variant.name}]`, () => {
      const { text, spans } = marked(metabase([`[[.asp]],${DLL},5,GET`, IDC, `[[.asp]],${DLL},1,GET`], variant.options));
      const { ranges } = markedRanges(metabase([`[[.asp]],${DLL},5,GET`, IDC, `[[.asp]],${DLL},1,GET`], variant.options));
      assert.equal(spans.length, 2);
      const found = diagnostics(text);
      assert.equal(found.length, 1);
      assert.equal(found[0].code, 'extension-duplicate');
      assert.deepEqual(found[0].range, ranges[1]);
      assert.match(found[0].message as string, /item 1 of this list/);
      assert.deepEqual(found[0].relatedInformation, [{ location: { uri: URI, range: ranges[0] }, message: "first mapping of '.asp'" }]);
    });
  }

  test('literal ranges of the duplicate and of the first mapping', () => {
    const found = diagnostics(metabase([ASP, IDC, `.asp,${DLL},1,GET`]));
    assert.deepEqual(found.map((d) => [d.code, d.range, d.relatedInformation?.map((i) => i.location.range)]), [
      ['extension-duplicate', r(6, 3, 6, 7), [r(4, 14, 4, 18)]],
    ]);
  });

  test('three times: two diagnostics, both related to the first', () => {
    const text = metabase([`.x,${DLL},1,GET`, `.x,${DLL},5,GET`, `.X,${DLL},4,GET`]);
    const found = diagnostics(text);
    assert.deepEqual(found.map((d) => [d.code, d.range, d.relatedInformation?.map((i) => i.location.range)]), [
      ['extension-duplicate', r(5, 3, 5, 5), [r(4, 14, 4, 16)]],
      ['extension-duplicate', r(6, 3, 6, 5), [r(4, 14, 4, 16)]],
    ]);
    const once = applyFix(text, 'extension-duplicate', "Remove this item for '.x'");
    assert.equal(once, metabase([`.x,${DLL},1,GET`, `.X,${DLL},4,GET`]));
    assert.deepEqual(codes(once), ['extension-duplicate']);
  });

  test('empty extensions are not duplicates of each other', () => {
    assert.deepEqual(codes(metabase([`,${DLL},1,GET`, `,${DLL},1,GET`])), ['extension-empty', 'extension-empty']);
  });
});

describe('dots alone name no extension', () => {
  ruleCase(test, {
    name: "'.' alone",
    items: [ASP, `[[.]],${DLL},5,GET`],
    expected: [['extension-empty', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: "'. ' is a dot alone too (trimming would only hide it)",
    items: [ASP, `[[. ]],${DLL},5,GET`],
    expected: [['extension-empty', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: "'*x' is no file pattern: no fix",
    items: [ASP, `[[*x]],${DLL},5,GET`],
    expected: [['extension-missing-dot', 'warning']],
    fixes: [],
  });
});

describe('a fix that would write an extension another item maps is withdrawn', () => {
  // Each of these would turn one finding into an extension-duplicate warning on the same list.
  ruleCase(test, {
    name: "'.as p' after '.asp': no fix",
    items: [ASP, `[[.as p]],${DLL},5,GET,POST`],
    expected: [['extension-spaces', 'warning']],
    fixes: [],
  });
  ruleCase(test, {
    name: "'.as p' before '.asp': no fix",
    items: [`[[.as p]],${DLL},5,GET,POST`, ASP],
    expected: [['extension-spaces', 'warning']],
    fixes: [],
  });
  ruleCase(test, {
    name: "'ASP' beside '.asp': no fix",
    items: [ASP, `[[ASP]],${DLL},5,GET,POST`],
    expected: [['extension-missing-dot', 'warning']],
    fixes: [],
  });
  ruleCase(test, {
    name: "'.*' beside a wildcard map: no fix",
    items: [`*,${DLL},0`, `[[.*]],${DLL},1,GET`],
    expected: [['extension-dot-star', 'error']],
    fixes: [],
  });
  test("two items that would both become '.asp': neither fix, and fix-all leaves both", () => {
    const text = metabase([`.a sp,${DLL},5,GET`, `.as p,${DLL},5,GET`]);
    assert.deepEqual(codes(text), ['extension-spaces', 'extension-spaces']);
    assert.deepEqual([0, 1].map((index) => quickFixes(text, 'extension-spaces', undefined, index).map((a) => a.title)), [[], []]);
    assert.equal(fixAllText(text), text);
  });
  test("'.asp ' after '.asp' is a duplicate already: trimming it is still offered", () => {
    const text = metabase([ASP, `.asp ,${DLL},5,GET,POST`]);
    assert.deepEqual(codes(text), ['extension-duplicate', 'extension-spaces']);
    assert.equal(applyFix(text, 'extension-spaces', 'Remove the white space'), metabase([ASP, `.asp,${DLL},5,GET,POST`]));
  });
});

describe('removing an item keeps every line break', () => {
  test('mixed CR and LF around a blank line: the item goes with the break after it, no CR meets an LF', () => {
    // Lines: .asp CR (blank) CR .asp LF .idc — taking the break before the repeat would join CR and LF.
    const text = [
      '<configuration>\n<MBProperty>\n<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\n',
      `\t\tScriptMaps="${ASP}\r\r\t\t\t.asp,C:\\x.dll,1,GET\n\t\t\t${IDC}"\n`,
      '\t>\n</IIsWebVirtualDir>\n</MBProperty>\n</configuration>\n',
    ].join('');
    const after = applyFix(text, 'extension-duplicate', "Remove this item for '.asp'");
    assert.equal(after, text.replace('\t\t\t.asp,C:\\x.dll,1,GET\n', ''));
  });
});
