import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB, metabase, runCli, tempDir } from './helpers';

const FLAGS_MESSAGE = "the flags '5x' are not a decimal number: IIS cannot read the item and answers HTTP 500";
const VERB_MESSAGE = "HTTP methods are case-sensitive: 'get' does not match GET requests";

test('text: a header per file, aligned rows, a summary line', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), metabase([ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB]));
  const result = runCli(['MetaBase.xml'], dir);
  assert.equal(result.stdout, [
    '',
    'MetaBase.xml',
    `  6:43  error    ${FLAGS_MESSAGE}  flags-not-a-number`,
    `  7:51  warning  ${VERB_MESSAGE.padEnd(FLAGS_MESSAGE.length)}  verb-case`,
    '',
    '\u2716 2 problems (1 error, 1 warning, 0 infos)',
    '',
  ].join('\n'));
  assert.equal(result.stderr, '');
  assert.equal(result.status, 1);
});

test('text: line numbers are right-aligned and columns left-aligned', (t) => {
  const dir = tempDir(t);
  // Eight filler items put the second problem on line 15; '5x' starts after '\t\t\t.pl,C:\x\pl.dll,' (col 20).
  const filler = Array.from({ length: 8 }, (_, i) => `.e${i},C:\\x\\e.dll,1,GET`);
  writeFileSync(join(dir, 'a.xml'), metabase([ASP, 'rb,C:\\x\\rb.dll,1,GET', ...filler, '.pl,C:\\x\\pl.dll,5x,GET']));
  const dot = "the extension 'rb' lacks its leading dot: IIS Manager refuses it and it does not match as '.rb'";
  assert.deepEqual(runCli(['a.xml'], dir).stdout.split('\n').slice(2, 4), [
    `   6:4   warning  ${dot}  extension-missing-dot`,
    `  15:20  error    ${FLAGS_MESSAGE.padEnd(dot.length)}  flags-not-a-number`,
  ]);
});

test('text: nothing at all for a clean file', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), metabase([ASP]));
  assert.deepEqual(runCli(['a.xml'], dir), { status: 0, stdout: '', stderr: '' });
});

test('text: colours only when asked for, never with --no-color or NO_COLOR', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), metabase([ASP, PHP_BAD_FLAGS]));
  const colored = runCli(['--color', 'a.xml'], dir).stdout;
  assert.equal(colored.split('\n')[1], '\x1b[4ma.xml\x1b[24m');
  assert.equal(colored.split('\n')[2],
    `  \x1b[2m6:43\x1b[22m  \x1b[31merror\x1b[39m  ${FLAGS_MESSAGE}  \x1b[2mflags-not-a-number\x1b[22m`);
  assert.equal(colored.split('\n')[4], '\x1b[1m\x1b[31m\u2716 1 problem (1 error, 0 warnings, 0 infos)\x1b[39m\x1b[22m');
  // stdout is a pipe here: no colour by default.
  assert.doesNotMatch(runCli(['a.xml'], dir).stdout, /\x1b/);
  assert.doesNotMatch(runCli(['--color', '--no-color', 'a.xml'], dir).stdout, /\x1b/);
});

test('text: --quiet reports errors only', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), metabase([ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB]));
  const result = runCli(['--quiet', 'a.xml'], dir);
  assert.equal(result.stdout, `\na.xml\n  6:43  error  ${FLAGS_MESSAGE}  flags-not-a-number\n\n` +
    '\u2716 1 problem (1 error, 0 warnings, 0 infos)\n');
  assert.equal(result.status, 1);
});
