// Diagnostics for open documents, pushed (publishDiagnostics) or pulled (textDocument/diagnostic).
// Validation runs per document, after the message that asked for it, and only for the newest version:
// a burst of edits is validated once, and diagnostics of an outdated version are never published.

import { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { validate } from './service';
import { DocumentStore, OpenDocument } from './documents';
import { ServerSettings, SettingsCache } from './settings';

/** Diagnostics of the document's current version; undefined when a newer version came meanwhile. */
export async function diagnosticsOf(open: OpenDocument, settings: ServerSettings): Promise<Diagnostic[] | undefined> {
  if (!settings.enable) return [];
  const version = open.version;
  const model = await open.model();
  return open.version === version ? validate(open.document, model, settings) : undefined;
}

/** Publishes for a document version; `undefined` for a closed document. */
export type Publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => void;
export type Log = (message: string) => void;

export class PushDiagnostics {
  private readonly scheduled = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly settings: SettingsCache,
    private readonly publish: Publish,
    private readonly log: Log,
  ) {}

  /** Validates `uri` once the messages already received are handled; repeated calls coalesce. */
  schedule(uri: string): void {
    if (this.scheduled.has(uri)) return;
    this.scheduled.set(uri, setTimeout(() => {
      this.scheduled.delete(uri);
      this.run(uri).catch((error) => this.log(`Validating ${uri} failed: ${describe(error)}`));
    }, 0));
  }

  /** The document was closed: drop pending work and its diagnostics. */
  closed(uri: string): void {
    const pending = this.scheduled.get(uri);
    if (pending) clearTimeout(pending);
    this.scheduled.delete(uri);
    this.publish(uri, undefined, []);
  }

  private async run(uri: string): Promise<void> {
    const open = this.documents.get(uri);
    if (!open) return;
    const version = open.version;
    const settings = await this.settings.get(uri);
    if (this.documents.get(uri) !== open) return; // closed (or reopened, which scheduled its own run)
    if (open.version !== version) {
      // Edited while the settings were on their way: validate the newest text instead.
      this.schedule(uri);
      return;
    }
    const diagnostics = await diagnosticsOf(open, settings);
    if (diagnostics === undefined || this.documents.get(uri) !== open) return; // a newer version has its own run
    this.publish(uri, version, diagnostics);
  }
}

interface PulledReport {
  resultId: string;
  items: Diagnostic[];
}

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

  async pull(uri: string, previousResultId: string | undefined): Promise<DocumentDiagnosticReport> {
    const open = this.documents.get(uri);
    if (!open) return { kind: 'full', items: [] };
    const settings = await this.settings.get(uri);
    const last = this.reports.get(uri);
    if (last && settings.validate === 'onSave' && !this.stale.has(uri)) {
      return last.resultId === previousResultId ? { kind: 'unchanged', resultId: last.resultId } : { kind: 'full', ...last };
    }
    let items: Diagnostic[] | undefined;
    while ((items = await diagnosticsOf(open, settings)) === undefined); // edited meanwhile: the newest text
    const report = { resultId: String(this.nextId++), items };
    this.reports.set(uri, report);
    this.stale.delete(uri);
    return { kind: 'full', ...report };
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}
