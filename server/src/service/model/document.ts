// The document as a list of segments, each with the findings of its rules. Segments tile the text; after
// an edit only the segments the edit reaches are read again (metabase keys are flat siblings, so an edit
// inside one key leaves the others as they were), and the result equals reading the whole text anew.

import { Finding, Related } from '../rules/finding';
import { detach } from './detach';
import { checkSegmentSteps } from '../rules';
import { RuleId } from '../rules/table';
import { scanSegment } from '../xml/scanner';
import { INITIAL_STATE, ScanState, sameState } from '../xml/tree';

/** A finding as the model keeps it: offsets relative to its segment, no fixes (they are made on demand). */
export interface StoredFinding {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  related?: Related[];
}

export interface ModelSegment {
  start: number;
  end: number;
  reach: number;
  before: ScanState;
  after: ScanState;
  findings: StoredFinding[];
  isKey: boolean;
}

export interface MetabaseModel {
  readonly segments: ModelSegment[];
}

/** What an edit did: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export function parseModel(text: string): MetabaseModel {
  return drain(parseSteps(text));
}

/** The model of `text`, reusing the segments of `model` (the model of the text before `change`). */
export function updateModel(model: MetabaseModel, text: string, change: TextChange): MetabaseModel {
  return drain(updateSteps(model, text, change));
}

/**
 * Work on a model as steps: the generator yields after each segment (and inside a huge key), so that a server can run it in time
 * slices (see runInSlices) and answer other requests between them, or drop it when a newer version comes.
 */
export type ModelSteps = Generator<void, MetabaseModel, void>;

export function* parseSteps(text: string): ModelSteps {
  return { segments: yield* scanFrom(text, 0, INITIAL_STATE, () => false) };
}

/** Nothing of `model` changes until the last step, so an abandoned update leaves it usable. */
export function* updateSteps(model: MetabaseModel, text: string, change: TextChange): ModelSteps {
  const old = model.segments;
  const delta = change.newEnd - change.oldEnd;
  // The first segment whose reading looked at the changed text (or ran into the end of the old text,
  // which an edit at the end moves).
  const oldLength = old.length ? old[old.length - 1].end : 0;
  let first = 0;
  while (first < old.length && old[first].reach <= change.start && old[first].reach < oldLength) first++;
  const resumeAt = first < old.length ? old[first].start : old.length ? old[old.length - 1].end : 0;
  const state = first < old.length ? old[first].before : old.length ? old[old.length - 1].after : INITIAL_STATE;
  let reuse = -1;
  const rescanned = yield* scanFrom(text, resumeAt, state, (end, after) => {
    if (end < change.newEnd) return false;
    const oldStart = end - delta;
    // Segments at the very start of the file read a BOM and the XML declaration: never reuse those.
    if (oldStart <= 1) return false;
    const j = findSegmentStartingAt(old, oldStart, first);
    if (j < 0 || !sameState(old[j].before, after)) return false;
    reuse = j;
    return true;
  });
  const tail = reuse < 0 ? [] : old.slice(reuse);
  for (const segment of tail) {
    segment.start += delta;
    segment.end += delta;
    segment.reach += delta;
  }
  return { segments: [...old.slice(0, first), ...rescanned, ...tail] };
}

function drain(steps: ModelSteps): MetabaseModel {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps, pausing every `sliceMs` milliseconds (by default for one turn of the event loop; a server
 * passes a pause that lets its waiting messages through). Resolves to undefined when `cancelled()` turns
 * true between two slices (a newer version of the document has come).
 */
export async function runInSlices(
  steps: ModelSteps, cancelled: () => boolean, pause: () => Promise<void> = nextTask, sliceMs = 20,
): Promise<MetabaseModel | undefined> {
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

function* scanFrom(
  text: string, start: number, state: ScanState, stop: (end: number, after: ScanState) => boolean,
): Generator<void, ModelSegment[], void> {
  const segments: ModelSegment[] = [];
  let pos = start;
  while (pos < text.length) {
    const segment = scanSegment(text, pos, state);
    const found = yield* checkSegmentSteps(text, segment);
    const findings: StoredFinding[] = [];
    for (const f of found) {
      findings.push(relative(f, segment.start));
      // Copying the messages of a 160,000-finding key takes long enough to need its own slices.
      if (findings.length % FINDINGS_PER_STEP === 0) yield;
    }
    segments.push({
      start: segment.start, end: segment.end, reach: segment.reach, before: segment.before, after: segment.after,
      findings, isKey: segment.key !== undefined,
    });
    pos = segment.end;
    state = segment.after;
    if (stop(pos, state)) break;
    yield;
  }
  return segments;
}

const FINDINGS_PER_STEP = 5000;

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
  const segments = model.segments;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
