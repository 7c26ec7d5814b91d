// The property rules: every property of a key against the schema (names, placement, DWORD, flag-set, BOOL,
// SECURE values, <Custom> children), in every layout, with every fix applied and judged by the oracle; and
// silence on what IIS itself writes.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { applyFix, check, codes, diagnostics, fixAllText, fixTitles } from './helpers';
import { KeySpec, keyText, propertyCase } from './propertyRules';

describe('property-unknown', () => {
  propertyCase(test, {
    name: 'a misspelt name: the nearest name, preferred',
    key: { attributes: ['[[AccesFlags]]="AccessRead"', 'Path="C:\\x"'] },
    expected: [['property-unknown', 'warning']],
    fixes: [{ title: 'Change to AccessFlags', preferred: true, after: { attributes: ['AccessFlags="AccessRead"', 'Path="C:\\x"'] }, decoded: 'AccessFlags' }],
  });
  propertyCase(test, {
    name: 'a name in the wrong case: the schema spelling first',
    key: { attributes: ['[[accessflags]]="AccessRead"'] },
    expected: [['property-unknown', 'warning']],
    fixes: [{ title: 'Change to AccessFlags', preferred: true, after: { attributes: ['AccessFlags="AccessRead"'] }, decoded: 'AccessFlags' }],
  });
  propertyCase(test, {
    name: 'a name that is near nothing: no fix',
    key: { attributes: ['[[Frobnicate]]="1"'] },
    expected: [['property-unknown', 'warning']],
    fixes: [],
  });
  test('the message names the nearest names; one already set is not offered', () => {
    const text = keyText({ attributes: ['AccesFlags="AccessRead"', 'AccessFlags="AccessRead"'] });
    assert.deepEqual(diagnostics(text).map((d) => d.message), ["'AccesFlags' is not a property of the metabase schema, so IIS does not read it"]);
    assert.deepEqual(fixTitles(text, 'property-unknown'), []);
  });
  test('several near names: all offered, nearest first, none preferred', () => {
    const text = keyText({ type: 'IIsWebServer', location: '/LM/W3SVC/1', attributes: ['ServerCommenx="1"'] });
    assert.deepEqual(fixTitles(text, 'property-unknown'), [['Change to ServerComment', false], ['Change to ServerCommand', false]]);
  });
  test('xmlns and Location are not properties', () => {
    assert.deepEqual(check(keyText({ attributes: ['xmlns:x="urn:x"'] })), []);
  });
});

describe('property-not-allowed (and scriptmaps-placement for ScriptMaps)', () => {
  propertyCase(test, {
    name: 'AppPoolId on an FTP virtual directory',
    key: { type: 'IIsFtpVirtualDir', location: '/LM/MSFTPSVC/1/ROOT', attributes: ['[[AppPoolId]]="DefaultAppPool"'] },
    expected: [['property-not-allowed', 'warning']],
    fixes: [],
  });
  test('the message says where it belongs', () => {
    const text = keyText({ type: 'IIsFtpVirtualDir', attributes: ['AppPoolId="DefaultAppPool"'] });
    // (The test key's Location is a web one: key-location-shape has its own tests.)
    assert.deepEqual(diagnostics(text).filter((d) => d.code === 'property-not-allowed').map((d) => d.message),
      ['the metabase schema does not allow AppPoolId on IIsFtpVirtualDir keys; it belongs on IIsWebService, IIsWebServer, IIsWebDirectory, IIsWebVirtualDir or untyped keys']);
  });
  test('ScriptMaps keeps its rule id, and its setting still turns it off', () => {
    const text = keyText({ type: 'IIsFtpServer', attributes: ['ScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE"', 'AllowAnonymous="TRUE"'] });
    const codes = (settings?: Parameters<typeof check>[1]) => check(text, settings).map((f) => f.code).filter((c) => c !== 'key-location-shape');
    assert.deepEqual(codes(), ['scriptmaps-placement']);
    assert.deepEqual(codes({ rules: { 'scriptmaps-placement': 'off' } }), []);
  });
  test('untyped keys may hold anything; a key type the schema does not know is not judged (key-type-unknown says why)', () => {
    assert.deepEqual(check(keyText({ type: 'IIsConfigObject', attributes: ['AppPoolId="x"', 'AspEnableParentPaths="TRUE"'] })), []);
    assert.deepEqual(codes(keyText({ type: 'IIsWebVirtualDirr', attributes: ['AppPoolId="x"'] })), ['key-type-unknown']);
  });
  test('a <Custom> outside its key type\'s class is how IIS stores it: not flagged', () => {
    const customs = [['Name="MD_ISM_ACCESS_CHECK"', 'ID="6269"', 'Value="65535"', 'Type="DWORD"', 'UserType="IIS_MD_UT_FILE"', 'Attributes="NO_ATTRIBUTES"']];
    assert.deepEqual(check(keyText({ type: 'IIsWebService', location: '/LM/W3SVC', attributes: [], customs })), []);
  });
});

describe('dword-not-number and dword-range', () => {
  propertyCase(test, {
    name: 'a unit after the number: the digits offered, not preferred',
    key: { attributes: ['AspScriptTimeout="[[90s]]"'] },
    expected: [['dword-not-number', 'error']],
    fixes: [{ title: 'Change to 90', after: { attributes: ['AspScriptTimeout="90"'] }, decoded: '90' }],
  });
  propertyCase(test, {
    name: 'spaces around the number: removed, preferred (the character references as well)',
    key: { attributes: ['AspScriptTimeout="[[&#32;90 ]]"'] },
    expected: [['dword-not-number', 'error']],
    fixes: [{ title: 'Remove the spaces', preferred: true, after: { attributes: ['AspScriptTimeout="90"'] }, decoded: '90' }],
  });
  propertyCase(test, {
    name: 'hexadecimal in a flag set: the decimal number, preferred',
    key: { attributes: ['DirBrowseFlags="[[0x4000003E]]"'] },
    expected: [['dword-not-number', 'error']],
    fixes: [{ title: 'Change to 1073741886', preferred: true, after: { attributes: ['DirBrowseFlags="1073741886"'] }, decoded: '1073741886', remaining: ['flagset-number'] }],
  });
  propertyCase(test, {
    name: 'hexadecimal: the decimal number, preferred',
    key: { attributes: ['AspScriptTimeout="[[0x5A]]"'] },
    expected: [['dword-not-number', 'error']],
    fixes: [{ title: 'Change to 90', preferred: true, after: { attributes: ['AspScriptTimeout="90"'] }, decoded: '90' }],
  });
  propertyCase(test, {
    name: '-1: 4294967295 offered; an empty value on its quotes; too large for a DWORD',
    key: { attributes: ['AspScriptTimeout="[[-1]]"', 'AspSessionTimeout=[[""]]', 'AspQueueTimeout="[[4294967296]]"'] },
    expected: [['dword-not-number', 'error'], ['dword-not-number', 'error'], ['dword-not-number', 'error']],
    fixes: [{ title: 'Change to 4294967295', after: { attributes: ['AspScriptTimeout="4294967295"', 'AspSessionTimeout=""', 'AspQueueTimeout="4294967296"'] }, decoded: '4294967295', remaining: ['dword-not-number', 'dword-not-number'] }],
  });
  propertyCase(test, {
    name: 'outside the schema range, below and above',
    key: { type: 'IIsApplicationPool', location: '/LM/W3SVC/AppPools/A', attributes: ['AppPoolQueueLength="[[5]]"', 'PeriodicRestartTime="[[71583]]"', 'PingInterval="30"'] },
    expected: [['dword-range', 'warning'], ['dword-range', 'warning']],
    fixes: [],
  });
  test("the schema's default is accepted where the schema's own range leaves it out (SmtpServiceVersion: default 0, from 1)", () => {
    for (const value of ['0', '&#48;']) {
      assert.deepEqual(check(keyText({ type: 'IIsSmtpService', location: '/LM/SMTPSVC', attributes: [`SmtpServiceVersion="${value}"`] })), [], value);
    }
  });
  test('the range message', () => {
    const text = keyText({ type: 'IIsApplicationPool', attributes: ['AppPoolQueueLength="5"'] });
    assert.deepEqual(diagnostics(text).filter((d) => d.code === 'dword-range').map((d) => d.message), ["AppPoolQueueLength must be from 10 to 65535 (the schema's range); 5 is below it"]);
  });
});

describe('flag sets', () => {
  propertyCase(test, {
    name: 'an unknown flag name: the nearest flag, preferred',
    key: { attributes: ['AuthFlags="AuthAnonymous | [[AuthNTML]]"'] },
    expected: [['flagset-unknown-name', 'error']],
    fixes: [{ title: 'Change to AuthNTLM', preferred: true, after: { attributes: ['AuthFlags="AuthAnonymous | AuthNTLM"'] }, decoded: 'AuthAnonymous | AuthNTLM' }],
  });
  propertyCase(test, {
    name: 'an unknown name written with character references: the edit keeps the others as written',
    key: { attributes: ['AuthFlags="&#65;uthAnonymous | [[&#65;uth&#78;TML]]"'] },
    expected: [['flagset-unknown-name', 'error']],
    fixes: [{ title: 'Change to AuthNTLM', preferred: true, after: { attributes: ['AuthFlags="&#65;uthAnonymous | &#65;uth&#78;TLM"'] }, decoded: 'AuthAnonymous | AuthNTLM' }],
  });
  propertyCase(test, {
    name: 'separators: a bare bar, a comma, white space at the ends',
    key: { attributes: ['AccessFlags="[[ ]]AccessRead[[|]]AccessScript[[, ]]AccessWrite"'] },
    expected: [['flagset-separator', 'warning'], ['flagset-separator', 'warning'], ['flagset-separator', 'warning']],
    fixIndex: 1,
    fixes: [{ title: "Change to ' | '", preferred: true, after: { attributes: ['AccessFlags=" AccessRead | AccessScript, AccessWrite"'] }, decoded: ' AccessRead | AccessScript, AccessWrite', remaining: ['flagset-separator', 'flagset-separator'] }],
  });
  propertyCase(test, {
    name: 'a line break between names (written as a reference)',
    key: { attributes: ['AccessFlags="AccessRead[[ |&#10;\t\t\t]]AccessScript"'] },
    expected: [['flagset-separator', 'warning']],
    fixes: [{ title: "Change to ' | '", preferred: true, after: { attributes: ['AccessFlags="AccessRead | AccessScript"'] }, decoded: 'AccessRead | AccessScript' }],
  });
  propertyCase(test, {
    name: 'a number where IIS writes names: the names offered',
    key: { attributes: ['AccessFlags="[[513]]"'] },
    expected: [['flagset-number', 'information']],
    fixes: [{ title: 'Change to AccessRead | AccessScript', after: { attributes: ['AccessFlags="AccessRead | AccessScript"'] }, decoded: 'AccessRead | AccessScript' }],
  });
  propertyCase(test, {
    name: 'a number with bits that are no flag: no fix',
    key: { attributes: ['DirBrowseFlags="[[5]]"'] },
    expected: [['flagset-number', 'information']],
    fixes: [],
  });
  propertyCase(test, {
    name: 'a number above the DWORD range: the error a plain DWORD gets, no fix',
    key: { attributes: ['AccessFlags="[[4294967296]]"', 'DirBrowseFlags="DirBrowseShowDate | [[99999999999]]"'] },
    expected: [['dword-not-number', 'error'], ['dword-not-number', 'error']],
    fixes: [],
  });
  propertyCase(test, {
    name: '00 alone: 0 offered',
    key: { attributes: ['AccessFlags="[[00]]"'] },
    expected: [['flagset-number', 'information']],
    fixes: [{ title: 'Change to 0', after: { attributes: ['AccessFlags="0"'] }, decoded: '0' }],
  });
  propertyCase(test, {
    name: 'a 0 among names: removed with its separator',
    key: { attributes: ['AccessFlags="[[0]] | AccessRead"', 'AuthFlags="AuthNTLM | [[0]]"'] },
    expected: [['flagset-number', 'information'], ['flagset-number', 'information']],
    fixes: [{ title: 'Remove 0', after: { attributes: ['AccessFlags="AccessRead"', 'AuthFlags="AuthNTLM | 0"'] }, decoded: 'AccessRead', remaining: ['flagset-number'] }],
  });
  propertyCase(test, {
    name: 'the last 0 among names: removed with the separator before it',
    key: { attributes: ['AuthFlags="AuthNTLM | [[0]]"'] },
    expected: [['flagset-number', 'information']],
    fixes: [{ title: 'Remove 0', after: { attributes: ['AuthFlags="AuthNTLM"'] }, decoded: 'AuthNTLM' }],
  });
  test('the messages on numbers: out of the DWORD range, and a 0 that sets no flag', () => {
    const text = keyText({ attributes: ['AccessFlags="0 | AccessRead"', 'AuthFlags="00"', 'DirBrowseFlags="99999999999"'] });
    assert.deepEqual(diagnostics(text).map((d) => d.message), [
      '0 sets no flag of AccessFlags: IIS writes only the names of the flags that are set',
      'IIS writes AuthFlags as flag names, and 0 when no flag is set: 00 sets no flag',
      "DirBrowseFlags is a DWORD: IIS reads a decimal number from 0 to 4294967295, not '99999999999'",
    ]);
  });
  test('0 alone is what IIS writes for no flag; an empty flag set is no number', () => {
    assert.deepEqual(check(keyText({ attributes: ['AccessFlags="0"'] })), []);
    assert.deepEqual(check(keyText({ attributes: ['AccessFlags=""'] })).map((f) => f.code), ['dword-not-number']);
  });
  test('bits above 2^31 written by name are quiet', () => {
    assert.deepEqual(check(keyText({ attributes: ['DirBrowseFlags="DirBrowseShowDate | EnableDirBrowsing"'] })), []);
  });
  test('fix-all: a misspelt name and a bare bar in one value', () => {
    const text = keyText({ attributes: ['AuthFlags="AuthAnonymous|AuthNTML"'] });
    assert.equal(fixAllText(text), keyText({ attributes: ['AuthFlags="AuthAnonymous | AuthNTLM"'] }));
  });
});

describe('bool-value and bool-case', () => {
  propertyCase(test, {
    name: 'yes: TRUE, preferred',
    key: { attributes: ['AspEnableParentPaths="[[yes]]"'] },
    expected: [['bool-value', 'error']],
    fixes: [{ title: 'Change to TRUE', preferred: true, after: { attributes: ['AspEnableParentPaths="TRUE"'] }, decoded: 'TRUE' }],
  });
  propertyCase(test, {
    name: 'no, 0, an empty value',
    key: { attributes: ['AspEnableParentPaths="[[no]]"', 'AspAllowSessionState="[[0]]"', 'AspBufferingOn=[[""]]'] },
    expected: [['bool-value', 'error'], ['bool-value', 'error'], ['bool-value', 'error']],
    fixIndex: 2,
    fixes: [
      { title: 'Change to TRUE', after: { attributes: ['AspEnableParentPaths="no"', 'AspAllowSessionState="0"', 'AspBufferingOn="TRUE"'] }, decoded: 'TRUE', remaining: ['bool-value', 'bool-value'] },
      { title: 'Change to FALSE', after: { attributes: ['AspEnableParentPaths="no"', 'AspAllowSessionState="0"', 'AspBufferingOn="FALSE"'] }, decoded: 'FALSE', remaining: ['bool-value', 'bool-value'] },
    ],
  });
  propertyCase(test, {
    name: 'true: the case, preferred, only the letters that change',
    key: { attributes: ['AspEnableParentPaths="[[tRUE]]"'] },
    expected: [['bool-case', 'information']],
    fixes: [{ title: 'Change to TRUE', preferred: true, after: { attributes: ['AspEnableParentPaths="TRUE"'] }, decoded: 'TRUE' }],
  });
  test('the message', () => {
    assert.deepEqual(diagnostics(keyText({ attributes: ['AspEnableParentPaths="yes"'] })).map((d) => d.message),
      ["AspEnableParentPaths is a BOOL: IIS reads TRUE or FALSE, not 'yes'"]);
  });
});

describe('custom-mismatch', () => {
  const custom = (name: string, type: string, userType: string) =>
    [`Name="${name}"`, 'ID="6269"', 'Value="65535"', `Type="${type}"`, `UserType="${userType}"`, 'Attributes="NO_ATTRIBUTES"'];
  propertyCase(test, {
    name: 'a wrong Name: the schema name, preferred',
    key: { type: 'IIsWebServer', location: '/LM/W3SVC/1', attributes: [], customs: [custom('[[MD_ISM_ACCESS]]', 'DWORD', 'IIS_MD_UT_FILE')] },
    expected: [['custom-mismatch', 'warning']],
    fixes: [{ title: 'Change to MD_ISM_ACCESS_CHECK', preferred: true, after: { type: 'IIsWebServer', location: '/LM/W3SVC/1', attributes: [], customs: [custom('MD_ISM_ACCESS_CHECK', 'DWORD', 'IIS_MD_UT_FILE')] }, decoded: 'MD_ISM_ACCESS_CHECK' }],
  });
  propertyCase(test, {
    name: 'a wrong Type (not preferred) and UserType',
    key: { type: 'IIsWebServer', location: '/LM/W3SVC/1', attributes: [], customs: [custom('MD_ISM_ACCESS_CHECK', '[[STRING]]', '[[IIS_MD_UT_SERVER]]')] },
    expected: [['custom-mismatch', 'warning'], ['custom-mismatch', 'warning']],
    fixes: [{ title: 'Change to DWORD', after: { type: 'IIsWebServer', location: '/LM/W3SVC/1', attributes: [], customs: [custom('MD_ISM_ACCESS_CHECK', 'DWORD', 'IIS_MD_UT_SERVER')] }, decoded: 'DWORD', remaining: ['custom-mismatch'] }],
  });
  test('a BOOL stored as a DWORD, or as BOOL; an ID the schema does not define', () => {
    const bool = (type: string) => [['Name="AllowKeepAlive"', 'ID="6038"', 'Value="1"', `Type="${type}"`, 'UserType="IIS_MD_UT_FILE"']];
    assert.deepEqual(check(keyText({ attributes: [], customs: bool('DWORD') })), []);
    assert.deepEqual(check(keyText({ attributes: [], customs: bool('BOOL') })), []);
    assert.deepEqual(check(keyText({ attributes: [], customs: [['Name="UnknownName_2166"', 'ID="2166"', 'Value="1"', 'Type="DWORD"']] })), []);
  });
  test("IIS's own placeholder Name for an ID its schema lacked (a server older than this schema): the Name is not judged", () => {
    // Windows Server 2003 before SP1 has no ID 9040; an installer that set it there gets this Custom from IIS.
    const pools = (name: string, userType: string) => keyText({ type: 'IIsApplicationPools', location: '/LM/W3SVC/AppPools', attributes: ['AppPoolIdentityType="2"'],
      customs: [[`Name="${name}"`, 'ID="9040"', 'Value="1"', 'Type="DWORD"', `UserType="${userType}"`, 'Attributes="INHERIT"']] });
    assert.deepEqual(check(pools('UnknownName_9040', 'IIS_MD_UT_SERVER')), []);
    // Another ID's placeholder, and the UserType, are still judged.
    const text = pools('UnknownName_9041', 'IIS_MD_UT_FILE');
    assert.deepEqual(check(text).map((f) => [f.code, text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character)]),
      [['custom-mismatch', 'UnknownName_9041'], ['custom-mismatch', 'IIS_MD_UT_FILE']]);
  });
});

describe('secure-plaintext', () => {
  propertyCase(test, {
    name: 'a password in plain text',
    key: { attributes: ['UNCPassword="[[P@ssw0rd]]"', 'AnonymousUserPass="4963446270000000"'] },
    expected: [['secure-plaintext', 'information']],
    fixes: [],
  });
  test('hex digits (of any number) and an empty value are quiet; a word with hex letters is not', () => {
    assert.deepEqual(check(keyText({ attributes: ['UNCPassword="496"', 'AnonymousUserPass=""'] })), []);
    assert.deepEqual(check(keyText({ attributes: ['UNCPassword="deadbeefs"'] })).map((f) => f.code), ['secure-plaintext']);
  });
});

describe('what IIS writes is quiet', () => {
  test('the IIS-written MetaBase.xml (a copy of ../shared/corpus/real/MetaBase.xml): no finding at all', () => {
    assert.deepEqual(check(readFileSync('test/fixtures/iis-written/MetaBase.xml', 'utf8').replace(/^\uFEFF/, '')), []);
  });
  test('examples/MetaBase.xml: its mistakes are all ScriptMaps ones', () => {
    const text = readFileSync('examples/MetaBase.xml', 'utf8').replace(/^\uFEFF/, '');
    const ours = new Set(['property-unknown', 'property-not-allowed', 'dword-not-number', 'dword-range', 'flagset-unknown-name',
      'flagset-separator', 'flagset-number', 'bool-value', 'bool-case', 'custom-mismatch', 'secure-plaintext']);
    assert.deepEqual(check(text).filter((f) => ours.has(f.code)), []);
  });
});

describe('a raw line break in a value is a line of the file: no fix deletes it', () => {
  // The white space around a value (or between flag names) is the fault, but deleting a raw line break
  // joins two lines of the file: the finding stays, with no fix, and fix-all leaves the text as it is.
  const cases: Array<[what: string, key: KeySpec, code: string]> = [
    ['a <Custom> UserType after a CRLF (the fuzz case)', { attributes: [], customs: [['Name="ScriptMaps"', 'ID="6014"', 'Value=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET"', 'Type="MULTISZ"', 'UserType="\r\nIIS_MD_UT_FILE"']] }, 'custom-mismatch'],
    ['a <Custom> Name before an LF', { attributes: [], customs: [['Name="ScriptMaps\n"', 'ID="6014"', 'Value=""', 'Type="MULTISZ"']] }, 'custom-mismatch'],
    ['a BOOL after a CRLF', { attributes: ['AspEnableParentPaths="\r\ntrue"'] }, 'bool-value'],
    ['a DWORD before a CR', { attributes: ['AspScriptTimeout="90\r"'] }, 'dword-not-number'],
    ['a DWORD in hex after an LF', { attributes: ['AspScriptTimeout="\n0x5A"'] }, 'dword-not-number'],
    ['a flag set after a CRLF', { attributes: ['AccessFlags="\r\nAccessRead"'] }, 'flagset-separator'],
    ['a line break between flag names', { attributes: ['AccessFlags="AccessRead |\r\nAccessScript"'] }, 'flagset-separator'],
  ];
  for (const [what, key, code] of cases) {
    test(what, () => {
      const text = keyText(key);
      assert.deepEqual(codes(text), [code]);
      assert.deepEqual(fixTitles(text, code), []);
      assert.equal(fixAllText(text), text);
    });
  }
  test('the same values without the line break keep their fixes', () => {
    const text = keyText({ attributes: ['AspEnableParentPaths=" true"', 'AccessFlags="AccessRead |\tAccessScript"'] });
    assert.equal(fixAllText(text), keyText({ attributes: ['AspEnableParentPaths="TRUE"', 'AccessFlags="AccessRead | AccessScript"'] }));
  });
  test('a token fix next to a line break keeps it', () => {
    const text = keyText({ attributes: ['AuthFlags="AuthAnonymous\r\n|\r\nAuthNTML"'] });
    assert.equal(applyFix(text, 'flagset-unknown-name', 'Change to AuthNTLM'), text.replace('AuthNTML', 'AuthNTLM'));
  });
});
