// Requests while typing (bench/run.ts): single-character edits spread over an open document, and after each
// didChange, at once, the requests an editor sends around the cursor: hover, the lightbulb's code action (no
// `only`, the diagnostics of the edited line in its context), completion after the typed character, and the
// document symbols of the outline. Each is timed from its send to its answer; the order turns with every edit,
// so that each request comes first after a quarter of the keystrokes (and then also waits for the server to
// take in the edit). The publish of each version is awaited before the next edit.

import { performance } from 'node:perf_hooks';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { Edit, planEdits } from './edits';
import { Server } from './server';

export const REQUESTS = ['hover', 'code action', 'completion', 'document symbols'] as const;
export type RequestKind = typeof REQUESTS[number];

export interface Typing { edits: number; times: Record<RequestKind, number[]>; rssPeakMb?: number }

/** Types `count` edits into `text` (the document's text at `version`); returns the request times. */
export async function typeAndAsk(server: Server, uri: string, text: string, version: number, count: number): Promise<Typing> {
  const textDocument = { uri };
  const times: Record<RequestKind, number[]> = { hover: [], 'code action': [], completion: [], 'document symbols': [] };
  let diagnostics: Diagnostic[] = server.publishes.at(-1)?.diagnostics ?? [];
  const edits = planEdits(text, count, 11);
  for (const [k, e] of edits.entries()) {
    const v = version + k + 1;
    const published = server.waitFor(v, 30000, () => {
      void server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v }, contentChanges: [{ range: range(e, e.deleteLength), text: e.text }],
      });
    });
    published.catch(() => undefined); // awaited below; a server that exits fails the request first
    const at = { line: e.line, character: e.character };
    const asks: Record<RequestKind, () => Promise<unknown>> = {
      hover: () => server.request('textDocument/hover', { textDocument, position: at }),
      'code action': () => server.request('textDocument/codeAction', {
        textDocument, range: range(e, 0), context: { diagnostics: diagnostics.filter((d) => d.range.start.line <= e.line && e.line <= d.range.end.line) },
      }),
      completion: () => server.request('textDocument/completion', { textDocument, position: { line: e.line, character: e.character + e.text.length } }),
      'document symbols': () => server.request('textDocument/documentSymbol', { textDocument }),
    };
    for (let r = 0; r < REQUESTS.length; r++) {
      const kind = REQUESTS[(k + r) % REQUESTS.length];
      const t = performance.now();
      await asks[kind]();
      times[kind].push(performance.now() - t);
    }
    diagnostics = (await published).diagnostics;
  }
  return { edits: edits.length, times, rssPeakMb: server.peakRssMb() };
}

function range(e: Edit, length: number) {
  return { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + length } };
}
