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

import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, BASE_SETTINGS, setLogPrefix, log, elapsed, locateTools, startServer, launchBrowser, workbenchUrl,
  saveScreenshot, tempDir, guardExit, finish, isExiting,
} from './workbench.mjs';

const EXAMPLE = path.join(REPO, 'examples', 'MetaBase.xml');
const VIEWPORT = { width: 1280, height: 800 };
const STEP_MS = 30_000;
/** A spot in the empty Explorer where the mouse shows no hover. */
const NEUTRAL = [200, 600];
setLogPrefix('screenshots');

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

// The same picture every run: these settings on top of BASE_SETTINGS.
const SETTINGS = {
  ...BASE_SETTINGS,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.tips.enabled': false,
  'workbench.editor.enablePreview': false,
  'workbench.layoutControl.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.cursorBlinking': 'solid',
  'workbench.reduceMotion': 'on',
  'editor.fontSize': 13,
  'editor.renderWhitespace': 'none',
  'editor.hover.delay': 200,
  // Async decorations that may or may not be there yet when a shot is taken: off.
  'editor.lightbulb.enabled': 'off',
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'update.showReleaseNotes': false,
};

// ---------------------------------------------------------------- main
let tmp = null;
let browser = null;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tools = locateTools();
  if (!fs.existsSync(path.join(REPO, 'dist', 'client.js'))) throw new Error('dist/client.js missing -- npm run build first');

  tmp = tempDir('iis-metabase-shots-');
  tmp.keep = opts.keep;
  // The folder shown in the Explorer: name it like a real server's metabase folder.
  const workspace = path.join(tmp.path, 'inetsrv');
  fs.mkdirSync(workspace);
  fs.copyFileSync(EXAMPLE, path.join(workspace, 'MetaBase.xml'));
  const server = await startServer({
    tools, userDataDir: path.join(tmp.path, 'user-data'), extensionsDir: path.join(tmp.path, 'extensions'),
    settings: SETTINGS, cwd: workspace, logFile: path.join(tmp.path, 'server.log'),
  });

  browser = await launchBrowser({ tools, args: ['--font-render-hinting=none'] });
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'dark' });
  page.setDefaultTimeout(STEP_MS);
  await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: REPO }),
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

async function save(page, out, name, { keepMouse = false } = {}) {
  if (!keepMouse) await page.mouse.move(...NEUTRAL); // no stray hover unless the shot wants one
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
  await save(page, out, 'quickfix', { keepMouse: true });
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
  await save(page, out, 'hover', { keepMouse: true });
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

guardExit({ timeoutMs: 300_000, timeoutMessage: 'TIMEOUT after 300s' });

main().then(() => finish(0), async (e) => {
  if (isExiting()) return; // interrupted: finish() is cleaning up (and closed the page under main())
  log(`ERROR: ${e && e.stack || e}`);
  if (browser) {
    const [page] = browser.contexts().flatMap((c) => c.pages());
    if (page) await saveScreenshot(page, path.join(tmp.path, 'failure.png'), 'failure screenshot');
    tmp.keep = true;
  }
  finish(1);
});
