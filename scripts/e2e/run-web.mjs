#!/usr/bin/env node
// Runs the web suite (test/e2e/web, bundled to out/test/e2e/web/suite.js) in the web worker extension host
// of the VS Code server's headless workbench (scripts/e2e/run-headless.mjs), on the extension as the .vsix
// ships it: packages the .vsix and unpacks it. With a VS Code server connected the workbench would run the
// extension in its Node extension host; the user setting `remote.extensionKind` = ["web"] for this
// extension sends it to the web worker host, as on vscode.dev and github.dev, which have no other. The
// suite sits in the extension's folder, so the workbench runs it in the extension host that runs the
// extension, and its first test fails unless that host is a web worker.
// Prints the sizes of the .vsix and of the web bundles. Usage: node scripts/e2e/run-web.mjs [run-headless options]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, log, setLogPrefix, tempDir, finish } from './workbench.mjs';

setLogPrefix('e2e-web');
const require = createRequire(import.meta.url);
// vsce's own zip reader: the .vsix is a zip.
const yauzl = createRequire(require.resolve('@vscode/vsce/package.json'))('yauzl');

/** Writes the entries of `zip` under `prefix` to `dir`. */
function unpack(zip, prefix, dir) {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      file.on('error', reject).on('end', resolve).on('entry', (entry) => {
        if (!entry.fileName.startsWith(prefix) || entry.fileName.endsWith('/')) return file.readEntry();
        const target = path.join(dir, entry.fileName.slice(prefix.length));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        file.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          stream.pipe(fs.createWriteStream(target)).on('finish', () => file.readEntry());
        });
      });
      file.readEntry();
    });
  });
}

const kb = (file) => `${(fs.statSync(file).size / 1024).toFixed(1)} KiB`;

async function main() {
  const tmp = tempDir('iis-metabase-e2e-web-');
  const vsix = path.join(tmp.path, 'iis-metabase.vsix');
  const vsce = spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix],
    { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  if (vsce.status !== 0) throw new Error('vsce package failed');
  const extension = path.join(tmp.path, 'extension');
  await unpack(vsix, 'extension/', extension);
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
  if (!manifest.browser) throw new Error('the packaged package.json has no browser entry');
  const settings = path.join(tmp.path, 'settings.json');
  fs.writeFileSync(settings, JSON.stringify({ 'remote.extensionKind': { [`${manifest.publisher}.${manifest.name}`]: ['web'] } }));
  // Inside the extension, so that the tests run in the extension host that runs the extension.
  const suite = path.join(extension, 'e2e-web-suite.js');
  fs.copyFileSync(path.join(REPO, 'out', 'test', 'e2e', 'web', 'suite.js'), suite);
  log(`.vsix ${kb(vsix)}; web bundles: client ${kb(path.join(extension, manifest.browser))}, ` +
    `server ${kb(path.join(extension, 'dist', 'browser', 'server.js'))}`);

  const run = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'e2e', 'run-headless.mjs'),
    '--extension', extension, '--tests', suite, '--settings', settings, ...process.argv.slice(2)], { stdio: 'inherit' });
  return run.status ?? 1;
}

main().then((code) => finish(code), (e) => { log(`ERROR: ${e && e.message || e}`); finish(1); });
