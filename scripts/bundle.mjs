// Bundles each entry point into one self-contained file under dist/ (the .vsix and the npm bins hold no
// node_modules). Usage: node scripts/bundle.mjs [--dev] [--watch]
//   --dev: no minification, inline source maps; --watch: rebuild on every change until stopped.
import { context } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const SHEBANG = '#!/usr/bin/env node';

/** One line per bundle; `bin` bundles start with a shebang and are made executable. */
export const ENTRIES = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'dist/server.js', bin: true },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', bin: true },
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

const contexts = await Promise.all(ENTRIES.map((entry) => context({
  entryPoints: [entry.in],
  outfile: entry.out,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  external: entry.external ?? [],
  // The bundles carry their version, so that none reads package.json at run time.
  define: { 'process.env.IIS_METABASE_VERSION': JSON.stringify(version) },
  banner: entry.bin ? { js: SHEBANG } : undefined,
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  plugins: entry.bin ? [executable(entry.out)] : [],
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
