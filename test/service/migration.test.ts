// The migration-readiness group: off by default, on with one setting, each rule on its exact characters.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseModel, validate } from '../../server/src/service';
import { doc, key, marked, rangeIn, wrapKeys } from './helpers';

const NET2 = 'C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll';
const NET2_64 = 'C:\\WINDOWS\\Microsoft.NET\\Framework64\\v2.0.50727\\aspnet_isapi.dll';

/** The fixture: every [[ ]] is one migration finding, in the order of MARKS. */
const SOURCE = wrapKeys([
  ...key('IIsWebService', '/LM/W3SVC', 'AppPoolId="DefaultAppPool"'),
  ...key('IIsApplicationPools', '/LM/W3SVC/AppPools'),
  ...key('IIsApplicationPool', '/LM/W3SVC/AppPools/Legacy32', 'Enable32BitAppOnWin64="TRUE"'),
  ...key('IIsWebServer', '/LM/W3SVC/1', 'ServerComment="Shop"'),
  ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'Path="D:\\Sites\\shop"',
    `ScriptMaps=".aspx,[[${NET2}]],1,GET,HEAD,POST\n\t\t\t.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST\n\t\t\t.cfm,[[C:\\WINNT\\]]system32\\iscf.dll,5,GET\n\t\t\t.x,[[%windir%]]\\x.dll,1\n\t\t\t.php,[[C:\\PHP\\php-cgi.exe]],5\n\t\t\t.own,D:\\Sites\\shop\\bin\\own.dll,1\n\t\t\t*,[[C:\\Tools\\wild.dll]],[[5]]"`),
  ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/old', 'AppPoolId="Legacy32"',
    `ScriptMaps=".aspx,${NET2},1,GET,HEAD,POST\n\t\t\t.asmx,[[${NET2_64}]],1,GET,HEAD,POST\n\t\t\t*,${NET2},0"`),
  ...key('IIsWebServer', '/LM/W3SVC/2', 'ServerComment="[[shop]]"'),
  ...key('IIsFtpService', '[[/LM/MSFTPSVC]]'),
  ...key('IIsFtpServer', '/LM/MSFTPSVC/1', 'ServerComment="Shop"'),
]);

const MARKS = [
  'migration-isapi-bitness', 'migration-machine-path', 'migration-machine-path', 'migration-processor-outside-content',
  'migration-processor-outside-content', 'migration-wildcard-checks-lost', 'migration-isapi-bitness',
  'migration-duplicate-site-name', 'migration-non-web-service',
];

const { text, spans } = marked(SOURCE);

function migrationDiagnostics(settings: Parameters<typeof validate>[2]) {
  return validate(doc(text), parseModel(text), settings).filter((d) => String(d.code).startsWith('migration-'));
}

test('the group is off by default, and a rule setting alone does not turn it on', () => {
  assert.deepEqual(migrationDiagnostics({ rules: {} }), []);
  assert.deepEqual(migrationDiagnostics({ rules: { 'migration-machine-path': 'error' } }), []);
});

test('on: each rule on its exact characters, nothing else', () => {
  const found = migrationDiagnostics({ rules: {}, migration: true });
  assert.deepEqual(found.map((d) => ({ code: d.code, range: d.range })), spans.map((s, i) => ({ code: MARKS[i], range: rangeIn(text, s.start, s.end) })));
  const messages = found.map((d) => d.message);
  assert.equal(messages[0], "a 32-bit DLL (Framework, not Framework64) in the application pool 'DefaultAppPool', which does not set Enable32BitAppOnWin64: on 64-bit IIS 7+ the pool runs 64-bit and the DLL fails to load ('%1 is not a valid Win32 application'); set enable32BitAppOnWin64 on the pool, or map the Framework64 DLL");
  assert.equal(messages[3], "'C:\\PHP\\php-cgi.exe' is outside the site's content (D:\\Sites\\shop) and outside Windows: Web Deploy does not copy it; install it on the new server at this path");
  assert.equal(messages[5], 'an IIS 7+ wildcard handler cannot keep "Verify that file exists" (flag 4: a missing file answers 404 before the DLL runs) nor the script permission check (flag 1): the handler then gets every request, files that do not exist included');
  assert.equal(messages[6], "a 64-bit DLL (Framework64) in the application pool 'Legacy32', which runs 32-bit code (Enable32BitAppOnWin64 is TRUE): it fails to load ('%1 is not a valid Win32 application'); map the Framework DLL, or let the pool run 64-bit");
  assert.equal(messages[8], 'the FTP service (2 keys under /LM/MSFTPSVC) is not part of a web migration: set it up again on the new server (IIS 7+ FTP is another service with its own configuration)');
  const duplicate = found[7];
  assert.deepEqual(duplicate.relatedInformation?.map((r) => r.location.range), [rangeIn(text, text.indexOf('Shop"'), text.indexOf('Shop"') + 4)]);
});

test('per-rule settings apply once the group is on', () => {
  const found = migrationDiagnostics({ rules: { 'migration-machine-path': 'off', 'migration-non-web-service': 'error' }, migration: true });
  assert.equal(found.filter((d) => d.code === 'migration-machine-path').length, 0);
  assert.equal(found.find((d) => d.code === 'migration-non-web-service')?.severity, 1);
});

test('corners: a Custom ScriptMaps, %systemdrive%, a site without a name, SMTP and NNTP, a key without content', () => {
  const corner = wrapKeys([
    ...key('IIsWebServer', '/LM/W3SVC/1', 'ServerComment=" "'),
    ...key('IIsWebServer', '/LM/W3SVC/2', 'ServerComment=" "'),
    '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/x"', '\t>',
    '\t<Custom Name="ScriptMaps" ID="6014" Value=".y,%systemdrive%\\y.dll,1\n\t\t\t*,C:\\w.dll,1\n\t\t\t.z,C:\\z.dll" Type="MULTISZ" UserType="IIS_MD_UT_FILE" Attributes="INHERIT"/>',
    '</IIsWebDirectory>',
    ...key('IIsSmtpService', '/LM/SMTPSVC'),
    ...key('IIsSmtpServer', '/LM/SMTPSVC/1'),
    ...key('IIsNntpService', '/LM/NNTPSVC'),
  ]);
  const found = validate(doc(corner), parseModel(corner), { rules: {}, migration: true }).filter((d) => String(d.code).startsWith('migration-'));
  assert.deepEqual(found.map((d) => [d.code, d.message]), [
    ['migration-machine-path', "'%systemdrive%' depends on the machine: Web Deploy expands some variables on the way and ScriptMaps does not expand them; write the path the new server has"],
    ['migration-wildcard-checks-lost', 'an IIS 7+ wildcard handler cannot keep the script permission check (flag 1): the handler then gets requests in folders without Script permission too'],
    ['migration-non-web-service', 'the SMTP service (2 keys under /LM/SMTPSVC) is not part of a web migration: set it up again on the new server (IIS 7+ FTP is another service with its own configuration)'],
    ['migration-non-web-service', 'the NNTP service (1 key under /LM/NNTPSVC) is not part of a web migration: set it up again on the new server (IIS 7+ FTP is another service with its own configuration)'],
  ]);
});

test('a Location that runs over a line break: the service is named as the Location starts, on one line', () => {
  const text = wrapKeys(key('IIsFtpServer', '/LM/MSFTPSVC/1\n1'));
  const found = validate(doc(text), parseModel(text), { rules: {}, migration: true }).filter((d) => d.code === 'migration-non-web-service');
  assert.deepEqual(found.map((d) => d.message), [
    'the FTP service (1 key under /LM/MSFTPSVC) is not part of a web migration: set it up again on the new server (IIS 7+ FTP is another service with its own configuration)',
  ]);
});

test('150,000 sites of one name: every one reported, no stack overflow', () => {
  // More findings than a call has arguments: they are gathered without push(...findings).
  const N = 150_000;
  const sites = wrapKeys(Array.from({ length: N }, (_, i) => key('IIsWebServer', `/LM/W3SVC/${i + 1}`, 'ServerComment="Shop"')).flat());
  const found = validate(doc(sites), parseModel(sites), { rules: {}, migration: true });
  assert.equal(found.filter((d) => d.code === 'migration-duplicate-site-name').length, N - 1);
});
