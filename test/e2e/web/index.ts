// Mocha entry point of the web suite (`extensionTestsPath` = out/test/e2e/web/suite.js, bundled by
// scripts/bundle.mjs): the web worker extension host loads this CommonJS bundle, whose only import is
// `vscode`, and calls run(). Run by scripts/e2e/run-web.mjs in the headless workbench of the VS Code server.
// Console lines carry the runner's marker (scripts/e2e/run-headless.mjs prints them): a web worker has
// no environment to pass the marker in.

const MARKER = '\u2063e2e\u2063';

export function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('mocha/mocha'); // the browser build: defines globalThis.mocha
  const log = (line: string) => console.log(MARKER + line);
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 10_000 });
  // printf-style, as the reporters call it (no util.format in a worker).
  Mocha.reporters.Base.consoleLog = (format: unknown = '', ...args: unknown[]) =>
    log(String(format).replace(/%[sdj]/g, () => String(args.shift())) + args.map((a) => ` ${String(a)}`).join(''));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./web.test');
  return new Promise<void>((resolve, reject) => {
    // Mocha's core run(): the browser build's own mocha.run reads the page's location, which a worker here lacks.
    const runner = Mocha.prototype.run.call(mocha, (failures: number) => (failures > 0 ? reject(new Error(`${failures} web e2e test(s) failed`)) : resolve()));
    runner.on('pass', (t) => log(`[e2e-web] PASS ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('fail', (t, err: Error) => log(`[e2e-web] FAIL ${t.fullTitle()}: ${err && err.message}`));
    runner.on('end', () => log(`e2e-web: ${runner.stats?.passes} passed, ${runner.stats?.failures} failed`));
  });
}
