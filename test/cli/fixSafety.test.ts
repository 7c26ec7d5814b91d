// --fix and the file's owner, group, mode and links: what a careful admin expects of `sed -i` and better.
// Permission cases run the CLI as `nobody` when the tests run as root (CI does); owner cases need root.

import assert from 'node:assert/strict';
import {
  chmodSync, chownSync, linkSync, readFileSync, readdirSync, statSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, NOBODY, SHTML_LOWER_VERB, metabase, runCli, runCliWithoutPrivileges, tempDir } from './helpers';

const BEFORE = metabase([ASP, SHTML_LOWER_VERB]);
const AFTER = metabase([ASP, SHTML_LOWER_VERB.replace(',get,', ',GET,')]);
const ROOT = process.getuid?.() === 0;
const NEEDS_ROOT = { skip: ROOT ? false : 'changing owners needs root' };

function fixable(t: Parameters<typeof tempDir>[0], mode = 0o644): { dir: string; file: string } {
  const dir = tempDir(t);
  const file = join(dir, 'a.xml');
  writeFileSync(file, BEFORE);
  chmodSync(file, mode);
  return { dir, file };
}

test('--fix refuses a file the user may not write, even in a folder it may write', NEEDS_ROOT, (t) => {
  const { dir, file } = fixable(t);
  chmodSync(dir, 0o777);
  const result = runCliWithoutPrivileges(['--fix', 'a.xml'], dir);
  assert.equal(result.stderr, "metabase-lint: cannot write 'a.xml': EACCES: permission denied\n");
  assert.match(result.stdout, /verb-case/);
  assert.equal(result.status, 2);
  assert.equal(readFileSync(file, 'utf8'), BEFORE);
  assert.equal(statSync(file).uid, 0);
  assert.deepEqual(readdirSync(dir), ['a.xml']);
});

test('--fix refuses a read-only (0444) file of the user itself', NEEDS_ROOT, (t) => {
  const { dir, file } = fixable(t, 0o444);
  chmodSync(dir, 0o777);
  chownSync(file, NOBODY, NOBODY);
  const result = runCliWithoutPrivileges(['--fix', 'a.xml'], dir);
  assert.equal(result.stderr, "metabase-lint: cannot write 'a.xml': EACCES: permission denied\n");
  assert.equal(result.status, 2);
  assert.equal(readFileSync(file, 'utf8'), BEFORE);
});

test('--fix as root refuses a file without any write bit', (t) => {
  const { dir, file } = fixable(t, 0o444);
  const result = runCli(['--fix', 'a.xml'], dir);
  assert.equal(result.stderr, "metabase-lint: cannot write 'a.xml': " +
    (ROOT ? 'it is read-only (no write permission bit is set)' : 'EACCES: permission denied') + '\n');
  assert.equal(result.status, 2);
  assert.equal(readFileSync(file, 'utf8'), BEFORE);
});

test('--fix as root keeps the owner, group and mode of the file', NEEDS_ROOT, (t) => {
  const { dir, file } = fixable(t, 0o640);
  chownSync(file, 1234, 5678);
  const before = statSync(file);
  assert.deepEqual(runCli(['--fix', 'a.xml'], dir), { status: 0, stdout: '', stderr: '' });
  const after = statSync(file);
  assert.equal(readFileSync(file, 'utf8'), AFTER);
  assert.notEqual(after.ino, before.ino, 'replaced by a rename');
  assert.deepEqual([after.uid, after.gid, after.mode & 0o7777], [1234, 5678, 0o640]);
  assert.deepEqual(readdirSync(dir), ['a.xml']);
});

test('--fix of a group-writable file of another owner writes in place: the owner stays', NEEDS_ROOT, (t) => {
  const { dir, file } = fixable(t, 0o664);
  chownSync(file, 0, NOBODY);
  chmodSync(dir, 0o777);
  const before = statSync(file);
  assert.deepEqual(runCliWithoutPrivileges(['--fix', 'a.xml'], dir), { status: 0, stdout: '', stderr: '' });
  const after = statSync(file);
  assert.equal(readFileSync(file, 'utf8'), AFTER);
  assert.deepEqual([after.ino, after.uid, after.gid, after.mode & 0o7777], [before.ino, 0, NOBODY, 0o664]);
  assert.deepEqual(readdirSync(dir), ['a.xml']);
});

test('--fix of a file with two hard links writes in place: both links see the fix', (t) => {
  const { dir, file } = fixable(t);
  const other = join(dir, 'b.xml');
  linkSync(file, other);
  const before = statSync(file);
  assert.deepEqual(runCli(['--fix', 'a.xml'], dir), { status: 0, stdout: '', stderr: '' });
  assert.equal(readFileSync(file, 'utf8'), AFTER);
  assert.equal(readFileSync(other, 'utf8'), AFTER);
  assert.equal(statSync(other).ino, before.ino);
  assert.equal(statSync(file).nlink, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['a.xml', 'b.xml']);
});

test('--fix in place of a file that gets shorter leaves no old bytes behind', (t) => {
  const { dir, file } = fixable(t);
  const spaced = metabase([ASP, '.cfm,C:\\CFusion\\bin\\iscf.dll,5,GET, HEAD, POST']);
  writeFileSync(file, spaced);
  linkSync(file, join(dir, 'b.xml'));
  runCli(['--fix', 'a.xml'], dir);
  assert.equal(readFileSync(join(dir, 'b.xml'), 'utf8'), metabase([ASP, '.cfm,C:\\CFusion\\bin\\iscf.dll,5,GET,HEAD,POST']));
});
