// An edit flood against the real server: a big document edited every few milliseconds (a character typed,
// then deleted, at a cursor that jumps around: see FloodOptions.pattern), with a hover on it every 100 ms
// at a random place. Measures hover latency and the server's peak resident memory (VmHWM).
// Used by flood.test.ts (a few seconds) and bench/flood.ts (20 s).

import { readFileSync } from 'node:fs';
import { generateText } from '../../bench/generate';
import { DidChangeTextDocumentNotification, Range } from 'vscode-languageserver-protocol/node';
import { PUSH_CLIENT } from './lspClient';
import { Doc, Session } from './lsp';

export interface FloodOptions {
  bytes: number;
  seconds: number;
  editEveryMs: number;
  hoverEveryMs?: number;
  /**
   * `typing`: the cursor jumps to a random place every 50 edits (each catch-up update is small);
   * `two-places`: edits alternate between a quarter and three quarters into the text, so that each catch-up
   * update reads half the document again (longer than the time between two edits: the worst case).
   */
  pattern?: 'typing' | 'two-places';
  /**
   * A key with this many items is added to the document and the typing happens in it: every update checks
   * the whole key again, longer than the time between two edits (a server that drops a build overtaken by
   * an edit never finishes one then).
   */
  bigKeyItems?: number;
}

export interface FloodResult {
  edits: number;
  hovers: number;
  /** Hover latencies in ms, sorted. */
  latencies: number[];
  /** Publishes that came during the flood, and the ms from the last edit to the last version's publish. */
  publishesDuringFlood: number;
  settleMs: number;
  peakRssMb: number;
  /** The last version's diagnostics, and the document's text then (the text opened), to compare with the service. */
  finalText: string;
  finalDiagnostics: unknown[];
}

/** Peak resident set (VmHWM) of a process, in MB. */
function peakRssMb(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** A pseudo-random generator with a seed, so that a run can be repeated. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BIG_KEY_START = '<IIsWebDirectory Location="/LM/W3SVC/1/ROOT/flood"\n\tScriptMaps="';

/** `text` with a key of `items` ScriptMaps items (a lower-case verb each) before its last `</MBProperty>`. */
function withBigKey(text: string, items: number | undefined): string {
  if (!items) return text;
  const list = Array.from({ length: items }, (_, i) => `.f${i},C:\\x.dll,5,get`).join('\n');
  const at = text.lastIndexOf('</MBProperty>');
  return `${text.slice(0, at)}${BIG_KEY_START}${list}"\n>\n</IIsWebDirectory>\n${text.slice(at)}`;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function flood(options: FloodOptions): Promise<FloodResult> {
  const { bytes, seconds, editEveryMs, hoverEveryMs = 100, pattern = 'typing', bigKeyItems } = options;
  const random = prng(8);
  const session = await Session.start(PUSH_CLIENT);
  try {
    const doc = new Doc(session, 'file:///flood/MetaBase.xml');
    const text = withBigKey(generateText({ seed: 8, targetBytes: bytes, mistakeEvery: 500 }), bigKeyItems);
    // Where the typing happens: anywhere, or inside the big key's list.
    const listStart = text.indexOf(BIG_KEY_START) + BIG_KEY_START.length;
    const [from, to] = bigKeyItems ? [listStart, text.indexOf('"', listStart)] : [0, text.length];
    await doc.open(text);
    await doc.published(60_000);
    const { document } = doc;
    const since = session.client.published.length;
    const hovers: Array<Promise<number>> = [];
    let version = document.version;
    let cursor = document.positionAt(0);
    // Each pair of edits types a character at the cursor and deletes it: the text after a pair is the text
    // opened, so the client needs no mirror (updating one costs ~12 ms per edit on 2.5 MB).
    const send = (range: Range, newText: string) => session.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, version: ++version }, contentChanges: [{ range, text: newText }],
    });
    let edits = 0;
    const end = Date.now() + seconds * 1000;
    await new Promise<void>((resolve) => {
      const editTimer = setInterval(() => {
        if (edits % 2 === 0 && Date.now() >= end) {
          clearInterval(editTimer);
          clearInterval(hoverTimer);
          resolve();
          return;
        }
        if (pattern === 'typing' && edits % 50 === 0) cursor = document.positionAt(from + Math.floor(random() * (to - from)));
        if (pattern === 'two-places' && edits % 2 === 0) cursor = document.positionAt(Math.floor(text.length * (edits % 4 === 0 ? 0.25 : 0.75)));
        const after = { line: cursor.line, character: cursor.character + 1 };
        void (edits % 2 === 0 ? send({ start: cursor, end: cursor }, 'x') : send({ start: cursor, end: after }, ''));
        edits++;
      }, editEveryMs);
      const hoverTimer = setInterval(() => {
        const position = document.positionAt(Math.floor(random() * text.length));
        const start = performance.now();
        hovers.push(session.hover(doc.uri, position).then(() => performance.now() - start));
      }, hoverEveryMs);
    });
    const lastEdit = Date.now();
    const publishesDuringFlood = session.client.published.slice(since).filter((p) => p.uri === doc.uri).length;
    const latencies = (await Promise.all(hovers)).sort((a, b) => a - b);
    const { diagnostics } = await session.published(doc.uri, version, since, 60_000);
    const settleMs = Date.now() - lastEdit;
    const result = {
      edits, hovers: hovers.length, latencies, publishesDuringFlood, settleMs, peakRssMb: peakRssMb(session.pid),
      finalText: text, finalDiagnostics: diagnostics,
    };
    session.assertAlive();
    await session.shutdown();
    return result;
  } finally {
    session.kill();
  }
}

export function summary(r: FloodResult): string {
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  return `${r.edits} edits, ${r.hovers} hovers: p50 ${f(percentile(r.latencies, 50))}, p95 ${f(percentile(r.latencies, 95))}, ` +
    `max ${f(r.latencies.at(-1) ?? NaN)}; ${r.publishesDuringFlood} publishes during the flood, last version published ` +
    `${f(r.settleMs)} after the last edit; peak RSS (VmHWM) ${r.peakRssMb.toFixed(0)} MB`;
}
