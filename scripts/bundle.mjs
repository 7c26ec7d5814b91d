// Bundles each entry point into one self-contained file under dist/ (the .vsix and the npm bins hold no
// node_modules). Usage: node scripts/bundle.mjs [--dev] [--watch]
//   --dev: no minification, inline source maps; --watch: rebuild on every change until stopped.
import { context } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const SHEBANG = '#!/usr/bin/env node';

/**
 * One line per bundle; `bin` bundles start with a shebang and are made executable. The `browser` bundles
 * (package.json `browser`: the web extension and its server in a web worker) write their esbuild metafile
 * to `meta`, which test/web checks for Node modules.
 */
export const ENTRIES = [
  { in: 'client/src/node.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'dist/server.js', bin: true },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', bin: true },
  { in: 'client/src/browser.ts', out: 'dist/browser/client.js', external: ['vscode'], browser: 'cjs', meta: 'out/bundle-meta/browser-client.json' },
  { in: 'server/src/browser.ts', out: 'dist/browser/server.js', browser: 'iife', meta: 'out/bundle-meta/browser-server.json' },
  // The web suite, loaded by the web worker extension host (not packaged).
  { in: 'test/e2e/web/index.ts', out: 'out/test/e2e/web/suite.js', external: ['vscode'], browser: 'cjs' },
];

const dev = process.argv.includes('--dev');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const watch = process.argv.includes('--watch');

/** Marks a bin bundle executable after each build (esbuild writes files without the x bit). */
const executable = (file) => ({
  name: 'executable',
  setup(build) {
    build.onEnd((result) => { if (result.errors.length === 0) chmodSync(file, 0o755); });
  },
});

/** Writes the build's metafile (its inputs and their imports) to `file`. */
const metafile = (file) => ({
  name: 'metafile',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(result.metafile));
    });
  },
});

const contexts = await Promise.all(ENTRIES.map((entry) => context({
  entryPoints: [entry.in],
  outfile: entry.out,
  bundle: true,
  // The web extension host loads the client as CommonJS; a web worker runs the server as a plain script.
  platform: entry.browser ? 'browser' : 'node',
  target: entry.browser ? 'es2022' : 'node18',
  format: entry.browser ?? 'cjs',
  metafile: entry.meta !== undefined,
  external: entry.external ?? [],
  // The bundles carry their version, so that none reads package.json at run time.
  define: { 'process.env.IIS_METABASE_VERSION': JSON.stringify(version) },
  banner: entry.bin ? { js: SHEBANG } : undefined,
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  plugins: [...(entry.bin ? [executable(entry.out)] : []), ...(entry.meta ? [metafile(entry.meta)] : [])],
  logLevel: watch ? 'info' : 'warning',
})));

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}
