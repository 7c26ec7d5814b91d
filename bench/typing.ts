// Requests while typing (bench/run.ts): single-character edits spread over an open document, and after each
// didChange, at once, the requests an editor sends around the cursor: hover, the lightbulb's code action (no
// `only`, the diagnostics of the edited line in its context), completion after the typed character, and the
// document symbols of the outline. Each is timed from its send to its answer; the order turns with every edit,
// so that each request comes first after a quarter of the keystrokes (and then also waits for the server to
// take in the edit). The publish of each version is awaited before the next edit. A request unanswered after
// 10 s counts as 10 s (its p95 fails any goal anyway) and is not asked again: its answer is awaited (2 minutes
// at most) and the typing goes on with the other requests.

import { performance } from 'node:perf_hooks';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { Edit, planEdits } from './edits';
import { Server } from './server';

export const REQUESTS = ['hover', 'code action', 'completion', 'document symbols'] as const;
export type RequestKind = typeof REQUESTS[number];

export interface Typing { edits: number; times: Record<RequestKind, number[]>; rssPeakMb?: number; stopped?: { by: RequestKind; why: string } }

const REQUEST_TIMEOUT_MS = 10000;
const ANSWER_TIMEOUT_MS = 120000;

/** Types `count` edits into `text` (the document's text at `version`); returns the request times. */
export async function typeAndAsk(server: Server, uri: string, text: string, version: number, count: number): Promise<Typing> {
  const textDocument = { uri };
  const times: Record<RequestKind, number[]> = { hover: [], 'code action': [], completion: [], 'document symbols': [] };
  let diagnostics: Diagnostic[] = server.publishes.at(-1)?.diagnostics ?? [];
  let stopped: Typing['stopped'];
  const edits = planEdits(text, count, 11);
  for (const [k, e] of edits.entries()) {
    const v = version + k + 1;
    const published = server.waitFor(v, 30000 + ANSWER_TIMEOUT_MS, () => {
      void server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v }, contentChanges: [{ range: range(e, e.deleteLength), text: e.text }],
      });
    });
    published.catch(() => undefined); // awaited below; a server that exits fails the request first
    const at = { line: e.line, character: e.character };
    const asks: Record<RequestKind, () => Promise<unknown>> = {
      hover: () => server.request('textDocument/hover', { textDocument, position: at }, ANSWER_TIMEOUT_MS),
      'code action': () => server.request('textDocument/codeAction', {
        textDocument, range: range(e, 0), context: { diagnostics: diagnostics.filter((d) => d.range.start.line <= e.line && e.line <= d.range.end.line) },
      }, ANSWER_TIMEOUT_MS),
      completion: () => server.request('textDocument/completion', { textDocument, position: { line: e.line, character: e.character + e.text.length } }, ANSWER_TIMEOUT_MS),
      'document symbols': () => server.request('textDocument/documentSymbol', { textDocument }, ANSWER_TIMEOUT_MS),
    };
    for (let r = 0; r < REQUESTS.length; r++) {
      const kind = REQUESTS[(k + r) % REQUESTS.length];
      if (stopped?.by === kind) continue;
      const t = performance.now();
      const answer = asks[kind]();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([answer.then(() => false), new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), REQUEST_TIMEOUT_MS); })]);
      clearTimeout(timer);
      if (!late) { times[kind].push(performance.now() - t); continue; }
      times[kind].push(REQUEST_TIMEOUT_MS);
      stopped = { by: kind, why: `unanswered after ${REQUEST_TIMEOUT_MS / 1000} s at keystroke ${k + 1}, not asked again` };
      await answer; // the server is busy with it until then
    }
    diagnostics = (await published).diagnostics;
  }
  return { edits: edits.length, times, rssPeakMb: server.peakRssMb(), stopped };
}

function range(e: Edit, length: number) {
  return { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + length } };
}
