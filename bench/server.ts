// The real language server over stdio, as the benchmarks drive it: a client connection that records every
// publishDiagnostics and waits for the one of a given version, with a timeout on every wait; the server's
// peak RSS from /proc. Used by bench/run.ts and bench/requests.ts.

import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  Diagnostic, ProtocolConnection, StreamMessageReader, StreamMessageWriter, createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER = process.env.BENCH_SERVER ?? join(__dirname, '..', '..', 'dist', 'server.js');

/** A client that takes versioned diagnostics, code action literals (resolving their edits) and markdown hovers. */
export const CAPABILITIES = {
  workspace: { configuration: true },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, resolveSupport: { properties: ['edit'] } },
    hover: { contentFormat: ['markdown'] },
  },
};

export interface Publish { version: number | undefined; count: number; at: number; diagnostics: Diagnostic[] }

export class Server {
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
      for (const w of this.waiters.values()) w({ version: -1, count: -1, at: performance.now(), diagnostics: [] });
    });
    this.child.on('error', (e) => { this.exited = `server failed to start: ${e.message}`; });
    this.exitedPromise = new Promise<never>((_, reject) => this.child.on('close', () => reject(new Error(this.exited ?? 'server exited'))));
    this.exitedPromise.catch(() => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) this.connection.onRequest(method, () => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      if (p.uri !== this.uri) return;
      const publish = { version: p.version, count: p.diagnostics.length, at: performance.now(), diagnostics: p.diagnostics };
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
    const init = this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: CAPABILITIES });
    await withTimeout(Promise.race([init, this.exitedPromise]), timeoutMs, 'initialize');
    await this.connection.sendNotification('initialized', {});
  }

  /** A request that fails when the server exits or does not answer in time. */
  request<T>(method: string, params: unknown, timeoutMs = 30000): Promise<T> {
    return withTimeout(Promise.race([this.connection.sendRequest<T>(method, params), this.exitedPromise]), timeoutMs, method);
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

export function withTimeout<T>(p: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${timeoutMs / 1000} s`)), timeoutMs); }),
  ]);
}

/** A /proc/<pid>/status field in MB (kB there). */
export function readStatus(pid: number | undefined, field: string): number | undefined {
  if (!pid) return undefined;
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
