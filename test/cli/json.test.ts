import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB, metabase, runCli, tempDir } from './helpers';

test('json: one flat array, 1-based positions in a CRLF + BOM file', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), metabase([ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB]));
  const result = runCli(['--format', 'json', 'MetaBase.xml'], dir);
  // Line 6 is '\t\t\t.php,C:\PHP\php-cgi.exe &quot;%s&quot;,5x,...': 3 + 5 + 18 + 1 + 14 + 1 = 42 units
  // before '5x'. Line 7 is '\t\t\t.shtml,C:\WINDOWS\system32\inetsrv\ssinc.dll,5,': 3 + 7 + 37 + 3 = 50.
  assert.deepEqual(JSON.parse(result.stdout), [
    {
      file: 'MetaBase.xml', line: 6, column: 43, endLine: 6, endColumn: 45, severity: 'error',
      code: 'flags-not-a-number',
      message: "the flags '5x' are not a decimal number: IIS cannot read the item and answers HTTP 500",
    },
    {
      file: 'MetaBase.xml', line: 7, column: 51, endLine: 7, endColumn: 54, severity: 'warning',
      code: 'verb-case', message: "HTTP methods are case-sensitive: 'get' does not match GET requests",
    },
  ]);
  assert.equal(result.status, 1);
});

test('json: the BOM is not a column of line 1', (t) => {
  const dir = tempDir(t);
  const prefix = '<?xml version ="1.0"?><configuration><MBProperty><IIsWebVirtualDir Location ="/LM/W3SVC/1/ROOT" ScriptMaps="';
  writeFileSync(join(dir, 'a.xml'), `\uFEFF${prefix}rb,C:\\x\\rb.dll,1,GET"/></MBProperty></configuration>\r\n`);
  const [problem] = JSON.parse(runCli(['--format=json', 'a.xml'], dir).stdout);
  assert.equal(prefix.length, 108);
  assert.deepEqual([problem.code, problem.line, problem.column, problem.endLine, problem.endColumn],
    ['extension-missing-dot', 1, 109, 1, 111]);
});

test('json: an empty array for a clean file, problems of all files in one array', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'clean.xml'), metabase([ASP]));
  writeFileSync(join(dir, 'bad.xml'), metabase([ASP, PHP_BAD_FLAGS]));
  assert.equal(runCli(['--format', 'json', 'clean.xml'], dir).stdout, '[]\n');
  const problems = JSON.parse(runCli(['--format', 'json', 'clean.xml', 'bad.xml'], dir).stdout);
  assert.deepEqual(problems.map((p: { file: string; code: string }) => `${p.file} ${p.code}`), ['bad.xml flags-not-a-number']);
});
