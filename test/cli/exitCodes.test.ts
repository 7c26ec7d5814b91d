import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB, REPO, metabase, runCli, runCliWithoutPrivileges, tempDir } from './helpers';

function fixture(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'clean.xml'), metabase([ASP]));
  writeFileSync(join(dir, 'warning.xml'), metabase([ASP, SHTML_LOWER_VERB]));
  writeFileSync(join(dir, 'error.xml'), metabase([ASP, PHP_BAD_FLAGS]));
  return dir;
}

test('exit 0 without problems or with warnings only, 1 with errors', (t) => {
  const dir = fixture(t);
  assert.equal(runCli(['clean.xml'], dir).status, 0);
  assert.equal(runCli(['warning.xml'], dir).status, 0);
  assert.equal(runCli(['error.xml'], dir).status, 1);
  assert.equal(runCli(['clean.xml', 'error.xml', 'warning.xml'], dir).status, 1);
});

test('--rule turns an error off (exit 0) or a warning into an error (exit 1)', (t) => {
  const dir = fixture(t);
  assert.deepEqual(runCli(['--rule', 'flags-not-a-number=off', 'error.xml'], dir), { status: 0, stdout: '', stderr: '' });
  assert.equal(runCli(['--rule=verb-case=error', 'warning.xml'], dir).status, 1);
  const info = runCli(['--rule', 'verb-case=information', 'warning.xml'], dir);
  assert.equal(info.stdout.split('\n').at(-2), '\u2716 1 problem (0 errors, 0 warnings, 1 info)');
  assert.equal(info.status, 0);
});

test('--max-warnings: exit 1 above the limit', (t) => {
  const dir = fixture(t);
  assert.equal(runCli(['--max-warnings', '1', 'warning.xml'], dir).status, 0);
  const over = runCli(['--max-warnings', '0', 'warning.xml'], dir);
  assert.equal(over.status, 1);
  assert.equal(over.stderr, 'metabase-lint: too many warnings (1; --max-warnings is 0)\n');
});

test('exit 2 with one line on stderr for bad usage', (t) => {
  const dir = fixture(t);
  const cases: [string[], string][] = [
    [['--bogus', 'clean.xml'], "unknown option '--bogus'"],
    [[], 'no files given'],
    [['--format', 'xml', 'clean.xml'], "unknown format 'xml' (expected text, json or sarif)"],
    [['clean.xml', '--format'], "option '--format' needs a value"],
    [['--rule', 'no-such-rule=off', 'clean.xml'], "unknown rule 'no-such-rule'"],
    [['--rule', 'verb-case=loud', 'clean.xml'],
      "unknown severity 'loud' for rule 'verb-case' (expected off, information, warning or error)"],
    [['--rule', 'verb-case', 'clean.xml'], "--rule 'verb-case' is not <id>=<severity>"],
    [['--max-warnings', 'many', 'clean.xml'], "--max-warnings 'many' is not a whole number"],
    [['--fix=yes', 'clean.xml'], "option '--fix' takes no value"],
  ];
  for (const [args, message] of cases) {
    const stderr = `metabase-lint: ${message} (see metabase-lint --help)\n`;
    assert.deepEqual(runCli(args, dir), { status: 2, stdout: '', stderr }, args.join(' '));
  }
});

test('exit 2 for a missing file, a glob that matches nothing, an unreadable file', (t) => {
  const dir = fixture(t);
  assert.deepEqual(runCli(['x.xml'], dir),
    { status: 2, stdout: '', stderr: "metabase-lint: cannot read 'x.xml': ENOENT: no such file or directory\n" });
  assert.deepEqual(runCli(['clean.xml', 'nope/*.xml'], dir),
    { status: 2, stdout: '', stderr: "metabase-lint: no files match 'nope/*.xml'\n" });
  mkdirSync(join(dir, 'empty'));
  assert.deepEqual(runCli(['empty'], dir), { status: 2, stdout: '', stderr: "metabase-lint: no .xml files in 'empty'\n" });
});

test("'-' is not standard input: exit 2 with a message that says so, in linting, diff and export; a file named '-' is linted", (t) => {
  const dir = fixture(t);
  const stdin = "cannot read '-': standard input is not read; give the path of a file (./- for a file named '-')";
  assert.deepEqual(runCli(['-'], dir), { status: 2, stdout: '', stderr: `metabase-lint: ${stdin}\n` });
  assert.deepEqual(runCli(['diff', '-', 'clean.xml'], dir), { status: 2, stdout: '', stderr: `metabase-lint diff: ${stdin}\n` });
  assert.deepEqual(runCli(['export', '-', '--to', 'appcmd'], dir), { status: 2, stdout: '', stderr: `metabase-lint export: ${stdin}\n` });
  copyFileSync(join(dir, 'clean.xml'), join(dir, '-'));
  assert.deepEqual(runCli(['-'], dir), runCli(['clean.xml'], dir));
});

test('exit 2 for an unreadable file; the readable ones are still reported', (t) => {
    const dir = fixture(t);
    chmodSync(join(dir, 'warning.xml'), 0o000);
    const result = runCliWithoutPrivileges(['error.xml', 'warning.xml'], dir);
    assert.equal(result.stderr, "metabase-lint: cannot read 'warning.xml': EACCES: permission denied\n");
    assert.match(result.stdout, /flags-not-a-number/);
    assert.equal(result.status, 2);
  });

test('--help and --version', (t) => {
  const dir = fixture(t);
  const help = runCli(['--help'], dir);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: metabase-lint \[options\] <files, directories or globs\.\.\.>\n/);
  const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
  assert.deepEqual(runCli(['-v'], dir), { status: 0, stdout: `${version}\n`, stderr: '' });
});

test('-- ends the options: a file may start with a dash', (t) => {
  const dir = fixture(t);
  writeFileSync(join(dir, '--fix.xml'), metabase([ASP, PHP_BAD_FLAGS]));
  const result = runCli(['--', '--fix.xml'], dir);
  assert.equal(result.status, 1);
  assert.equal(readFileSync(join(dir, '--fix.xml'), 'utf8'), metabase([ASP, PHP_BAD_FLAGS]));
});
