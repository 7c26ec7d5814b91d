// metabase-lint --jobs: files linted in worker threads give what one thread gives, byte for byte (output,
// messages, exit code, files fixed), in the order of the files; bad values are usage errors.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { jobsFor } from '../../server/src/cli/workers';
import { ASP, CLI, PHP_BAD_FLAGS, REPO, SHTML_LOWER_VERB, metabase, runCli, tempDir, unknownAttributeKeys } from './helpers';

const IIS_SCHEMA = readFileSync(join(REPO, 'test/fixtures/schema/MBSchema.xml'), 'utf8');
const REAL = readFileSync(join(REPO, 'test/fixtures/iis-written/MetaBase.xml'));

/** Files of every kind of outcome, in folders (one with a broken MBSchema.xml, one with IIS's): 14 in all. */
function fleet(dir: string): void {
  for (const folder of ['a', 'b', 'c']) mkdirSync(join(dir, folder));
  writeFileSync(join(dir, 'b', 'MBSchema.xml'), IIS_SCHEMA.slice(0, 4000));
  writeFileSync(join(dir, 'c', 'MBSchema.xml'), IIS_SCHEMA);
  for (const folder of ['a', 'b', 'c']) {
    writeFileSync(join(dir, folder, '1-clean.xml'), metabase([ASP]));
    writeFileSync(join(dir, folder, '2-errors.xml'), metabase([ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB]));
    writeFileSync(join(dir, folder, '3-real.xml'), REAL);
  }
  writeFileSync(join(dir, 'a', '4-not-xml.xml'), '<configuration><MBProperty><IIsWebService');
  writeFileSync(join(dir, 'a', '5-not-utf8.xml'), Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]));
  writeFileSync(join(dir, 'a', '6-empty.xml'), '');
}

const sameRun = (dir: string, args: string[]) => {
  const one = runCli(['--jobs', '1', ...args], dir);
  const two = runCli(['--jobs', '2', ...args], dir);
  const four = runCli([...args, '--jobs=4'], dir);
  assert.deepEqual(two, one);
  assert.deepEqual(four, one);
  return one;
};

test('--jobs 2 and 4: the same output, messages and exit code as --jobs 1, in every format', (t) => {
  const dir = tempDir(t);
  fleet(dir);
  for (const format of ['text', 'json', 'sarif']) {
    const result = sameRun(dir, ['--format', format, 'a', 'b', 'c', '--no-color']);
    assert.equal(result.status, 2, format); // the broken schema and the file that is not UTF-8
    assert.match(result.stderr, /cannot use the schema 'b\/MBSchema\.xml'/);
    assert.match(result.stderr, /5-not-utf8\.xml/);
    assert.equal(result.stderr.split('cannot use the schema').length, 2, 'the broken schema is reported once');
  }
  const text = sameRun(dir, ['a', 'b', 'c']).stdout;
  // In the order of the files.
  const named = [...text.matchAll(/^(\S+\.xml)$/gm)].map((m) => m[1]);
  assert.deepEqual(named, [...named].sort());
  assert.ok(named.length >= 6);
});

test('--jobs: a file of more problems than a thread hands over (100,000) is linted again where it is reported, with the same result', (t) => {
  const dir = tempDir(t);
  // 110,000 property-unknown warnings, and a lower-case verb to fix in the same file.
  const many = metabase([ASP, SHTML_LOWER_VERB]).replace('</MBProperty>', `${unknownAttributeKeys(1100)}</MBProperty>`);
  writeFileSync(join(dir, 'a-many.xml'), many);
  writeFileSync(join(dir, 'b-few.xml'), metabase([ASP, PHP_BAD_FLAGS]));
  for (const format of ['text', 'json']) {
    const result = sameRun(dir, ['--format', format, 'a-many.xml', 'b-few.xml']);
    assert.equal(result.status, 1, format);
  }
  const one = runCli(['--fix', '--jobs', '1', 'a-many.xml', 'b-few.xml'], dir);
  const fixed = readFileSync(join(dir, 'a-many.xml'), 'utf8');
  assert.match(fixed, /ssinc\.dll,5,GET,POST/);
  writeFileSync(join(dir, 'a-many.xml'), many);
  const two = runCli(['--fix', '--jobs', '2', 'a-many.xml', 'b-few.xml'], dir);
  assert.deepEqual(two, one);
  assert.equal(readFileSync(join(dir, 'a-many.xml'), 'utf8'), fixed);
});

test('--jobs with --quiet, --max-problems and --max-warnings: the same as one thread', (t) => {
  const dir = tempDir(t);
  fleet(dir);
  sameRun(dir, ['--quiet', 'a', 'c']);
  sameRun(dir, ['--format=json', '--max-problems', '1', 'a', 'c']);
  const warnings = sameRun(dir, ['--max-warnings', '0', 'c/1-clean.xml', 'c/3-real.xml']);
  assert.equal(warnings.status, 0);
});

test('--fix in worker threads writes the same files as one thread', (t) => {
  const one = tempDir(t);
  const two = tempDir(t);
  fleet(one);
  fleet(two);
  const a = runCli(['--jobs', '1', '--fix', '--format=json', 'a', 'c'], one);
  const b = runCli(['--jobs', '2', '--fix', '--format=json', 'a', 'c'], two);
  assert.deepEqual(b, a);
  for (const folder of ['a', 'c']) {
    for (const name of readdirSync(join(one, folder))) {
      assert.deepEqual(readFileSync(join(two, folder, name)), readFileSync(join(one, folder, name)), `${folder}/${name}`);
    }
  }
  // The fix did something.
  assert.notDeepEqual(readFileSync(join(one, 'a', '2-errors.xml'), 'utf8'), metabase([ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB]));
});

test('--jobs takes a number from 1 up or auto, also as -jN', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), metabase([ASP]));
  for (const bad of ['0', 'x', '-1', '1.5', '', 'AUTO', '00']) {
    for (const args of [['--jobs', bad], [`--jobs=${bad}`], ...(bad ? [[`-j${bad}`]] : [])]) {
      const result = runCli([...args, 'MetaBase.xml'], dir);
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stderr, `metabase-lint: --jobs '${bad}' is not 'auto' or a number of files from 1 up (see metabase-lint --help)\n`);
    }
  }
  assert.match(runCli(['-j'], dir).stderr, /option '-j' needs a value/);
  for (const good of [['-j', 'auto'], ['-jauto'], ['-j2'], ['--jobs=8'], ['-j', '99999999999999999999']]) {
    assert.deepEqual(runCli([...good, 'MetaBase.xml'], dir), { status: 0, stdout: '', stderr: '' }, good.join(' '));
  }
});

test('at most one thread per CPU and per file; auto only for 32 MB or more; --fix of one file under two names in one thread', (t) => {
  const dir = tempDir(t);
  const small = ['a.xml', 'b.xml'].map((n) => join(dir, n));
  for (const file of small) writeFileSync(file, metabase([ASP]));
  const big = join(dir, 'big.xml');
  writeFileSync(big, '');
  truncateSync(big, 40 << 20);
  const cpus = availableParallelism();
  const most = (n: number) => (cpus < 2 ? 1 : Math.min(cpus, n));
  assert.equal(jobsFor('auto', small, false), 1);
  assert.equal(jobsFor('auto', [big], false), 1);
  assert.equal(jobsFor('auto', [big, ...small], false), most(3));
  // A file that cannot be read counts for nothing (it is reported when it is read).
  assert.equal(jobsFor('auto', [join(dir, 'missing.xml'), ...small], false), 1);
  assert.equal(jobsFor(3, small, false), most(2));
  assert.equal(jobsFor(1000, [big, ...small], false), most(3));
  assert.equal(jobsFor(1, [big, ...small], false), 1);
  symlinkSync('a.xml', join(dir, 'link.xml'));
  assert.equal(jobsFor(2, [...small, join(dir, 'link.xml')], false), most(3));
  assert.equal(jobsFor(2, [...small, join(dir, 'link.xml')], true), 1);
  assert.equal(jobsFor(2, small, true), most(2));
});

test('--fix of one file under two names: as one thread does it', (t) => {
  const one = tempDir(t);
  const two = tempDir(t);
  for (const dir of [one, two]) {
    fleet(dir);
    symlinkSync('2-errors.xml', join(dir, 'a', '7-link.xml'));
  }
  assert.deepEqual(runCli(['--jobs', '2', '--fix', 'a'], two), runCli(['--jobs', '1', '--fix', 'a'], one));
  assert.deepEqual(readFileSync(join(two, 'a', '2-errors.xml')), readFileSync(join(one, 'a', '2-errors.xml')));
  assert.deepEqual(readdirSync(join(two, 'a')), readdirSync(join(one, 'a')), 'no temporary file left');
});

test('a reader that stops early: every file is still fixed and the exit code is the run\'s, as in one thread', async (t) => {
  const results = [];
  for (const jobs of ['1', '2']) {
    const dir = tempDir(t);
    fleet(dir);
    // Problems enough that output is written while other files are still being linted.
    writeFileSync(join(dir, 'a', '0-many.xml'), metabase(Array.from({ length: 3000 }, (_, i) => `.e${i},C:\\x.dll,5x,GET`)));
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [CLI, '--jobs', jobs, '--fix', 'a', 'b', 'c'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', resolve);
    });
    const files = ['a', 'b', 'c'].flatMap((f) => readdirSync(join(dir, f)).map((n) => readFileSync(join(dir, f, n), 'latin1')));
    results.push({ status, files });
  }
  assert.deepEqual(results[1], results[0]);
  assert.equal(results[0].status, 2);
});
