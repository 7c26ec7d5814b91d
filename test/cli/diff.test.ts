// metabase-lint diff from the command line: exit codes, messages, and the README's git diff driver set-up
// followed for real in a temporary repository.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, REPO, metabase, runCli, tempDir } from './helpers';

const ASP = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';
const ASP_1 = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,1,GET,HEAD,POST,TRACE';

test('exit 0 for the same metabase, 1 for a change, with the change on stdout', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'old.xml'), metabase([ASP]));
  writeFileSync(join(dir, 'new.xml'), metabase([ASP_1]));
  assert.deepEqual(runCli(['diff', 'old.xml', 'old.xml'], dir), { status: 0, stdout: '--- old.xml\n+++ old.xml\nno meaningful changes\n', stderr: '' });
  const changed = runCli(['diff', 'old.xml', 'new.xml'], dir);
  assert.deepEqual(changed, {
    status: 1, stderr: '',
    stdout: '--- old.xml\n+++ new.xml\n~ /LM/W3SVC/1/ROOT IIsWebVirtualDir\n    ~ ScriptMaps:\n        ~ .asp: Flags "5" -> "1"\nkeys: 1 changed, 0 added, 0 removed\n',
  });
  const json = runCli(['diff', '--format', 'json', 'old.xml', 'new.xml'], dir);
  assert.equal(json.status, 1);
  assert.equal(JSON.parse(json.stdout).keys[0].properties[0].items[0].fields[0].new, '1');
});

test('exit 2 with one clear line: bad usage, a missing file, XML that is not well-formed', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'old.xml'), metabase([ASP]));
  writeFileSync(join(dir, 'bad.xml'), metabase([ASP]).replace('</IIsWebVirtualDir>', '</IIsWebDir>'));
  assert.deepEqual(runCli(['diff', 'old.xml'], dir), {
    status: 2, stdout: '', stderr: 'metabase-lint diff: expected two files, <old> and <new>, got 1 (see metabase-lint diff --help)\n',
  });
  assert.equal(runCli(['diff', '--format', 'sarif', 'old.xml', 'old.xml'], dir).stderr, "metabase-lint diff: unknown format 'sarif' (expected text or json)\n");
  assert.match(runCli(['diff', '--bogus', 'old.xml', 'old.xml'], dir).stderr, /^metabase-lint diff: Unknown option '--bogus'/);
  assert.deepEqual(runCli(['diff', 'old.xml', 'missing.xml'], dir), {
    status: 2, stdout: '', stderr: "metabase-lint diff: cannot read 'missing.xml': ENOENT: no such file or directory\n",
  });
  assert.deepEqual(runCli(['diff', 'old.xml', 'bad.xml'], dir), {
    status: 2, stdout: '',
    stderr: "metabase-lint diff: cannot compare 'bad.xml': it is not well-formed XML (line 7, column 1: expected </IIsWebVirtualDir> here, found </IIsWebDir>); 'metabase-lint bad.xml' lists every fault\n",
  });
});

test("a file named 'diff' is linted as ./diff", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'diff'), metabase([ASP]));
  assert.deepEqual(runCli(['./diff'], dir), { status: 0, stdout: '', stderr: '' });
});

/** The lines of a fenced block of the README that follows `marker`. */
function readmeBlock(marker: string): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const at = readme.indexOf(marker);
  assert.ok(at >= 0, `README has no '${marker}'`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(at))!;
  return block[1].split('\n').filter((line) => line.trim() && !line.startsWith('#'));
}

test("the README's git diff driver: git diff and git log -p show the semantic diff", (t) => {
  const dir = tempDir(t);
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  // The README's lines, with metabase-lint standing for the CLI under test.
  for (const line of readmeBlock('<!-- git diff driver -->')) {
    if (line.startsWith('git config')) {
      const [, name, value] = /^git config (\S+) "(.*)"$/.exec(line) ?? [];
      assert.ok(name, `unexpected README line: ${line}`);
      git('config', name, value.replace(/^metabase-lint/, `"${process.execPath}" "${CLI}"`));
    } else {
      const [, text, file] = /^echo '(.*)' >> (\S+)$/.exec(line) ?? [];
      assert.ok(file, `unexpected README line: ${line}`);
      writeFileSync(join(dir, file), `${text}\n`, { flag: 'a' });
    }
  }
  writeFileSync(join(dir, 'MetaBase.xml'), metabase([ASP]));
  git('add', '.');
  git('commit', '-qm', 'one');
  writeFileSync(join(dir, 'MetaBase.xml'), metabase([ASP_1]));
  const expected = '--- a/MetaBase.xml\n+++ b/MetaBase.xml\n~ /LM/W3SVC/1/ROOT IIsWebVirtualDir\n    ~ ScriptMaps:\n        ~ .asp: Flags "5" -> "1"\nkeys: 1 changed, 0 added, 0 removed\n';
  assert.equal(git('diff'), expected);
  git('commit', '-qam', 'two');
  assert.ok(git('log', '-p', '--ext-diff', '-1', '--format=%s').endsWith(expected));
  // A file added in a commit: git passes /dev/null for the old side.
  assert.match(git('show', '--ext-diff', '--format=', 'HEAD~1', '--', 'MetaBase.xml'), /^--- a\/MetaBase.xml\n\+\+\+ b\/MetaBase.xml\n\+ \/LM\/W3SVC\/1\/ROOT IIsWebVirtualDir\n/);
});
