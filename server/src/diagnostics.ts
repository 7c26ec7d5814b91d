// Diagnostics for open documents, pushed (publishDiagnostics) or pulled (textDocument/diagnostic).
// Validation runs per document, after the message that asked for it, and only for the newest version:
// a burst of edits is validated once, and diagnostics of an outdated version are never published.
// What is sent is capped per document (`maxNumberOfProblems`): a 9.7 MB file can hold a million findings.

import {
  Diagnostic, DiagnosticSeverity, DocumentDiagnosticReport, LSPErrorCodes, ResponseError,
} from 'vscode-languageserver-protocol';
import { SOURCE, eachDiagnostic } from './service';
import { DocumentStore, OpenDocument } from './documents';
import { ServerSettings, SettingsCache } from './settings';

/** Diagnostics of the document's current version; undefined when a newer version came meanwhile. */
export async function diagnosticsOf(open: OpenDocument, settings: ServerSettings): Promise<Diagnostic[] | undefined> {
  if (!settings.enable) return [];
  const current = await open.current();
  return current && capped(eachDiagnostic(current.document, current.model, settings, true), settings.maxNumberOfProblems);
}

/**
 * At most `max` diagnostics, the most severe first (errors, then warnings, then information, each in
 * document order), sent in document order, and one information diagnostic at the first one left out
 * saying how many were. The diagnostics are read once and at most max + 1 of each severity are held (a
 * file can have millions).
 */
export function capped(diagnostics: Iterable<Diagnostic>, max: number): Diagnostic[] {
  // Per severity, the first max + 1 with their places: the kept ones and the first left out are among them.
  const firsts: Array<Array<[number, Diagnostic]>> = [[], [], [], []];
  const totals = [0, 0, 0, 0];
  let n = 0;
  for (const d of diagnostics) {
    const s = (d.severity ?? DiagnosticSeverity.Error) - 1;
    if (firsts[s].length <= max) firsts[s].push([n, d]);
    totals[s]++;
    n++;
  }
  let left = max;
  const kept: Array<[number, Diagnostic]> = [];
  let firstOmitted: [number, Diagnostic] | undefined;
  firsts.forEach((first, s) => {
    const quota = Math.min(totals[s], left);
    left -= quota;
    for (let i = 0; i < quota; i++) kept.push(first[i]);
    if (totals[s] > quota && (!firstOmitted || first[quota][0] < firstOmitted[0])) firstOmitted = first[quota];
  });
  kept.sort((a, b) => a[0] - b[0]);
  const result = kept.map(([, d]) => d);
  if (!firstOmitted) return result;
  const omitted = n - kept.length;
  const at = firstOmitted[1].range.start;
  const summary: Diagnostic = {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `${omitted} more problem${omitted === 1 ? '' : 's'} not shown (iisMetabase.maxNumberOfProblems is ${max}); ` +
      'metabase-lint reports them all.',
  };
  const before = firstOmitted[0];
  result.splice(kept.filter(([i]) => i < before).length, 0, summary);
  return result;
}

/** Publishes for a document version; `undefined` for a closed document. */
export type Publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => void;
export type Log = (message: string) => void;

export class PushDiagnostics {
  private readonly scheduled = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents being validated, and whether another run was asked for meanwhile. */
  private readonly running = new Map<string, boolean>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly settings: SettingsCache,
    private readonly publish: Publish,
    private readonly log: Log,
    /** Lets the messages already received be handled: an edit among them makes the diagnostics outdated. */
    private readonly settle: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Validates `uri` once the messages already received are handled; repeated calls coalesce. */
  schedule(uri: string): void {
    if (this.scheduled.has(uri)) return;
    this.scheduled.set(uri, setTimeout(() => {
      this.scheduled.delete(uri);
      if (this.running.has(uri)) {
        this.running.set(uri, true);
        return;
      }
      this.running.set(uri, false);
      this.run(uri)
        .catch((error) => this.log(`Validating ${uri} failed: ${describe(error)}`))
        .finally(() => {
          const again = this.running.get(uri);
          this.running.delete(uri);
          if (again) this.schedule(uri);
        });
    }, 0));
  }

  /** The document was closed: drop pending work and its diagnostics. */
  closed(uri: string): void {
    const pending = this.scheduled.get(uri);
    if (pending) clearTimeout(pending);
    this.scheduled.delete(uri);
    this.publish(uri, undefined, []);
  }

  /** Waits for the model to catch up with the edits (one build at a time), then publishes. */
  private async run(uri: string): Promise<void> {
    for (;;) {
      const open = this.documents.get(uri);
      if (!open) return;
      const version = open.version;
      const settings = await this.settings.get(uri);
      if (this.documents.get(uri) !== open) return; // closed (or reopened, which scheduled its own run)
      if (open.version !== version) continue; // edited while the settings were on their way
      const diagnostics = await diagnosticsOf(open, settings);
      if (diagnostics === undefined) continue;
      // A build and its validation take a while: an edit may have been received meanwhile and not yet handled.
      await this.settle();
      if (this.documents.get(uri) !== open) return;
      if (open.version !== version) continue;
      this.publish(uri, version, diagnostics);
      return;
    }
  }
}

interface PulledReport {
  resultId: string;
  items: Diagnostic[];
}

/** How many builds a pull waits for before it asks the client to pull again (edits keep coming). */
const PULL_ATTEMPTS = 3;

/**
 * Pull diagnostics. With `validate: onSave` a document keeps the report of its last save (or of its
 * opening) until it is saved again.
 */
export class PullDiagnostics {
  private readonly reports = new Map<string, PulledReport>();
  private readonly stale = new Set<string>();
  private nextId = 1;

  constructor(private readonly documents: DocumentStore, private readonly settings: SettingsCache) {}

  /** Opened or saved: the next pull validates the text even under `onSave`. */
  invalidate(uri: string): void {
    this.stale.add(uri);
  }

  closed(uri: string): void {
    this.reports.delete(uri);
    this.stale.delete(uri);
  }

  async pull(uri: string, previousResultId: string | undefined): Promise<DocumentDiagnosticReport | ResponseError<{ retriggerRequest: boolean }>> {
    const open = this.documents.get(uri);
    if (!open) return { kind: 'full', items: [] };
    const settings = await this.settings.get(uri);
    const last = this.reports.get(uri);
    if (last && settings.validate === 'onSave' && !this.stale.has(uri)) {
      return last.resultId === previousResultId ? { kind: 'unchanged', resultId: last.resultId } : { kind: 'full', ...last };
    }
    for (let attempt = 0; attempt < PULL_ATTEMPTS; attempt++) {
      const items = await diagnosticsOf(open, settings);
      if (items === undefined) continue; // edited meanwhile: the newest text
      const report = { resultId: String(this.nextId++), items };
      this.reports.set(uri, report);
      this.stale.delete(uri);
      return { kind: 'full', ...report };
    }
    return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document keeps changing; pull again.', { retriggerRequest: true });
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}
