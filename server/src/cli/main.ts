// The metabase-lint executable. The `#!/usr/bin/env node` line is added by the bundler (dist/cli.js); the
// compiled out/ copy is run as `node out/server/src/cli/main.js`.

import { run } from './run';

// A reader that stops early (`metabase-lint ... | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// exitCode rather than exit(): piped output is written asynchronously and must be flushed first.
process.exitCode = run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
});
