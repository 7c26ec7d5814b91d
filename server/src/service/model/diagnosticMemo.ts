// The diagnostics of a segment as last validated, reused while the segment keeps its findings and the
// segments their ranges lie in (its own, and those its related information points into) move by whole
// lines: after a keystroke most segments are the same objects at other offsets, and placing their findings
// anew (two line look-ups per range) was most of a validation of the 45 MB file.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { MetabaseModel, ModelSegment, StoredFinding, segmentAt } from './document';

/** Segments with more findings than this are placed anew each time (a memo would keep them all alive). */
const MAX_KEPT = 64;
const CR = 13;

/** A segment that ranges lie in, where it started, and the character before it (a CR there joins an LF at its start). */
interface Anchor {
  segment: ModelSegment;
  at: Position;
  before: number;
}

interface Memo {
  findings: ModelSegment['findings'];
  keyFindings: ModelSegment['keyFindings'];
  crossFindings: ModelSegment['crossFindings'];
  settings: object;
  uri: string;
  anchors: Anchor[];
  /** Per diagnostic, the anchor of its range's start and end, then of each related range's. */
  anchorsOf: number[][];
  diagnostics: Diagnostic[];
}

const memos = new WeakMap<ModelSegment, Memo>();

/** What the memo reads of a text: a character here and there (a parted document is not joined for it). */
export type Characters = Pick<string, 'charCodeAt'>;

/** The segment's diagnostics of the last validation with these settings, moved to where their segments are now. */
export function reusedDiagnostics(
  document: TextDocument, text: Characters, model: MetabaseModel, segment: ModelSegment, settings: object,
): Diagnostic[] | undefined {
  const memo = memos.get(segment);
  if (!memo || memo.findings !== segment.findings || memo.keyFindings !== segment.keyFindings ||
    memo.crossFindings !== segment.crossFindings || memo.settings !== settings || memo.uri !== document.uri) return undefined;
  const lines: number[] = [];
  for (const { segment: s, at, before } of memo.anchors) {
    // An anchor read again by an update is another segment now: its old object's offsets are stale.
    if (model.segments[segmentAt(model, s.start)] !== s || text.charCodeAt(s.start - 1) !== before) return undefined;
    const now = document.positionAt(s.start);
    if (now.character !== at.character) return undefined;
    lines.push(now.line - at.line);
  }
  if (lines.every((l) => l === 0)) return memo.diagnostics;
  return memo.diagnostics.map((d, i) => {
    const [start, end, ...related] = memo.anchorsOf[i];
    const moved: Diagnostic = { ...d, range: shifted(d.range, lines[start], lines[end]) };
    if (d.relatedInformation) {
      moved.relatedInformation = d.relatedInformation.map((r, j) => ({
        ...r, location: { uri: r.location.uri, range: shifted(r.location.range, lines[related[2 * j]], lines[related[2 * j + 1]]) },
      }));
    }
    return moved;
  });
}

/**
 * Keeps the segment's diagnostics, made one for one from `findings` (offsets relative to the segment), for
 * the next validation. A segment kept by an update keeps its text, so a position in it moves with it.
 */
export function rememberDiagnostics(
  document: TextDocument, text: Characters, model: MetabaseModel, segment: ModelSegment, settings: object,
  diagnostics: Diagnostic[], findings: readonly StoredFinding[],
): void {
  if (findings.length > MAX_KEPT) return;
  const anchors: Anchor[] = [];
  const anchorOf = (relative: number): number => {
    const offset = segment.start + relative;
    // An offset is placed by the characters before it: it moves with the segment of the one just before.
    const s = model.segments[segmentAt(model, Math.max(0, offset - 1))];
    // At a segment's end, a CR before it and an LF after it make one line break: the next segment decides.
    if (offset > s.end || (offset === s.end && text.charCodeAt(offset - 1) === CR)) return -1;
    let i = anchors.findIndex((a) => a.segment === s);
    if (i < 0) i = anchors.push({ segment: s, at: document.positionAt(s.start), before: text.charCodeAt(s.start - 1) }) - 1;
    return i;
  };
  const anchorsOf: number[][] = [];
  for (const f of findings) {
    const offsets = [f.start, f.end, ...(f.related ?? []).flatMap((r) => [r.start, r.end])].map(anchorOf);
    if (offsets.includes(-1)) return;
    anchorsOf.push(offsets);
  }
  memos.set(segment, {
    findings: segment.findings, keyFindings: segment.keyFindings, crossFindings: segment.crossFindings, settings,
    uri: document.uri, anchors, anchorsOf, diagnostics,
  });
}

/** Drops what was kept of the segment's diagnostics (a validation that keeps no more). */
export function forgetDiagnostics(segment: ModelSegment): void {
  memos.delete(segment);
}

function shifted(range: Range, startLines: number, endLines: number): Range {
  return {
    start: { line: range.start.line + startLines, character: range.start.character },
    end: { line: range.end.line + endLines, character: range.end.character },
  };
}
