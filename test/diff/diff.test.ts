// The semantic diff on inline metabases: every kind of change, the bookkeeping of a save, and the text and
// JSON outputs compared whole.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotWellFormed, diffMetabases, isMeaningful } from '../../server/src/service/diff';
import { diffJson, diffText } from '../../server/src/service/diff/format';

const NAMES = { old: 'old.xml', new: 'new.xml' };

/** A metabase as IIS writes it (BOM, CRLF) holding these keys, each given as its lines. */
function metabase(keys: string[][], eol = '\r\n'): string {
  const body = keys.map((lines) => lines.join(eol)).join(eol);
  return ['\uFEFF<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', body, '</MBProperty>', '</configuration>', ''].join(eol);
}

const key = (type: string, location: string, ...properties: string[]) =>
  [`<${type}\tLocation ="${location}"`, ...properties.map((p) => `\t\t${p}`), '\t>', `</${type}>`];

const globals = (change: number, major: number, stamp: string) =>
  key('IIS_Global', '.', `BINSchemaTimeStamp="${stamp}"`, `ChangeNumber="${change}"`, `HistoryMajorVersionNumber="${major}"`, `XMLSchemaTimeStamp="${stamp}"`);

/** A directory whose ScriptMaps is a <Custom> child, as IIS writes a property by ID. */
const legacy = (flags: string, attributes: string) => [
  '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/legacy"', '\t>', '\t<Custom', '\t\tName="ScriptMaps"', '\t\tID="6014"',
  `\t\tValue=".cfm,C:\\CFusion\\bin\\iscf.dll,${flags},GET,HEAD,POST"`, '\t\tType="MULTISZ"', '\t\tUserType="IIS_MD_UT_FILE"',
  `\t\tAttributes="${attributes}"`, '\t/>', '</IIsWebDirectory>',
];

const SERVICE = key('IIsWebService', '/LM/W3SVC',
  'ScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE\r\n\t\t\t.idc,C:\\WINDOWS\\system32\\inetsrv\\httpodbc.dll,5,GET,POST"',
  'WebSvcExtRestrictionList="0,*.dll\r\n\t\t\t1,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,0,ASP,Active Server Pages"');
const SITE = key('IIsWebServer', '/LM/W3SVC/1', 'ServerBindings=":80:"', 'ServerComment="Default Web Site"');
const ROOT = key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AccessFlags="AccessRead | AccessScript"', 'Path="D:\\Sites\\www"');

test('a save that changed only the bookkeeping (and the line endings) is no meaningful change', () => {
  const before = metabase([globals(412, 37, 'aa01'), SERVICE, SITE, ROOT]);
  const after = metabase([globals(413, 38, 'bb02'), SERVICE, SITE, ROOT], '\n');
  const diff = diffMetabases(before, after);
  assert.deepEqual(diff, { keys: [], hidden: 4 });
  assert.equal(isMeaningful(diff), false);
  assert.equal(diffText(diff, NAMES), '--- old.xml\n+++ new.xml\nno meaningful changes; 4 bookkeeping changes hidden (--all shows them)\n');
  const all = diffMetabases(before, after, { all: true });
  assert.equal(isMeaningful(all), false);
  assert.equal(diffText(all, NAMES), [
    '--- old.xml', '+++ new.xml',
    '~ . IIS_Global',
    '    ~ BINSchemaTimeStamp: "aa01" -> "bb02"',
    '    ~ ChangeNumber: "412" -> "413"',
    '    ~ HistoryMajorVersionNumber: "37" -> "38"',
    '    ~ XMLSchemaTimeStamp: "aa01" -> "bb02"',
    'keys: 1 changed, 0 added, 0 removed', '',
  ].join('\n'));
});

test('identical files, and a Location written in another case, are no change', () => {
  const text = metabase([SITE, ROOT]);
  assert.deepEqual(diffMetabases(text, text), { keys: [], hidden: 0 });
  const upper = metabase([SITE, key('IIsWebVirtualDir', '/LM/W3SVC/1/Root/', 'AccessFlags="AccessRead | AccessScript"', 'Path="D:\\Sites\\www"')]);
  assert.deepEqual(diffMetabases(text, upper), { keys: [], hidden: 0 });
});

test('every kind of change, in Location order, with site names, as text', () => {
  const before = metabase([
    globals(1, 1, 'aa'), SERVICE, SITE, ROOT,
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/old', 'Path="D:\\old"'),
    key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/dir', 'AccessFlags="AccessRead"'),
    legacy('5', 'INHERIT'),
  ]);
  const after = metabase([
    globals(2, 1, 'aa'),
    key('IIsWebService', '/LM/W3SVC',
      'ScriptMaps=".idc,C:\\WINDOWS\\system32\\inetsrv\\httpodbc.dll,5,GET,POST\r\n\t\t\t.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,1,GET,HEAD,POST\r\n\t\t\t.php,C:\\PHP\\php-cgi.exe,5"',
      'WebSvcExtRestrictionList="0,*.dll\r\n\t\t\t0,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,0,ASP,Active Server Pages"'),
    key('IIsWebServer', '/LM/W3SVC/1', 'ServerBindings=":80:\r\n\t\t\t:8080:"', 'ServerComment="Default Web Site"'),
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AccessFlags="AccessRead"', 'DefaultDoc="index.htm"'),
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/dir', 'AccessFlags="AccessRead"'),
    legacy('1', 'NO_ATTRIBUTES'),
    key('IIsWebServer', '/LM/W3SVC/2', 'ServerBindings=":81:"', 'ServerComment="Intranet &amp; more"'),
  ]);
  const diff = diffMetabases(before, after);
  assert.equal(isMeaningful(diff), true);
  assert.equal(diffText(diff, NAMES), [
    '--- old.xml', '+++ new.xml',
    '~ /LM/W3SVC IIsWebService',
    '    ~ ScriptMaps:',
    '        ~ .asp: Flags "5" -> "1", IncludedVerbs "GET,HEAD,POST,TRACE" -> "GET,HEAD,POST"',
    '        + .php,C:\\PHP\\php-cgi.exe,5',
    '        ~ (the order of the items changed)',
    '    ~ WebSvcExtRestrictionList:',
    '        ~ C:\\WINDOWS\\system32\\inetsrv\\asp.dll: AllowDenyFlag "1" -> "0"',
    '~ /LM/W3SVC/1 (site "Default Web Site") IIsWebServer',
    '    ~ ServerBindings:',
    '        + :8080:',
    '~ /LM/W3SVC/1/ROOT (site "Default Web Site") IIsWebVirtualDir',
    '    ~ AccessFlags: "AccessRead | AccessScript" -> "AccessRead"',
    '    + DefaultDoc = "index.htm"',
    '    - Path = "D:\\Sites\\www"',
    '~ /LM/W3SVC/1/ROOT/dir (site "Default Web Site") IIsWebDirectory -> IIsWebVirtualDir',
    '~ /LM/W3SVC/1/ROOT/legacy (site "Default Web Site") IIsWebDirectory',
    '    ~ ScriptMaps:',
    '        ~ .cfm: Flags "5" -> "1"',
    '    ~ ScriptMaps (Custom Attributes): "INHERIT" -> "NO_ATTRIBUTES"',
    '- /LM/W3SVC/1/ROOT/old (site "Default Web Site") IIsWebVirtualDir',
    '    - Path = "D:\\old"',
    '+ /LM/W3SVC/2 (site "Intranet & more") IIsWebServer',
    '    + ServerBindings:',
    '        + :81:',
    '    + ServerComment = "Intranet & more"',
    'keys: 5 changed, 1 added, 1 removed; 1 bookkeeping change hidden (--all shows it)', '',
  ].join('\n'));
});

test('list items: removed, changed without a natural key, duplicates paired in order', () => {
  const list = (name: string, items: string[]) => metabase([key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', `${name}="${items.join('\r\n\t\t\t')}"`)]);
  const items = (name: string, a: string[], b: string[]) => {
    const [k] = diffMetabases(list(name, a), list(name, b)).keys;
    return k.properties[0].items;
  };
  assert.deepEqual(items('ScriptMaps', ['.a,C:\\a.dll,1', '.a,C:\\b.dll,1', '.c,C:\\c.dll,1'], ['.a,C:\\a.dll,1', '.a,C:\\b.dll,5']), [
    { change: 'removed', old: '.c,C:\\c.dll,1' },
    { change: 'changed', key: '.a', old: '.a,C:\\b.dll,1', new: '.a,C:\\b.dll,5', fields: [{ name: 'Flags', old: '1', new: '5' }] },
  ]);
  // No natural key: items are added and removed whole.
  assert.deepEqual(items('HttpPics', ['x', 'y'], ['y', 'z']), [
    { change: 'removed', old: 'x' }, { change: 'added', new: 'z' },
  ]);
  assert.deepEqual(items('MimeMap', ['.log,text/plain'], ['.LOG,text/x-log']), [
    { change: 'changed', key: '.LOG', old: '.log,text/plain', new: '.LOG,text/x-log', fields: [{ name: 'Extension', old: '.log', new: '.LOG' }, { name: 'MimeType', old: 'text/plain', new: 'text/x-log' }] },
  ]);
  assert.deepEqual(items('HttpCustomHeaders', ['X-Powered-By: ASP.NET', 'broken'], ['x-powered-by: none', 'broken2']), [
    { change: 'removed', old: 'broken' },
    { change: 'changed', key: 'x-powered-by', old: 'X-Powered-By: ASP.NET', new: 'x-powered-by: none', fields: [{ name: 'Name', old: 'X-Powered-By', new: 'x-powered-by' }, { name: 'Value', old: ' ASP.NET', new: ' none' }] },
    { change: 'added', new: 'broken2' },
  ]);
  assert.deepEqual(items('ApplicationDependencies', ['Commerce;ASP,ISAPI', 'Solo'], ['Commerce;ASP', 'Solo2']), [
    { change: 'removed', old: 'Solo' },
    { change: 'changed', key: 'Commerce', old: 'Commerce;ASP,ISAPI', new: 'Commerce;ASP', fields: [{ name: 'GroupIDs', old: 'ASP,ISAPI', new: 'ASP' }] },
    { change: 'added', new: 'Solo2' },
  ]);
  // A property the schema does not name is a list when its value spans lines.
  assert.deepEqual(items('MyList', ['a', 'b'], ['a']), [{ change: 'removed', old: 'b' }]);
  assert.deepEqual(items('HttpErrors', ['404,*,FILE,C:\\404.htm'], ['404,*,URL,/404.asp']), [
    { change: 'changed', key: '404,*', old: '404,*,FILE,C:\\404.htm', new: '404,*,URL,/404.asp', fields: [{ name: 'Type', old: 'FILE', new: 'URL' }, { name: 'Path', old: 'C:\\404.htm', new: '/404.asp' }] },
  ]);
});

test('a <Custom> the schema does not know is named by its Name, else by its ID', () => {
  const custom = (name: string, value: string) => metabase([[
    '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t>', `\t<Custom ${name}ID="99999" Value="${value}" Type="STRING" UserType="IIS_MD_UT_FILE" Attributes="NO_ATTRIBUTES"/>`, '</IIsWebVirtualDir>',
  ]]);
  const named = diffMetabases(custom('Name="MyProp" ', 'a'), custom('Name="MyProp" ', 'b'));
  assert.deepEqual(named.keys[0].properties, [{ name: 'MyProp', change: 'changed', old: 'a', new: 'b' }]);
  const unnamed = diffMetabases(custom('', 'a'), custom('', 'b'));
  assert.deepEqual(unnamed.keys[0].properties, [{ name: 'ID 99999', change: 'changed', old: 'a', new: 'b' }]);
});

test('corners: a key without Location, a Custom without Value, items without processor or colon, a tab in an item', () => {
  const before = metabase([['<IIsConfigObject', '\t>', '</IIsConfigObject>'], key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'ScriptMaps=".a\r\n\t\t\t.b,C:\\b.dll,1"', 'HttpCustomHeaders="X-A"'),
    ['<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/d"', '\t>', '\t<Custom ID="6014" Type="MULTISZ"/>', '</IIsWebDirectory>']]);
  const after = metabase([['<IIsConfigObject', '\t\tX="1"', '\t>', '</IIsConfigObject>'], key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'ScriptMaps=".a,\r\n\t\t\t.b,C:\\b.dll,1,&#9;GET"', 'HttpCustomHeaders="X-A:"'),
    ['<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/d"', '\t>', '\t<Custom ID="6014" Value=".c,C:\\c.dll,1" Type="MULTISZ"/>', '</IIsWebDirectory>']]);
  assert.equal(diffText(diffMetabases(before, after), NAMES), [
    '--- old.xml', '+++ new.xml',
    '~  IIsConfigObject', '    + X = "1"',
    '~ /LM/W3SVC/1/ROOT IIsWebVirtualDir',
    '    ~ ScriptMaps:',
    '        ~ .a -> .a,',
    '        ~ .b: IncludedVerbs "" -> "\\u0009GET"',
    '    ~ HttpCustomHeaders:',
    '        ~ X-A -> X-A:',
    '~ /LM/W3SVC/1/ROOT/d IIsWebDirectory',
    '    ~ ScriptMaps:',
    '        - ',
    '        + .c,C:\\c.dll,1',
    'keys: 3 changed, 0 added, 0 removed', '',
  ].join('\n'));
});

test('JSON: list values as their items, the site name, and the hidden count', () => {
  const before = metabase([SITE]);
  const after = metabase([key('IIsWebServer', '/LM/W3SVC/1', 'ServerBindings=":81:"', 'ServerComment="Default Web Site"')]);
  assert.deepEqual(JSON.parse(diffJson(diffMetabases(before, after), NAMES)), {
    old: 'old.xml', new: 'new.xml', hidden: 0,
    keys: [{
      location: '/LM/W3SVC/1', site: 'Default Web Site', type: 'IIsWebServer', change: 'changed',
      properties: [{ name: 'ServerBindings', change: 'changed', old: [':80:'], new: [':81:'], items: [{ change: 'removed', old: ':80:' }, { change: 'added', new: ':81:' }] }],
    }],
  });
});

test('a file that is not well-formed is refused, naming the side and the fault', () => {
  const good = metabase([SITE]);
  const bad = metabase([['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tServerComment="a & b"', '\t>', '</IIsWebServer>']]);
  assert.throws(() => diffMetabases(good, bad), (e: unknown) => e instanceof NotWellFormed && e.side === 'new' && e.message === "a bare '&' must be written '&amp;'");
  assert.throws(() => diffMetabases(bad, good), (e: unknown) => e instanceof NotWellFormed && e.side === 'old');
});

test('a key of 150,000 properties and a list of 150,000 items: every line, no stack overflow', () => {
  // More lines than a call has arguments: the text is built without push(...lines).
  const N = 150_000;
  const many = ['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/many"', ...Array.from({ length: N }, (_, i) => `\t\tP${i}="1"`), '\t>', '</IIsWebVirtualDir>'];
  const list = (dll: string) => key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/list',
    `ScriptMaps="${Array.from({ length: N }, (_, i) => `.e${i},C:\\${dll}.dll,5,GET`).join('\r\n\t\t\t')}"`);
  const diff = diffMetabases(metabase([SERVICE, SITE, ROOT, list('a')]), metabase([SERVICE, SITE, ROOT, many, list('b')]));
  const lines = diffText(diff, NAMES).split('\n');
  assert.equal(lines.length, 2 + (1 + 1 + N) + (1 + N) + 1 + 1);
  assert.equal(lines[4], '        ~ .e0: ScriptProcessor "C:\\a.dll" -> "C:\\b.dll"');
  assert.equal(lines[3 + N], `        ~ .e${N - 1}: ScriptProcessor "C:\\a.dll" -> "C:\\b.dll"`);
  assert.equal(lines[4 + N], '+ /LM/W3SVC/1/ROOT/many (site "Default Web Site") IIsWebVirtualDir');
  assert.equal(lines.at(-3), `    + P${N - 1} = "1"`);
});
