// Request timings and publish size against the real server (npm run bench:requests):
// - on the ~45 MB benchmark file: the lightbulb's code action request (no `only`, a client that resolves
//   edits) and a hover, each at 20 diagnostics, median and max; then navigation: the outline (document
//   symbols), folding ranges, workspace symbols, a definition, references and a rename of a site;
// - on a ~9.7 MB document with about a million findings: the bytes of its publishDiagnostics, the time
//   from didOpen to it, and the server's peak RSS;
// - on one list of 40,000 items: the lightbulb and a hover near its end;
// - completion on the ~45 MB file: property names in start tags, processors in ScriptMaps (which reads the
//   whole file for the extension), AppPoolId pools and Location steps (which read the key index), and right
//   after a keystroke in a start tag (the request waits for the model of the new version); median, p95, max.
// Options: --no-requests, --no-list, --no-publish, --no-completion.
// BENCH_SERVER points at another build (e.g. of main, for before/after).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  Diagnostic, PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter, createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { ensureFile } from './generate';
import { CAPABILITIES, SERVER } from './server';

async function withServer<T>(run: (server: Awaited<ReturnType<typeof start>>) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await run(server);
  } finally {
    server.process.kill();
    server.connection.dispose();
  }
}

async function start() {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let published: ((p: PublishDiagnosticsParams, bytes: number) => void) | undefined;
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published?.(p, JSON.stringify(p).length));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: CAPABILITIES, workspaceFolders: null });
  await connection.sendNotification('initialized', {});
  const open = (uri: string, text: string) => new Promise<{ diagnostics: Diagnostic[]; bytes: number; ms: number }>((resolve) => {
    const t0 = performance.now();
    published = (p, bytes) => { if (p.uri === uri) resolve({ diagnostics: p.diagnostics, bytes, ms: performance.now() - t0 }); };
    void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'iis-metabase', version: 1, text } });
  });
  const peakRssMb = () => Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
  return { process: child, connection, open, peakRssMb };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[s.length >> 1].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[s.length >> 1].toFixed(1)} ms, p95 ${s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

async function timed(request: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await request();
  return performance.now() - t;
}

async function requests(): Promise<void> {
  const path = ensureFile('45MB', 45 * (1 << 20));
  const text = readFileSync(path, 'utf8');
  const uri = `file://${path}`;
  await withServer(async (server) => {
    const { diagnostics, ms } = await server.open(uri, text);
    console.log(`45 MB file: ${diagnostics.length} diagnostics, didOpen -> publish ${ms.toFixed(0)} ms`);
    const at = diagnostics.filter((_, i) => i % Math.max(1, Math.floor(diagnostics.length / 20)) === 0).slice(0, 20);
    const lightbulb: number[] = [];
    const hover: number[] = [];
    for (const d of at) {
      lightbulb.push(await timed(() => server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })));
      hover.push(await timed(() => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start })));
    }
    console.log(`45 MB file, lightbulb code action (no only) at ${at.length} diagnostics: ${stats(lightbulb)}`);
    console.log(`45 MB file, hover at ${at.length} diagnostics: ${stats(hover)}`);
    await navigation(server.connection, uri, text);
  });
}

/** Navigation requests on the 45 MB file, five times each (the model is built already). */
async function navigation(connection: Awaited<ReturnType<typeof start>>['connection'], uri: string, text: string): Promise<void> {
  const textDocument = { uri };
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));
  // The generated file names pools (AppPoolId="AppPool1") but has no pool keys: references of a pool are
  // asked on an AppPoolId, and the rename renames a site (its keys' Locations and AppRoots).
  const appPoolId = lineOf('AppPoolId="AppPool');
  const site = lineOf('<IIsWebServer\t');
  let symbols = 0;
  const requests: Array<[string, () => Promise<unknown>]> = [
    ['document symbols (outline)', async () => {
      interface Symbol { children?: Symbol[] }
      const result = await connection.sendRequest<Symbol[]>('textDocument/documentSymbol', { textDocument });
      const count = (xs: Symbol[]): number => xs.reduce((n, x) => n + 1 + count(x.children ?? []), 0);
      symbols = count(result);
    }],
    ['folding ranges', () => connection.sendRequest('textDocument/foldingRange', { textDocument })],
    ["workspace symbols 'site 1'", () => connection.sendRequest('workspace/symbol', { query: 'site 1' })],
    ['definition of an AppPoolId', () => connection.sendRequest('textDocument/definition', { textDocument, position: { line: appPoolId, character: 14 } })],
    ['references of a pool', () => connection.sendRequest('textDocument/references', { textDocument, position: { line: appPoolId, character: 14 }, context: { includeDeclaration: true } })],
    ['rename of a site', () => connection.sendRequest('textDocument/rename', { textDocument, position: { line: site, character: 26 }, newName: '99999' })],
  ];
  for (const [name, request] of requests) {
    const times: number[] = [];
    for (let k = 0; k < 5; k++) times.push(await timed(request));
    console.log(`45 MB file, ${name}: ${stats(times)}${name.startsWith('document symbols') ? ` (${symbols} symbols)` : ''}`);
  }
}

/** One ScriptMaps list of 40,000 items, each with a lower-case verb: hover and lightbulb near its end. */
async function bigList(): Promise<void> {
  const items = Array.from({ length: 40_000 }, (_, i) => `.e${i},C:\\x.dll,5,get`);
  const text = `<?xml version="1.0"?>\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\n<MBProperty>\n` +
    `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT"\n\tScriptMaps="${items.join('\n')}"\n>\n</IIsWebVirtualDir>\n</MBProperty>\n</configuration>\n`;
  const uri = 'file:///bench/list/MetaBase.xml';
  await withServer(async (server) => {
    await server.open(uri, text);
    const lightbulb: number[] = [];
    const hover: number[] = [];
    for (let k = 0; k < 10; k++) {
      const position = { line: 4 + 39_990 + k, character: 20 }; // on the verb `get`
      const range = { start: position, end: position };
      lightbulb.push(await timed(() => server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })));
      hover.push(await timed(() => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position })));
    }
    console.log(`40,000-item list, lightbulb code action (no only) near its end: ${stats(lightbulb)}`);
    console.log(`40,000-item list, hover near its end: ${stats(hover)}`);
  });
}

/** About 9.7 MB of items with two findings each (a lower-case verb, a duplicate extension): about a million. */
function millionFindings(): string {
  const items: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < 9.7e6; i++) {
    const item = `.e${i % 1000},C:\\x.dll,5,get`;
    items.push(item);
    bytes += item.length + 1;
  }
  return `<?xml version="1.0"?>\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\n<MBProperty>\n` +
    `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT"\n\tScriptMaps="${items.join('\n')}"\n>\n</IIsWebVirtualDir>\n</MBProperty>\n</configuration>\n`;
}

async function publishSize(): Promise<void> {
  const text = millionFindings();
  await withServer(async (server) => {
    const { diagnostics, bytes, ms } = await server.open('file:///bench/million/MetaBase.xml', text);
    console.log(`${(text.length / 1e6).toFixed(1)} MB document: publish of ${diagnostics.length} diagnostics, ` +
      `${(bytes / 1e6).toFixed(2)} MB, didOpen -> publish ${ms.toFixed(0)} ms, peak RSS ${server.peakRssMb().toFixed(0)} MB`);
  });
}

/** `count` offsets spread over the text where `pattern` matches, each moved by `delta`. */
function spots(text: string, pattern: RegExp, count: number, delta: (m: RegExpExecArray) => number): number[] {
  const found: number[] = [];
  const step = Math.floor(text.length / count);
  for (let k = 0; k < count; k++) {
    pattern.lastIndex = k * step;
    const m = pattern.exec(text);
    if (m) found.push(m.index + delta(m));
  }
  return found;
}

async function completionLatency(): Promise<void> {
  const path = ensureFile('45MB', 45 * (1 << 20));
  const text = readFileSync(path, 'utf8');
  const uri = `file://${path}`;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return { line: lo, character: offset - lineStarts[lo] };
  };
  const kinds: Array<[string, number[]]> = [
    // The third character of the first property name after a key's Location.
    ['property names in a start tag', spots(text, /\n<IIs\w+\tLocation ="[^"]*"\r?\n\t\t/g, 40, (m) => m[0].length + 3)],
    ['processors in ScriptMaps', spots(text, /ScriptMaps="\.\w+,/g, 40, (m) => m[0].length)],
    ['AppPoolId pools', spots(text, /AppPoolId="/g, 40, (m) => m[0].length)],
    ['Location steps', spots(text, /Location ="\/LM\/W3SVC\//g, 40, (m) => m[0].length)],
  ];
  await withServer(async (server) => {
    await server.open(uri, text);
    const all: number[] = [];
    const complete = (offset: number) => server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: position(offset) });
    for (const [name, offsets] of kinds) {
      const times: number[] = [];
      let items = 0;
      for (const offset of offsets) {
        const t = performance.now();
        const list = await complete(offset) as { items: unknown[] } | null;
        times.push(performance.now() - t);
        items += list?.items.length ?? 0;
      }
      all.push(...times);
      console.log(`45 MB file, completion: ${name} at ${offsets.length} places (${(items / offsets.length).toFixed(0)} items each): ${p95(times)}`);
    }
    // A keystroke in a start tag (a space), then completion there at once: the request waits for the new model.
    const typed: number[] = [];
    let version = 1;
    for (const offset of kinds[0][1].slice(0, 20)) {
      const at = position(offset - 3);
      void server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text: ' ' }],
      });
      const t = performance.now();
      await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: at.line, character: at.character + 1 } });
      typed.push(performance.now() - t);
    }
    console.log(`45 MB file, completion right after a keystroke in a start tag, ${typed.length} times: ${p95(typed)}`);
    console.log(`45 MB file, completion, all ${all.length + typed.length} requests: ${p95([...all, ...typed])}`);
  });
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-completion')) await completionLatency();
  if (!process.argv.includes('--no-requests')) await requests();
  if (!process.argv.includes('--no-list')) await bigList();
  if (!process.argv.includes('--no-publish')) await publishSize();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
