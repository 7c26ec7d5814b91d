// flags-not-a-number and flags-unknown-bits.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, check, codes, diagnostics, fixAllEdits, metabase, r, ruleCase } from './helpers';

const DLL = String.raw`C:\isapi\x.dll`;
const SET = (n: number, label: string) => `Set flags to ${n} (${label})`;

describe('flags-not-a-number', () => {
  const allFixes = (prefix: string) => [
    { title: SET(5, 'script, check path info'), after: [ASP, `${prefix}5,GET,POST`] },
    { title: SET(1, 'script'), after: [ASP, `${prefix}1,GET,POST`] },
    { title: SET(4, 'check path info'), after: [ASP, `${prefix}4,GET,POST`] },
    { title: SET(0, 'execute only'), after: [ASP, `${prefix}0,GET,POST`] },
  ];
  for (const bad of ['x', '0x5', '-1', '4294967296', '5x', '1.0', '+1']) {
    ruleCase(test, {
      name: `'${bad}'`,
      items: [ASP, `.x,${DLL},[[${bad}]],GET,POST`],
      expected: [['flags-not-a-number', 'error']],
      fixes: allFixes(`.x,${DLL},`),
    });
  }
  ruleCase(test, {
    name: "'' (empty flags): the comma before them",
    items: [ASP, `.x,${DLL}[[,]],GET,POST`],
    expected: [['flags-not-a-number', 'error']],
    fixes: allFixes(`.x,${DLL},`),
  });
  test('literal ranges', () => {
    assert.deepEqual(check(metabase([`.x,${DLL},0x5,GET`, `.y,${DLL},,GET`])), [
      { code: 'flags-not-a-number', severity: 'error', range: r(4, 32, 4, 35) },
      { code: 'flags-not-a-number', severity: 'error', range: r(5, 20, 5, 21) },
    ]);
  });
  test('the message quotes the flags', () => {
    assert.match(diagnostics(metabase([`.x,${DLL},0x5,GET`]))[0].message as string, /'0x5'/);
  });
  test('valid decimal DWORDs: 0, 1, 4, 5, 05, 4294967295 (unknown bits aside)', () => {
    assert.deepEqual(codes(metabase([`.a,${DLL},0,GET`, `.b,${DLL},1,GET`, `.c,${DLL},4,GET`, `.d,${DLL},5,GET`, `.e,${DLL},05,GET`])), []);
    assert.deepEqual(codes(metabase([`.x,${DLL},4294967295,GET`])), ['flags-unknown-bits']);
  });
  test('no preferred fix: fix-all does not guess flags', () => {
    assert.deepEqual(fixAllEdits(metabase([`.x,${DLL},x,GET`])), []);
  });
});

describe('flags-unknown-bits', () => {
  test("what Windows' Indexing Service setup writes is silent: bit 2 is obsolete, not unknown", () => {
    // Its SetupW3Svc adds these items ("scriptmap flags -- 0x2 is obsolete"), on clean installs and upgrades alike.
    assert.deepEqual(check(metabase([
      String.raw`.idq,C:\WINDOWS\system32\idq.dll,7,GET,HEAD,POST`,
      String.raw`.ida,C:\WINDOWS\system32\idq.dll,7,GET,HEAD,POST`,
      String.raw`.htw,C:\WINDOWS\system32\webhits.dll,3,GET,HEAD,POST`,
      String.raw`.x,C:\isapi\x.dll,2,GET`,
      String.raw`.y,C:\isapi\y.dll,6,GET`,
    ])), []);
  });
  ruleCase(test, {
    name: '8: bit 8',
    items: [ASP, `.x,${DLL},[[8]],GET`],
    expected: [['flags-unknown-bits', 'warning']],
    fixes: [
      { title: SET(0, 'clear the unknown bits'), after: [ASP, `.x,${DLL},0,GET`] },
      { title: SET(5, 'script, check path info'), after: [ASP, `.x,${DLL},5,GET`] },
      { title: SET(1, 'script'), after: [ASP, `.x,${DLL},1,GET`] },
    ],
  });
  ruleCase(test, {
    name: '10: bit 8 with the obsolete bit 2, which clearing keeps',
    items: [ASP, `.x,${DLL},[[10]],GET`],
    expected: [['flags-unknown-bits', 'warning']],
    fixes: [
      { title: SET(2, 'clear the unknown bits'), after: [ASP, `.x,${DLL},2,GET`] },
      { title: SET(5, 'script, check path info'), after: [ASP, `.x,${DLL},5,GET`] },
      { title: SET(1, 'script'), after: [ASP, `.x,${DLL},1,GET`] },
    ],
  });
  ruleCase(test, {
    name: '13: bit 8 with bits 1 and 4',
    items: [ASP, `.x,${DLL},[[13]],GET`],
    expected: [['flags-unknown-bits', 'warning']],
    fixes: [
      { title: SET(5, 'clear the unknown bits'), after: [ASP, `.x,${DLL},5,GET`] },
      { title: SET(1, 'script'), after: [ASP, `.x,${DLL},1,GET`] },
    ],
  });
  const message = (flags: string) => diagnostics(metabase([`.x,${DLL},${flags},GET`]))[0].message as string;
  test('the message names the unknown bits', () => {
    const known = 'which IIS does not document; only 1 (script), 4 (check path info) and the obsolete 2 are known';
    assert.equal(message('8'), `the flags 8 set bit 8 (0x8), ${known}`);
    assert.equal(message('11'), `the flags 11 set bit 8 (0x8), ${known}`);
    assert.equal(message('24'), `the flags 24 set bits 8 (0x8), 16 (0x10), ${known}`);
    assert.match(message('2147483648'), /^the flags 2147483648 set bit 2147483648 \(0x80000000\),/);
  });
  test('no preferred fix: which bits were meant is a choice, fix-all leaves them', () => {
    assert.deepEqual(fixAllEdits(metabase([String.raw`.htw,C:\WINDOWS\system32\webhits.dll,9,GET,HEAD,POST`])), []);
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([`.x,${DLL},9,GET`])), [{ code: 'flags-unknown-bits', severity: 'warning', range: r(4, 32, 4, 33) }]);
  });
});
