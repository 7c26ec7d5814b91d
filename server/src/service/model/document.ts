// The document as a list of segments, each with the findings of its rules and, for a key, its summary.
// Segments tile the text; after an edit only the segments the edit reaches are read again (metabase keys
// are flat siblings, so an edit inside one key leaves the others as they were), and the result equals
// reading the whole text anew. Then the document pass judges the keys against each other (by Location)
// over an index that the edit updates (see KeyIndex).
//
// The model runs no rule of its own: the checker it is given does (the language service supplies it).

import { Finding, Related } from '../rules/finding';
import { detach } from './detach';
import { drain } from './steps';
import { RuleId } from '../rules/table';
import { scanSegment } from '../xml/scanner';
import { INITIAL_STATE, ScanState, Segment, sameState } from '../xml/tree';
import { IndexedKey, KeyIndex } from './keyIndex';
import { KeySummary, TextRanges, summarize } from './summary';

/** A finding as the model keeps it: offsets relative to its segment, no fixes (they are made on demand). */
export interface StoredFinding {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  related?: Related[];
}

/** A finding of the document pass: offsets relative to its segment, related ones relative to theirs. */
export interface KeyFinding {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  related?: Array<Related & { segment: ModelSegment }>;
}

export interface ModelSegment extends IndexedKey {
  start: number;
  end: number;
  reach: number;
  before: ScanState;
  after: ScanState;
  findings: readonly StoredFinding[];
  isKey: boolean;
  /** The key this segment holds, complete or as far as its start tag was read. */
  key?: KeySummary;
  /** Set by the document pass after every update. */
  keyFindings: readonly KeyFinding[];
  /** Set by the checks across keys after every update (see Checker.cross). */
  crossFindings: readonly KeyFinding[];
}

/** A key as the document pass sees it: where its segment starts (offsets of the summary are relative to it). */
export interface KeyInContext {
  start: number;
  key: KeySummary;
}

/**
 * What the rules made of a segment: its findings, and what the checks across keys read of its key, read
 * along (opaque to the model; kept as the key's crossFacts, else the checks read them when they need them).
 */
export interface SegmentCheck {
  findings: Finding[];
  crossFacts?: unknown;
}

/** The rules, given to the model. Findings come with offsets in the document. */
export interface Checker {
  /** The findings of one segment (its XML faults and the rules of its key), and what the rules read of its key. */
  segment(text: string, segment: Segment): Generator<void, SegmentCheck, void>;
  /** The same at once, or undefined when the segment is checked in steps (values too long together to be read without a pause). */
  segmentNow?(text: string, segment: Segment): SegmentCheck | undefined;
  /**
   * The document pass for one key with a Location: `first` is the first key of the same Location when
   * that is another one, `parent` the first key of the nearest ancestor Location present in the file.
   */
  key(text: TextRanges, key: KeyInContext, first: KeyInContext | undefined, parent: KeyInContext | undefined): Finding[];
  /** The checks across keys, run over every key after the document pass. */
  cross?: CrossChecker;
}

/**
 * Checks whose findings on a key depend on any other key (an ancestor's list, the restriction list, a pool,
 * another site's binding). After an update they are run anew over every key (a linear pass over facts kept
 * per key), unless every key read again has the same facts as before and no other key's finding points
 * into it: then nothing they depend on changed, and the findings are kept.
 */
export interface CrossChecker {
  /** The findings of the keys at `only` (every key when undefined), yielding every few thousand keys. */
  steps<K extends IndexedKey>(text: string | (() => string), index: KeyIndex<K>, only?: ReadonlySet<string>): Generator<void, Map<K, Finding[]>, void>;
  /**
   * Equal for two readings of a key when the checks read the same of it. Without `text` (an old key, whose
   * text is gone): undefined when the checks never read it.
   */
  fingerprint(key: IndexedKey, text?: string): string | undefined;
  /**
   * The Locations outside the subtrees of `keys` (keys read again, in their old and new readings) whose
   * findings they can change: another site with one of a site's bindings. Undefined when that may be any
   * key (the restriction list, a pool, the facts of a key not read yet).
   */
  beyond(keys: readonly IndexedKey[], index: KeyIndex<IndexedKey>): Iterable<string> | undefined;
}

export interface MetabaseModel<C extends Checker = Checker> {
  readonly segments: ModelSegment[];
  readonly checker: C;
  readonly index: KeyIndex<ModelSegment>;
  /** The keys that a finding across keys of another key points into (related information); may hold more. */
  readonly referenced?: WeakSet<ModelSegment>;
  /** The segments with findings of any kind, in no order: validation reads these, not every segment. */
  readonly flagged: ReadonlySet<ModelSegment>;
  /**
   * At least how far any segment's reading looked past its end: an edit at `p` can only have changed the
   * segments that end after `p` less this (a bound kept since the parse; it never shrinks).
   */
  readonly lookahead: number;
  /**
   * The same object from one version to the next while every segment keeps its place and each key its
   * Location: what the tree of keys depends on (the outline keeps its tree by it, see navigation/tree.ts).
   */
  readonly shape: object;
}

/** What an edit did: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export function parseModel<C extends Checker>(text: string, checker: C): MetabaseModel<C> {
  return drain(parseSteps(text, checker));
}

/**
 * A text that can be read in parts without being joined into one string (a document whose edits are kept as
 * pieces): an update reads the part it scans again, and the whole text only when a check across keys must.
 */
export interface PartedText {
  readonly length: number;
  slice(start: number, end: number): string;
  getText(): string;
}

/** The model of `text`, reusing the segments of `model` (the model of the text before `change`). */
export function updateModel<C extends Checker>(model: MetabaseModel<C>, text: string | PartedText, change: TextChange, checker: C): MetabaseModel<C> {
  return drain(updateSteps(model, text, change, checker));
}

/**
 * Work on a model as steps: the generator yields every few segments (see WORK_PER_STEP) and inside a heavy key,
 * so that a server can run it in time slices (see runInSlices) and answer other requests between them, or drop
 * it when a newer version comes.
 */
export type ModelSteps<C extends Checker = Checker> = Generator<void, MetabaseModel<C>, void>;

export function* parseSteps<C extends Checker>(text: string, checker: C): ModelSteps<C> {
  // Each key goes into the index (and the flagged set) as it is read, while it is at hand: one walk over the
  // keys, not three.
  const index = new KeyIndex<ModelSegment>();
  const flagged = new Set<ModelSegment>();
  const segments = yield* scanFrom(text, 0, INITIAL_STATE, checker, () => false, (segment) => {
    index.add(segment);
    if (segment.findings.length > 0) flagged.add(segment);
  });
  yield* index.linkSteps();
  let judged = 0;
  for (const { location, keys } of index.allPlaces()) {
    judgeLocation(text, index, location, checker, flagged, keys);
    if (++judged % LOCATIONS_PER_STEP === 0) yield;
  }
  const referenced = yield* crossPass(text, segments, index, checker, flagged);
  return { segments, checker, index, referenced, flagged, lookahead: lookaheadOf(segments, 0), shape: {} };
}

const LOCATIONS_PER_STEP = 5000;

/**
 * Nothing of `model` changes until the last step, so an abandoned update leaves it usable. The model must
 * have been built with the same checker: another checker (other schema facts) needs a parse anew.
 */
export function* updateSteps<C extends Checker>(model: MetabaseModel<C>, source: string | PartedText, change: TextChange, checker: C): ModelSteps<C> {
  let joined = typeof source === 'string' ? source : undefined;
  const whole = () => (joined ??= (source as PartedText).getText());
  if (model.checker !== checker) return yield* parseSteps(whole(), checker);
  const old = model.segments;
  const delta = change.newEnd - change.oldEnd;
  // The first segment whose reading looked at the changed text (or ran into the end of the old text,
  // which an edit at the end moves).
  const oldLength = old.length ? old[old.length - 1].end : 0;
  let first = firstEndingAtOrAfter(old, Math.min(change.start + 1, oldLength) - model.lookahead);
  while (first < old.length && old[first].reach <= change.start && old[first].reach < oldLength) first++;
  const resumeAt = first < old.length ? old[first].start : old.length ? old[old.length - 1].end : 0;
  const state = first < old.length ? old[first].before : old.length ? old[old.length - 1].after : INITIAL_STATE;
  let reuse = -1;
  const stop = (base: number) => (end: number, after: ScanState) => {
    end += base;
    if (end < change.newEnd) return false;
    const oldStart = end - delta;
    // Segments at the very start of the file read a BOM and the XML declaration: never reuse those.
    if (oldStart <= 1) return false;
    const j = findSegmentStartingAt(old, oldStart, first);
    if (j < 0 || !sameState(old[j].before, after)) return false;
    reuse = j;
    return true;
  };
  // The segments are read again from a window of the text around the edit (offsets within it, moved by its
  // start afterwards: what a segment keeps is relative to its start), so that an edit of a 45 MB document
  // needs no copy of it. A window too short (a reading reached its end) is given up for the whole text.
  const base = Math.max(0, resumeAt - WINDOW_BEFORE);
  const windowEnd = Math.min(source.length, windowEndOf(old, change, delta));
  const window = source.slice(base, windowEnd);
  let rescanned = yield* scanFrom(window, resumeAt - base, state, checker, stop(base));
  const windowed = windowEnd === source.length || rescanned.every((s) => s.reach < window.length);
  // What the checks across keys read of a key read again comes from the window, while its offsets are the window's.
  const prints = windowed && checker.cross ? rescanned.filter((s) => s.key).map((s) => checker.cross!.fingerprint(s, window)) : undefined;
  if (windowed) {
    for (const segment of rescanned) {
      segment.start += base;
      segment.end += base;
      segment.reach += base;
    }
  } else {
    reuse = -1;
    rescanned = yield* scanFrom(whole(), resumeAt, state, checker, stop(0));
  }
  const end = reuse < 0 ? old.length : reuse;
  for (let i = end; i < old.length; i++) {
    const segment = old[i];
    segment.start += delta;
    segment.end += delta;
    segment.reach += delta;
  }
  const replaced = old.slice(first, end);
  const removed = replaced.filter((s) => s.key);
  const segments = old.slice(0, first).concat(rescanned, old.slice(end));
  const flagged = new Set(model.flagged);
  for (const s of replaced) flagged.delete(s);
  for (const s of rescanned) if (s.findings.length > 0) flagged.add(s);
  const lookahead = Math.max(model.lookahead, lookaheadOf(rescanned, 0));
  const shape = sameShape(replaced, rescanned) ? model.shape : {};
  const index = model.index;
  const added = rescanned.filter((s) => s.key);
  const cross = checker.cross;
  const unchanged = cross !== undefined && model.referenced !== undefined && keepsCross(prints ?? added.map((k) => cross.fingerprint(k, whole())), model, removed, cross);
  // The document pass reads a few characters of each key it judges: a document in parts is not joined for it.
  for (const location of index.update(removed, added, () => segments)) judgeLocation(joined ?? source, index, location, checker, flagged);
  if (unchanged) {
    removed.forEach((old, i) => {
      added[i].crossFindings = old.crossFindings.map((f) => moved(f, old, added[i]));
      mark(flagged, added[i]);
    });
    return { segments, checker, index, referenced: model.referenced, flagged, lookahead, shape };
  }
  const only = cross && model.referenced && changedLocations([...removed, ...added], cross, index);
  const referenced = only
    ? yield* crossPass(whole, segments, index, checker, flagged, model.referenced, only)
    : yield* crossPass(whole, segments, index, checker, flagged);
  return { segments, checker, index, referenced, flagged, lookahead, shape };
}

/** Whether segments read again are as many as those they replace, each a key where it was one, at the same Location. */
function sameShape(replaced: readonly ModelSegment[], rescanned: readonly ModelSegment[]): boolean {
  return replaced.length === rescanned.length && replaced.every((old, i) => {
    const now = rescanned[i];
    return (old.key === undefined) === (now.key === undefined) && old.key?.location?.key === now.key?.location?.key;
  });
}

/** Characters before the first segment read again that its window holds (a reading may look one back). */
const WINDOW_BEFORE = 256;
/** Characters past the end of the segment after the edit that the window holds (see windowEndOf). */
const WINDOW_AFTER = 65536;

/**
 * Where the window of an update ends (in the new text): past the old segment after the one that holds the
 * edit's end, where the reading usually finds the old segments again, with room to spare.
 */
function windowEndOf(old: readonly ModelSegment[], change: TextChange, delta: number): number {
  const j = firstEndingAtOrAfter(old, change.oldEnd);
  const past = old[Math.min(j + 1, old.length - 1)];
  return Math.max(change.newEnd, past ? past.end + delta : 0) + WINDOW_AFTER;
}

/** Keeps `flagged` right for `segment`: it holds the segment exactly when the segment has findings. */
function mark(flagged: Set<ModelSegment>, segment: ModelSegment): void {
  if (segment.findings.length > 0 || segment.keyFindings.length > 0 || segment.crossFindings.length > 0) flagged.add(segment);
  else flagged.delete(segment);
}

/** How far the readings of `segments` looked past their ends, at most (at least `least`). */
function lookaheadOf(segments: readonly ModelSegment[], least: number): number {
  let most = least;
  for (const s of segments) if (s.reach - s.end > most) most = s.reach - s.end;
  return most;
}

/** The index of the first segment that ends at or after `offset` (the length when none does). */
function firstEndingAtOrAfter(segments: readonly ModelSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** More Locations changed in one update than this: the checks across keys run over every key. */
const MAX_SUBTREES = 16;

/**
 * The present Locations whose findings across keys the changed keys can change: those at or below the
 * Locations the keys had or have, and the few beyond them that the checks name (see CrossChecker.beyond).
 */
function changedLocations(keys: ModelSegment[], cross: CrossChecker, index: KeyIndex<ModelSegment>): Set<string> | undefined {
  const roots = new Set<string>();
  for (const k of keys) {
    const location = k.key?.location?.key;
    if (location !== undefined) roots.add(location);
  }
  if (roots.size > MAX_SUBTREES) return undefined;
  const beyond = cross.beyond(keys, index);
  if (!beyond) return undefined;
  const under = new Set<string>(beyond);
  for (const root of roots) for (const location of index.subtree(root)) under.add(location);
  return under;
}

/**
 * Whether the findings across keys stay as they were: every key read again has the facts its old key had,
 * in the same order, and no finding of another key points into an old one.
 */
function keepsCross(prints: ReadonlyArray<string | undefined>, model: MetabaseModel, removed: ModelSegment[], cross: CrossChecker): boolean {
  if (removed.length !== prints.length) return false;
  return removed.every((old, i) => {
    if (model.referenced!.has(old)) return false;
    const before = cross.fingerprint(old);
    return before !== undefined && before === prints[i];
  });
}

/** A finding of `old` given to the key that replaces it. */
function moved(f: KeyFinding, old: ModelSegment, now: ModelSegment): KeyFinding {
  return f.related?.some((r) => r.segment === old) ? { ...f, related: f.related.map((r) => r.segment === old ? { ...r, segment: now } : r) } : f;
}

/**
 * Runs the checks across keys over every key, or over the keys at `only` (then `referenced` is the model's,
 * added to); returns the keys their findings point into.
 */
function* crossPass(
  text: string | (() => string), segments: ModelSegment[], index: KeyIndex<ModelSegment>, checker: Checker, flagged: Set<ModelSegment>,
  referenced = new WeakSet<ModelSegment>(), only?: ReadonlySet<string>,
): Generator<void, WeakSet<ModelSegment> | undefined, void> {
  if (!checker.cross) return undefined;
  const found = yield* checker.cross.steps(text, index, only);
  const fresh = new Map<ModelSegment, readonly KeyFinding[]>();
  for (const [segment, findings] of found) {
    fresh.set(segment, findings.map((f) => {
      // Messages and related messages are made of the facts' strings, never slices of the text: no detach.
      const related = f.related?.map((r) => {
        const other = segments[segmentIndexAt(segments, r.start)];
        if (other !== segment) referenced.add(other);
        return { segment: other, start: r.start - other.start, end: r.end - other.start, message: r.message };
      });
      return { rule: f.rule, start: f.start - segment.start, end: f.end - segment.start, message: f.message, related };
    }));
  }
  const settle = (segment: ModelSegment) => {
    const findings = fresh.get(segment) ?? NO_FINDINGS;
    if (sameFindings(segment.crossFindings, findings)) return;
    segment.crossFindings = findings;
    mark(flagged, segment);
  };
  if (only) {
    for (const location of only) for (const segment of index.keysAt(location)) settle(segment);
  } else {
    for (const segment of segments) settle(segment);
  }
  return referenced;
}

/**
 * Whether two lists of findings of one segment say the same: a segment that keeps its findings keeps the
 * list itself, so that what was made of it (its diagnostics) is known to be current.
 */
function sameFindings(a: readonly KeyFinding[], b: readonly KeyFinding[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((f, i) => {
    const g = b[i];
    if (f.rule !== g.rule || f.start !== g.start || f.end !== g.end || f.message !== g.message) return false;
    if (!f.related || !g.related) return f.related === g.related;
    return f.related.length === g.related.length && f.related.every((r, j) => {
      const q = g.related![j];
      return r.segment === q.segment && r.start === q.start && r.end === q.end && r.message === q.message;
    });
  });
}

/** Runs the document pass on the keys of one Location (none when it has no key any more). */
function judgeLocation(
  text: TextRanges, index: KeyIndex<ModelSegment>, location: string, checker: Checker, flagged: Set<ModelSegment>, keys = index.keysAt(location),
): void {
  if (keys.length === 0) return;
  const parent = index.parentKeyOf(keys[0]);
  for (const segment of keys) {
    const found = checker.key(text, inContext(segment), segment === keys[0] ? undefined : inContext(keys[0]), parent && inContext(parent));
    const findings = found.length ? found.map((f) => keyFinding(f, segment, keys[0], parent)) : NO_FINDINGS;
    if (sameFindings(segment.keyFindings, findings)) continue;
    segment.keyFindings = findings;
    mark(flagged, segment);
  }
}

/** Shared by the segments without findings of a kind (most of them), not one list each; never changed in place. */
const NO_FINDINGS: readonly never[] = [];

/** A key's segment as the document pass reads it: the segment itself (it has the start and the key), not an object per key. */
function inContext(segment: ModelSegment): KeyInContext {
  return segment as KeyInContext;
}

/** A finding of the document pass, its related information placed in the segment it points into. */
function keyFinding(f: Finding, own: ModelSegment, ...others: Array<ModelSegment | undefined>): KeyFinding {
  const related = f.related?.map((r) => {
    const segment = [own, ...others].find((s) => s && s.start <= r.start && r.end <= s.end) ?? own;
    return { segment, start: r.start - segment.start, end: r.end - segment.start, message: detach(r.message) };
  });
  return { rule: f.rule, start: f.start - own.start, end: f.end - own.start, message: detach(f.message), related };
}

/**
 * Runs the steps, pausing every `sliceMs` milliseconds (by default for one turn of the event loop; a server
 * passes a pause that lets its waiting messages through). Resolves to undefined when `cancelled()` turns
 * true between two slices (a newer version of the document has come).
 */
export async function runInSlices<C extends Checker>(
  steps: ModelSteps<C>, cancelled: () => boolean, pause: () => Promise<void> = nextTask, sliceMs = 20,
): Promise<MetabaseModel<C> | undefined> {
  let sliceStart = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - sliceStart >= sliceMs) {
      await pause();
      if (cancelled()) return undefined;
      sliceStart = Date.now();
    }
  }
}

/** One turn of the event loop (setImmediate is Node's only). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Reads segments from `start` until `stop` says so or the text ends; `read` is given each segment made. */
function* scanFrom(
  text: string, start: number, state: ScanState, checker: Checker, stop: (end: number, after: ScanState) => boolean,
  read?: (segment: ModelSegment) => void,
): Generator<void, ModelSegment[], void> {
  const segments: ModelSegment[] = [];
  let pos = start;
  let work = 0;
  while (pos < text.length) {
    const segment = scanSegment(text, pos, state);
    const found = checker.segmentNow?.(text, segment) ?? (yield* checker.segment(text, segment));
    let findings: readonly StoredFinding[] = NO_FINDINGS;
    if (found.findings.length) {
      const made: StoredFinding[] = [];
      for (const f of found.findings) {
        made.push(relative(f, segment.start));
        // Copying the messages of a 160,000-finding key takes long enough to need its own slices.
        if (made.length % FINDINGS_PER_STEP === 0) yield;
      }
      findings = made;
    }
    const element = segment.key ?? segment.partial;
    const next: ModelSegment = {
      start: segment.start, end: segment.end, reach: segment.reach, before: segment.before, after: segment.after,
      findings, isKey: segment.key !== undefined, keyFindings: NO_FINDINGS, crossFindings: NO_FINDINGS, crossFacts: found.crossFacts, place: undefined,
      key: element && summarize(text, segment.start, element, segment.key !== undefined),
    };
    segments.push(next);
    read?.(next);
    pos = segment.end;
    state = segment.after;
    if (stop(pos, state)) break;
    work += 1 + findings.length + ((segment.end - segment.start) >> 10);
    if (work >= WORK_PER_STEP) {
      work = 0;
      yield;
    }
  }
  return segments;
}

const FINDINGS_PER_STEP = 5000;
/**
 * Work between two steps: a segment counts one, and one more for each of its findings and each 1,024 of its
 * characters, so that a step of keys with findings adds little to the heap for a watch that looks between
 * steps, and a step of keys with long values (just short of being checked in steps themselves) takes a few
 * milliseconds, not hundreds. A step per segment cost a twentieth of a full validation (a resumption through
 * every generator that drives the reading); 64 small keys take about a millisecond.
 */
const WORK_PER_STEP = 64;

function relative(f: Finding, base: number): StoredFinding {
  return {
    rule: f.rule, start: f.start - base, end: f.end - base, message: detach(f.message),
    related: f.related?.map((r) => ({ start: r.start - base, end: r.end - base, message: detach(r.message) })),
  };
}

function findSegmentStartingAt(segments: ModelSegment[], start: number, from: number): number {
  let lo = from;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid].start;
    if (s === start) return mid;
    if (s < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The index of the segment holding `offset` (the last one for the end of the text). */
export function segmentAt(model: MetabaseModel, offset: number): number {
  return segmentIndexAt(model.segments, offset);
}

function segmentIndexAt(segments: ModelSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
