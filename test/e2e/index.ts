// Mocha entry point for the end-to-end suite (`extensionTestsPath`). VS Code's extension host
// requires this compiled module (out/test/e2e/index.js) and calls run(); the promise resolving
// means success, rejecting makes VS Code exit with code 1. Used by both runners:
//   scripts/e2e/run-headless.mjs  (VS Code server from code-server + headless Chromium)
//   scripts/e2e/run-electron.mjs  (@vscode/test-electron, desktop VS Code)
// It loads every *.test.js next to it (BDD ui: describe/it), sorted by name.
// Optional env: E2E_GREP (only tests whose full title matches this regex).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';

// Mocha is loaded with require() so that it resolves from the repo's node_modules at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha: typeof import('mocha') = require('mocha');

// The extension host forwards console output to the workbench, which (in the headless runner) hands it
// to run-headless.mjs mixed with the workbench's own log lines, without formatting printf-style
// arguments. So format here, and when the runner asks for it (E2E_LOG_MARKER), tag every line written
// from the extension host so the runner can tell the suite's output (and the extension's) from noise.
// VS Code defines console.log & co. as accessors that ignore assignment, so the global `console`
// object is replaced instead (for the whole extension host, i.e. the extension's output is tagged too).
const marker = process.env.E2E_LOG_MARKER ?? '';
if (marker) {
  const base = globalThis.console;
  const tagged: Console = Object.create(base);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const forward = base[level].bind(base);
    Object.defineProperty(tagged, level, {
      value: (...args: unknown[]) => forward(marker + util.format(...args)),
      writable: true,
      configurable: true,
    });
  }
  globalThis.console = tagged;
}

function write(line: string): void {
  console.log(line);
}

export function run(): Promise<void> {
  // Mocha's reporters captured console.log when mocha was loaded; route them through the formatter.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => write(util.format(...args));

  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    slow: 10_000,
    reporter: 'spec',
    ...(process.env.E2E_GREP ? { grep: new RegExp(process.env.E2E_GREP) } : {}),
  });

  const dir = __dirname;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js files in ${dir}: nothing to run`));
  }
  for (const f of files) {
    mocha.addFile(path.join(dir, f));
  }
  write(`[e2e] loading ${files.length} test file(s) from ${dir}`);

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) {
          reject(new Error(`${failures} e2e test(s) failed`));
        } else {
          resolve();
        }
      });
      // One plain line per test in addition to the spec reporter, easy to grep in CI logs.
      runner.on('pass', (t) => write(`[e2e] PASS ${t.fullTitle()} (${t.duration ?? 0} ms)`));
      runner.on('fail', (t, err: Error) => write(`[e2e] FAIL ${t.fullTitle()}: ${err && err.message}`));
      runner.on('pending', (t) => write(`[e2e] SKIP ${t.fullTitle()}`));
      runner.on('end', () => {
        const s = runner.stats;
        if (s) {
          write(`e2e: ${s.passes} passed, ${s.failures} failed` + (s.pending ? `, ${s.pending} skipped` : ''));
        }
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
