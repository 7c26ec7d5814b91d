// An open document's text at one version, never changed afterwards. vscode-languageserver-textdocument's
// update changes its document in place, text, line table and version together: a model built from a
// document would then describe an older text than the one it holds, and a request answered from it would
// read the new text with the old model's offsets. An edit here gives a new document; the line table is
// carried over, shifted past the edit, and only the lines the edit touched are read again.
//
// An edit copies no text: the new document holds pieces (slices of the old text, which V8 shares, and the
// inserted text) and answers positions, characters and slices from them and its line table. An update of
// the model reads a window around the edit (see PartedText); the text is joined into one string only when
// something reads it whole (a check across keys that quotes another key, a request): at most once per
// version. Joining a 45 MB text costs 35-60 ms here (fresh memory for a new string), which an edit that
// joined would pay per keystroke.

import { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, firstAbove } from './lineIndex';

const LF = 10;
const CR = 13;

/** More pieces than this after an edit: the text is joined at once (each edit copies the list of pieces). */
const MAX_PIECES = 256;

export class FrozenDocument implements TextDocument {
  private constructor(
    readonly uri: string, readonly languageId: string, readonly version: number,
    /** The text, or the pieces it is made of until it is read as one string. */
    private content: string | Pieces,
    /** The offset of each line's first character; computed on first use. */
    private lines: LineIndex | undefined,
  ) {}

  static create(uri: string, languageId: string, version: number, content: string): FrozenDocument {
    return new FrozenDocument(uri, languageId, version, content, undefined);
  }

  /** The same text at another version. */
  withVersion(version: number): FrozenDocument {
    return new FrozenDocument(this.uri, this.languageId, version, this.content, this.lines);
  }

  /** The text with [start, end) replaced by `text` (offsets within the text, start ≤ end). */
  edited(start: number, end: number, text: string, version: number): FrozenDocument {
    const pieces = (typeof this.content === 'string' ? Pieces.of(this.content) : this.content).spliced(start, end, text);
    const content = pieces.count > MAX_PIECES ? pieces.join() : pieces;
    const old = this.lines;
    if (!old) return new FrozenDocument(this.uri, this.languageId, version, content, undefined);
    // Whether a position starts a line depends on the characters before and at it: the positions from the
    // edit's start to its end (inclusive) in the new text are read again; those after keep their status.
    const after = start + text.length;
    const code = (p: number) => (p < start ? this.code(p) : p < after ? text.charCodeAt(p - start) : this.code(p - after + end));
    const from = Math.max(1, start);
    const added: number[] = [];
    for (let p = from; p <= after; p++) if (startsLine(code, p)) added.push(p);
    const lines = old.edited(from, end, added, text.length - (end - start));
    return new FrozenDocument(this.uri, this.languageId, version, content, lines);
  }

  /** The length of the text, known without joining it. */
  get length(): number {
    return this.content.length;
  }

  /** The characters [start, end) of the text, read without joining the pieces (see PartedText). */
  slice(start: number, end: number): string {
    return this.content.slice(start, end);
  }

  /** The code of the character at `offset`, as String's (NaN outside the text), read without joining the pieces. */
  charCodeAt(offset: number): number {
    return this.content.charCodeAt(offset);
  }

  get lineCount(): number {
    return this.lineStarts().lineCount;
  }

  getText(range?: Range): string {
    if (typeof this.content !== 'string') this.content = this.content.join();
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  // positionAt, offsetAt, getLineRange and getEOLCharacters answer as vscode-languageserver-textdocument's do.

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const lines = this.lineStarts();
    const line = lines.countAtMost(offset) - 1;
    const lineStart = lines.start(line);
    return { line, character: this.beforeLineBreak(offset, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const lines = this.lineStarts();
    if (position.line >= lines.lineCount) return this.content.length;
    if (position.line < 0) return 0;
    const lineStart = lines.start(position.line);
    if (position.character <= 0) return lineStart;
    const next = this.lineEnd(position.line);
    return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const lines = this.lineStarts();
    if (line >= lines.lineCount) {
      const last = lines.lineCount - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - lines.start(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const lineStart = lines.start(line);
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(this.lineEnd(line), lineStart) - lineStart } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lineStarts();
    if (line >= lines.lineCount || line < 0) return '';
    const next = this.lineEnd(line);
    let eol = '';
    for (let p = this.beforeLineBreak(next, lines.start(line)); p < next; p++) eol += String.fromCharCode(this.code(p));
    return eol;
  }

  private lineStarts(): LineIndex {
    return (this.lines ??= LineIndex.of(lineStartsOf(this.getText())));
  }

  /** Where the next line starts (the end of the text after the last line). */
  private lineEnd(line: number): number {
    const lines = this.lineStarts();
    return line + 1 < lines.lineCount ? lines.start(line + 1) : this.content.length;
  }

  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.code(offset - 1))) offset--;
    return offset;
  }

  /** The character code at `offset`, read without joining the pieces. */
  private code(offset: number): number {
    return this.content.charCodeAt(offset);
  }
}

/** A text as a list of strings, read in place: an edit makes a new list and copies no text. */
class Pieces {
  private constructor(
    private readonly parts: readonly string[],
    /** The offset in the text where each part ends. */
    private readonly ends: readonly number[],
  ) {}

  static of(text: string): Pieces {
    return new Pieces([text], [text.length]);
  }

  get count(): number {
    return this.parts.length;
  }

  get length(): number {
    return this.ends.length ? this.ends[this.ends.length - 1] : 0;
  }

  /** The code of the character at `offset` (NaN outside the text, as String's). */
  charCodeAt(offset: number): number {
    const i = firstAbove(this.ends, offset);
    return i < this.parts.length ? this.parts[i].charCodeAt(offset - (i ? this.ends[i - 1] : 0)) : NaN;
  }

  /** The text with [start, end) replaced by `text`. */
  spliced(start: number, end: number, text: string): Pieces {
    const parts: string[] = [];
    const ends: number[] = [];
    const add = (part: string) => {
      if (part.length === 0) return;
      parts.push(part);
      ends.push((ends.length ? ends[ends.length - 1] : 0) + part.length);
    };
    const first = firstAbove(this.ends, start);
    for (let i = 0; i < first; i++) add(this.parts[i]);
    if (first < this.parts.length) add(this.parts[first].slice(0, start - (first ? this.ends[first - 1] : 0)));
    add(text);
    const last = firstAbove(this.ends, end);
    if (last < this.parts.length) add(this.parts[last].slice(end - (last ? this.ends[last - 1] : 0)));
    for (let i = last + 1; i < this.parts.length; i++) add(this.parts[i]);
    return new Pieces(parts, ends);
  }

  join(): string {
    return this.parts.join('');
  }

  /** The characters [start, end), as String's slice: the parts they lie in, cut and joined (a window, not the whole text). */
  slice(start: number, end = this.length): string {
    const length = this.length;
    // A negative offset counts from the end, as String's.
    start = start < 0 ? Math.max(length + start, 0) : Math.min(start, length);
    end = end < 0 ? Math.max(length + end, 0) : Math.min(end, length);
    if (start >= end) return '';
    const out: string[] = [];
    for (let i = firstAbove(this.ends, start); i < this.parts.length; i++) {
      const partStart = i ? this.ends[i - 1] : 0;
      if (partStart >= end) break;
      out.push(this.parts[i].slice(Math.max(start, partStart) - partStart, Math.min(end, this.ends[i]) - partStart));
    }
    return out.join('');
  }
}

/**
 * The offset of each line's first character. indexOf finds line breaks many times faster than reading every
 * character (a 45 MB metabase of a million lines: 3-4 times faster): the LFs and the CRs are found in two interleaved
 * searches, and a CR right before an LF ends no line of its own.
 */
function lineStartsOf(text: string): Uint32Array {
  // Into a typed array that grows by doubling: an array of a million numbers, copied at the end, was garbage.
  let starts = new Uint32Array(1024);
  let n = 1;
  const push = (start: number) => {
    if (n === starts.length) {
      const grown = new Uint32Array(n * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[n++] = start;
  };
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      if (cr + 1 !== lf) push(cr + 1);
      cr = text.indexOf('\r', cr + 1);
    } else {
      push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return starts.slice(0, n);
}

/** Whether a line starts at `p` (> 0): after an LF, or after a CR that no LF follows. */
function startsLine(code: (offset: number) => number, p: number): boolean {
  const before = code(p - 1);
  return before === LF || (before === CR && code(p) !== LF);
}

function isLineBreak(code: number): boolean {
  return code === LF || code === CR;
}

