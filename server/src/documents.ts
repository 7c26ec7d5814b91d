// The open documents: each one's text and its model. Edits are cheap: they only update the text and
// widen a pending change; the model catches up (one `updateModel` for all edits since) when it is read.
// Reading it runs in time slices, so that a 45 MB document never blocks requests on other documents,
// and a build overtaken by a newer edit is dropped.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { MetabaseModel, parseSteps, runInSlices, updateSteps } from './service';
import { PendingChange, addEdit, toTextChange } from './changes';

export class OpenDocument {
  private current: MetabaseModel | undefined;
  /** Edits not yet in `model`; `'all'` after a full-text change. */
  private pending: PendingChange | 'all' | undefined = 'all';

  constructor(public document: TextDocument) {}

  get uri(): string { return this.document.uri; }
  get version(): number { return this.document.version; }

  applyChanges(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        // An inverted range is applied swapped, as TextDocument.update does.
        const a = this.document.offsetAt(change.range.start);
        const b = this.document.offsetAt(change.range.end);
        const [start, end] = a <= b ? [a, b] : [b, a];
        if (this.pending !== 'all') this.pending = addEdit(this.pending, start, end, change.text.length);
        this.document = applyEdit(this.document, start, end, change.text, version);
      } else {
        this.pending = 'all';
        this.document = TextDocument.update(this.document, [change], version);
      }
    }
    // An empty change list still moves the version on.
    if (changes.length === 0) this.document = TextDocument.update(this.document, [], version);
  }

  private building?: { version: number; model: Promise<MetabaseModel | undefined> };

  /**
   * The model of the current text, built in slices of about 20 ms. Never undefined: a build overtaken by
   * an edit gives way to one for the newer text.
   */
  async model(): Promise<MetabaseModel> {
    for (;;) {
      const model = await this.build();
      if (model) return model;
    }
  }

  /** Builds the model of the current version once, however many readers ask; undefined when overtaken. */
  private build(): Promise<MetabaseModel | undefined> {
    const { current, pending } = this;
    if (current && !pending) return Promise.resolve(current);
    const version = this.version;
    if (this.building?.version === version) return this.building.model;
    const steps = pending === 'all' || !current || !pending
      ? parseSteps(this.document.getText())
      : updateSteps(current, this.document.getText(), toTextChange(pending));
    // The steps end synchronously after the last check, so a finished build always matches `version`
    // (updateSteps changes the old model only in its last step: an abandoned one leaves it intact).
    const model = runInSlices(steps, () => this.version !== version).then((built) => {
      if (built) {
        this.current = built;
        this.pending = undefined;
      }
      if (this.building?.model === model) this.building = undefined;
      return built;
    });
    this.building = { version, model };
    return model;
  }
}

/**
 * Applies one edit by offsets. vscode-languageserver-textdocument (1.0.15) updates its line table in
 * place, and gets it wrong for a range past the last line (it leaves holes) and for an edit that joins a
 * CR and an LF into one line break (it keeps a line start too many): so it is given the range clamped
 * into the document, and a line break joined that way makes a new document (its lines counted afresh).
 */
function applyEdit(document: TextDocument, start: number, end: number, text: string, version: number): TextDocument {
  const content = document.getText();
  if (joinsLineBreak(content, start, end, text)) {
    return TextDocument.create(document.uri, document.languageId, version, content.slice(0, start) + text + content.slice(end));
  }
  return TextDocument.update(document, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text }], version);
}

/** Whether replacing [start, end) of `content` by `text` puts a CR right before an LF that were apart. */
function joinsLineBreak(content: string, start: number, end: number, text: string): boolean {
  const left = content[start - 1];
  const right = content[end];
  if (text === '') return left === '\r' && right === '\n';
  return (left === '\r' && text[0] === '\n') || (text[text.length - 1] === '\r' && right === '\n');
}

export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const open = new OpenDocument(TextDocument.create(uri, languageId, version, text));
    this.documents.set(uri, open);
    return open;
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  close(uri: string): boolean {
    return this.documents.delete(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }
}
