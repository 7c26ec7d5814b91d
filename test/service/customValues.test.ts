// The value of a <Custom> whose ID the schema defines is checked as the property's (DWORD, flag set, BOOL,
// SECURE), in every layout, with exact ranges inside the Value attribute and the same fixes; but a number
// is how IIS writes a DWORD there (a flag set and a BOOL too), and a Custom whose Type contradicts the
// schema gets custom-mismatch alone.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, codes, diagnostics, fixAllText } from './helpers';
import { KeySpec, keyText, propertyCase } from './propertyRules';

/** A Custom as IIS writes it; `value` is written as it is (quotes and [[ ]] markers included). */
function custom(name: string, id: number, value: string, type: string, userType = 'IIS_MD_UT_FILE', attributes = 'INHERIT'): string[] {
  return [`Name="${name}"`, `ID="${id}"`, `Value=${value}`, `Type="${type}"`, `UserType="${userType}"`, `Attributes="${attributes}"`];
}

const accessFlags = (value: string, type = 'DWORD') => custom('AccessFlags', 6016, value, type);
const keepAlive = (value: string, type: string) => custom('AllowKeepAlive', 6038, value, type);
const key = (...customs: string[][]): KeySpec => ({ attributes: [], customs });

describe('a <Custom> flag set', () => {
  propertyCase(test, {
    name: 'a misspelt flag name: the nearest flag, preferred',
    key: key(accessFlags('"[[AccesRead]]"')),
    expected: [['flagset-unknown-name', 'error']],
    fixes: [{ title: 'Change to AccessRead', preferred: true, after: key(accessFlags('"AccessRead"')), decoded: 'AccessRead' }],
  });
  propertyCase(test, {
    name: 'a word that is no flag: no fix',
    key: key(accessFlags('"[[notanumber]]"')),
    expected: [['flagset-unknown-name', 'error']],
    fixes: [],
  });
  propertyCase(test, {
    name: 'a number too large for a DWORD',
    key: key(accessFlags('"[[4294967296]]"')),
    expected: [['dword-not-number', 'error']],
    fixes: [],
  });
  propertyCase(test, {
    name: 'a name after a bare bar, written with a reference',
    key: key(accessFlags('"AccessRead[[|]]&#65;ccessScript"')),
    expected: [['flagset-separator', 'warning']],
    fixes: [{ title: "Change to ' | '", preferred: true, after: key(accessFlags('"AccessRead | &#65;ccessScript"')), decoded: 'AccessRead | AccessScript' }],
  });
  test('a number is how IIS writes it there (no flagset-number), and so are names and 0', () => {
    for (const value of ['513', '0', '4294967295', 'AccessRead | AccessScript', 'AccessRead']) {
      assert.deepEqual(check(keyText(key(accessFlags(`"${value}"`)))), [], value);
    }
    assert.deepEqual(check(keyText({ attributes: [], customs: [custom('DirBrowseFlags', 6005, '"5"', 'DWORD')] })), []);
  });
});

describe('a <Custom> BOOL', () => {
  propertyCase(test, {
    name: 'yes, stored as a DWORD: 1, preferred',
    key: key(keepAlive('"[[yes]]"', 'DWORD')),
    expected: [['bool-value', 'error']],
    fixes: [{ title: 'Change to 1', preferred: true, after: key(keepAlive('"1"', 'DWORD')), decoded: '1' }],
  });
  propertyCase(test, {
    name: 'no, stored as a BOOL: FALSE, preferred',
    key: key(keepAlive('"[[no]]"', 'BOOL')),
    expected: [['bool-value', 'error']],
    fixes: [{ title: 'Change to FALSE', preferred: true, after: key(keepAlive('"FALSE"', 'BOOL')), decoded: 'FALSE' }],
  });
  propertyCase(test, {
    name: 'a word with no evident meaning: 1 and 0 offered, neither preferred',
    key: key(keepAlive('"[[maybe]]"', 'DWORD')),
    expected: [['bool-value', 'error']],
    fixes: [
      { title: 'Change to 1', after: key(keepAlive('"1"', 'DWORD')), decoded: '1' },
      { title: 'Change to 0', after: key(keepAlive('"0"', 'DWORD')), decoded: '0' },
    ],
  });
  propertyCase(test, {
    name: 'another case: the upper case, preferred',
    key: key(keepAlive('"[[true]]"', 'BOOL')),
    expected: [['bool-case', 'information']],
    fixes: [{ title: 'Change to TRUE', preferred: true, after: key(keepAlive('"TRUE"', 'BOOL')), decoded: 'TRUE' }],
  });
  test('numbers, TRUE and FALSE are quiet; the message says a number is read', () => {
    for (const [value, type] of [['1', 'DWORD'], ['0', 'DWORD'], ['1', 'BOOL'], ['TRUE', 'BOOL'], ['FALSE', 'DWORD']]) {
      assert.deepEqual(check(keyText(key(keepAlive(`"${value}"`, type)))), [], `${value} ${type}`);
    }
    assert.deepEqual(diagnostics(keyText(key(keepAlive('"yes"', 'DWORD')))).map((d) => d.message),
      ["AllowKeepAlive is a BOOL: IIS reads TRUE or FALSE, or in a <Custom> a number (1 or 0), not 'yes'"]);
  });
});

describe('a <Custom> DWORD', () => {
  const timeout = (value: string) => custom('AspScriptTimeout', 7006, value, 'DWORD', 'ASP_MD_UT_APP');
  propertyCase(test, {
    name: 'spaces around the number (a reference among them): removed, preferred',
    key: key(timeout('"[[&#32;90 ]]"')),
    expected: [['dword-not-number', 'error']],
    fixes: [{ title: 'Remove the spaces', preferred: true, after: key(timeout('"90"')), decoded: '90' }],
  });
  propertyCase(test, {
    name: 'an empty value, on its quotes',
    key: key(timeout('[[""]]')),
    expected: [['dword-not-number', 'error']],
    fixes: [],
  });
  propertyCase(test, {
    name: 'outside the schema range',
    key: {
      type: 'IIsApplicationPool', location: '/LM/W3SVC/AppPools/A', attributes: [],
      customs: [custom('AppPoolQueueLength', 9017, '"[[5]]"', 'DWORD', 'IIS_MD_UT_SERVER')],
    },
    expected: [['dword-range', 'warning']],
    fixes: [],
  });
});

describe('a <Custom> secret', () => {
  const password = (value: string) => custom('AnonymousUserPass', 6021, value, 'STRING', 'IIS_MD_UT_FILE', 'INHERIT | SECURE');
  propertyCase(test, {
    name: 'a password in plain text',
    key: key(password('"[[hunter2]]"')),
    expected: [['secure-plaintext', 'information']],
    fixes: [],
  });
  test('hex digits and an empty value are quiet', () => {
    assert.deepEqual(check(keyText(key(password('"4963446270000000"'), password('""')))), []);
  });
});

describe('a <Custom> whose Type contradicts the schema', () => {
  test('custom-mismatch alone: IIS stores the Value as that other type', () => {
    assert.deepEqual(codes(keyText(key(accessFlags('"notanumber"', 'STRING'), keepAlive('"yes"', 'STRING')))), ['custom-mismatch', 'custom-mismatch']);
  });
  test('a Custom without a Type is checked', () => {
    assert.deepEqual(codes(keyText(key(['ID="6038"', 'Value="yes"']))), ['bool-value']);
  });
  test('an ID the schema does not define: its Value is not judged', () => {
    assert.deepEqual(check(keyText(key(custom('UnknownName_9202', 9202, '"zz"', 'DWORD', 'IIS_MD_UT_SERVER')))), []);
  });
});

test('fix-all on <Custom> values: a misspelt flag, a BOOL stored as a DWORD, spaces around a number', () => {
  const before = key(accessFlags('"AccesRead | AccessScript"'), keepAlive('"yes"', 'DWORD'), custom('AspScriptTimeout', 7006, '" 90"', 'DWORD', 'ASP_MD_UT_APP'));
  const after = key(accessFlags('"AccessRead | AccessScript"'), keepAlive('"1"', 'DWORD'), custom('AspScriptTimeout', 7006, '"90"', 'DWORD', 'ASP_MD_UT_APP'));
  assert.equal(fixAllText(keyText(before)), keyText(after));
});
