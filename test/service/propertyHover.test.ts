// Hovers from the schema facts on a key's start tag: the element name, Location (the key's hover, on its name
// and its value) and every property but ScriptMaps (which keeps its own hover).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MarkupKind } from 'vscode-languageserver-types';
import { describeAttribute } from '../../server/src/service/hover/property';
import { iisSchemaFacts } from '../../server/src/service/schema';
import { VARIANTS, diagnostics, hoverAt, hoverMarkdown, r, wrapKeys } from './helpers';

const key = (type: string, attributes: string[], options: { eol?: 'LF' | 'CRLF' | 'CR'; bom?: boolean } = {}) =>
  wrapKeys([`<${type}\tLocation ="/LM/W3SVC/1/ROOT"`, ...attributes.map((a) => `\t\t${a}`), '\t>', `</${type}>`], options);
/** The hover at the first occurrence of `needle` (plus `delta`) in `text`. */
const at = (text: string, needle: string, delta = 0) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return hoverAt(text, i + delta);
};
const facts = iisSchemaFacts();
/** The hover's own topic, without the sections of the rules whose diagnostics stand there. */
const topicOf = (h: ReturnType<typeof hoverAt>) => hoverMarkdown(h).split('\n\n---\n\n')[0];

describe('hover on a key type', () => {
  test('the element name: its properties and the key types it may contain; the range is the name', () => {
    const text = key('IIsWebVirtualDir', ['AccessFlags="AccessRead"']);
    for (const delta of [1, 8, 16]) {
      const h = at(text, '<IIsWebVirtualDir', delta);
      assert.deepEqual(h?.range, r(3, 1, 3, 17));
      assert.equal(hoverMarkdown(h), '**IIsWebVirtualDir** key type: may hold 111 properties. May contain IIsWebDirectory, IIsWebFile, IIsWebVirtualDir and untyped keys.' +
        '\n\nParent key: none in this file.');
    }
  });
  test('on the < itself: no hover', () => {
    const text = key('IIsWebVirtualDir', []);
    assert.equal(at(text, '<IIsWebVirtualDir'), null);
  });
  test('a key type that contains nothing, a hidden one, an untyped key, an unknown one', () => {
    const none = '\n\nParent key: none in this file.';
    assert.equal(hoverMarkdown(at(key('IIsWebFile', []), 'IIsWebFile')), `**IIsWebFile** key type: may hold 53 properties. May contain untyped keys only.${none}`);
    assert.equal(hoverMarkdown(at(key('IIS_ROOT', []), 'IIS_ROOT')), `**IIS_ROOT** key type (hidden in the schema): may hold ${facts.keyType('IIS_ROOT')!.properties.size} properties. Its child keys are not checked (a hidden class).${none}`);
    assert.equal(hoverMarkdown(at(key('IIsConfigObject', []), 'IIsConfigObject')), `**IIsConfigObject**: an untyped key; the schema lets it hold any of its 507 properties.${none}`);
    // The key, then the rule that flags its name.
    const unknown = hoverMarkdown(at(key('IIsWebDir', []), 'IIsWebDir')).split('\n\n---\n\n');
    assert.equal(unknown[0], `**IIsWebDir**: not a key type of the metabase schema (MBSchema.xml).${none}`);
    assert.match(unknown[1], /^\*\*key-type-unknown\*\* \(warning\): A key element whose name is not a key type of the metabase schema\. /);
    assert.equal(unknown.length, 2);
  });
  const tree = (eol: 'LF' | 'CRLF' | 'CR' = 'LF', bom = false) => wrapKeys([
    '<IIsWebService\tLocation ="/LM/W3SVC"', '\t>', '</IIsWebService>',
    '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t>', '</IIsWebVirtualDir>',
    '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebServer>',
  ], { eol, bom });
  const SERVER = '**IIsWebServer** key type: may hold 146 properties. May contain IIsCertMapper, IIsFilters, IIsWebVirtualDir and untyped keys.';
  for (const variant of VARIANTS) {
    test(`the parent key from the document: the nearest ancestor Location in the file, wherever it stands [${variant.name}]`, () => {
      const text = tree(variant.options.eol, variant.options.bom);
      const onLocation = at(text, '/LM/W3SVC/1"', 3);
      assert.deepEqual(onLocation?.range, r(9, 25, 9, 36));
      assert.equal(hoverMarkdown(onLocation), `${SERVER}\n\nParent key: **IIsWebService** \`/LM/W3SVC\`.`);
      assert.equal(hoverMarkdown(at(text, 'IIsWebServer\t')), hoverMarkdown(onLocation));
      // The virtual directory's parent is the server, which comes after it in the file.
      assert.match(hoverMarkdown(at(text, '/LM/W3SVC/1/ROOT')), /\n\nParent key: \*\*IIsWebServer\*\* `\/LM\/W3SVC\/1`\.$/);
      assert.match(hoverMarkdown(at(text, 'IIsWebService', 2)), /\n\nParent key: none in this file\.$/);
    });
  }
  for (const variant of VARIANTS) {
    test(`the Location's name: the key's hover, on the name's range [${variant.name}]`, () => {
      const text = tree(variant.options.eol, variant.options.bom);
      const onName = at(text, 'Location ="/LM/W3SVC/1"', 3);
      assert.deepEqual(onName?.range, r(9, 14, 9, 22));
      assert.equal(hoverMarkdown(onName), `${SERVER}\n\nParent key: **IIsWebService** \`/LM/W3SVC\`.`);
      // The = before the value: none.
      assert.equal(at(text, ' ="/LM/W3SVC/1"', 1), null);
    });
  }
  test('the key types a key may contain, as key-child-not-allowed says them', () => {
    const text = wrapKeys([
      '<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/P"', '\t>', '</IIsApplicationPool>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/AppPools/P/x"', '\t>', '</IIsWebVirtualDir>',
      '<IIsComputer\tLocation ="/LM"', '\t>', '</IIsComputer>',
    ]);
    const rule = diagnostics(text).find((d) => d.code === 'key-child-not-allowed')!.message;
    assert.equal(rule, 'the schema does not let an IIsApplicationPool key (the parent key) contain IIsWebVirtualDir keys; it may contain untyped keys only');
    assert.match(topicOf(at(text, 'IIsApplicationPool\t')), / May contain untyped keys only\.\n/);
    // IIS writes IIsLogModules under IIsComputer, which its ContainerClassList leaves out.
    assert.match(topicOf(at(text, 'IIsComputer\t')), / May contain IIsWebService, IIsFtpService, IIsMimeMap, IIsNntpService, IIsSmtpService, IIsPop3Service, IIsImapService, IIsLogModules and untyped keys\.\n/);
  });
  test('on the Location when a key rule flags it: the key, then the rule', () => {
    const text = wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/www"', '\t>', '</IIsWebServer>']);
    const h = at(text, '/www');
    assert.deepEqual(h?.range, r(3, 25, 3, 38));
    assert.match(hoverMarkdown(h), /^\*\*IIsWebServer\*\* key type: .*\n\nParent key: none in this file\.\n\n---\n\n\*\*key-location-shape\*\* \(warning\)/s);
  });
});

describe('hover on a property', () => {
  const AUTH = [
    '**AuthFlags** (ID 6000): DWORD flag set, inheritable, user type IIS_MD_UT_FILE, default `AuthAnonymous`.',
    '',
    'May be set on IIsWebService, IIsWebServer, IIsWebFile, IIsWebDirectory, IIsWebVirtualDir, IIsNntpService, IIsNntpServer, IIsSmtpService, IIsSmtpServer, IIsPop3Service, IIsPop3Server, IIsImapService, IIsImapServer, IIS_WEB_TEMPLATESETTINGS and untyped keys.',
    '',
  ];
  for (const variant of VARIANTS) {
    test(`a flag set: each flag by name and bit, an unknown name flagged; name and value ranges [${variant.name}]`, () => {
      const text = key('IIsWebVirtualDir', ['AuthFlags="AuthAnonymous | AuthNTML"'], variant.options);
      const expected = [...AUTH, 'Value `AuthAnonymous | AuthNTML`:', '',
        '- ☑ **1** `AuthAnonymous`', '- ☐ **2** `AuthBasic`', '- ☐ **4** `AuthNTLM`', '- ☐ **16** `AuthMD5`', '- ☐ **64** `AuthPassport`',
        '- ⚠ `AuthNTML`: not a flag of AuthFlags'].join('\n');
      const onName = at(text, 'AuthFlags', 4);
      assert.deepEqual(onName?.range, r(4, 2, 4, 11));
      assert.equal(topicOf(onName), expected);
      const onValue = at(text, 'AuthNTML');
      assert.deepEqual(onValue?.range, r(4, 13, 4, 37));
      assert.equal(topicOf(onValue), expected);
    });
  }
  test('a flag set written as a number: its bits by name, and bits that are no flag', () => {
    const text = key('IIsWebVirtualDir', ['AuthFlags="69"', 'AccessFlags="65537"']);
    assert.equal(topicOf(at(text, '69')), [...AUTH, 'Value `69` = 69:', '',
      '- ☑ **1** `AuthAnonymous`', '- ☐ **2** `AuthBasic`', '- ☑ **4** `AuthNTLM`', '- ☐ **16** `AuthMD5`', '- ☑ **64** `AuthPassport`'].join('\n'));
    assert.match(topicOf(at(text, '65537')), /^Value `65537` = 65537:\n\n- ☑ \*\*1\*\* `AccessRead`\n[^]*\n- ⚠ \*\*65536\*\*: bits that are no flag of AccessFlags$/m);
  });
  test('a number above the DWORD range is said to be one, not decoded; two numbers with one bit count it once', () => {
    const md = topicOf(at(key('IIsWebVirtualDir', ['DirBrowseFlags="99999999999"']), '9999'));
    assert.match(md, /^Value `99999999999`:$/m);
    assert.match(md, /^- ⚠ `99999999999`: above 4294967295, the largest number a DWORD holds: IIS cannot store it$/m);
    assert.doesNotMatch(md, /☑|bits that are no flag/);
    assert.match(topicOf(at(key('IIsWebVirtualDir', ['AccessFlags="1 | 1 | 65536 | 65536"']), '65536')), /^Value `1 \| 1 \| 65536 \| 65536` = 65537:$/m);
    const plain = topicOf(at(key('IIsWebVirtualDir', ['AspScriptTimeout="4294967296"']), '4294967296'));
    assert.match(plain, /\n\nValue `4294967296`: above 4294967295, the largest number a DWORD holds: IIS cannot store it\.$/);
  });
  test('bits above 2^31 (EnableDirBrowsing, 2147483648) are decoded', () => {
    const md = topicOf(at(key('IIsWebVirtualDir', ['DirBrowseFlags="EnableDirBrowsing | DirBrowseShowDate"']), 'EnableDir'));
    assert.match(md, /^Value `EnableDirBrowsing \| DirBrowseShowDate` = 2147483650:$/m);
    assert.match(md, /^- ☑ \*\*2147483648\*\* `EnableDirBrowsing`$/m);
  });
  test('a BOOL: TRUE/FALSE (any case), anything else said; a key type the schema does not allow', () => {
    const head = [
      '**AllowKeepAlive** (ID 6038): BOOL, inheritable, user type IIS_MD_UT_FILE, default `TRUE`.',
      '',
    ];
    const onServer = key('IIsWebServer', ['AllowKeepAlive="false"']);
    assert.equal(topicOf(at(onServer, 'AllowKeepAlive')), [...head,
      'May be set on IIsWebService, IIsWebServer and untyped keys.', '', 'Value: **FALSE**.'].join('\n'));
    const onVdir = key('IIsWebVirtualDir', ['AllowKeepAlive="yes"']);
    assert.equal(topicOf(at(onVdir, 'yes')), [...head,
      'May be set on IIsWebService, IIsWebServer and untyped keys. **The schema does not allow it on IIsWebVirtualDir keys.**', '',
      'Value `yes`: neither TRUE nor FALSE.'].join('\n'));
  });
  test('a DWORD: not a number; outside its range; inside it', () => {
    const md = (value: string) => topicOf(at(key('IIsApplicationPool', [`AppPoolQueueLength="${value}"`]), 'AppPoolQueueLength'));
    const head = '**AppPoolQueueLength** (ID 9017): DWORD, inheritable, user type IIS_MD_UT_SERVER, default `1000`, range 10 to 65535.\n\n'
      + 'May be set on IIsApplicationPool, IIsApplicationPools and untyped keys.\n\n';
    assert.equal(md('5'), `${head}Value: 5, outside the schema's range 10 to 65535.`);
    assert.equal(md('4000'), `${head}Value: 4000.`);
    assert.equal(md('1k'), `${head}Value \`1k\`: not a decimal number.`);
    assert.match(describeAttribute('SmtpServiceVersion', '0', 'IIsSmtpService', facts),
      /\n\nValue: 0, the default, which IIS writes though the schema's range 1 to 4294967295 leaves it out\.$/);
    assert.match(describeAttribute('LogFilePeriod', '5', 'IIsWebServer', facts), /\n\nValue: 5, outside the schema's range 0 to 4\.$/);
    assert.match(describeAttribute('FilterFlags', '0', 'IIsFilter', facts), /^\*\*FilterFlags\*\* \(ID 2044\): DWORD flag set, not inherited, /);
  });
  test('a SECURE property: what happens when it is copied to another server', () => {
    assert.equal(topicOf(at(key('IIsWebVirtualDir', ['AnonymousUserPass="0000"']), 'AnonymousUserPass')), [
      '**AnonymousUserPass** (ID 6021): STRING, inheritable, secure, user type IIS_MD_UT_FILE, default empty.',
      '',
      'May be set on IIsWebService, IIsFtpService, IIsWebServer, IIsFtpServer, IIsWebFile, IIsWebDirectory, IIsWebVirtualDir, IIsNntpService, IIsNntpServer, IIsSmtpService and untyped keys.',
      '',
      "Encrypted with this server's key; copied to another server it fails to decrypt.",
    ].join('\n'));
  });
  test('a string with no default; an empty value still hovers', () => {
    const text = key('IIsWebVirtualDir', ['AppPoolId=""']);
    const h = at(text, '""', 1);
    assert.deepEqual(h?.range, r(4, 13, 4, 13));
    assert.equal(topicOf(h), '**AppPoolId** (ID 9101): STRING, inheritable, user type IIS_MD_UT_SERVER, no default.\n\n'
      + 'May be set on IIsWebService, IIsWebServer, IIsWebDirectory, IIsWebVirtualDir and untyped keys.');
  });
  test('an unknown name; a name in the wrong case', () => {
    const text = key('IIsWebVirtualDir', ['AccesFlags="AccessRead"', 'accessflags="1"']);
    assert.equal(topicOf(at(text, 'AccesFlags')), '**AccesFlags**: not a property of the metabase schema (MBSchema.xml).');
    assert.equal(topicOf(at(text, 'accessflags')), '**accessflags**: not a property of the metabase schema (MBSchema.xml); names are case-sensitive: the schema has **AccessFlags**.');
  });
  test('the MD_ constant where a source names it (ScriptMaps keeps its own hover in the editor)', () => {
    assert.match(describeAttribute('ScriptMaps', '', 'IIsWebServer', facts), /^\*\*ScriptMaps\*\* \(MD_SCRIPT_MAPS, ID 6014\): MULTISZ, inheritable, user type IIS_MD_UT_FILE, default empty\.\n/);
  });
  test('the = and the quotes between name and value: no hover', () => {
    const text = key('IIsWebVirtualDir', ['AppPoolId = "x"']);
    assert.equal(at(text, '= "x"', 1), null);
    assert.equal(at(text, '"x"'), null);
  });
});

describe('the IIS-written MetaBase.xml', () => {
  test('every property of every key is a schema property that its key type may hold, with a value the schema accepts', () => {
    const text = readFileSync(join(__dirname, '..', '..', '..', 'test/fixtures/iis-written/MetaBase.xml'), 'utf8');
    const complaints: string[] = [];
    let properties = 0;
    for (const match of text.matchAll(/^\t\t(\w+)=/gm)) {
      const name = match[1];
      if (name === 'ScriptMaps' || text.startsWith('<Custom', text.lastIndexOf('<', match.index))) continue;
      properties++;
      for (const offset of [match.index + 2, match.index + 2 + name.length + 2]) {
        const md = topicOf(hoverAt(text, offset));
        if (/not a property|does not allow|neither TRUE|not a decimal|outside the schema|⚠/.test(md)) complaints.push(`${name}: ${md}`);
      }
    }
    assert.equal(properties, 328);
    assert.deepEqual(complaints, []);
  });
});

describe('the IIS-written MetaBase.xml: its <Custom> children', () => {
  test('no hover on a Custom says that the schema does not allow it, or finds fault with its value', () => {
    const text = readFileSync(join(__dirname, '..', '..', '..', 'test/fixtures/iis-written/MetaBase.xml'), 'utf8');
    const hovers = [...text.matchAll(/<Custom\s+Name="/g)].map((m) => topicOf(hoverAt(text, m.index + 10)));
    assert.equal(hovers.length, 5);
    assert.deepEqual(hovers.filter((md) => /does not allow|neither TRUE|not a decimal|outside the schema|⚠/.test(md)), []);
    assert.equal(hovers.filter((md) => md.includes('IIS keeps it here as a `<Custom>` child, by its ID (no warning)')).length, 1);
  });
});

describe('hover on a <Custom> child and on secrets', () => {
  const customKey = (attributes: string[]) => wrapKeys(['<IIsWebService\tLocation ="/LM/W3SVC"', '\t>', '\t<Custom', ...attributes.map((a) => `\t\t${a}`), '\t/>', '</IIsWebService>']);
  const ISM = ['Name="MD_ISM_ACCESS_CHECK"', 'ID="6269"', 'Value="65535"', 'Type="DWORD"', 'UserType="IIS_MD_UT_FILE"'];
  test('any attribute of a Custom: the property of its ID, stored by ID, its Value decoded; the range is the attribute hovered', () => {
    const text = customKey(ISM);
    const expected = ['**MD_ISM_ACCESS_CHECK** (ID 6269): DWORD, not inherited, user type IIS_MD_UT_FILE, no default.', '',
      'May be set on IIsWebServer and untyped keys. The IIsWebService class does not list it: IIS keeps it here as a `<Custom>` child, by its ID (no warning).',
      '', 'Value: 65535.'].join('\n');
    const onName = at(text, 'MD_ISM', 2);
    assert.deepEqual(onName?.range, r(6, 8, 6, 27));
    assert.equal(topicOf(onName), expected);
    const onType = at(text, 'Type=', 1);
    assert.deepEqual(onType?.range, r(9, 2, 9, 6));
    assert.equal(topicOf(onType), expected);
  });
  test('a Custom of a property the key type holds is stored there by its ID; a BOOL stored as a DWORD is decoded', () => {
    const text = customKey(['Name="AllowKeepAlive"', 'ID="6038"', 'Value="1"', 'Type="DWORD"', 'UserType="IIS_MD_UT_FILE"']);
    assert.equal(topicOf(at(text, 'Value=', 1)), ['**AllowKeepAlive** (ID 6038): BOOL, inheritable, user type IIS_MD_UT_FILE, default `TRUE`.', '',
      'May be set on IIsWebService, IIsWebServer and untyped keys. Stored here by its ID, in a `<Custom>` child.', '', 'Value: 1, stored as a DWORD: **TRUE**.'].join('\n'));
    assert.match(topicOf(at(customKey(['ID="6038"', 'Value="0"']), 'ID=')), /\n\nValue: 0, stored as a DWORD: \*\*FALSE\*\*\.$/);
  });
  test('on a key type the schema does not define, a property is not judged where it stands (key-type-unknown says why)', () => {
    const text = key('IIsWebVirtualDirr', ['AllowKeepAlive="TRUE"']);
    assert.equal(topicOf(at(text, 'AllowKeepAlive')), ['**AllowKeepAlive** (ID 6038): BOOL, inheritable, user type IIS_MD_UT_FILE, default `TRUE`.', '',
      'May be set on IIsWebService, IIsWebServer and untyped keys.', '', 'Value: **TRUE**.'].join('\n'));
  });
  test('a Custom whose ID the schema does not define', () => {
    const text = customKey(['Name="UnknownName_2166"', 'ID="2166"', 'Value="1"', 'Type="DWORD"']);
    assert.equal(topicOf(at(text, '2166"')), '**Custom property** ID `2166`: not a property of the metabase schema (MBSchema.xml); IIS keeps it by its ID, with the Type the element gives.');
  });
  test('a secret in plain text is said to be one; as plain text too', () => {
    const text = key('IIsWebVirtualDir', ['UNCPassword="P@ss"']);
    const md = topicOf(at(text, 'P@ss'));
    assert.match(md, /\n\n\*\*Not encrypted\*\*: IIS stores it encrypted with this server's key \(hex digits\); this value is plain text that anyone who reads the file can read\.$/);
    const plain = hoverAt(text, text.indexOf('P@ss'), undefined, MarkupKind.PlainText);
    assert.match((plain!.contents as { value: string }).value, /\nNot encrypted: IIS stores it encrypted/);
  });
  test('a flag set as plain text: each flag on its line, no markup', () => {
    const text = key('IIsWebVirtualDir', ['AuthFlags="AuthAnonymous | AuthNTLM"']);
    const plain = (hoverAt(text, text.indexOf('AuthNTLM'), undefined, MarkupKind.PlainText)!.contents as { value: string }).value;
    assert.match(plain, /^AuthFlags \(ID 6000\): DWORD flag set, inheritable/);
    assert.match(plain, /\n- ☑ 1 AuthAnonymous\n- ☐ 2 AuthBasic\n- ☑ 4 AuthNTLM\n/);
  });
});
