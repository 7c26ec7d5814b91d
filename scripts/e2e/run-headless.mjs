#!/usr/bin/env node
// Runs the extension's Mocha suite (an `extensionTestsPath` run() module) inside a real VS Code:
// the VS Code server shipped in the code-server npm package (installed by scripts/e2e/setup.sh),
// opened in headless Debian Chromium driven by playwright-core. Exits with the suite's exit code.
//
// Usage: node scripts/e2e/run-headless.mjs [options]
//   --extension <dir>     extension development path      (env E2E_EXTENSION_PATH, default: repo root)
//   --tests <file>        compiled tests run() module      (env E2E_TESTS_PATH, default: out/test/e2e/index.js)
//   --workspace <dir>     folder to open; copied to a temp dir first
//                         (env E2E_WORKSPACE_SOURCE, default: test/e2e/workspace; missing => empty folder)
//   --timeout <seconds>   overall timeout                  (env E2E_TIMEOUT, default: 600)
//   --screenshot <file>   always save a screenshot of the final workbench here (env E2E_SCREENSHOT)
//   --settings <file>     JSON object of extra user settings for the test window (env E2E_SETTINGS)
//   --keep                keep the temp dir (workspace copy, logs) even on success (env E2E_KEEP=1)
//   --verbose             also print the server's output and all workbench log lines (env E2E_VERBOSE=1)
// Tools (defaults are where setup.sh puts them): env E2E_NODE (Node 24 binary), E2E_CODE_SERVER
// (the code-server package dir), E2E_CHROMIUM (default /usr/bin/chromium), E2E_CACHE_DIR.
//
// The extension host inherits this environment plus E2E_WORKSPACE=<the temp copy> and E2E_HEADLESS=1.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REPO, BASE_SETTINGS, startTime, log, elapsed, sleep, locateTools, startServer, launchBrowser, workbenchUrl,
  saveScreenshot, tempDir, guardExit, finish, isExiting,
} from './workbench.mjs';

// Prefix that test/e2e/index.ts puts on every console line of the extension host (see there).
const LOG_MARKER = '\u2063e2e\u2063';

// ------------------------------------------------------------------ options
function parseArgs(argv) {
  const o = {
    extension: process.env.E2E_EXTENSION_PATH || REPO,
    tests: process.env.E2E_TESTS_PATH || path.join(REPO, 'out', 'test', 'e2e', 'index.js'),
    workspace: process.env.E2E_WORKSPACE_SOURCE || path.join(REPO, 'test', 'e2e', 'workspace'),
    timeout: Number(process.env.E2E_TIMEOUT || 600),
    screenshot: process.env.E2E_SCREENSHOT || '',
    settings: process.env.E2E_SETTINGS || '',
    keep: process.env.E2E_KEEP === '1',
    verbose: process.env.E2E_VERBOSE === '1',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`missing value for ${a}`);
      return v;
    };
    switch (a) {
      case '--extension': o.extension = val(); break;
      case '--tests': o.tests = val(); break;
      case '--workspace': o.workspace = val(); break;
      case '--timeout': o.timeout = Number(val()); break;
      case '--screenshot': o.screenshot = val(); break;
      case '--settings': o.settings = val(); break;
      case '--keep': o.keep = true; break;
      case '--verbose': o.verbose = true; break;
      case '-h': case '--help':
        process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n')
          .slice(1, 20).filter(l => l.startsWith('//')).map(l => l.slice(3)).join('\n') + '\n');
        process.exit(0);
      default: throw new Error(`unknown argument: ${a} (see --help)`);
    }
  }
  o.extension = path.resolve(o.extension);
  o.tests = path.resolve(o.tests);
  o.workspace = path.resolve(o.workspace);
  if (o.screenshot) o.screenshot = path.resolve(o.screenshot);
  if (o.settings) o.settings = path.resolve(o.settings);
  if (!(o.timeout > 0)) throw new Error('--timeout must be a positive number of seconds');
  return o;
}

// ------------------------------------------------------------------ main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tools = locateTools();

  if (!fs.existsSync(path.join(opts.extension, 'package.json'))) {
    throw new Error(`no package.json in extension path ${opts.extension}`);
  }
  if (!fs.existsSync(opts.tests)) {
    throw new Error(`tests module ${opts.tests} not found -- compile first (npm run build)`);
  }

  const tmp = tempDir('iis-metabase-e2e-');
  const workspace = path.join(tmp.path, 'workspace');
  if (fs.existsSync(opts.workspace)) {
    fs.cpSync(opts.workspace, workspace, { recursive: true });
  } else {
    log(`workspace ${opts.workspace} does not exist; opening an empty folder`);
    fs.mkdirSync(workspace);
  }
  const userData = path.join(tmp.path, 'user-data');
  const logsDir = path.join(tmp.path, 'logs');
  fs.mkdirSync(logsDir);
  // Settings for the test window (the user and the machine settings).
  const settings = { ...BASE_SETTINGS, ...(opts.settings ? JSON.parse(fs.readFileSync(opts.settings, 'utf8')) : {}) };

  log(`extension  ${opts.extension}`);
  log(`tests      ${opts.tests}`);
  log(`workspace  ${workspace} (copy of ${opts.workspace})`);

  // ---- server, browser
  const server = await startServer({
    tools, userDataDir: userData, extensionsDir: path.join(tmp.path, 'extensions'), settings, cwd: workspace,
    env: { E2E_WORKSPACE: workspace, E2E_HEADLESS: '1', E2E_LOG_MARKER: LOG_MARKER },
    logFile: path.join(logsDir, 'server.log'), verbose: opts.verbose,
  });
  const browser = await launchBrowser({ tools });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

  let resolveExit;
  const exitPromise = new Promise(r => { resolveExit = r; });
  let exitLogs = [];
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    exitLogs = Array.isArray(logs) ? logs : [];
    resolveExit(typeof code === 'number' ? code : 1);
  });
  const workbenchLog = fs.createWriteStream(path.join(logsDir, 'workbench.log'));
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = String(message);
    if (text.startsWith(LOG_MARKER)) {
      // Console output of the extension host (the suite, the extension), tagged by test/e2e/index.ts.
      const out = text.slice(LOG_MARKER.length).replace(/\n$/, '');
      workbenchLog.write(`[exthost] ${out}\n`);
      process.stdout.write(`${out}\n`);
    } else {
      workbenchLog.write(`[${level}] ${text}\n`);
      if (opts.verbose) process.stdout.write(`[workbench:${level}] ${text}\n`);
    }
  });
  const consoleLog = fs.createWriteStream(path.join(logsDir, 'browser-console.log'));
  page.on('console', msg => consoleLog.write(`[${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', err => consoleLog.write(`[pageerror] ${err && err.stack || err}\n`));

  const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: opts.extension,
    extensionTestsPath: opts.tests });
  if (opts.verbose) log(`open ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  log(`workbench loading, suite starting (${elapsed()})`);

  const timeoutMs = opts.timeout * 1000 - (Date.now() - startTime);
  const result = await Promise.race([
    exitPromise,
    sleep(Math.max(timeoutMs, 1000)).then(() => 'timeout'),
    server.exited.then(() => 'server-exit'),
  ]);

  if (isExiting()) return new Promise(() => {}); // interrupted: finish() is cleaning up and exiting
  let code;
  if (result === 'timeout') {
    log(`TIMEOUT: the suite did not finish within ${opts.timeout}s`);
    code = 124;
  } else if (result === 'server-exit') {
    log(`VS Code server exited unexpectedly (${JSON.stringify(server.exitInfo())})`);
    code = 1;
  } else {
    code = result;
  }

  if (opts.screenshot) await saveScreenshot(page, opts.screenshot, 'screenshot');
  if (code !== 0) {
    tmp.keep = true;
    await saveScreenshot(page, path.join(tmp.path, 'failure.png'), 'failure screenshot');
    for (const l of exitLogs) {
      if (!l || typeof l.relativePath !== 'string') continue;
      const dest = path.join(logsDir, 'vscode', l.relativePath.replace(/\.\.(\/|\\)/g, ''));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, String(l.contents ?? ''));
    }
    log(`logs kept in ${logsDir}: workbench.log (workbench + extension host console), server.log, ` +
      `browser-console.log, vscode/ (window logs); server-side logs in ${path.join(userData, 'logs')}`);
  } else if (opts.keep) {
    tmp.keep = true;
  }
  if (isExiting()) return new Promise(() => {});
  workbenchLog.end(); consoleLog.end();
  return code;
}

let watchdogSeconds = 600;
try { watchdogSeconds = parseArgs(process.argv.slice(2)).timeout; } catch { /* main() reports it */ }
// Hard stop in case something hangs before/after the suite (server start, page load, cleanup).
guardExit({ timeoutMs: watchdogSeconds * 1000 + 30_000, timeoutMessage: `TIMEOUT: overall limit of ${watchdogSeconds}s reached` });

main().then(code => finish(code), e => { log(`ERROR: ${e && e.message || e}`); finish(1); });
