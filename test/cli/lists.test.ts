// metabase-lint on the other list properties: json positions on a CRLF file, --fix writes the evident
// fixes (and only those), and the IIS-written corpus stays silent.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO, runCli, tempDir } from './helpers';

const lines = (bindings: string[], mime: string[]) => [
  '\uFEFF<?xml version ="1.0"?>',
  '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
  '<MBProperty>',
  '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
  `\t\tServerBindings="${bindings.join('\r\n\t\t\t')}"`,
  `\t\tMimeMap="${mime.join('\r\n\t\t\t')}"`,
  '\t>',
  '</IIsWebServer>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');

test('lists: json positions of binding and MIME type problems in a CRLF + BOM file', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), lines([':80:', ':80', '1.2.3.4:70000:'], ['.323,text/h323', 'svg,image/svg+xml']));
  const result = runCli(['--format', 'json', 'MetaBase.xml'], dir);
  const found = JSON.parse(result.stdout).map((p: Record<string, unknown>) => [p.line, p.column, p.endLine, p.endColumn, p.severity, p.code]);
  assert.deepEqual(found, [
    [6, 4, 6, 7, 'error', 'bindings-field-count'],
    [7, 12, 7, 17, 'error', 'bindings-port'],
    [9, 4, 9, 7, 'warning', 'mimemap-extension'],
  ]);
  assert.equal(result.status, 1);
});

test('lists: --fix writes the preferred fixes, keeps CRLF and the BOM, and leaves choices alone', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'MetaBase.xml');
  writeFileSync(file, lines([':80:', ':8080', '1.2.3.4:70000:'], ['.323,text/h323', 'svg,image/svg+xml', '.323,text/plain']));
  const result = runCli(['--fix', 'MetaBase.xml'], dir);
  assert.equal(readFileSync(file, 'utf8'), lines([':80:', ':8080:', '1.2.3.4:70000:'], ['.323,text/h323', '.svg,image/svg+xml', '.323,text/plain']));
  assert.match(result.stdout, /bindings-port/);
  assert.match(result.stdout, /mimemap-duplicate/);
  assert.equal(result.status, 1);
});

test('lists: the IIS-written metabase and the example give no list problem', (t) => {
  const dir = tempDir(t);
  for (const file of ['test/fixtures/iis-written/MetaBase.xml', 'examples/MetaBase.xml']) {
    writeFileSync(join(dir, 'MetaBase.xml'), readFileSync(join(REPO, file)));
    const problems = JSON.parse(runCli(['--format', 'json', 'MetaBase.xml'], dir).stdout) as Array<{ code: string }>;
    assert.deepEqual(problems.filter((p) => /^(list|bindings|httperrors|headers|mimemap|restriction|dependencies|isapiapps)-/.test(p.code)), [], file);
  }
});
