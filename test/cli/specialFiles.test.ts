// Files that are not regular files: the CLI must neither block nor read without end, must say what it
// refused, and must go on with the other files (exit 2).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, symlinkSync, ftruncateSync, writeFileSync } from 'node:fs';
import { readSource } from '../../server/src/cli/source';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, PHP_BAD_FLAGS, metabase, runCli, tempDir } from './helpers';

const FLAGS_ROW = /^ {2}6:43 {2}error {2}the flags '5x' are not a decimal number/m;

function withBadFile(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'bad.xml'), metabase([ASP, PHP_BAD_FLAGS]));
  return dir;
}

test('a FIFO given as an argument is refused at once, the other files are linted', (t) => {
  const dir = withBadFile(t);
  execFileSync('mkfifo', [join(dir, 'pipe.xml')]);
  const result = runCli(['pipe.xml', 'bad.xml'], dir);
  assert.equal(result.stderr, "metabase-lint: cannot read 'pipe.xml': it is not a regular file (a FIFO)\n");
  assert.match(result.stdout, FLAGS_ROW);
  assert.equal(result.status, 2);
});

test('a FIFO named *.xml inside a linted folder does not stop the walk', (t) => {
  const dir = withBadFile(t);
  mkdirSync(join(dir, 'sub'));
  execFileSync('mkfifo', [join(dir, 'sub', 'a.xml')]);
  writeFileSync(join(dir, 'sub', 'b.xml'), metabase([ASP, PHP_BAD_FLAGS]));
  const result = runCli(['--format', 'json', '.'], dir);
  assert.equal(result.stderr, "metabase-lint: cannot read 'sub/a.xml': it is not a regular file (a FIFO)\n");
  assert.deepEqual(JSON.parse(result.stdout).map((p: { file: string }) => p.file), ['bad.xml', 'sub/b.xml']);
  assert.equal(result.status, 2);
});

test('/dev/zero and a symbolic link to it are refused without reading', (t) => {
  const dir = withBadFile(t);
  symlinkSync('/dev/zero', join(dir, 'zero.xml'));
  const result = runCli(['/dev/zero', 'zero.xml', 'bad.xml'], dir);
  assert.equal(result.stderr,
    "metabase-lint: cannot read '/dev/zero': it is not a regular file (a character device)\n" +
    "metabase-lint: cannot read 'zero.xml': it is not a regular file (a character device)\n");
  assert.match(result.stdout, FLAGS_ROW);
  assert.equal(result.status, 2);
});

test('a file over 512 MB is refused by its size, without reading it', (t) => {
  const dir = withBadFile(t);
  // Sparse: no disk space is used.
  const fd = openSync(join(dir, 'huge.xml'), 'w');
  ftruncateSync(fd, 600 * 1024 * 1024);
  closeSync(fd);
  const result = runCli(['huge.xml', 'bad.xml'], dir);
  assert.equal(result.stderr, "metabase-lint: cannot read 'huge.xml': it is 600 MB, over the limit of 512 MB\n");
  assert.match(result.stdout, FLAGS_ROW);
  assert.equal(result.status, 2);
});

test('symbolic-link loops: a folder walk ends, a looping link named *.xml is reported', (t) => {
  const dir = withBadFile(t);
  mkdirSync(join(dir, 'sub'));
  symlinkSync('..', join(dir, 'sub', 'up'));
  symlinkSync('self.xml', join(dir, 'sub', 'self.xml'));
  const result = runCli(['--format', 'json', '.'], dir);
  assert.equal(result.stderr, "metabase-lint: cannot read 'sub/self.xml': ELOOP: too many symbolic links encountered\n");
  assert.deepEqual(JSON.parse(result.stdout).map((p: { file: string }) => p.file), ['bad.xml']);
  assert.equal(result.status, 2);
});

// Issue 8 (rev8): the size fstat gives was trusted, so /proc and /sys files (size 0) were linted as empty.
test('a file whose stat size is 0 but which has content (/proc) is read to its end', () => {
  const path = '/proc/version';
  assert.equal(statSync(path).size, 0);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.length > 0);
  assert.equal(readSource(path).text, text);
});
