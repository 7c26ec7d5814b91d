import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandGlob } from '../../server/src/cli/glob';
import { ASP, PHP_BAD_FLAGS, metabase, runCli, tempDir } from './helpers';

/** A tree in which every file has one problem, so that the json output lists the files linted. */
function tree(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  for (const sub of ['sub/deep', 'node_modules/pkg', '.hidden']) mkdirSync(join(dir, sub), { recursive: true });
  const bad = metabase([ASP, PHP_BAD_FLAGS]);
  for (const file of ['a.xml', 'x1.xml', 'x22.xml', '.g.xml', 'sub/c.xml', 'sub/deep/d.xml', 'sub/deep/notes.txt',
    'node_modules/pkg/e.xml', '.hidden/f.xml']) writeFileSync(join(dir, file), bad);
  return dir;
}

function linted(args: string[], cwd: string): string[] {
  const result = runCli(['--format', 'json', ...args], cwd);
  assert.equal(result.stderr, '');
  return JSON.parse(result.stdout).map((p: { file: string }) => p.file);
}

test('glob: ** spans folders but not node_modules or dot folders; * skips dot files', (t) => {
  const dir = tree(t);
  assert.deepEqual(expandGlob(`${dir}/**/*.xml`), ['a.xml', 'sub/c.xml', 'sub/deep/d.xml', 'x1.xml', 'x22.xml'].map((f) => `${dir}/${f}`));
  assert.deepEqual(expandGlob(`${dir}/**`), ['a.xml', 'sub/c.xml', 'sub/deep/d.xml', 'sub/deep/notes.txt', 'x1.xml', 'x22.xml']
    .map((f) => `${dir}/${f}`));
});

test('glob: ? is one character, * one segment, a leading dot in the pattern matches dot files', (t) => {
  const dir = tree(t);
  assert.deepEqual(expandGlob(`${dir}/x?.xml`), [`${dir}/x1.xml`]);
  assert.deepEqual(expandGlob(`${dir}/*/c.xml`), [`${dir}/sub/c.xml`]);
  assert.deepEqual(expandGlob(`${dir}/*/*.xml`), [`${dir}/sub/c.xml`]);
  assert.deepEqual(expandGlob(`${dir}/.*.xml`), [`${dir}/.g.xml`]);
  assert.deepEqual(expandGlob(`${dir}//sub/**/d.xml`), [`${dir}/sub/deep/d.xml`]);
  // Regular-expression characters in a pattern are literal.
  assert.deepEqual(expandGlob(`${dir}/a.xm?`), [`${dir}/a.xml`]);
  assert.deepEqual(expandGlob(`${dir}/a+xml*`), []);
});

test('glob: ** does not follow a symbolic link to a folder (no cycles)', (t) => {
  const dir = tree(t);
  symlinkSync('..', join(dir, 'sub', 'up'));
  assert.deepEqual(expandGlob(`${dir}/sub/**/*.xml`), [`${dir}/sub/c.xml`, `${dir}/sub/deep/d.xml`]);
});

test('CLI: relative globs give relative paths; folders stand for their *.xml files; each file once', (t) => {
  const dir = tree(t);
  assert.deepEqual(linted(['**/*.xml'], dir), ['a.xml', 'sub/c.xml', 'sub/deep/d.xml', 'x1.xml', 'x22.xml']);
  assert.deepEqual(linted(['sub'], dir), ['sub/c.xml', 'sub/deep/d.xml']);
  assert.deepEqual(linted(['.'], dir), ['a.xml', 'sub/c.xml', 'sub/deep/d.xml', 'x1.xml', 'x22.xml']);
  assert.deepEqual(linted(['x22.xml', '*.xml', './a.xml'], dir), ['x22.xml', 'a.xml', 'x1.xml']);
  // A file named on the command line is linted whatever its extension.
  assert.deepEqual(linted(['sub/deep/notes.txt'], dir), ['sub/deep/notes.txt']);
});
