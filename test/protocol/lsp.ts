// Helpers for the survival and responsiveness tests: a client-side mirror of each open document (what a
// correct client holds after TextDocument.update), the diagnostics the service gives for that text, a watch on
// the server process, and its resident memory.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ClientCapabilities, CodeActionRequest, Diagnostic, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, Hover, HoverRequest, LogMessageParams, MessageType, Position, PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS, parseModel, validate } from '../../server/src/service';
import { checkRange } from '../fuzz/checks';
import { LspClient } from './lspClient';

export const LANGUAGE = 'iis-metabase';

/** A value as it looks after a trip through JSON (no undefined fields), for deepEqual with what the server sent. */
export function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** What the service reports for `text`: the diagnostics a server in sync with the client must publish. */
export function expectedDiagnostics(uri: string, text: string): Diagnostic[] {
  const document = TextDocument.create(uri, LANGUAGE, 1, text);
  return json(validate(document, parseModel(text), DEFAULT_SETTINGS));
}

/** Every range lies inside `text`: on an existing line, not past its end, start <= end. */
export function assertRangesInside(uri: string, text: string, diagnostics: Diagnostic[], what: string): void {
  const document = TextDocument.create(uri, LANGUAGE, 1, text);
  for (const d of diagnostics) {
    checkRange(document, d.range, `${what}: diagnostic ${d.code}`);
    for (const r of d.relatedInformation ?? []) checkRange(document, r.location.range, `${what}: related information of ${d.code}`);
  }
}

/**
 * True when replacing [start, end) of `text` by `inserted` splits a CR LF pair or joins a CR and an LF into
 * one. TextDocument.update (vscode-languageserver-textdocument 1.0.15) then keeps a line start between the CR
 * and the LF, so its positions differ from those of the same text opened fresh; the random edits avoid these
 * (a dedicated test in survival.test.ts sends one on purpose).
 */
export function touchesCrLf(text: string, start: number, end: number, inserted: string): boolean {
  const between = (o: number) => o > 0 && text[o - 1] === '\r' && text[o] === '\n';
  if (between(start) || between(end)) return true;
  const left = start > 0 ? text[start - 1] : '';
  const right = end < text.length ? text[end] : '';
  if (inserted === '') return left === '\r' && right === '\n';
  return (left === '\r' && inserted[0] === '\n') || (inserted[inserted.length - 1] === '\r' && right === '\n');
}

/** The change event that replaces [start, end) of the document by `text`. */
export function rangeChange(document: TextDocument, start: number, end: number, text: string): TextDocumentContentChangeEvent {
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text };
}

/** A language server under test: the client, plus a record of an exit nobody asked for and of logged errors. */
export class Session {
  /** Set when the process ends before `shutdown()`: how it ended. */
  diedEarly: string | undefined;
  private stopping = false;

  private constructor(readonly client: LspClient) {
    client.server.on('exit', (code, signal) => {
      if (!this.stopping) this.diedEarly = `exit code ${code}, signal ${signal}`;
    });
  }

  /** Starts the bundled server; `nodeOptions` (NODE_OPTIONS of that process only) tune its runtime. */
  static async start(capabilities: ClientCapabilities, nodeOptions?: string): Promise<Session> {
    const saved = process.env.NODE_OPTIONS;
    if (nodeOptions !== undefined) process.env.NODE_OPTIONS = nodeOptions;
    // LspClient.start spawns before its first await: the environment is restored right after the spawn.
    const starting = LspClient.start(capabilities);
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
    return new Session(await starting);
  }

  get pid(): number {
    return this.client.server.pid!;
  }

  /** The server is still running and never exited. */
  assertAlive(): void {
    assert.equal(this.diedEarly, undefined, `the server died: ${this.diedEarly}`);
    assert.ok(this.client.alive, 'the server is not running');
  }

  /** Errors the server logged, except those matching `expected`. */
  unexpectedErrors(expected: RegExp[] = []): LogMessageParams[] {
    return this.client.logs.filter((l) => l.type === MessageType.Error && !expected.some((e) => e.test(l.message)));
  }

  assertNoUnexpectedErrors(expected: RegExp[] = []): void {
    const errors = this.unexpectedErrors(expected);
    assert.deepEqual(errors.map((e) => e.message.slice(0, 500)), [], 'the server logged errors');
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  codeActions(uri: string, position: Position): Promise<unknown[] | null> {
    return this.client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] },
    });
  }

  /** The publish for `version` of `uri` from `published[since]` on, waiting up to `timeoutMs`. */
  published(uri: string, version: number | undefined, since = 0, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return until(`diagnostics of ${uri} version ${version}`, timeoutMs, () => {
      this.assertAlive();
      return this.client.published.slice(since).find((p) => p.uri === uri && p.version === version);
    });
  }

  /** shutdown, exit: the exit code. */
  async shutdown(): Promise<number | null> {
    this.assertAlive();
    this.stopping = true;
    return this.client.shutdown();
  }

  kill(): void {
    this.stopping = true;
    this.client.kill();
  }
}

/** Polls `ready` every few milliseconds until it returns a value (an exception it throws ends the wait). */
export function until<T>(what: string, timeoutMs: number, ready: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      try {
        const value = ready();
        if (value !== undefined) return resolve(value);
        if (Date.now() > deadline) return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        setTimeout(poll, 2);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    poll();
  });
}

/**
 * One document as a correct client holds it: every change goes through TextDocument.update (then the text is
 * re-created, so that the mirror's line offsets are those of the text itself) and is sent to the server.
 */
export class Doc {
  document!: TextDocument;
  /** `published.length` when the current version was sent: its publish comes after. */
  private since = 0;

  constructor(readonly session: Session, readonly uri: string) {}

  get text(): string { return this.document.getText(); }
  get version(): number { return this.document.version; }

  async open(text: string, version = 1): Promise<void> {
    this.document = TextDocument.create(this.uri, LANGUAGE, version, text);
    this.since = this.session.client.published.length;
    await this.session.client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri, languageId: LANGUAGE, version, text },
    });
  }

  /**
   * Applies `changes` to the mirror and sends them. `inPlace`: the changes' ranges name exactly the text they
   * replace and touch no CR LF pair (see touchesCrLf), so the mirror is updated in place (faster).
   */
  async change(changes: TextDocumentContentChangeEvent[], { version = this.version + 1, inPlace = false } = {}): Promise<void> {
    if (inPlace) {
      TextDocument.update(this.document, changes, version);
    } else {
      const text = TextDocument.update(TextDocument.create(this.uri, LANGUAGE, this.version, this.text), changes, version).getText();
      this.document = TextDocument.create(this.uri, LANGUAGE, version, text);
    }
    this.since = this.session.client.published.length;
    await this.session.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri, version }, contentChanges: changes,
    });
  }

  /**
   * Applies each entry of `batches` to the mirror as one version, and sends the didChange notifications in
   * one write (LspClient.notifyTogether): the server has received the last version before it can publish
   * any earlier one.
   */
  async changeTogether(batches: TextDocumentContentChangeEvent[][]): Promise<void> {
    const notifications = batches.map((changes) => {
      const version = this.version + 1;
      const text = TextDocument.update(TextDocument.create(this.uri, LANGUAGE, this.version, this.text), changes, version).getText();
      this.document = TextDocument.create(this.uri, LANGUAGE, version, text);
      return { method: DidChangeTextDocumentNotification.method, params: { textDocument: { uri: this.uri, version }, contentChanges: changes } };
    });
    this.since = this.session.client.published.length;
    await this.session.client.notifyTogether(notifications);
  }

  async close(): Promise<void> {
    await this.session.client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri } });
  }

  /** The publish for the current version. */
  published(timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    return this.session.published(this.uri, this.version, this.since, timeoutMs);
  }

  /**
   * Waits for the current version's diagnostics and checks them: ranges inside the text, and (unless told
   * otherwise) equal to validating the mirror's text directly.
   */
  async expectInSync(what: string, options: { equal?: boolean; timeoutMs?: number } = {}): Promise<Diagnostic[]> {
    const { diagnostics } = await this.published(options.timeoutMs);
    assertRangesInside(this.uri, this.text, diagnostics, what);
    if (options.equal !== false) {
      assert.deepEqual(diagnostics, expectedDiagnostics(this.uri, this.text), `${what}: the server's diagnostics differ from validating the text the client holds`);
    }
    return diagnostics;
  }
}

/** VmRSS of a process in kB. */
export function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(match, `no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/**
 * NODE_OPTIONS for a server whose resident memory says what it retains. V8 grows the young generation under
 * allocation pressure (heapTotal 25 -> 46 MB within the first 2,000 keystrokes while the live heap stays at
 * 6 MB) and collects garbage lazily (10-30 MB of it at any sample), so the VmRSS of a default server swings by
 * 20-40 MB without retaining anything. Here the young generation has a fixed size (1 MB semi-spaces) and
 * SIGUSR2 runs a full collection (`gc`, exposed), so that a sample after it measures what is alive.
 */
export const MEASURABLE = `--expose-gc --max-semi-space-size=1 --import=data:text/javascript;base64,${
  Buffer.from("process.on('SIGUSR2', () => globalThis.gc());").toString('base64')}`;

/**
 * VmRSS once it has settled: sampled every `intervalMs` (each sample after a full collection when `gc`: the
 * server runs with MEASURABLE) until two consecutive samples are within `toleranceKb` (at most `maxSamples`
 * samples; then the last one).
 */
export async function settledRssKb(pid: number, { gc = false, toleranceKb = 1024, intervalMs = 100, maxSamples = 30 } = {}): Promise<number> {
  const sample = async () => {
    if (gc) process.kill(pid, 'SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    return rssKb(pid);
  };
  let last = await sample();
  for (let i = 1; i < maxSamples; i++) {
    const now = await sample();
    if (Math.abs(now - last) <= toleranceKb) return now;
    last = now;
  }
  return last;
}
