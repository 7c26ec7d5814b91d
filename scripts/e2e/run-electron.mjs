#!/usr/bin/env node
// Runs the extension's Mocha suite in desktop VS Code through @vscode/test-electron.
// This machine cannot download VS Code: use scripts/e2e/run-headless.mjs here. On a desktop or a CI
// service with internet (or a local VS Code), this is the standard path.
//
// Usage: node scripts/e2e/run-electron.mjs [--extension <dir>] [--tests <file>] [--workspace <dir>]
//   defaults / env as in run-headless.mjs: E2E_EXTENSION_PATH (repo root),
//   E2E_TESTS_PATH (out/test/e2e/index.js), E2E_WORKSPACE_SOURCE (test/e2e/workspace, copied to a temp dir)
//   VSCODE_EXECUTABLE_PATH  use this VS Code binary instead of downloading one
//   VSCODE_VERSION          version to download when no executable is given (default: stable)
// On Linux without a display, run it under xvfb-run.
// The extension host gets E2E_WORKSPACE=<the temp copy>.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const o = {
    extension: process.env.E2E_EXTENSION_PATH || REPO,
    tests: process.env.E2E_TESTS_PATH || path.join(REPO, 'out', 'test', 'e2e', 'index.js'),
    workspace: process.env.E2E_WORKSPACE_SOURCE || path.join(REPO, 'test', 'e2e', 'workspace'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (['--extension', '--tests', '--workspace'].includes(a) && v !== undefined) {
      o[a.slice(2)] = v;
      i++;
    } else {
      throw new Error(`unknown or incomplete argument: ${a}`);
    }
  }
  for (const k of Object.keys(o)) o[k] = path.resolve(o[k]);
  return o;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.tests)) {
    throw new Error(`tests module ${opts.tests} not found -- compile first (npm run build)`);
  }
  const { runTests } = require('@vscode/test-electron');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iis-metabase-e2e-electron-'));
  const workspace = path.join(tmp, 'workspace');
  if (fs.existsSync(opts.workspace)) {
    fs.cpSync(opts.workspace, workspace, { recursive: true });
  } else {
    console.log(`[e2e] workspace ${opts.workspace} does not exist; opening an empty folder`);
    fs.mkdirSync(workspace);
  }
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'git.enabled': false,
    'update.mode': 'none',
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
  }, null, 2));

  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || undefined;
  console.log(`[e2e] extension  ${opts.extension}`);
  console.log(`[e2e] tests      ${opts.tests}`);
  console.log(`[e2e] workspace  ${workspace} (copy of ${opts.workspace})`);
  console.log(`[e2e] VS Code    ${vscodeExecutablePath ?? `download ${process.env.VSCODE_VERSION || 'stable'}`}`);

  let code = 1;
  try {
    code = await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: process.env.VSCODE_VERSION || 'stable' }),
      extensionDevelopmentPath: opts.extension,
      extensionTestsPath: opts.tests,
      extensionTestsEnv: { E2E_WORKSPACE: workspace },
      launchArgs: [
        workspace,
        '--disable-extensions', // other (installed) extensions; the one under development still loads
        '--disable-gpu',
        // test-electron itself adds --no-sandbox --disable-workspace-trust --skip-welcome ...
        '--user-data-dir', userData,
        '--extensions-dir', path.join(tmp, 'extensions'),
      ],
    });
  } catch (err) {
    console.error(`[e2e] ERROR: ${err && err.message || err}`);
    code = err && typeof err.code === 'number' && err.code !== 0 ? err.code : 1;
  }
  if (code === 0) {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } else {
    console.log(`[e2e] temp dir kept for inspection: ${tmp}`);
  }
  console.log(`[e2e] exit ${code}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(`[e2e] ERROR: ${err && err.message || err}`); process.exit(1); },
);
