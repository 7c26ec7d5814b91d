// The export to IIS 7+ handlers, appcmd and adsutil on inline metabases: whole outputs compared, the XML
// judged well-formed by two independent parsers, and the same input giving the same bytes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { parseModel } from '../../server/src/service';
import { ExportError, ExportTarget, exportMetabase } from '../../server/src/service/export';
import { iisSchemaFacts } from '../../server/src/service/schema';
import { key, wrapKeys } from '../service/helpers';

const facts = iisSchemaFacts();

const TEXT = wrapKeys([
  ...key('IIsWebService', '/LM/W3SVC', 'AccessFlags="AccessRead | AccessScript"',
    'ScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST\n\t\t\t.aspx,C:\\WINDOWS\\Microsoft.NET\\Framework64\\v2.0.50727\\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG"',
    'WebSvcExtRestrictionList="0,*.dll\n\t\t\t1,*.exe\n\t\t\t1,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,1,PERL,Perl &amp; &lt;CGI&gt;"'),
  ...key('IIsWebServer', '/LM/W3SVC/1', 'ServerComment="Shop &amp; &quot;Co&quot;"'),
  ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'Path="D:\\www"'),
  ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/cgi', 'AccessFlags="AccessExecute"',
    'ScriptMaps=".pl,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,4,GET,POST\n\t\t\t*,C:\\tools\\wild--card.dll,5\n\t\t\t.x,C:\\x.dll,zz"'),
]);
const model = parseModel(TEXT);
const run = (to: ExportTarget, locations?: string[]) => exportMetabase(TEXT, model, facts, to, locations);

test('handlers: the effective list at a key, where each item comes from, and the restriction list', () => {
  assert.equal(run('handlers', ['/LM/W3SVC/1/ROOT']), [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- IIS 7+ configuration exported from an IIS 6 metabase by metabase-lint. Paste each part into applicationHost.config. -->',
    '<configuration>',
    '  <!-- /LM/W3SVC/1/ROOT -->',
    '  <location path="Shop &amp; &quot;Co&quot;">',
    '    <system.webServer>',
    '      <handlers accessPolicy="Read, Script">',
    '        <!-- IIS 6 replaced the inherited list whole; IIS 7+ adds these to the inherited handlers (first match wins, StaticFile last). To replace them, start with <clear/> and add back the defaults this path needs. -->',
    '        <!-- .asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST: inherited from /LM/W3SVC -->',
    '        <add name="ScriptMap .asp (W3SVC/1/ROOT)" path="*.asp" verb="GET,HEAD,POST" modules="IsapiModule" scriptProcessor="C:\\WINDOWS\\system32\\inetsrv\\asp.dll" resourceType="File" requireAccess="Script" />',
    '        <!-- .aspx,C:\\WINDOWS\\Microsoft.NET\\Framework64\\v2.0.50727\\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG: inherited from /LM/W3SVC; bitness64 from the folder name Framework64 -->',
    '        <add name="ScriptMap .aspx (W3SVC/1/ROOT)" path="*.aspx" verb="GET,HEAD,POST,DEBUG" modules="IsapiModule" scriptProcessor="C:\\WINDOWS\\Microsoft.NET\\Framework64\\v2.0.50727\\aspnet_isapi.dll" resourceType="Unspecified" requireAccess="Script" preCondition="classicMode,runtimeVersionv2.0,bitness64" responseBufferLimit="0" />',
    '      </handlers>',
    '    </system.webServer>',
    '  </location>',
    '</configuration>',
    '',
  ].join('\n'));
});

test('handlers by default: every key that sets a list; CGI with arguments, wildcard losses, items skipped', () => {
  const xml = run('handlers');
  assert.ok(xml.includes([
    '  <!-- /LM/W3SVC: the server level -->',
    '  <system.webServer>',
  ].join('\n')), xml);
  assert.ok(xml.includes([
    '      <isapiCgiRestriction notListedIsapisAllowed="false" notListedCgisAllowed="true">',
    '        <!-- 1,C:\\Perl\\bin\\perl.exe "%s" %s,1,PERL,Perl & <CGI>; UIDeletableFlag 1 has no equivalent -->',
    '        <add path="C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s" allowed="true" groupId="PERL" description="Perl &amp; &lt;CGI&gt;" />',
    '      </isapiCgiRestriction>',
  ].join('\n')), xml);
  assert.ok(xml.includes([
    '  <location path="Shop &amp; &quot;Co&quot;/cgi">',
    '    <system.webServer>',
    "      <!-- skipped '.x,C:\\x.dll,zz': it is not Extension,ScriptProcessor,Flags with numeric flags (metabase-lint reports why) -->",
    '      <handlers accessPolicy="Execute">',
  ].join('\n')), xml);
  assert.ok(xml.includes([
    '        <!-- .pl,C:\\Perl\\bin\\perl.exe "%s" %s,4,GET,POST: set on this key -->',
    '        <add name="ScriptMap .pl (W3SVC/1/ROOT/cgi)" path="*.pl" verb="GET,POST" modules="CgiModule" scriptProcessor="C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s" resourceType="File" requireAccess="Execute" />',
    '        <!-- *,C:\\tools\\wild- -card.dll,5: set on this key; a wildcard handler cannot carry requireAccess or resourceType (KB 2725025): the checks of flags 5 are lost -->',
    '        <add name="ScriptMap * (W3SVC/1/ROOT/cgi)" path="*" verb="*" modules="IsapiModule" scriptProcessor="C:\\tools\\wild--card.dll" />',
  ].join('\n')), xml);
  // Well-formed for two independent parsers, and the values read back as exported.
  assert.equal(XMLValidator.validate(xml), true);
  const sax = new SaxesParser();
  const paths: string[] = [];
  sax.on('opentag', (tag) => { if (tag.name === 'location') paths.push(String(tag.attributes.path)); });
  sax.write(xml).close();
  assert.deepEqual(paths, ['Shop & "Co"/cgi']);
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
  assert.equal(parsed.configuration.location['system.webServer'].handlers.add[0]['@_scriptProcessor'], 'C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s'.replace(/&quot;/g, '"'));
  // Stable: the same input gives the same bytes.
  assert.equal(run('handlers'), xml);
});

test('appcmd: one command per handler, for a .cmd file; a value with a double quote is not run', () => {
  assert.equal(run('appcmd', ['/LM/W3SVC/1/ROOT/cgi']), [
    '@echo off',
    'REM Exported from an IIS 6 metabase by metabase-lint. For a .cmd file: at the prompt, write % where it says %%.',
    'set APPCMD=%windir%\\system32\\inetsrv\\appcmd.exe',
    '',
    'REM /LM/W3SVC/1/ROOT/cgi as "Shop & "Co"/cgi"',
    "REM skipped '.x,C:\\x.dll,zz': it is not Extension,ScriptProcessor,Flags with numeric flags (metabase-lint reports why)",
    '%APPCMD% set config "Shop & "Co"/cgi" /section:system.webServer/handlers /accessPolicy:"Execute" /commit:apphost',
    'REM .pl,C:\\Perl\\bin\\perl.exe "%s" %s,4,GET,POST: set on this key',
    'REM the value holds a double quote, which cmd.exe cannot pass inside a quoted argument: set it in applicationHost.config (metabase-lint export --to handlers) or IIS Manager',
    'REM %APPCMD% set config "Shop & "Co"/cgi" /section:system.webServer/handlers /+"[name=\'ScriptMap .pl (W3SVC/1/ROOT/cgi)\',path=\'*.pl\',verb=\'GET,POST\',modules=\'CgiModule\',scriptProcessor=\'C:\\Perl\\bin\\perl.exe "%%s" %%s\',resourceType=\'File\',requireAccess=\'Execute\']" /commit:apphost',
    'REM *,C:\\tools\\wild--card.dll,5: set on this key; a wildcard handler cannot carry requireAccess or resourceType (KB 2725025): the checks of flags 5 are lost',
    '%APPCMD% set config "Shop & "Co"/cgi" /section:system.webServer/handlers /+"[name=\'ScriptMap * (W3SVC/1/ROOT/cgi)\',path=\'*\',verb=\'*\',modules=\'IsapiModule\',scriptProcessor=\'C:\\tools\\wild--card.dll\']" /commit:apphost',
    '',
  ].join('\r\n'));
});

test('adsutil: SET with one argument per item; ADSI VBScript for a list with a quote or too many items', () => {
  assert.equal(run('adsutil', ['/LM/W3SVC/1/ROOT']), [
    '@echo off',
    'REM Exported from an IIS 6 metabase by metabase-lint. For a .cmd file: at the prompt, write % where it says %%.',
    '',
    'REM /LM/W3SVC/1/ROOT',
    'REM ScriptMaps is inherited from /LM/W3SVC: SET makes /LM/W3SVC/1/ROOT hold its own copy',
    'REM SET replaces the whole list (2 items); it cannot insert one item',
    'cscript //nologo %SystemDrive%\\Inetpub\\AdminScripts\\adsutil.vbs SET W3SVC/1/ROOT/ScriptMaps ".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST" ".aspx,C:\\WINDOWS\\Microsoft.NET\\Framework64\\v2.0.50727\\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG"',
    '',
  ].join('\r\n'));
  const server = run('adsutil', ['/LM/W3SVC']);
  assert.ok(server.includes([
    'REM an item holds a double quote, which cmd.exe cannot pass: save these lines as a .vbs file and run it with cscript',
    'REM VBS Set o = GetObject("IIS://localhost/W3SVC")',
    'REM VBS o.WebSvcExtRestrictionList = Array( _',
    'REM VBS   "0,*.dll", _',
    'REM VBS   "1,*.exe", _',
    'REM VBS   "1,C:\\Perl\\bin\\perl.exe ""%s"" %s,1,PERL,Perl & <CGI>")',
    'REM VBS o.SetInfo',
  ].join('\r\n')), server);
});

test('a Location that is not a web key, or not in the file, is refused; by default such keys are left out', () => {
  assert.throws(() => run('handlers', ['/LM/W3SVC/9/ROOT']), (e: unknown) => e instanceof ExportError && e.message === "no key has the Location '/LM/W3SVC/9/ROOT'");
  const ftp = wrapKeys(key('IIsFtpService', '/LM/MSFTPSVC', 'AllowAnonymous="TRUE"'));
  assert.throws(() => exportMetabase(ftp, parseModel(ftp), facts, 'handlers', ['/LM/MSFTPSVC']), /only web keys have IIS 7\+ handlers/);
  assert.equal(exportMetabase(ftp, parseModel(ftp), facts, 'handlers'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- IIS 7+ configuration exported from an IIS 6 metabase by metabase-lint. Paste each part into applicationHost.config. -->\n<configuration>\n  <!-- no web key sets ScriptMaps or WebSvcExtRestrictionList: nothing to export -->\n</configuration>\n');
});

test('a list of 150,000 items: every handler and every VBScript line, no stack overflow', () => {
  // More lines than a call has arguments: the output is built without push(...lines).
  const N = 150_000;
  const text = wrapKeys(key('IIsWebService', '/LM/W3SVC',
    `ScriptMaps="${Array.from({ length: N }, (_, i) => `.e${i},C:\\x.dll,5,GET`).join('\n\t\t\t')}"`));
  const big = parseModel(text);
  const handlers = exportMetabase(text, big, facts, 'handlers').split('\n');
  assert.equal(handlers.filter((l) => l.includes('<add name="ScriptMap .e')).length, N);
  const adsutil = exportMetabase(text, big, facts, 'adsutil').split('\r\n');
  assert.equal(adsutil.filter((l) => l.startsWith('REM VBS   ".e')).length, N);
  const unreadable = wrapKeys(key('IIsWebService', '/LM/W3SVC',
    `ScriptMaps="${Array.from({ length: N }, (_, i) => `.e${i},C:\\x.dll,zz`).join('\n\t\t\t')}"`));
  const appcmd = exportMetabase(unreadable, parseModel(unreadable), facts, 'appcmd').split('\r\n');
  assert.equal(appcmd.filter((l) => l.startsWith("REM skipped '.e")).length, N);
});
