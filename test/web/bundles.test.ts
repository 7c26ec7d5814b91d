// The web extension's bundles (dist/browser/, package.json `browser`): they must load no Node module and
// use no Node global, since vscode.dev and github.dev run them in a browser. The imports are read from
// esbuild's metafiles (out/bundle-meta/, written by scripts/bundle.mjs); the server bundle is then run in a
// context that holds only what a web worker has, and must answer an LSP session.

import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createContext, runInContext } from 'node:vm';

const ROOT = join(__dirname, '..', '..', '..');
const NODE_MODULES = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

interface Metafile {
  inputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

function metafile(name: string): Metafile {
  return JSON.parse(readFileSync(join(ROOT, 'out', 'bundle-meta', `${name}.json`), 'utf8')) as Metafile;
}

/** `input imports path` for every import of a Node built-in, `node:` module or Node-only package entry. */
export function nodeImports(meta: Metafile): string[] {
  const found: string[] = [];
  for (const [input, { imports }] of Object.entries(meta.inputs)) {
    for (const { path } of imports) {
      if (NODE_MODULES.has(path) || path.startsWith('node:') || /(^|\/)lib\/node\//.test(path)) found.push(`${input} imports ${path}`);
    }
  }
  return found;
}

describe('web bundles', () => {
  it('the scan catches Node modules, node: modules and Node entries of packages', () => {
    const meta: Metafile = {
      inputs: {
        'a.ts': { imports: [{ path: 'fs', external: true }, { path: 'node:path' }, { path: 'vscode', external: true }] },
        'b.ts': { imports: [{ path: 'node_modules/vscode-languageserver/lib/node/main.js' }, { path: 'child_process' }] },
      },
      outputs: {},
    };
    assert.deepEqual(nodeImports(meta), [
      'a.ts imports fs', 'a.ts imports node:path',
      'b.ts imports node_modules/vscode-languageserver/lib/node/main.js', 'b.ts imports child_process',
    ]);
  });

  for (const [name, external] of [['browser-client', ['vscode']], ['browser-server', []]] as const) {
    it(`${name}: no Node module among its inputs' imports`, () => {
      const meta = metafile(name);
      assert.ok(Object.keys(meta.inputs).length > 20, 'the metafile lists the bundle inputs');
      assert.deepEqual(nodeImports(meta), []);
    });

    it(`${name}: loads nothing at run time but ${external.join(', ') || 'nothing'}`, () => {
      const meta = metafile(name);
      const loaded = new Set(Object.values(meta.outputs).flatMap((o) => o.imports.map((i) => i.path)));
      assert.deepEqual([...loaded], external);
    });
  }

  it('the server bundle answers an LSP session in a context with only web worker globals', async () => {
    const code = readFileSync(join(ROOT, 'dist', 'browser', 'server.js'), 'utf8');
    const received: { id?: number; method?: string; params?: unknown; result?: unknown }[] = [];
    let arrived: () => void = () => undefined;
    // A dedicated worker's global scope: messages, timers, console, and nothing of Node's.
    const self = {
      onmessage: undefined as ((event: { data: unknown }) => void) | undefined,
      postMessage: (data: unknown) => { received.push(structuredClone(data) as (typeof received)[number]); arrived(); },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, console, TextEncoder, TextDecoder,
    };
    const context = createContext(self);
    runInContext('self = globalThis;', context);
    for (const global of ['process', 'require', 'Buffer', 'setImmediate', 'module', 'global']) {
      assert.equal(runInContext(`typeof ${global}`, context), 'undefined', `${global} must not exist in the worker context`);
    }
    runInContext(code, context, { filename: 'dist/browser/server.js' });
    const send = (message: object) => context.onmessage?.({ data: { jsonrpc: '2.0', ...message } });
    const waitFor = async <T>(find: () => T | undefined): Promise<T> => {
      for (let i = 0; i < 200; i++) {
        const found = find();
        if (found !== undefined) return found;
        await new Promise<void>((resolve) => { arrived = resolve; setTimeout(resolve, 20); });
      }
      throw new Error(`no such message; received: ${JSON.stringify(received).slice(0, 2000)}`);
    };

    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const init = await waitFor(() => received.find((m) => m.id === 1));
    assert.deepEqual((init.result as { serverInfo: unknown }).serverInfo,
      { name: 'iis-metabase-language-server', version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version });
    send({ method: 'initialized', params: {} });
    const text = '<?xml version="1.0"?>\n<configuration><MBProperty><IIsWebService Location="/LM/W3SVC"\n\tScriptMaps=".asp,C:\\x.dll,5x,GET"\n/></MBProperty></configuration>\n';
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'vscode-vfs://github/o/r/MetaBase.xml', languageId: 'iis-metabase', version: 1, text } } });
    const published = await waitFor(() => received.find((m) => m.method === 'textDocument/publishDiagnostics'));
    const diagnostics = (published.params as { diagnostics: { code: string; range: unknown }[] }).diagnostics;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [
      ['flags-not-a-number', { start: { line: 2, character: 27 }, end: { line: 2, character: 29 } }],
    ]);
  });
});
