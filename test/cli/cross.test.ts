// The CLI reports the checks across keys like any other rule: line, column, code, and their settings
// (--rule) turn them off. The corpus's IIS-written file gives none of them (corpus.test.ts).

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from './helpers';

const FILE = [
  '\uFEFF<?xml version ="1.0"?>',
  '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
  '<MBProperty>',
  '<IIsWebService\tLocation ="/LM/W3SVC"',
  '\t\tAccessFlags="AccessRead | AccessScript"',
  '\t\tIIs5IsolationModeEnabled="FALSE"',
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE"',
  '\t\tWebSvcExtRestrictionList="0,*.dll',
  '\t\t\t0,*.exe',
  '\t\t\t1,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,0,ASP,Active Server Pages"',
  '\t>',
  '</IIsWebService>',
  '<IIsApplicationPools\tLocation ="/LM/W3SVC/AppPools"',
  '\t>',
  '</IIsApplicationPools>',
  '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
  '\t\tServerBindings=":80:"',
  '\t>',
  '</IIsWebServer>',
  '<IIsWebServer\tLocation ="/LM/W3SVC/2"',
  '\t\tServerBindings=":80:"',
  '\t>',
  '</IIsWebServer>',
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
  '\t\tAppPoolId="NoSuchPool"',
  '\t\tAppRoot="/LM/W3SVC/2/ROOT"',
  '\t\tScriptMaps=".pl,C:\\Perl\\bin\\perl.exe %s %s,0,GET"',
  '\t>',
  '</IIsWebVirtualDir>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');

test('metabase-lint: the checks across keys, each at its line and column', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FILE);
  const result = runCli(['--format', 'json', 'MetaBase.xml'], dir);
  assert.equal(result.status, 1);
  const problems = JSON.parse(result.stdout).map((p: { line: number; column: number; code: string; severity: string }) => `${p.line}:${p.column} ${p.severity} ${p.code}`);
  assert.deepEqual(problems, [
    '21:19 error binding-duplicate',
    '25:14 error apppool-missing',
    '26:12 warning approot-mismatch',
    '27:3 information scriptmaps-override-drops',
    '27:19 warning scriptmap-not-allowed',
    '27:46 warning scriptmap-needs-execute',
  ]);
});

test('metabase-lint --rule turns a check across keys off', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FILE);
  const result = runCli(['--format', 'json', '--rule', 'binding-duplicate=off', '--rule', 'apppool-missing=off', 'MetaBase.xml'], dir);
  assert.equal(result.status, 0);
  assert.deepEqual(JSON.parse(result.stdout).map((p: { code: string }) => p.code),
    ['approot-mismatch', 'scriptmaps-override-drops', 'scriptmap-not-allowed', 'scriptmap-needs-execute']);
});
