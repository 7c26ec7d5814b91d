// The corners of the subcommands and the migration flag: help texts, --all, JSON, --git with the wrong
// number of arguments, keys left out of a default export, values with control characters.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { metabase, runCli, tempDir } from './helpers';

const ASP = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';
const wrap = (...keys: string[]) => `<?xml version ="1.0"?>\r\n<configuration>\r\n<MBProperty>\r\n${keys.join('\r\n')}\r\n</MBProperty>\r\n</configuration>\r\n`;

test('help of each subcommand, exit 0', (t) => {
  const dir = tempDir(t);
  assert.match(runCli(['diff', '--help'], dir).stdout, /^Usage: metabase-lint diff \[options\] <old> <new>\n/);
  assert.match(runCli(['export', '-h'], dir).stdout, /^Usage: metabase-lint export <file> --to /);
  assert.match(runCli(['export', '--bogus'], dir).stderr, /^metabase-lint export: Unknown option '--bogus'/);
  assert.equal(runCli(['diff', '--git', 'a', 'b'], dir).stderr, 'metabase-lint diff: expected the seven arguments git passes, got 2 (see metabase-lint diff --help)\n');
});

test('diff --git on a file that is not well-formed (a merge conflict): one line saying so, exit 0, so that git goes on', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'old.xml'), wrap(`<IIsWebServer\tLocation ="/LM/W3SVC/1"\r\n\t>\r\n</IIsWebServer>`));
  writeFileSync(join(dir, 'new.xml'), '<<<<<<< HEAD\r\n<a><b></a>\r\n');
  const result = runCli(['diff', '--git', 'MetaBase.xml', 'old.xml', 'abc', '100644', 'new.xml', 'def', '100644'], dir);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^--- a\/MetaBase\.xml\n\+\+\+ b\/MetaBase\.xml\n! no semantic diff: it is not well-formed XML \(line 1, column \d+: .*\); 'git diff --no-ext-diff' shows the text\n$/);
  assert.equal(result.stderr, '');
});

test('diff --all shows the bookkeeping; values with control characters are escaped; json', (t) => {
  const dir = tempDir(t);
  const key = (change: number, comment: string) => wrap(`<IIS_Global\tLocation ="."\r\n\t\tChangeNumber="${change}"\r\n\t>\r\n</IIS_Global>`,
    `<IIsWebServer\tLocation ="/LM/W3SVC/1"\r\n\t\tServerComment="${comment}"\r\n\t>\r\n</IIsWebServer>`);
  writeFileSync(join(dir, 'a.xml'), key(1, 'a&#9;b'));
  writeFileSync(join(dir, 'b.xml'), key(2, 'a b'));
  const all = runCli(['diff', '--all', 'a.xml', 'b.xml'], dir);
  assert.equal(all.status, 1);
  assert.equal(all.stdout, [
    '--- a.xml', '+++ b.xml', '~ . IIS_Global', '    ~ ChangeNumber: "1" -> "2"',
    '~ /LM/W3SVC/1 (site "a b") IIsWebServer', '    ~ ServerComment: "a\\u0009b" -> "a b"', 'keys: 2 changed, 0 added, 0 removed', '',
  ].join('\n'));
  const json = JSON.parse(runCli(['diff', '--format', 'json', 'a.xml', 'b.xml'], dir).stdout);
  assert.equal(json.hidden, 1);
  assert.deepEqual(json.keys.map((k: { location: string }) => k.location), ['/LM/W3SVC/1']);
});

test('export leaves out, with a note, a key below /LM/W3SVC that is no site; --schema is read', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), wrap(`<IIsFilters\tLocation ="/LM/W3SVC/Filters"\r\n\t\tScriptMaps="${ASP}"\r\n\t>\r\n</IIsFilters>`));
  const result = runCli(['export', 'MetaBase.xml', '--to', 'handlers'], dir);
  assert.equal(result.status, 0);
  assert.ok(result.stdout.includes("<!-- left out: '/LM/W3SVC/Filters' is neither the web service (/LM/W3SVC) nor a site or a path below a site's ROOT -->"), result.stdout);
  assert.equal(runCli(['export', 'MetaBase.xml', '--to', 'handlers', '--schema', 'missing.xml'], dir).status, 2);
});

test('--migration turns the migration rules on for the CLI', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), metabase(['.asp,C:\\WINNT\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE']));
  assert.equal(runCli(['MetaBase.xml'], dir).stdout, '');
  const on = runCli(['--migration', 'MetaBase.xml'], dir);
  assert.match(on.stdout, /migration-machine-path/);
  assert.equal(on.status, 0);
  assert.match(runCli(['--migration=yes', 'MetaBase.xml'], dir).stderr, /option '--migration' takes no value/);
});
