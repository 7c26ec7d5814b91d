// The metabase-lint executable. The `#!/usr/bin/env node` line is added by the bundler (dist/cli.js); the
// compiled out/ copy is run as `node out/server/src/cli/main.js`. The same script is the worker threads of --jobs.

import { existsSync } from 'node:fs';
import { isMainThread, workerData } from 'node:worker_threads';
import { EXIT_USAGE, run } from './run';
import { isLintWorker, serveTasks } from './workers';

if (isMainThread) main();
else if (isLintWorker(workerData)) serveTasks();

function main(): void {
  // A pipe that fails takes the message with it (see writeStderr); unhandled, its 'error' ended the run with 1.
  process.stderr.on('error', () => undefined);
  // When stdout fails (a reader that stops early, `metabase-lint ... | head`, or a full disk), the run
  // still ends as it would have (every file fixed with --fix, as in one thread, whose run is over before
  // the failure is known), writing nothing more; then it exits with its code, or with 2 and a message when
  // the failure was not EPIPE (a reader that stops early is not an error).
  let stdoutFailure: NodeJS.ErrnoException | undefined;
  let finished = false;
  const exit = () => {
    if (stdoutFailure && stdoutFailure.code !== 'EPIPE') {
      writeStderr(`metabase-lint: cannot write the output: ${stdoutFailure.message}\n`);
      process.exit(EXIT_USAGE);
    }
    process.exit(process.exitCode ?? 0);
  };
  // Piped output is written as it is made, as output to a file is: held until the pipe took it, a report of
  // millions of problems filled memory and ended in ENOBUFS (Node's pipes are asynchronous on POSIX).
  const handle = (process.stdout as unknown as { _handle?: { setBlocking?: (blocking: boolean) => number } })._handle;
  const blocking = typeof handle?.setBlocking === 'function' && handle.setBlocking(true) === 0;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdoutFailure ??= error;
    if (finished) exit();
  });
  // exitCode rather than exit(): piped output is written asynchronously and must be flushed first.
  run(process.argv.slice(2), {
    // A blocking pipe takes each write at once: a write that waits has failed (a reader that stopped early),
    // and its 'error' comes only once this run yields; what is written meanwhile would wait in memory.
    stdout: (text) => {
      if (stdoutFailure || process.stdout.destroyed || (blocking && process.stdout.writableLength > 0)) return;
      // Output to a file is written at once: a full disk throws here rather than in an 'error' event.
      try {
        process.stdout.write(text);
      } catch (error) {
        stdoutFailure = error as NodeJS.ErrnoException;
      }
    },
    stderr: writeStderr,
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    // A script read from standard input cannot be started again as a thread.
    workerScript: existsSync(__filename) ? __filename : undefined,
  }).then((code) => {
    process.exitCode = code;
    finished = true;
    if (stdoutFailure) exit();
  }, internalError);
}

/** Exit code 1 means "errors found": a failure of the CLI itself must never look like that, nor be silent. */
function internalError(error: unknown): never {
  const message = error instanceof Error ? error.stack ?? error.message : String(error);
  writeStderr(`metabase-lint: internal error: ${message}\n`);
  process.exit(EXIT_USAGE);
}

/**
 * A message that cannot be written (stderr on a full disk) is dropped: the run goes on and ends with its
 * exit code, which still says what happened. A file fails inside the write, a pipe later in an 'error' event.
 */
function writeStderr(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    // Dropped, as said above.
  }
}
