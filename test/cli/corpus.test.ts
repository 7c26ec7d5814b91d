import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO, runCli, tempDir } from './helpers';

const REAL = 'test/fixtures/iis-written/MetaBase.xml';

test('the real MetaBase.xml written by IIS: no problems at all', (t) => {
  const dir = tempDir(t);
  copyFileSync(REAL, join(dir, 'MetaBase.xml'));
  assert.deepEqual(runCli(['--format', 'json', 'MetaBase.xml'], dir), { status: 0, stdout: '[]\n', stderr: '' });
});

test('examples/MetaBase.xml: its deliberate mistakes, in order', () => {
  const result = runCli(['--format', 'json', 'examples/MetaBase.xml'], REPO);
  assert.equal(result.status, 1);
  const problems = JSON.parse(result.stdout).map((p: { line: number; column: number; code: string }) => `${p.line}:${p.column} ${p.code}`);
  assert.deepEqual(problems, [
    '23:10 scriptmap-not-allowed',
    '24:11 scriptmap-not-allowed',
    '25:9 scriptmap-not-allowed',
    '42:3 scriptmaps-override-drops',
    '43:10 scriptmap-not-allowed',
    '44:8 unquoted-exe-path',
    '44:8 scriptmap-not-allowed',
    '45:9 scriptmap-not-allowed',
    '45:43 flags-not-a-number',
    '46:11 scriptmap-not-allowed',
    '46:51 verb-case',
    '46:64 verb-empty',
    '47:9 scriptmap-not-allowed',
    '47:49 flags-unknown-bits',
    '48:4 extension-missing-dot',
    '48:7 scriptmap-not-allowed',
    '48:34 cgi-uppercase-placeholder',
    '49:4 extension-duplicate',
    '55:3 scriptmaps-override-drops',
    '55:17 unquoted-dll-path',
    '55:17 scriptmap-not-allowed',
    '56:4 verbs-missing',
    '56:9 scriptmap-not-allowed',
    '64:7 scriptmaps-override-drops',
    '65:15 scriptmap-not-allowed',
    '65:45 verb-spaces',
    '65:51 verb-spaces',
  ]);
});
