// MULTISZ values: one item per line of the attribute value. An XML parser would turn the line breaks into
// spaces (attribute-value normalisation), so items are cut from the raw text, and each item keeps the raw
// offset of every character, entities included. A line break may be written raw or as a character
// reference (`&#10;`, `&#xD;`, `&#13;&#10;`, a raw CR then `&#10;`...): after decoding it is a line
// break, so it separates items exactly as a raw one does.

import { DecodedText } from '../xml/entities';

/** How the line break after an item is written, decoded: a lone CR, a lone LF, or CR then LF. */
export type LineBreak = 'cr' | 'lf' | 'crlf';

export interface Span {
  start: number;
  end: number;
}

/** A field of an item: a range of the item's decoded text, and that text. */
export interface Field extends Span {
  text: string;
}

export interface MultiszItem {
  /** The item as IIS reads it: the line without its indentation, references decoded. */
  value: DecodedText;
  /** Position of the line in the list (blank lines count). */
  index: number;
  /** Raw offset of the line's first character (before the indentation). */
  lineStart: number;
  /** Raw range of the item's content (after the indentation). */
  start: number;
  end: number;
  /** The line break that ends the line; undefined for the last line. */
  lineBreak?: LineBreak;
}

// A CR (raw or referenced) optionally followed by an LF, or a lone LF. Upper-case X is not XML, but such a
// value is reported as not well-formed before any rule reads it.
const CR = String.raw`\r|&#0*13;|&#[xX]0*[dD];`;
const LF = String.raw`\n|&#0*10;|&#[xX]0*[aA];`;
const LINE_BREAK = new RegExp(`(${CR})(${LF})?|${LF}`, 'g');
/** A CR, raw or referenced, at the end of a text; an LF at its start. */
export const ENDS_WITH_CR = new RegExp(`(?:${CR})$`);
export const STARTS_WITH_LF = new RegExp(`^(?:${LF})`);
const LINE_BREAK_AT = new RegExp(`^(?:${CR}|${LF})`);

/** An item of white space only: a blank item, which ends a MULTISZ list for IIS. */
export function isBlank(item: MultiszItem): boolean {
  return item.value.text.trim() === '';
}

/** The lines of a list before its first blank item: the items IIS surely reads. */
export function beforeBlank(lines: MultiszItem[]): MultiszItem[] {
  const blank = lines.findIndex(isBlank);
  return blank < 0 ? lines : lines.slice(0, blank);
}

/** Splits the raw value [start, end) on line breaks, raw or written as character references. */
export function splitMultisz(text: string, start: number, end: number): MultiszItem[] {
  // One native search over the value alone (a slice costs nothing) rather than a loop over its characters.
  const value = text.slice(start, end);
  // Without a character reference every line break is raw (`&quot;` and the like may still be in items).
  if (value.indexOf('&#') < 0) return splitRaw(text, value, start, end, value.indexOf('&') >= 0);
  const items: MultiszItem[] = [];
  LINE_BREAK.lastIndex = 0;
  let lineStart = start;
  for (;;) {
    const match = LINE_BREAK.exec(value);
    const lineEnd = match ? start + match.index : end;
    const contentStart = indented(text, start, lineStart, lineEnd);
    const lineBreak: LineBreak | undefined = !match ? undefined : match[1] === undefined ? 'lf' : match[2] === undefined ? 'cr' : 'crlf';
    items.push({ value: DecodedText.decode(text, contentStart, lineEnd), index: items.length, lineStart, start: contentStart, end: lineEnd, lineBreak });
    if (!match) return items;
    lineStart = lineEnd + match[0].length;
  }
}

/**
 * The first line break of the raw value `raw` that starts an item (not a blank line), as written (raw or
 * as character references), with the indentation after it: what a new item is put after, so that it is
 * written as the others are. Undefined for a value of one line.
 */
export function firstSeparator(raw: string): string | undefined {
  LINE_BREAK.lastIndex = 0;
  let fallback: string | undefined;
  for (let match = LINE_BREAK.exec(raw); match; match = LINE_BREAK.exec(raw)) {
    let end = match.index + match[0].length;
    while (end < raw.length && isIndent(raw.charCodeAt(end))) end++;
    const separator = raw.slice(match.index, end);
    LINE_BREAK.lastIndex = end;
    if (!LINE_BREAK_AT.test(raw.slice(end, end + 16)) && end < raw.length) return separator;
    fallback ??= separator;
  }
  return fallback;
}

/** The same for a value without character references (most): raw line breaks only, found by indexOf. */
function splitRaw(text: string, value: string, start: number, end: number, entities: boolean): MultiszItem[] {
  const items: MultiszItem[] = [];
  forEachRawLine(text, value, start, end, (lineStart, contentStart, lineEnd, lineBreak) => {
    const decoded = entities ? DecodedText.decode(text, contentStart, lineEnd) : DecodedText.plain(text.slice(contentStart, lineEnd), contentStart);
    items.push({ value: decoded, index: items.length, lineStart, start: contentStart, end: lineEnd, lineBreak });
  });
  return items;
}

/**
 * Calls `line` with each line of the raw value [start, end) of `text` (`value` is that slice) split on raw
 * line breaks only, found by indexOf: its start, the start of its content (after the indentation), its end
 * and the line break after it. For a value without character references, and for readers that make no
 * item objects of lines they find in a memo.
 */
export function forEachRawLine(
  text: string, value: string, start: number, end: number,
  line: (lineStart: number, contentStart: number, lineEnd: number, lineBreak: LineBreak | undefined) => void,
): void {
  let lf = value.indexOf('\n');
  let cr = value.indexOf('\r');
  let lineStart = start;
  for (;;) {
    const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(cr, lf);
    const lineEnd = at < 0 ? end : start + at;
    const lineBreak: LineBreak | undefined = at < 0 ? undefined : at === lf ? 'lf' : lf === at + 1 ? 'crlf' : 'cr';
    line(lineStart, indented(text, start, lineStart, lineEnd), lineEnd, lineBreak);
    if (at < 0) return;
    const next = at + (lineBreak === 'crlf' ? 2 : 1);
    lineStart = start + next;
    if (lf >= 0 && lf < next) lf = value.indexOf('\n', next);
    if (cr >= 0 && cr < next) cr = value.indexOf('\r', next);
  }
}

/**
 * Where the content of the line [lineStart, lineEnd) of the value that starts at `start` begins: after its
 * indentation, which only follows a line break (IIS indents items 2..n with TABs). Before the first item
 * IIS writes none, so white space there is the item's, and its rules judge it.
 */
function indented(text: string, start: number, lineStart: number, lineEnd: number): number {
  return lineStart === start ? lineStart : skipIndent(text, lineStart, lineEnd);
}

function skipIndent(text: string, i: number, end: number): number {
  while (i < end && isIndent(text.charCodeAt(i))) i++;
  return i;
}

function isIndent(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Cuts an item's decoded text at `separator` into at most `limit` fields; the last one keeps the rest
 * (separators included), as a path or a description that may hold one.
 */
export function splitFields(text: string, separator: string, limit = Infinity): Field[] {
  const fields: Field[] = [];
  let start = 0;
  for (;;) {
    const at = fields.length + 1 < limit ? text.indexOf(separator, start) : -1;
    const end = at < 0 ? text.length : at;
    fields.push({ start, end, text: text.slice(start, end) });
    if (at < 0) return fields;
    start = at + separator.length;
  }
}

/** The document's line break, as its first line (the XML declaration's) ends; LF for a text of one line. */
export function documentLineBreak(text: string): string {
  const first = /\r\n?|\n/.exec(text.slice(0, 4096));
  return first ? first[0] : '\n';
}
