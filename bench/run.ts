// The benchmark (`npm run bench`). In one process, on generated metabases of ~1, ~10 and ~45 MB: the median
// of several runs of the product's full validation against fast-xml-parser's XMLValidator, saxes with
// positions, and a floor (one indexOf/charCodeAt pass that finds every attribute value). Then the real
// language server over stdio (open -> first publishDiagnostics; 200 single-character incremental edits,
// didChange -> publishDiagnostics of that version, p50/p95; peak RSS), and the CLI on ~80 MB (wall time,
// peak RSS). Whatever is missing or misbehaves prints as "n/a (reason)"; every wait has a timeout.
//
// Options: --sizes 1,10,45  --edits 200  --no-lsp  --no-cli  --runs N; BENCH_SERVER / BENCH_CLI point at other builds.

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import {
  ProtocolConnection, StreamMessageReader, StreamMessageWriter, createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { parseModel, validate } from '../server/src/service';
import { FrozenDocument } from '../server/src/textDocument';
import { Prng, ensureFile } from './generate';

const ROOT = join(__dirname, '..', '..');
const SERVER = process.env.BENCH_SERVER ?? join(ROOT, 'dist', 'server.js');
const CLI = process.env.BENCH_CLI ?? join(ROOT, 'dist', 'cli.js');
const MB = 1 << 20;

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SIZES = (option('sizes') ?? '1,10,45').split(',').map(Number);
const EDITS = Number(option('edits') ?? 200);
const RUNS = option('runs') ? Number(option('runs')) : undefined;
const LSP = !argv.includes('--no-lsp');
const CLI_ON = !argv.includes('--no-cli');
const CLI_SIZE = 80;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const log = (s: string) => process.stderr.write(`${s}\n`);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const percentile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

// ---- the four in-process contenders ----

function full(text: string): number {
  return validate(FrozenDocument.create('file:///bench/MetaBase.xml', 'iis-metabase', 1, text), parseModel(text)).length;
}

function xmlValidator(text: string): number {
  const result = XMLValidator.validate(text);
  if (result !== true) throw new Error(`XMLValidator: ${result.err.msg} at line ${result.err.line}`);
  return 1;
}

function saxes(text: string): number {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let attributes = 0;
  let valueChars = 0;
  parser.on('attribute', (a) => { attributes++; valueChars += a.value.length; });
  parser.on('error', (e) => { throw e; });
  parser.write(text).close();
  return attributes + (valueChars & 1);
}

/** One pass: the [start, end) of every attribute value, into a typed array. */
function floor(text: string): number {
  let offsets = new Int32Array(1 << 16);
  let n = 0;
  let i = 0;
  for (;;) {
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    let j = eq + 1;
    let c = text.charCodeAt(j);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++j);
    if (c !== 34 && c !== 39) { i = j; continue; }
    const end = text.indexOf(c === 34 ? '"' : "'", j + 1);
    if (end < 0) break;
    if (n + 2 > offsets.length) { const grown = new Int32Array(offsets.length * 2); grown.set(offsets); offsets = grown; }
    offsets[n++] = j + 1;
    offsets[n++] = end;
    i = end + 1;
  }
  return n / 2;
}

const CONTENDERS: [string, (text: string) => number][] = [
  ['full', full], ['XMLValidator', xmlValidator], ['saxes', saxes], ['floor', floor],
];

interface InProcess { label: string; bytes: number; times: Record<string, number>; diagnostics: number; attributes: number }

function timeIt(fn: (text: string) => number, text: string, runs: number): { median: number; result: number } {
  const times: number[] = [];
  let result = 0;
  for (let r = 0; r < runs; r++) {
    gc();
    const t0 = performance.now();
    result = fn(text);
    times.push(performance.now() - t0);
  }
  return { median: median(times), result };
}

function inProcess(label: string, path: string, text: string): InProcess {
  const runs = RUNS ?? (text.length > 30 * MB ? 3 : 5);
  const times: Record<string, number> = {};
  let diagnostics = 0;
  let attributes = 0;
  for (const [name, fn] of CONTENDERS) {
    const { median: m, result } = timeIt(fn, text, runs);
    times[name] = m;
    if (name === 'full') diagnostics = result;
    if (name === 'floor') attributes = result;
    log(`  ${label} ${name}: ${ms(m)} ms (median of ${runs})`);
  }
  return { label, bytes: statSync(path).size, times, diagnostics, attributes };
}

// ---- the language server over stdio ----

interface Publish { version: number | undefined; count: number; at: number }

class Server {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  private stderr = '';
  private exited: string | undefined;
  private readonly waiters = new Map<number, (p: Publish) => void>();
  private readonly exitedPromise: Promise<never>;
  readonly publishes: Publish[] = [];

  constructor(private readonly uri: string) {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-2000); });
    this.child.on('exit', (code, signal) => {
      this.exited = `server exited (${signal ?? code})${this.stderr ? `: ${this.stderr.trim().split('\n').pop()}` : ''}`;
      for (const w of this.waiters.values()) w({ version: -1, count: -1, at: performance.now() });
    });
    this.child.on('error', (e) => { this.exited = `server failed to start: ${e.message}`; });
    this.exitedPromise = new Promise<never>((_, reject) => this.child.on('close', () => reject(new Error(this.exited ?? 'server exited'))));
    this.exitedPromise.catch(() => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) this.connection.onRequest(method, () => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      if (p.uri !== this.uri) return;
      const publish = { version: p.version, count: p.diagnostics.length, at: performance.now() };
      this.publishes.push(publish);
      const waiter = p.version === undefined ? this.waiters.values().next().value : this.waiters.get(p.version);
      if (waiter) waiter(publish);
    });
    for (const method of ['window/logMessage', 'window/showMessage', 'telemetry/event', '$/logTrace']) this.connection.onNotification(method, () => undefined);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  get failure(): string | undefined { return this.exited; }

  /** Resolves with the publish of `version` (or the next one, when the server sends no versions). */
  waitFor(version: number, timeoutMs: number, send: () => void): Promise<Publish> {
    return new Promise((resolve, reject) => {
      if (this.exited) { reject(new Error(this.exited)); return; }
      const timer = setTimeout(() => { this.waiters.delete(version); reject(new Error(`no publishDiagnostics for version ${version} within ${timeoutMs / 1000} s`)); }, timeoutMs);
      this.waiters.set(version, (p) => {
        clearTimeout(timer);
        this.waiters.delete(version);
        if (p.version === -1) reject(new Error(this.exited ?? 'server exited'));
        else resolve(p);
      });
      send();
    });
  }

  async initialize(timeoutMs: number): Promise<void> {
    const init = this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await withTimeout(Promise.race([init, this.exitedPromise]), timeoutMs, 'initialize');
    await this.connection.sendNotification('initialized', {});
  }

  peakRssMb(): number | undefined {
    return readStatus(this.child.pid, 'VmHWM');
  }

  async stop(): Promise<void> {
    try {
      if (!this.exited) {
        await withTimeout(this.connection.sendRequest('shutdown'), 5000, 'shutdown');
        await this.connection.sendNotification('exit');
        await new Promise((r) => setTimeout(r, 200));
      }
    } catch { /* killed below */ }
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

function withTimeout<T>(p: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${timeoutMs / 1000} s`)), timeoutMs); }),
  ]);
}

/** A /proc/<pid>/status field in MB (kB there). */
function readStatus(pid: number | undefined, field: string): number | undefined {
  if (!pid) return undefined;
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Edit { offset: number; line: number; character: number; deleteLength: 0 | 1; text: string; kind: string }

/**
 * `count` single-character edits spread over the file, in increasing order, each on its own line: in
 * ScriptMaps items (a flags digit, a verb letter, a path character) and between elements (a space after an
 * end tag). Offsets and positions are those of the original text; only a space is ever inserted, never a line
 * break, so the positions of later edits stay right.
 */
function planEdits(text: string, count: number, seed: number): Edit[] {
  const p = new Prng(seed);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0; let hi = lineStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const edits: Edit[] = [];
  let floorAt = 0;
  let lastLine = -1;
  const kinds = ['flags', 'verb', 'path', 'whitespace'];
  for (let k = 0; k < count; k++) {
    const kind = kinds[k % kinds.length];
    let from = Math.max(floorAt, Math.floor(((k + 0.5) / count) * text.length));
    let edit: Edit | undefined;
    for (let attempt = 0; attempt < 50 && !edit; attempt++) {
      if (kind === 'whitespace') {
        const tag = text.indexOf('\n</', from);
        if (tag < 0) break;
        const gt = text.indexOf('>', tag);
        from = gt + 1;
        edit = { offset: gt + 1, line: 0, character: 0, deleteLength: 0, text: ' ', kind };
      } else {
        const attr = text.indexOf('ScriptMaps="', from);
        if (attr < 0) break;
        const vs = attr + 'ScriptMaps="'.length;
        const ve = text.indexOf('"', vs);
        from = ve + 1;
        const items: [number, number][] = [];
        for (let s = vs; s < ve;) {
          let e = text.indexOf('\n', s);
          if (e < 0 || e > ve) e = ve;
          const lineEnd = text.charCodeAt(e - 1) === 13 ? e - 1 : e;
          let first = s;
          while (text.charCodeAt(first) === 9) first++;
          items.push([first, lineEnd]);
          s = e + 1;
        }
        const [is, ie] = items[p.int(0, items.length - 1)];
        const commas: number[] = [];
        for (let c = text.indexOf(',', is); c >= 0 && c < ie; c = text.indexOf(',', c + 1)) commas.push(c);
        let at: number;
        let replacement: string;
        if (kind === 'flags' || (kind === 'verb' && commas.length < 3)) {
          if (commas.length < 2) continue;
          at = commas[1] + 1;
          replacement = text[at] === '5' ? '1' : '5';
        } else if (kind === 'verb') {
          at = commas[2] + 1;
          replacement = text[at].toLowerCase() === text[at] ? text[at].toUpperCase() : text[at].toLowerCase();
        } else {
          if (commas.length < 1) continue;
          at = commas[0] + 4; // inside the path, after 'C:\'
          if (at >= ie || !/[A-Za-z]/.test(text[at])) continue;
          replacement = text[at] === text[at].toUpperCase() ? text[at].toLowerCase() : text[at].toUpperCase();
        }
        edit = { offset: at, line: 0, character: 0, deleteLength: 1, text: replacement, kind };
      }
      if (edit) {
        const line = lineOf(edit.offset);
        if (line <= lastLine) { edit = undefined; continue; }
        edit.line = line;
        edit.character = edit.offset - lineStarts[line];
        lastLine = line;
      }
    }
    if (!edit) break;
    edits.push(edit);
    floorAt = edit.offset + 1;
  }
  return edits;
}

function applyAll(text: string, edits: Edit[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const e of edits) {
    parts.push(text.slice(pos, e.offset), e.text);
    pos = e.offset + e.deleteLength;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

interface LspResult { label: string; open?: number; p50?: number; p95?: number; max?: number; edits?: number; rssOpenMb?: number; rssPeakMb?: number; consistent?: string; na?: string }

async function lsp(label: string, path: string, text: string): Promise<LspResult> {
  if (!existsSync(SERVER)) return { label, na: 'dist/server.js missing' };
  const uri = `file://${path}`;
  const server = new Server(uri);
  const result: LspResult = { label };
  try {
    await server.initialize(30000);
    const openTimeout = 30000 + (text.length / MB) * 4000;
    const t0 = performance.now();
    const opened = await server.waitFor(1, openTimeout, () => {
      void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'iis-metabase', version: 1, text } });
    });
    result.open = opened.at - t0;
    result.rssOpenMb = server.peakRssMb();
    log(`  ${label} lsp open -> publish: ${ms(result.open)} ms (${opened.count} diagnostics), VmHWM ${result.rssOpenMb?.toFixed(0)} MB`);
    const edits = planEdits(text, EDITS, 7);
    const latencies: number[] = [];
    let version = 1;
    let last = opened;
    for (const e of edits) {
      version++;
      const start = { line: e.line, character: e.character };
      const end = { line: e.line, character: e.character + e.deleteLength };
      const t = performance.now();
      last = await server.waitFor(version, 30000, () => {
        void server.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text: e.text }],
        });
      });
      latencies.push(last.at - t);
    }
    result.edits = latencies.length;
    if (latencies.length) {
      result.p50 = percentile(latencies, 50);
      result.p95 = percentile(latencies, 95);
      result.max = Math.max(...latencies);
    }
    result.rssPeakMb = server.peakRssMb();
    // The server's last publish must match a full validation of the edited text.
    const expected = full(applyAll(text, edits));
    result.consistent = last.count === expected ? 'yes' : `NO (server ${last.count}, full ${expected})`;
    log(`  ${label} lsp ${latencies.length} edits: p50 ${ms(result.p50 ?? NaN)} ms, p95 ${ms(result.p95 ?? NaN)} ms; consistent: ${result.consistent}`);
  } catch (e) {
    result.na = describe(e);
    log(`  ${label} lsp: ${result.na}`);
  } finally {
    await server.stop();
  }
  return result;
}

// ---- the CLI ----

interface CliResult { label: string; bytes: number; wallMs?: number; rssMb?: number; exit?: number | null; outBytes?: number; na?: string }

function cli(label: string, path: string): Promise<CliResult> {
  const bytes = statSync(path).size;
  if (!existsSync(CLI)) return Promise.resolve({ label, bytes, na: 'dist/cli.js missing' });
  const useTime = existsSync('/usr/bin/time');
  const command = useTime ? '/usr/bin/time' : process.execPath;
  const args = useTime ? ['-v', process.execPath, CLI, path, '--format', 'json'] : [CLI, path, '--format', 'json'];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let outBytes = 0;
    let stderr = '';
    let polled = 0;
    child.stdout.on('data', (d: Buffer) => { outBytes += d.length; });
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-8000); });
    const poll = useTime ? undefined : setInterval(() => { polled = Math.max(polled, readStatus(child.pid, 'VmHWM') ?? 0); }, 20);
    const timer = setTimeout(() => child.kill('SIGKILL'), 600000);
    child.on('error', (e) => { clearTimeout(timer); if (poll) clearInterval(poll); resolve({ label, bytes, na: e.message }); });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      if (signal) { resolve({ label, bytes, na: `killed (${signal}) after ${ms(wallMs)} ms` }); return; }
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const exit = useTime ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? code) : code;
      if (exit !== 0 && exit !== 1) {
        resolve({ label, bytes, na: `exit ${exit}: ${stderr.trim().split('\n').filter((l) => !/^\t/.test(l)).slice(-1)[0] ?? ''}` });
        return;
      }
      if (outBytes === 0) { resolve({ label, bytes, na: `no output (exit ${exit})` }); return; }
      resolve({ label, bytes, wallMs, rssMb: rss ? Number(rss[1]) / 1024 : polled || undefined, exit, outBytes });
    });
  });
}

// ---- main ----

async function main(): Promise<void> {
  log(`generating / reusing files in bench/.data ...`);
  const files = SIZES.map((size) => ({ label: `${size}MB`, path: ensureFile(`${size}MB`, size * MB) }));
  const inproc: InProcess[] = [];
  const servers: LspResult[] = [];
  // Warm the JIT once on the smallest text.
  const warm = readFileSync(files[0].path, 'utf8');
  for (const [, fn] of CONTENDERS) fn(warm);
  for (const f of files) {
    const text = readFileSync(f.path, 'utf8');
    inproc.push(inProcess(f.label, f.path, text));
  }
  if (LSP) {
    for (const f of files) servers.push(await lsp(f.label, f.path, readFileSync(f.path, 'utf8')));
  }
  let cliResult: CliResult | undefined;
  if (CLI_ON) {
    const path = ensureFile(`${CLI_SIZE}MB`, CLI_SIZE * MB);
    cliResult = await cli(`${CLI_SIZE}MB`, path);
  }

  const out: string[] = [];
  out.push('', `In process (node ${process.version}), median ms:`, '');
  out.push('| file | bytes | full validate | XMLValidator | saxes (positions) | floor (indexOf) | full/XMLValidator | full/saxes | diagnostics | attribute values |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of inproc) {
    const t = r.times;
    out.push(`| ${r.label} | ${r.bytes} | ${ms(t.full)} | ${ms(t.XMLValidator)} | ${ms(t.saxes)} | ${ms(t.floor)} | ${(t.full / t.XMLValidator).toFixed(2)} | ${(t.full / t.saxes).toFixed(2)} | ${r.diagnostics} | ${r.attributes} |`);
  }
  if (LSP) {
    out.push('', `Language server over stdio (${EDITS} single-character edits per file, didChange -> publishDiagnostics of that version):`, '');
    out.push('| file | didOpen -> publish (ms) | edit p50 (ms) | edit p95 (ms) | edit max (ms) | edits | VmHWM after open (MB) | VmHWM after edits (MB) | last publish = full |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const r of servers) {
      if (r.na && r.open === undefined) { out.push(`| ${r.label} | n/a (${r.na}) | | | | | | | |`); continue; }
      const cell = (x: number | undefined) => (x === undefined ? `n/a${r.na ? ` (${r.na})` : ''}` : ms(x));
      out.push(`| ${r.label} | ${cell(r.open)} | ${cell(r.p50)} | ${cell(r.p95)} | ${cell(r.max)} | ${r.edits ?? 0} | ${r.rssOpenMb?.toFixed(0) ?? 'n/a'} | ${r.rssPeakMb?.toFixed(0) ?? 'n/a'} | ${r.consistent ?? 'n/a'} |`);
    }
  }
  if (cliResult) {
    out.push('', 'CLI (`node dist/cli.js <file> --format json`):', '');
    out.push('| file | bytes | wall (ms) | peak RSS (MB) | exit | JSON bytes |');
    out.push('|---|---:|---:|---:|---:|---:|');
    const c = cliResult;
    out.push(c.na ? `| ${c.label} | ${c.bytes} | n/a (${c.na}) | | | |` : `| ${c.label} | ${c.bytes} | ${ms(c.wallMs!)} | ${c.rssMb?.toFixed(0) ?? 'n/a'} | ${c.exit} | ${c.outBytes} |`);
  }
  const ratio = (label: string) => {
    const r = inproc.find((x) => x.label === label);
    return r ? (r.times.full / r.times.XMLValidator).toFixed(2) : 'n/a';
  };
  out.push('', `ratios: full/XMLValidator 10MB=${ratio('10MB')} 45MB=${ratio('45MB')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
