// The open documents: each one's text and its model. Edits are cheap: they only update the text and
// widen a pending change; the model catches up (one `updateModel` for all edits since) when it is read.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { MetabaseModel, parseModel, updateModel } from './service';
import { PendingChange, addEdit, toTextChange } from './changes';

export class OpenDocument {
  private model: MetabaseModel | undefined;
  /** Edits not yet in `model`; `'all'` after a full-text change. */
  private pending: PendingChange | 'all' | undefined = 'all';

  constructor(public document: TextDocument) {}

  get uri(): string { return this.document.uri; }
  get version(): number { return this.document.version; }

  applyChanges(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const start = this.document.offsetAt(change.range.start);
        const end = this.document.offsetAt(change.range.end);
        if (this.pending !== 'all') this.pending = addEdit(this.pending, start, end, change.text.length);
      } else {
        this.pending = 'all';
      }
      this.document = TextDocument.update(this.document, [change], version);
    }
    // An empty change list still moves the version on.
    if (changes.length === 0) this.document = TextDocument.update(this.document, [], version);
  }

  /** The model of the current text. */
  getModel(): MetabaseModel {
    if (this.pending === 'all' || !this.model) {
      this.model = parseModel(this.document.getText());
    } else if (this.pending) {
      this.model = updateModel(this.model, this.document.getText(), toTextChange(this.pending));
    }
    this.pending = undefined;
    return this.model;
  }
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
