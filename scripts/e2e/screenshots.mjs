#!/usr/bin/env node
// Takes the README screenshots from a real VS Code: the VS Code server shipped in the code-server package
// (installed by scripts/e2e/setup.sh) with this extension under development, opened in headless Chromium
// (playwright-core), the same way scripts/e2e/run-headless.mjs runs the e2e suite.
//
// Usage: npm run screenshots   (= npm run build && bash scripts/e2e/setup.sh && node scripts/e2e/screenshots.mjs)
//   node scripts/e2e/screenshots.mjs [--out <dir>] [--only diagnostics,quickfix,hover,outline,completion,...]
//   [--keep]
// Writes <out>/<shot>.png for each shot of SHOTS (default out: docs/images), each of examples/MetaBase.xml
// in a 1280x800 workbench (outline and completion cropped); the completion shots type into the example and
// revert it (never saved). Tools as in run-headless.mjs: env E2E_NODE, E2E_CODE_SERVER, E2E_CHROMIUM,
// E2E_CACHE_DIR. Every step waits for what it needs, with a deadline: first for the problem counts that
// the CLI reports for the example.

import { spawnSync } from 'node:child_process';
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
  const o = { out: path.join(REPO, 'docs', 'images'), only: Object.keys(SHOTS), keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a === '--only') o.only = argv[++i].split(',');
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  const unknown = o.only.filter((name) => !(name in SHOTS));
  if (unknown.length) throw new Error(`unknown shot: ${unknown.join(', ')} (shots: ${Object.keys(SHOTS).join(', ')})`);
  return o;
}

/** What the CLI reports for the example: the workbench must show the same counts before any shot. */
function exampleCounts() {
  // Exit code 1 means errors found, which the example has on purpose; 2 is a failure.
  const cli = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), '--format', 'json', EXAMPLE],
    { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (cli.status !== 0 && cli.status !== 1) throw new Error(`metabase-lint failed (${cli.status}): ${cli.stderr}`);
  const counts = { error: 0, warning: 0, information: 0 };
  for (const d of JSON.parse(cli.stdout)) counts[d.severity]++;
  return { ...counts, total: counts.error + counts.warning + counts.information };
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
  // The completion shots edit the example and take it back with File: Revert File: never saved.
  'files.autoSave': 'off',
  // The Outline shows the whole tree; completion opens only when a shot asks (Ctrl+Space), not while typing.
  'outline.collapseItems': 'alwaysExpand',
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.suggest.preview': false,
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
  // The language server is up and has answered once the status bar counts the errors and warnings that
  // the CLI finds in the example.
  const counts = exampleCounts();
  await waitForProblems(page, counts);
  log(`diagnostics shown: ${counts.error} errors, ${counts.warning} warnings (${elapsed()})`);

  fs.mkdirSync(opts.out, { recursive: true });
  // In this order: the completion shots edit the document.
  for (const [name, shot] of Object.entries(SHOTS)) if (opts.only.includes(name)) await shot(page, opts.out, counts);
}

/** The status bar counts `counts.error` errors and `counts.warning` warnings. */
async function waitForProblems(page, counts) {
  await page.locator('[id="status.problems"]', { hasText: new RegExp(`\\b${counts.error}\\D+${counts.warning}\\b`) })
    .first().waitFor();
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

/** `clip`: the part of the window to keep (the whole window without). */
async function save(page, out, name, { keepMouse = false, clip } = {}) {
  if (!keepMouse) await page.mouse.move(...NEUTRAL); // no stray hover unless the shot wants one
  await settle(page);
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file, clip });
  log(`${path.relative(REPO, file)}: ${(fs.statSync(file).size / 1024).toFixed(0)} KB (${elapsed()})`);
}

async function shotDiagnostics(page, out, counts) {
  await page.keyboard.press('Control+Shift+M'); // Problems panel
  const markers = page.locator('.markers-panel .monaco-list-row');
  await markers.first().waitFor();
  // Every problem listed (the panel may virtualise rows: wait on its badge instead).
  await page.locator('.part.panel .badge .badge-content', { hasText: new RegExp(`^${counts.total}$`) }).first().waitFor();
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

async function shotOutline(page, out) {
  // The Outline in the side bar, the Folders section collapsed so that the tree has the room.
  await runCommand(page, 'Explorer: Focus on Outline View');
  const folders = page.locator('.pane-header', { hasText: 'inetsrv' }).first();
  if (await folders.getAttribute('aria-expanded') === 'true') await folders.click();
  await widenSideBar(page, 80); // room for the key types beside the names
  // The cursor in the exchange virtual directory: the Outline and the breadcrumbs follow it.
  await page.locator('.monaco-editor .view-lines').first().click();
  await centre(page, 52);
  await goTo(page, 52, 30);
  const outline = page.locator('.outline-pane .monaco-list-row');
  await outline.filter({ hasText: 'Default Web Site (1)' }).first().waitFor();
  await outline.filter({ hasText: 'legacy' }).first().waitFor();
  await outline.filter({ hasText: 'DefaultAppPool' }).first().waitFor();
  await page.locator('.breadcrumbs-control .monaco-breadcrumb-item', { hasText: 'exchange' }).first().waitFor();
  await save(page, out, 'outline', { clip: { x: 0, y: 0, width: VIEWPORT.width, height: 450 } });
}

async function widenSideBar(page, by) {
  const bar = await page.locator('.part.sidebar').boundingBox();
  const y = bar.y + bar.height / 2;
  await page.mouse.move(bar.x + bar.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width + 1 + by, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((w) => document.querySelector('.part.sidebar').getBoundingClientRect().width >= w,
    bar.width + by - 2);
}

/** A new virtual directory being typed after the exchange one, its start tag not closed yet: Ctrl+Space. */
async function shotCompletion(page, out, counts) {
  await hideSideBar(page); // room for the details beside the list
  await page.locator('.monaco-editor .view-lines').first().click();
  await centre(page, 58);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  // Typed as a person would: the editor closes the quote and indents the next line.
  await page.keyboard.type('<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/shop"');
  await page.keyboard.press('Enter');
  await page.keyboard.type('\tAcc');
  await page.locator('.statusbar-item', { hasText: 'Ln 60,' }).first().waitFor();
  await openSuggestions(page, 'AccessFlags');
  await save(page, out, 'completion', { keepMouse: true, clip: await aroundSuggestions(page) });
  await revert(page, counts);
}

/** The verbs field of the .cgi item of the exchange ScriptMaps: the usual verbs of the extension. */
async function shotCompletionScriptMaps(page, out, counts) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await centre(page, 56);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft'); // between the flags 1 and the closing quote
  await page.keyboard.type(',');
  await openSuggestions(page, 'GET');
  await save(page, out, 'completion-scriptmaps', { keepMouse: true, clip: await aroundSuggestions(page) });
  await revert(page, counts);
}

/** Closes the suggestions and takes the example back as it is on disk (with its problems), for the next shot. */
async function revert(page, counts) {
  await page.keyboard.press('Escape');
  await page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'hidden' });
  await runCommand(page, 'File: Revert File');
  await page.locator('.tabs-container .tab.dirty').waitFor({ state: 'hidden' });
  await waitForProblems(page, counts);
}

/** Ctrl+Space, and the details of the focused item beside the list (Ctrl+Space again toggles them). */
async function openSuggestions(page, label) {
  await page.mouse.move(...NEUTRAL);
  await page.keyboard.press('Control+Space');
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  await widget.locator('.monaco-list-row', { hasText: label }).first().waitFor();
  const details = page.locator('.suggest-details-container .suggest-details');
  if (!await details.isVisible().catch(() => false)) await page.keyboard.press('Control+Space');
  await details.waitFor({ state: 'visible' });
  // The details are laid out for the item before the server resolved its documentation: show them again
  // (next item and back), now at the size of the whole text.
  await page.waitForFunction(() => document.querySelector('.suggest-details-container .suggest-details .header')?.textContent,
    undefined, { polling: 50 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => {
    const body = document.querySelector('.suggest-details-container .suggest-details .body');
    return body && body.scrollHeight <= body.clientHeight + 1;
  }, undefined, { polling: 50 });
}

/** The window's width, from the tab bar down to a little below the suggestions and their details. */
async function aroundSuggestions(page) {
  const boxes = await Promise.all(['.editor-widget.suggest-widget.visible', '.suggest-details-container']
    .map((sel) => page.locator(sel).first().boundingBox()));
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + 40;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 40;
  return { x: 0, y: 0, width: Math.min(VIEWPORT.width, Math.ceil(right)), height: Math.min(VIEWPORT.height, Math.ceil(bottom)) };
}

async function hideSideBar(page) {
  const bar = page.locator('.part.sidebar');
  if (await bar.isVisible()) {
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await bar.waitFor({ state: 'hidden' });
  }
}

/** Every shot, in the order taken. */
const SHOTS = {
  diagnostics: shotDiagnostics,
  quickfix: shotQuickFix,
  hover: shotHover,
  outline: shotOutline,
  completion: shotCompletion,
  'completion-scriptmaps': shotCompletionScriptMaps,
};

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
