// The open documents: each one's text and the last model built, kept with the text it was built from.
// Edits are cheap: they only update the text and widen a pending change. A build is never thrown away:
// it finishes for its version (in time slices, so that a 45 MB document never blocks requests on other
// documents), and the edits that came meanwhile follow in one incremental update. So requests wait for at
// most one build, however fast the edits come, and memory holds one model and one build per document.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { MetabaseModel, ModelSteps, parseSteps, runInSlices, updateSteps } from './service';
import { PendingChange, addEdit, toTextChange } from './changes';
import { SchemaFacts, iisSchemaFacts } from './service/schema';

/** A model and the text it describes: positions of a request are computed on this text. */
export interface Snapshot {
  document: TextDocument;
  model: MetabaseModel;
}

export class OpenDocument {
  private built: Snapshot | undefined;
  /** Edits since the text of the last build started; `'all'` after a full-text change. */
  private pending: PendingChange | 'all' | undefined = 'all';
  private building: Promise<Snapshot> | undefined;
  private closed = false;

  /** `facts`: the schema facts in use; a build with other facts than the last one reads the text anew. */
  constructor(public document: TextDocument, private readonly facts: () => SchemaFacts = iisSchemaFacts) {}

  get uri(): string { return this.document.uri; }
  get version(): number { return this.document.version; }

  /**
   * Applies a didChange. A change with a malformed range is refused as a whole (the text and its line
   * table stay as they were): the error names it, for the log.
   */
  applyChanges(changes: TextDocumentContentChangeEvent[], version: number): void {
    const bad = changes.findIndex((change) => !isValidChange(change));
    if (bad >= 0) throw new Error(`didChange refused for ${this.uri} version ${version}: change ${bad} has no valid range and text (${JSON.stringify(changes[bad])})`);
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        // An inverted range is applied swapped, as TextDocument.update does.
        const a = this.document.offsetAt(change.range.start);
        const b = this.document.offsetAt(change.range.end);
        const [start, end] = a <= b ? [a, b] : [b, a];
        if (this.pending !== 'all') this.pending = addEdit(this.pending, start, end, change.text.length);
        this.document = applyEdit(this.document, start, end, change.text, version);
      } else {
        this.pending = 'all';
        this.document = TextDocument.create(this.uri, this.document.languageId, version, change.text);
      }
    }
    // An empty change list still moves the version on.
    if (changes.length === 0) this.document = TextDocument.update(this.document, [], version);
  }

  /** The schema facts changed: the next build reads the text anew. */
  rebuild(): void {
    this.pending = 'all';
  }

  /** The newest model with its text: the current one, or the one of the build under way (then catching up). */
  async snapshot(): Promise<Snapshot> {
    if (this.building) return this.building;
    if (this.built && !this.pending) {
      // No edit since the last build: only the version moved on (an empty change list).
      if (this.built.document !== this.document) this.built = { document: this.document, model: this.built.model };
      return this.built;
    }
    return this.build();
  }

  /** The model of the current version; undefined when an edit came before it was built. */
  async current(): Promise<Snapshot | undefined> {
    const snapshot = await this.snapshot();
    return snapshot.document.version === this.version && snapshot.document === this.document ? snapshot : undefined;
  }

  /**
   * The model of the current version, waiting for builds to catch up with the edits. Code actions need it:
   * their edits carry no version, so edits computed on an older text would land on the wrong characters.
   */
  async currentSnapshot(): Promise<Snapshot> {
    for (;;) {
      const snapshot = await this.current();
      if (snapshot) return snapshot;
    }
  }

  close(): void {
    this.closed = true;
  }

  /** Builds the model of the current text; when edits came meanwhile, the next build starts at once. */
  private build(): Promise<Snapshot> {
    const document = this.document;
    const { built, pending } = this;
    this.pending = undefined;
    const facts = this.facts();
    const steps = pending === 'all' || !built || !pending
      ? parseSteps(document.getText(), facts)
      : updateSteps(built.model, document.getText(), toTextChange(pending), facts);
    // updateSteps changes the old model in its last step: the new snapshot replaces it in that same step.
    const building = runInSlices(committing(steps, (model) => { this.built = { document, model }; }), () => this.closed)
      .then(() => {
        this.building = undefined;
        if (!this.built) throw new Error(`${this.uri} was closed before its model was built`);
        if (this.pending && !this.closed) this.building = this.build();
        return this.built;
      });
    this.building = building;
    return building;
  }
}

function* committing(steps: ModelSteps, commit: (model: MetabaseModel) => void): ModelSteps {
  const model = yield* steps;
  commit(model);
  return model;
}

/** A position of non-negative integers. */
export function isValidPosition(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as Record<string, unknown>;
  return Number.isInteger(line) && (line as number) >= 0 && Number.isInteger(character) && (character as number) >= 0;
}

export function isValidRange(value: unknown): boolean {
  return typeof value === 'object' && value !== null &&
    isValidPosition((value as Record<string, unknown>).start) && isValidPosition((value as Record<string, unknown>).end);
}

function isValidChange(change: unknown): boolean {
  if (typeof change !== 'object' || change === null || typeof (change as { text?: unknown }).text !== 'string') return false;
  const range = (change as { range?: unknown }).range;
  return range === undefined || isValidRange(range);
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
  private facts: SchemaFacts = iisSchemaFacts();

  /** Facts for every document from now on (a user's MBSchema.xml, or IIS 6's own); the open ones are read anew. */
  useFacts(facts: SchemaFacts): void {
    if (facts === this.facts) return;
    this.facts = facts;
    for (const open of this.documents.values()) open.rebuild();
  }

  schemaFacts(): SchemaFacts {
    return this.facts;
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const open = new OpenDocument(TextDocument.create(uri, languageId, version, text), () => this.facts);
    this.documents.set(uri, open);
    return open;
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  close(uri: string): boolean {
    this.documents.get(uri)?.close();
    return this.documents.delete(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }
}
