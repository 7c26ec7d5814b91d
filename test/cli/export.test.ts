// metabase-lint export from the command line: output on stdout, exit codes and messages.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { REPO, metabase, runCli, tempDir } from './helpers';

const ASP = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';

test('export --to handlers: the key as IIS 7+ XML on stdout, exit 0', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), metabase([ASP]));
  const result = runCli(['export', 'MetaBase.xml', '--to', 'handlers'], dir);
  assert.equal(result.status, 0);
  assert.equal(result.stderr, '');
  assert.ok(result.stdout.includes('  <location path="Site1">\n'), result.stdout);
  assert.ok(result.stdout.includes('<add name="ScriptMap .asp (W3SVC/1/ROOT)" path="*.asp" verb="GET,HEAD,POST,TRACE" modules="IsapiModule" scriptProcessor="C:\\WINDOWS\\system32\\inetsrv\\asp.dll" resourceType="File" requireAccess="Script" />'));
  assert.equal(XMLValidator.validate(result.stdout), true);
});

test('export of the bundled example in all three forms is well-formed (handlers) and stable', () => {
  for (const to of ['handlers', 'appcmd', 'adsutil']) {
    const first = runCli(['export', 'examples/MetaBase.xml', '--to', to], REPO);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(runCli(['export', 'examples/MetaBase.xml', '--to', to], REPO).stdout, first.stdout);
    if (to === 'handlers') assert.equal(XMLValidator.validate(first.stdout), true);
  }
});

test('export: exit 2 with one line for bad usage, a Location not in the file, XML that is not well-formed', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), metabase([ASP]));
  writeFileSync(join(dir, 'bad.xml'), metabase([ASP]).replace('\t>', '\t'));
  const cases: Array<[string[], string]> = [
    [['export', 'MetaBase.xml'], 'metabase-lint export: --to handlers, appcmd or adsutil is required\n'],
    [['export', 'MetaBase.xml', '--to', 'xml'], "metabase-lint export: unknown target 'xml' (expected handlers, appcmd or adsutil)\n"],
    [['export', '--to', 'appcmd'], 'metabase-lint export: expected one metabase file, got 0 (see metabase-lint export --help)\n'],
    [['export', 'MetaBase.xml', '--to', 'appcmd', '--location', '/LM/W3SVC/2'], "metabase-lint export: MetaBase.xml: no key has the Location '/LM/W3SVC/2'\n"],
    [['export', 'missing.xml', '--to', 'appcmd'], "metabase-lint export: cannot read 'missing.xml': ENOENT: no such file or directory\n"],
  ];
  for (const [args, stderr] of cases) assert.deepEqual(runCli(args, dir), { status: 2, stdout: '', stderr }, args.join(' '));
  const bad = runCli(['export', 'bad.xml', '--to', 'handlers'], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^metabase-lint export: cannot export 'bad\.xml': it is not well-formed XML \(line \d+, column \d+: .*\); 'metabase-lint bad\.xml' lists every fault\n$/);
});
