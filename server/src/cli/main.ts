// The metabase-lint executable. The `#!/usr/bin/env node` line is added by the bundler (dist/cli.js); the
// compiled out/ copy is run as `node out/server/src/cli/main.js`. The same script is the worker threads of --jobs.

import { isMainThread, workerData } from 'node:worker_threads';
import { EXIT_USAGE, run } from './run';
import { isLintWorker, serveTasks } from './workers';

if (isMainThread) main();
else if (isLintWorker(workerData)) serveTasks();

function main(): void {
  // A reader that stops early (`metabase-lint ... | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') internalError(error);
    process.exit(process.exitCode ?? 0);
  });
  // exitCode rather than exit(): piped output is written asynchronously and must be flushed first.
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    workerScript: __filename,
  }).then((code) => { process.exitCode = code; }, internalError);
}

/** Exit code 1 means "errors found": a failure of the CLI itself must never look like that, nor be silent. */
function internalError(error: unknown): never {
  const message = error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`metabase-lint: internal error: ${message}\n`);
  process.exit(EXIT_USAGE);
}
