import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB, metabase, runCli, tempDir } from './helpers';

const VERB_ROW = "  7:51  warning  HTTP methods are case-sensitive: 'get' does not match GET requests  verb-case";

function twoFiles(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), metabase([ASP, SHTML_LOWER_VERB, SHTML_LOWER_VERB.replace('.shtml', '.stm')]));
  writeFileSync(join(dir, 'b.xml'), metabase([ASP, SHTML_LOWER_VERB]));
  return dir;
}

test('--max-problems: at most n rows per file, then how many were left out; the summary counts all', (t) => {
  const dir = twoFiles(t);
  assert.deepEqual(runCli(['--max-problems', '1', 'a.xml', 'b.xml'], dir), {
    status: 0,
    stderr: '',
    stdout: ['', 'a.xml', VERB_ROW.replace('7:51', '6:51'), '  \u2026 1 more problem not shown (--max-problems)', '',
      'b.xml', VERB_ROW.replace('7:51', '6:51'), '', '\u2716 3 problems (0 errors, 3 warnings, 0 infos)', ''].join('\n'),
  });
});

test('--max-problems 0: exit code and summary still count what is not shown', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), metabase([ASP, PHP_BAD_FLAGS]));
  assert.deepEqual(runCli(['--max-problems=0', 'a.xml'], dir), {
    status: 1,
    stderr: '',
    stdout: '\na.xml\n  \u2026 1 more problem not shown (--max-problems)\n\n\u2716 1 problem (1 error, 0 warnings, 0 infos)\n',
  });
});

test('--max-problems with json and sarif: the documents hold n problems per file, stderr says what was left out', (t) => {
  const dir = twoFiles(t);
  const json = runCli(['--format', 'json', '--max-problems', '1', 'a.xml', 'b.xml'], dir);
  assert.deepEqual(JSON.parse(json.stdout).map((p: { file: string; line: number }) => `${p.file}:${p.line}`), ['a.xml:6', 'b.xml:6']);
  assert.equal(json.stderr, 'metabase-lint: a.xml: 1 more problem not shown (--max-problems 1)\n');
  const sarif = runCli(['--format', 'sarif', '--max-problems', '1', 'a.xml'], dir);
  assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, 1);
  assert.equal(sarif.stderr, 'metabase-lint: a.xml: 1 more problem not shown (--max-problems 1)\n');
});

test('--max-problems needs a whole number', (t) => {
  const dir = twoFiles(t);
  assert.deepEqual(runCli(['--max-problems', '-1', 'a.xml'], dir),
    { status: 2, stdout: '', stderr: "metabase-lint: --max-problems '-1' is not a whole number (see metabase-lint --help)\n" });
});
