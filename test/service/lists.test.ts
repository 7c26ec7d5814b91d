// The rules on the other MULTISZ lists (bindings, HttpErrors, HttpCustomHeaders, MimeMap,
// WebSvcExtRestrictionList, ApplicationDependencies, InProcessIsapiApps): every rule at its exact range in
// the five property layouts, every fix applied and compared as a whole text and judged by the oracle;
// entities and character-reference line breaks; and silence on what IIS itself writes.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { check, diagnostics, fixAllText, fixTitles, hoverAt, hoverMarkdown, marked, wrapKeys } from './helpers';
import { KeySpec, PropertyFix, keyText, propertyCase } from './propertyRules';

type Where = 'site' | 'root' | 'service';
const KEYS: Record<Where, { type: string; location: string }> = {
  site: { type: 'IIsWebServer', location: '/LM/W3SVC/1' },
  root: { type: 'IIsWebVirtualDir', location: '/LM/W3SVC/1/ROOT' },
  service: { type: 'IIsWebService', location: '/LM/W3SVC' },
};

/** A key holding one list property, its items written as IIS writes them (items 2..n after three TABs). */
function listKey(where: Where, property: string, items: string[]): KeySpec {
  return { ...KEYS[where], attributes: [`${property}="${items.join('\n\t\t\t')}"`] };
}

/** What saxes decodes the list to: every line break and TAB becomes a space. */
function decoded(items: string[]): string {
  return items.join('\n\t\t\t').replace(/[\n\t]/g, ' ').replace(/&quot;/g, '"');
}

interface ListCase {
  name: string;
  where: Where;
  property: string;
  items: string[];
  expected: Array<[code: string, severity: 'error' | 'warning' | 'information']>;
  fixCode?: string;
  fixes?: Array<{ title: string; preferred?: boolean; after: string[]; remaining?: string[] }>;
}

function listCase(c: ListCase): void {
  propertyCase(test, {
    name: c.name, key: listKey(c.where, c.property, c.items), expected: c.expected, fixCode: c.fixCode,
    fixes: c.fixes?.map((f): PropertyFix => ({
      title: f.title, preferred: f.preferred, after: listKey(c.where, c.property, f.after), remaining: f.remaining, decoded: decoded(f.after),
    })),
  });
}

const REMOVE = 'Remove this item';
const ASP_DLL = String.raw`C:\WINDOWS\system32\inetsrv\asp.dll`;

describe('ServerBindings and SecureBindings', () => {
  listCase({ name: "':80' (IP:Port without the last colon)", where: 'site', property: 'ServerBindings', items: [':81:', '[[:80]]'],
    expected: [['bindings-field-count', 'error']], fixes: [{ title: "Write ':80:'", preferred: true, after: [':81:', ':80:'] }] });
  listCase({ name: "'8080' (a port alone)", where: 'site', property: 'ServerBindings', items: ['[[8080]]'],
    expected: [['bindings-field-count', 'error']], fixes: [{ title: "Write ':8080:'", preferred: true, after: [':8080:'] }] });
  listCase({ name: "'www.example.com' (no colon, no port): no fix", where: 'site', property: 'ServerBindings', items: ['[[www.example.com]]'],
    expected: [['bindings-field-count', 'error']], fixes: [] });
  listCase({ name: "':80' where ':80:' is already bound: no fix (it would make a duplicate)", where: 'site', property: 'ServerBindings', items: [':80:', '[[:80]]'],
    expected: [['bindings-field-count', 'error']], fixes: [] });
  listCase({ name: "'*' as the IP: All Unassigned", where: 'site', property: 'ServerBindings', items: ['[[*]]:80:'],
    expected: [['bindings-ip', 'error']], fixes: [{ title: 'Bind All Unassigned (empty IP address)', preferred: true, after: [':80:'] }] });
  listCase({ name: 'an octet over 255', where: 'site', property: 'SecureBindings', items: ['[[10.0.0.256]]:443:'],
    expected: [['bindings-ip', 'error']], fixes: [] });
  test('an IPv6 literal in brackets: one finding on the address, not three on its colons (rev11)', () => {
    const text = wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tServerBindings="[::1]:80:"', '\t>', '</IIsWebServer>']);
    assert.deepEqual(diagnostics(text).map((d) => [d.code, d.range.start.character, d.range.end.character, d.message]), [['bindings-ip', 18, 23,
      "'[::1]' is an IPv6 address: IIS 6 binds IPv4 addresses only, so it cannot bind it and the site does not start (leave the IP address empty for All Unassigned, which answers on IPv6 too)"]]);
  });
  listCase({ name: 'port 0, port 65536, a word, no port', where: 'site', property: 'ServerBindings', items: [':[[0]]:', ':[[65536]]:a', ':[[http]]:b', '10.0.0.1[[:]]:c'],
    expected: [['bindings-port', 'error'], ['bindings-port', 'error'], ['bindings-port', 'error'], ['bindings-port', 'error']] });
  listCase({ name: 'a host header with a space and a path', where: 'site', property: 'ServerBindings', items: [':80:[[www.example.com/shop]]', ':81:[[my host]]'],
    expected: [['bindings-host', 'warning'], ['bindings-host', 'warning']], fixes: [] });
  listCase({ name: 'white space around the port', where: 'site', property: 'ServerBindings', items: [':[[ 80 ]]:www.example.com'],
    expected: [['list-field-spaces', 'warning']], fixes: [{ title: 'Trim the port', preferred: true, after: [':80:www.example.com'] }] });
  listCase({ name: 'white space before the first item (IIS indents items 2..n only): around the IP address', where: 'site', property: 'ServerBindings',
    items: ['[[\t10.0.0.1]]:80:', ':81:'],
    expected: [['list-field-spaces', 'warning']], fixes: [{ title: 'Trim the IP address', preferred: true, after: ['10.0.0.1:80:', ':81:'] }] });
  listCase({ name: 'a host header of white space only', where: 'site', property: 'ServerBindings', items: [':80:[[ \t]]'],
    expected: [['list-field-spaces', 'warning']], fixes: [{ title: 'Remove the white space of the host header', preferred: true, after: [':80:'] }] });
  listCase({ name: 'the same binding twice (host case aside)', where: 'site', property: 'ServerBindings', items: [':80:www.example.com', ':8080:', '[[:80:WWW.example.com]]'],
    expected: [['bindings-duplicate', 'warning']], fixes: [{ title: REMOVE, after: [':80:www.example.com', ':8080:'] }] });
  test('what IIS writes and IIS 6 SP1 accepts: empty IP and host, an IPv4 address, an SSL host header', () => {
    for (const [property, items] of [['ServerBindings', [':80:', '192.168.0.10:80:', ':80:www.example.com', '10.0.0.1:8080:intranet_host']],
      ['SecureBindings', [':443:', '10.0.0.1:443:', ':443:secure.example.com']]] as const) {
      assert.deepEqual(check(keyText(listKey('site', property, [...items]))), []);
    }
  });
});

describe('HttpErrors', () => {
  const FILE = String.raw`C:\WINDOWS\help\iisHelp\common\404b.htm`;
  listCase({ name: 'three fields', where: 'root', property: 'HttpErrors', items: [`[[404,*,${FILE}]]`],
    expected: [['httperrors-field-count', 'error']], fixes: [] });
  listCase({ name: 'a status that is not a number', where: 'root', property: 'HttpErrors', items: [`[[40x]],*,FILE,${FILE}`],
    expected: [['httperrors-code', 'error']], fixes: [] });
  listCase({ name: 'a status outside 400-599', where: 'root', property: 'HttpErrors', items: ['[[302]],*,URL,/moved.asp'],
    expected: [['httperrors-code-range', 'warning']], fixes: [] });
  listCase({ name: "a sub-status neither a number nor '*'", where: 'root', property: 'HttpErrors', items: [`401,[[all]],FILE,${FILE}`],
    expected: [['httperrors-subcode', 'error']], fixes: [] });
  listCase({ name: 'a kind that is not FILE or URL: the full path says FILE', where: 'root', property: 'HttpErrors', items: [`404,*,[[FIL]],${FILE}`],
    expected: [['httperrors-kind', 'error']], fixes: [{ title: 'Write FILE', preferred: true, after: [`404,*,FILE,${FILE}`] }] });
  listCase({ name: "a kind that is not FILE or URL: '/x' says URL", where: 'root', property: 'HttpErrors', items: ['404,*,[[PAGE]],/errors/404.asp'],
    expected: [['httperrors-kind', 'error']], fixes: [{ title: 'Write URL', preferred: true, after: ['404,*,URL,/errors/404.asp'] }] });
  listCase({ name: 'a kind that is not FILE or URL, and a path that says neither: no fix', where: 'root', property: 'HttpErrors', items: ['404,*,[[PAGE]],404.htm'],
    expected: [['httperrors-kind', 'error']], fixes: [] });
  listCase({ name: 'a FILE whose path is a URL', where: 'root', property: 'HttpErrors', items: ['404,*,FILE,[[/errors/404.asp]]'],
    expected: [['httperrors-path', 'warning']], fixes: [{ title: 'Make it a URL custom error', preferred: true, after: ['404,*,URL,/errors/404.asp'] }] });
  listCase({ name: 'a URL whose path is a file path', where: 'root', property: 'HttpErrors', items: [`500,*,URL,[[${FILE}]]`],
    expected: [['httperrors-path', 'warning']], fixes: [{ title: 'Make it a FILE custom error', preferred: true, after: [`500,*,FILE,${FILE}`] }] });
  listCase({ name: 'a FILE with a relative path, a FILE with none', where: 'root', property: 'HttpErrors', items: ['404,*,FILE,[[404.htm]]', '500,*,FILE[[,]]'],
    expected: [['httperrors-path', 'warning'], ['httperrors-path', 'warning']], fixes: [] });
  listCase({ name: 'white space around the kind', where: 'root', property: 'HttpErrors', items: [`404,*,[[ FILE]],${FILE}`],
    expected: [['list-field-spaces', 'warning']], fixes: [{ title: 'Trim the kind', preferred: true, after: [`404,*,FILE,${FILE}`] }] });
  listCase({ name: 'the same status and sub-status twice', where: 'root', property: 'HttpErrors', items: [`404,*,FILE,${FILE}`, '404,2,URL,/a.asp', '[[404,*]],URL,/b.asp'],
    expected: [['httperrors-duplicate', 'warning']], fixes: [{ title: REMOVE, after: [`404,*,FILE,${FILE}`, '404,2,URL,/a.asp'] }] });
  test('lower-case kinds, absolute URLs and UNC files are fine', () => {
    assert.deepEqual(check(keyText(listKey('root', 'HttpErrors', ['404,*,url,http://www.example.com/404.htm', String.raw`500,*,file,\\server\share\500.htm`]))), []);
  });
});

describe('HttpCustomHeaders', () => {
  listCase({ name: 'no colon', where: 'root', property: 'HttpCustomHeaders', items: ['X-Powered-By: ASP.NET', '[[X-Frame-Options SAMEORIGIN]]'],
    expected: [['headers-missing-colon', 'error']], fixes: [] });
  listCase({ name: 'white space before the colon', where: 'root', property: 'HttpCustomHeaders', items: ['[[X-Frame-Options ]]: DENY'],
    expected: [['headers-name', 'warning']], fixes: [{ title: 'Remove the white space before the colon', preferred: true, after: ['X-Frame-Options: DENY'] }] });
  listCase({ name: 'a name that is no token; no name', where: 'root', property: 'HttpCustomHeaders', items: ['[[X Frame]]: DENY', '[[:]] DENY'],
    expected: [['headers-name', 'warning'], ['headers-name', 'warning']], fixes: [] });
  listCase({ name: 'the same header twice', where: 'root', property: 'HttpCustomHeaders', items: ['X-Powered-By: ASP.NET', '[[x-powered-by]]: PHP'],
    expected: [['headers-duplicate', 'information']], fixes: [{ title: REMOVE, after: ['X-Powered-By: ASP.NET'] }] });
  test('values with colons, no space after the colon, and an empty value are fine', () => {
    assert.deepEqual(check(keyText(listKey('root', 'HttpCustomHeaders', ['Refresh: 5; url=http://example.com/', 'X-A:1', 'X-B:']))), []);
  });
});

describe('MimeMap', () => {
  listCase({ name: 'no comma', where: 'root', property: 'MimeMap', items: ['.323,text/h323', '[[.svg image/svg+xml]]'],
    expected: [['mimemap-field-count', 'error']], fixes: [] });
  listCase({ name: 'no dot', where: 'root', property: 'MimeMap', items: ['[[svg]],image/svg+xml'],
    expected: [['mimemap-extension', 'warning']], fixes: [{ title: "Write '.svg'", preferred: true, after: ['.svg,image/svg+xml'] }] });
  listCase({ name: "'*.svg'", where: 'root', property: 'MimeMap', items: ['[[*.svg]],image/svg+xml'],
    expected: [['mimemap-extension', 'warning']], fixes: [{ title: "Write '.svg'", preferred: true, after: ['.svg,image/svg+xml'] }] });
  listCase({ name: "no dot, where '.svg' is already mapped: no fix (it would make a duplicate)", where: 'root', property: 'MimeMap', items: ['.SVG,image/svg+xml', '[[svg]],image/svg+xml'],
    expected: [['mimemap-extension', 'warning']], fixes: [] });
  listCase({ name: 'no extension', where: 'root', property: 'MimeMap', items: ['[[,]]image/svg+xml'],
    expected: [['mimemap-extension', 'warning']], fixes: [] });
  listCase({ name: 'not type/subtype', where: 'root', property: 'MimeMap', items: ['.svg,[[svg]]', '.x,[[image/svg xml]]', '.y[[,]]'],
    expected: [['mimemap-type', 'warning'], ['mimemap-type', 'warning'], ['mimemap-type', 'warning']], fixes: [] });
  listCase({ name: 'white space after the comma', where: 'root', property: 'MimeMap', items: ['.c,[[ text/plain]]'],
    expected: [['list-field-spaces', 'warning']], fixes: [{ title: 'Trim the MIME type', preferred: true, after: ['.c,text/plain'] }] });
  listCase({ name: 'white space before the first item (IIS indents items 2..n only): as before any other field', where: 'root', property: 'MimeMap',
    items: ['[[ .c]],text/plain', '.h,text/plain'],
    expected: [['list-field-spaces', 'warning']], fixes: [{ title: 'Trim the extension', preferred: true, after: ['.c,text/plain', '.h,text/plain'] }] });
  listCase({ name: 'the same extension twice (case aside)', where: 'root', property: 'MimeMap', items: ['.js,application/x-javascript', '[[.JS]],text/javascript'],
    expected: [['mimemap-duplicate', 'warning']], fixes: [{ title: REMOVE, after: ['.js,application/x-javascript'] }] });
  test("odd types IIS ships, '*', parameters", () => {
    assert.deepEqual(check(keyText(listKey('root', 'MimeMap', ['.dwf,drawing/x-dwf', '.wrl,x-world/x-vrml', '.IVF,video/x-ivf',
      '.xlam,application/vnd.ms-excel.addin.macroEnabled.12', '.atom,application/atom+xml', '*,application/octet-stream', '.txt,text/plain; charset=utf-8']))), []);
  });
});

describe('WebSvcExtRestrictionList', () => {
  const ASP = `1,${ASP_DLL},0,ASP,Active Server Pages`;
  listCase({ name: 'one field', where: 'service', property: 'WebSvcExtRestrictionList', items: ['0,*.dll', '[[1]]'],
    expected: [['restriction-field-count', 'error']], fixes: [] });
  listCase({ name: 'an allow flag that is not 0 or 1', where: 'service', property: 'WebSvcExtRestrictionList', items: ['0,*.dll', `[[TRUE]],${ASP_DLL},0,ASP,Active Server Pages`],
    expected: [['restriction-allow', 'error']], fixes: [] });
  listCase({ name: 'a relative path; an empty one', where: 'service', property: 'WebSvcExtRestrictionList', items: ['0,*.dll', '1,[[asp.dll]],0,ASP,Active Server Pages', '1[[,]],0,X,Y'],
    expected: [['restriction-path', 'warning'], ['restriction-path', 'warning']], fixes: [] });
  listCase({ name: 'a UIDeletable flag that is not 0 or 1', where: 'service', property: 'WebSvcExtRestrictionList', items: [String.raw`1,C:\isapi\app.dll,[[yes]],APP,My application`],
    expected: [['restriction-deletable', 'warning']], fixes: [] });
  listCase({ name: 'the same path twice, allowed and prohibited', where: 'service', property: 'WebSvcExtRestrictionList', items: [`0,${ASP_DLL},0,ASP,Active Server Pages`, `1,[[${ASP_DLL.toLowerCase()}]],0,ASP,Active Server Pages`],
    expected: [['restriction-duplicate', 'warning']], fixes: [{ title: REMOVE, after: [`0,${ASP_DLL},0,ASP,Active Server Pages`] }] });
  listCase({ name: 'white space around the allow flag', where: 'service', property: 'WebSvcExtRestrictionList', items: [`[[1 ]],${ASP_DLL},0,ASP,Active Server Pages`],
    expected: [['list-field-spaces', 'warning']], fixes: [{ title: 'Trim the allow flag', preferred: true, after: [ASP] }] });
  test('catch-alls, two-field items, CGI items with arguments (quoted, with spaces) are fine', () => {
    assert.deepEqual(check(keyText(listKey('service', 'WebSvcExtRestrictionList', ['0,*.dll', '1,*.exe', ASP, String.raw`1,C:\php\php5isapi.dll`,
      String.raw`1,C:\Perl\bin\perl.exe "%s" %s,1,PERL,Perl CGI`.replace(/"/g, '&quot;'), String.raw`1,&quot;C:\Program Files\Python\python.exe&quot; %s %s,1,PY,Python, CGI`]))), []);
  });
});

describe('ApplicationDependencies', () => {
  listCase({ name: "no ';'", where: 'service', property: 'ApplicationDependencies', items: ['Active Server Pages;ASP', '[[Commerce ASP]]'],
    expected: [['dependencies-format', 'warning']], fixes: [] });
  listCase({ name: 'no application; an empty group ID', where: 'service', property: 'ApplicationDependencies', items: ['[[;]]ASP', 'Commerce;ASP[[,]],WEBDAV'],
    expected: [['dependencies-format', 'warning'], ['dependencies-format', 'warning']], fixes: [] });
  listCase({ name: 'white space around a group ID', where: 'service', property: 'ApplicationDependencies', items: ['Commerce;ASP,[[ WEBDAV]]'],
    expected: [['list-field-spaces', 'warning']], fixes: [{ title: 'Trim the group ID', preferred: true, after: ['Commerce;ASP,WEBDAV'] }] });
  listCase({ name: 'the same application twice', where: 'service', property: 'ApplicationDependencies', items: ['Commerce;ASP', '[[Commerce]];ASP,WEBDAV'],
    expected: [['dependencies-duplicate', 'warning']], fixes: [{ title: REMOVE, after: ['Commerce;ASP'] }] });
});

describe('InProcessIsapiApps', () => {
  listCase({ name: 'a relative path; not a DLL', where: 'service', property: 'InProcessIsapiApps', items: ['[[httpext.dll]]', String.raw`[[C:\isapi\app]]`],
    expected: [['isapiapps-path', 'warning'], ['isapiapps-path', 'warning']], fixes: [] });
  listCase({ name: 'the same DLL twice', where: 'service', property: 'InProcessIsapiApps', items: [String.raw`C:\WINDOWS\system32\inetsrv\ssinc.dll`, String.raw`[[C:\Windows\System32\inetsrv\SSINC.dll]]`],
    expected: [['isapiapps-duplicate', 'information']], fixes: [{ title: REMOVE, after: [String.raw`C:\WINDOWS\system32\inetsrv\ssinc.dll`] }] });
});

describe('lists: blank items, entities, <Custom>, fix-all', () => {
  test('a blank item is item-blank, as in ScriptMaps, with its removal', () => {
    const text = keyText(listKey('root', 'MimeMap', ['.a,text/plain', '\t\t', '.b,text/plain']));
    assert.deepEqual(diagnostics(text).map((d) => d.code), ['item-blank']);
    assert.equal(fixAllText(text), keyText(listKey('root', 'MimeMap', ['.a,text/plain', '.b,text/plain'])));
  });
  test('items separated by character references, fields holding entities: exact ranges, fixes keep the references', () => {
    const source = wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"',
      '\t\tServerBindings="&#58;80:&#13;&#10;[[&#42;]]:81:&#10;:[[&#32;82]]:"', '\t>', '</IIsWebServer>']);
    const { text, spans } = marked(source);
    assert.deepEqual(check(text).map((f) => f.code), ['bindings-ip', 'list-field-spaces']);
    const found = diagnostics(text);
    assert.deepEqual(found.map((d) => d.range.start.character), spans.map((s) => s.start - text.lastIndexOf('\n', s.start) - 1));
    // Only the characters at fault go: the other references stay as written.
    assert.equal(fixAllText(text), text.replace('&#42;:81', ':81').replace('&#32;82', '82'));
  });
  test('a <Custom> by ID is checked like the attribute', () => {
    const text = wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>',
      '\t<Custom', '\t\tName="ServerBindings"', '\t\tID="1023"', '\t\tValue=":80"', '\t\tType="MULTISZ"', '\t\tUserType="IIS_MD_UT_SERVER"', '\t\tAttributes="NO_ATTRIBUTES"', '\t/>', '</IIsWebServer>']);
    assert.deepEqual(check(text).map((f) => f.code), ['bindings-field-count']);
    assert.deepEqual(fixTitles(text, 'bindings-field-count'), [["Write ':80:'", true]]);
  });
  test('fix-all applies the preferred fixes of every list and nothing else', () => {
    const text = keyText({ ...KEYS.root, attributes: ['MimeMap="svg,image/svg+xml\n\t\t\t.c, text/plain\n\t\t\t.d,bad"', 'HttpErrors="404,*,FILE,/e/404.asp"'] });
    assert.equal(fixAllText(text), keyText({ ...KEYS.root, attributes: ['MimeMap=".svg,image/svg+xml\n\t\t\t.c,text/plain\n\t\t\t.d,bad"', 'HttpErrors="404,*,URL,/e/404.asp"'] }));
  });
});

describe('lists: hovers', () => {
  test('a binding: its fields, with All Unassigned and any host named', () => {
    const text = keyText(listKey('site', 'ServerBindings', [':80:', '10.0.0.1:443:www.example.com']));
    const markdown = hoverMarkdown(hoverAt(text, text.indexOf(':80:') + 1));
    assert.match(markdown, /^\*\*Server binding \(HTTP\)\*\* \(ServerBindings: `IP:Port:Host`\)/);
    assert.match(markdown, /\| IP address \| \(empty\) \| All Unassigned: every address of the server \|/);
    assert.match(markdown, /\| Port \| `80` \| {2}\|/);
    assert.match(markdown, /\| Host header \| \(empty\) \| none: any host name \|/);
    const h = hoverAt(text, text.indexOf('www'))!;
    assert.match(hoverMarkdown(h), /\| Host header \| `www.example.com` \|/);
    const start = text.indexOf('10.0.0.1');
    assert.deepEqual([h.range!.start.character, h.range!.end.character], [start - text.lastIndexOf('\n', start) - 1, start - text.lastIndexOf('\n', start) - 1 + '10.0.0.1:443:www.example.com'.length]);
  });
  test('a custom error, a MIME type, a header, a dependency, an in-process DLL, a restriction', () => {
    const errors = keyText(listKey('root', 'HttpErrors', ['404,*,FILE,C:\\e\\404.htm']));
    assert.match(hoverMarkdown(hoverAt(errors, errors.indexOf('404,'))), /\| Sub-status \| `\*` \| every sub-status of the code \|[\s\S]*\| File \| `C:\\e\\404.htm` \|/);
    const mime = keyText(listKey('root', 'MimeMap', ['*,application/octet-stream']));
    assert.match(hoverMarkdown(hoverAt(mime, mime.indexOf('*,'))), /\| Extension \| `\*` \| every extension that no other item maps \|/);
    const headers = keyText(listKey('root', 'HttpCustomHeaders', ['X-Powered-By: ASP.NET']));
    assert.match(hoverMarkdown(hoverAt(headers, headers.indexOf('X-P'))), /\| Name \| `X-Powered-By` \| {2}\|\n\| Value \| `ASP.NET` \| sent in every response from here down \|/);
    const dependencies = keyText(listKey('service', 'ApplicationDependencies', ['Active Server Pages;ASP']));
    assert.match(hoverMarkdown(hoverAt(dependencies, dependencies.indexOf('Active'))), /\| Group IDs \| `ASP` \| the GroupID of WebSvcExtRestrictionList items it needs \|/);
    const apps = keyText(listKey('service', 'InProcessIsapiApps', ['C:\\x\\a.dll']));
    assert.match(hoverMarkdown(hoverAt(apps, apps.indexOf('C:'))), /\| DLL \| `C:\\x\\a.dll` \| runs in the worker process, never isolated \|/);
    const restriction = keyText(listKey('service', 'WebSvcExtRestrictionList', ['0,*.exe']));
    assert.match(hoverMarkdown(hoverAt(restriction, restriction.indexOf('0,*'))), /\| Allowed \| `0` \| prohibited: requests answer 404.2 \|[\s\S]*every CGI program that no item names/);
  });
  test("the property's name keeps the schema hover", () => {
    const text = keyText(listKey('site', 'ServerBindings', [':80:']));
    assert.match(hoverMarkdown(hoverAt(text, text.indexOf('ServerBindings') + 2)), /^\*\*ServerBindings\*\* \(ID 1023\)/);
  });
});

describe('lists: what IIS writes', () => {
  for (const file of ['test/fixtures/iis-written/MetaBase.xml', 'examples/MetaBase.xml']) {
    test(`${file}: no list rule finds anything`, () => {
      const found = check(readFileSync(file, 'utf8')).filter((f) => /^(list|bindings|httperrors|headers|mimemap|restriction|dependencies|isapiapps)-/.test(f.code));
      assert.deepEqual(found, []);
    });
  }
});
