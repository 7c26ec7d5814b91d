// Runs the node:test suites under c8 and fails below the coverage gate of server/src. The protocol tests
// start the compiled out/ server instead of the bundle, so that its lines count too.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const GATE = { statements: 98, branches: 93, functions: 95, lines: 98 };

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const c8 = resolve('node_modules/c8/bin/c8.js');
const result = spawnSync(process.execPath, [
  c8, '--include', 'out/server/src/**', '--reporter', 'text-summary', '--check-coverage',
  ...Object.entries(GATE).flatMap(([k, v]) => [`--${k}`, String(v)]),
  process.execPath, 'scripts/run-tests.mjs', ...process.argv.slice(2),
], {
  stdio: 'inherit',
  env: { ...process.env, IIS_METABASE_TEST_SERVER: resolve('out/server/src/server.js'), IIS_METABASE_VERSION: version },
});
process.exit(result.status ?? 1);
