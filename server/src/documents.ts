// The open documents: each one's text and the last model built, kept with the text it was built from.
// Edits are cheap: they only update the text and widen a pending change. A build is never thrown away:
// it finishes for its version (in time slices, so that a 45 MB document never blocks requests on other
// documents), and the edits that came meanwhile follow in one incremental update. So requests wait for at
// most one build, however fast the edits come, and memory holds one model and one build per document.
// Hovers need not wait at all: the last model built answers them through the edits logged since its text
// (MappedView), unless the key they ask about was edited. Documents never change once made (FrozenDocument),
// so a snapshot's text is always the one its model was built from.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { MetabaseModel, ModelSteps, parseSteps, runInSlices, segmentAt, updateSteps } from './service';
import { FrozenDocument } from './textDocument';
import { EditLog, LoggedEdit, PendingChange, addEdit, logEdit, toTextChange } from './changes';
import { SchemaFacts, iisSchemaFacts } from './service/schema';

/** How a document's reading is watched for memory (Node's heap: see heapWatch.ts); none in a web worker. */
export interface MemoryGuard {
  /** A watch for one reading: `exceeded()` is asked between its steps; `restart()` judges it from now on. */
  watch(): { exceeded(): boolean; restart(): void; readonly limitMb: number };
  /** Told when a document is given up (its reading would not fit in memory): the message says what follows. */
  gaveUp(uri: string, message: string): void;
  /**
   * Told before a whole text of `length` characters is read (opened, or replaced whole): what brought the text
   * (its message, about twice the text) is garbage then, which would stay in memory until the heap fills and
   * count as the reading's own; a big text's is collected (see node/collect.ts).
   */
  collect?(length: number): void;
}

/** The watch of one reading as a document sees it: `done()` when the reading ends, however it ends. */
interface ReadingWatch {
  exceeded(): boolean;
  done(): void;
  readonly limitMb: number;
}

/**
 * The readings under way share one heap (a server restores several documents at once): when a watch finds
 * the heap too full, the reading of the longest text is given up, at its next step, rather than the one that
 * happened to look; the others go on, judged from then on (what the other reading holds is not theirs).
 */
class Readings {
  /** The readings under way; `blamed`: to be given up at its next step. */
  private readonly active = new Set<{ length: number; blamed: boolean }>();

  constructor(readonly guard: MemoryGuard) {}

  watch(length: number): ReadingWatch {
    const inner = this.guard.watch();
    const reading = { length, blamed: false };
    this.active.add(reading);
    return {
      limitMb: inner.limitMb,
      exceeded: () => {
        if (reading.blamed) return true;
        if (!inner.exceeded()) return false;
        let longest = reading;
        for (const other of this.active) {
          // Another reading is being given up: its memory is about to be free.
          if (other.blamed) {
            inner.restart();
            return false;
          }
          if (other.length > longest.length) longest = other;
        }
        longest.blamed = true;
        if (longest === reading) return true;
        inner.restart();
        return false;
      },
      done: () => this.active.delete(reading),
    };
  }
}

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
  /** The edits from the text of `built` to the current text, and those since the build under way started. */
  private sinceBuilt: EditLog = 'all';
  private sinceBuildStart: EditLog = 'all';
  private closed = false;
  /**
   * Set when a reading ran out of the memory the guard allows, with the length of its text: the document is
   * then read without its rules (`keys`: nothing is reported), or, when even that ran out, not read at all
   * (`none`: nothing is answered), until it is opened again, its whole text is replaced, the schema facts
   * change, or its text is less than half as long (the paste that made it too big was undone).
   */
  private limited: { reading: 'keys' | 'none'; at: number } | undefined;

  /**
   * `facts`: the schema facts in use; a build with other facts than the last one reads the text anew.
   * `pause` runs between two time slices of a build: see runInSlices.
   */
  constructor(
    public document: FrozenDocument, private readonly facts: () => SchemaFacts = iisSchemaFacts, private readonly pause?: () => Promise<void>,
    private readonly readings?: Readings,
  ) {}

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
        this.sinceBuilt = logEdit(this.sinceBuilt, start, end, change.text.length);
        this.sinceBuildStart = logEdit(this.sinceBuildStart, start, end, change.text.length);
        this.document = this.document.edited(start, end, change.text, version);
      } else {
        this.pending = 'all';
        this.sinceBuilt = this.sinceBuildStart = 'all';
        this.limited = undefined;
        this.document = FrozenDocument.create(this.uri, this.document.languageId, version, change.text);
      }
    }
    // An empty change list still moves the version on.
    if (changes.length === 0) this.document = this.document.withVersion(version);
  }

  /** The schema facts changed: the next build reads the text anew. */
  rebuild(): void {
    this.pending = 'all';
    this.limited = undefined;
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

  /**
   * The last model built and the edits made since its text, without waiting for a build: a request whose
   * position and answer lie outside those edits is answered from it (see MappedView).
   */
  latest(): MappedView | undefined {
    if (!this.built || this.sinceBuilt === 'all') return undefined;
    return new MappedView(this.built, this.sinceBuilt, this.document);
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
    this.sinceBuildStart = [];
    const facts = this.facts();
    if (this.limited && document.length * 2 < this.limited.at) this.limited = undefined;
    const reading = this.limited?.reading ?? 'checked';
    const checked = reading === 'checked';
    const whole = pending === 'all' || !built || !pending;
    if (whole && reading !== 'none') this.readings?.guard.collect?.(document.length);
    // Not read: the model of an empty text (no key), whatever the text.
    const steps = reading === 'none' ? parseSteps('', facts, false)
      : whole ? parseSteps(document.getText(), facts, checked)
      // The document itself: an update reads the text around the edit, and joins it only if it must.
        : updateSteps(built.model, document, toTextChange(pending), facts, checked);
    // updateSteps changes the old model in its last step: the new snapshot replaces it in that same step.
    const committed = committing(steps, (model) => {
      this.built = { document, model };
      this.sinceBuilt = this.sinceBuildStart;
    });
    const watch = reading === 'none' ? undefined : this.readings?.watch(document.length);
    const building = runInSlices(watch ? watched(committed, watch) : committed, () => this.closed, this.pause)
      .finally(() => watch?.done())
      .then(() => {
        this.building = undefined;
        if (!this.built) throw new Error(`${this.uri} was closed before its model was built`);
        if (this.pending && !this.closed) this.building = this.build();
        return this.built;
      }, (error: unknown) => {
        if (!(error instanceof OutOfMemory)) throw error;
        // An update given up may have changed the last model in part: it is dropped, and the text read anew, with less.
        this.limited = { reading: checked ? 'keys' : 'none', at: document.length };
        this.built = undefined;
        this.sinceBuilt = 'all';
        this.pending = 'all';
        const until = 'until it is opened again or made less than half as long; the command line checks it with more memory: ' +
          'NODE_OPTIONS=--max-old-space-size=<megabytes> metabase-lint <file>';
        this.readings!.guard.gaveUp(this.uri, checked
          ? `${fileName(this.uri)} is not checked: checking it needs more memory than the language server has (${error.limitMb} MB). ` +
            `Its keys are read without their rules ${until}`
          : `${fileName(this.uri)} is not read: even its keys need more memory than the language server has (${error.limitMb} MB). ` +
            `Nothing is answered on it ${until}`);
        return this.build();
      });
    this.building = building;
    return building;
  }
}

/** The last part of a document's uri, as a message names the file. */
function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A reading given up by its memory watch. */
class OutOfMemory extends Error {
  constructor(readonly limitMb: number) {
    super('out of memory');
  }
}

/** The steps, given up with OutOfMemory when the watch says so between two of them. */
function* watched(steps: ModelSteps, watch: ReadingWatch): ModelSteps {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (watch.exceeded()) throw new OutOfMemory(watch.limitMb);
    yield;
  }
}

/**
 * A snapshot seen from the current text: offsets outside the edits made since the snapshot's text map
 * between the two; an offset inside one (or a span that overlaps one) does not.
 */
export class MappedView {
  constructor(readonly snapshot: Snapshot, private readonly edits: readonly LoggedEdit[], readonly current: TextDocument) {}

  /** The offset in the snapshot's text of `offset` in the current text; none at or next to an edit. */
  toSnapshot(offset: number): number | undefined {
    for (let i = this.edits.length - 1; i >= 0; i--) {
      const { start, oldEnd, newLength } = this.edits[i];
      if (offset > start + newLength) offset -= newLength - (oldEnd - start);
      else if (offset >= start) return undefined;
    }
    return offset;
  }

  /**
   * How far [start, end) of the snapshot's text moved in the current text; none when an edit touched it or
   * its ends (typing next to a name changes the name).
   */
  shiftOf(start: number, end: number): number | undefined {
    let shift = 0;
    for (const edit of this.edits) {
      // Each edit is in the coordinates of the text the earlier ones left.
      if (start + shift > edit.oldEnd) shift += edit.newLength - (edit.oldEnd - edit.start);
      else if (end + shift >= edit.start) return undefined;
    }
    return shift;
  }
}

/**
 * Answers a request at `position` of the current text from the view's snapshot, when the key (segment) there
 * was not edited since: what the answer says of the key comes from its own text. (What it says of other
 * keys, such as the parent key, is as of the last build.) Undefined otherwise.
 */
export function hoverThrough(
  view: MappedView, position: Position, compute: (document: TextDocument, model: MetabaseModel, position: Position) => Hover | null,
): Hover | null | undefined {
  const { document, model } = view.snapshot;
  const offset = view.toSnapshot(view.current.offsetAt(position));
  if (offset === undefined || model.segments.length === 0) return undefined;
  const segment = model.segments[segmentAt(model, offset)];
  const delta = view.shiftOf(segment.start, segment.end);
  if (delta === undefined) return undefined;
  const answer = compute(document, model, document.positionAt(offset));
  if (!answer?.range) return answer;
  // The answer lies in its key, which moved as a whole.
  const range = { start: document.offsetAt(answer.range.start) + delta, end: document.offsetAt(answer.range.end) + delta };
  return { ...answer, range: { start: view.current.positionAt(range.start), end: view.current.positionAt(range.end) } };
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

  private readonly readings?: Readings;

  constructor(private readonly pause?: () => Promise<void>, guard?: MemoryGuard) {
    this.readings = guard && new Readings(guard);
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const open = new OpenDocument(FrozenDocument.create(uri, languageId, version, text), () => this.facts, this.pause, this.readings);
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
