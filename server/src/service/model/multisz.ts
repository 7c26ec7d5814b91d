// MULTISZ values: one item per physical line of the raw attribute value. An XML parser would turn the line
// breaks into spaces (attribute-value normalisation), so items are cut from the raw text, and each item
// keeps the raw offset of every character, entities included.

import { DecodedText } from '../xml/entities';

export interface MultiszItem {
  /** The item as IIS reads it: the line without its indentation, references decoded. */
  value: DecodedText;
  /** Raw offset of the line's first character (before the indentation). */
  lineStart: number;
  /** Raw range of the item's content (after the indentation). */
  start: number;
  end: number;
}

/** Splits the raw value [start, end) on CR, LF and CRLF. */
export function splitMultisz(text: string, start: number, end: number): MultiszItem[] {
  const items: MultiszItem[] = [];
  // Native searches over the value alone (a slice costs nothing) rather than a loop over its characters.
  const value = text.slice(start, end);
  let lf = value.indexOf('\n');
  let cr = value.indexOf('\r');
  let lineStart = start;
  for (;;) {
    if (lf >= 0 && lf < lineStart - start) lf = value.indexOf('\n', lineStart - start);
    if (cr >= 0 && cr < lineStart - start) cr = value.indexOf('\r', lineStart - start);
    const next = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    const lineEnd = next < 0 ? end : start + next;
    let contentStart = lineStart;
    while (contentStart < lineEnd && isIndent(text.charCodeAt(contentStart))) contentStart++;
    items.push({ value: DecodedText.decode(text, contentStart, lineEnd), lineStart, start: contentStart, end: lineEnd });
    if (lineEnd >= end) return items;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a && lineEnd + 1 < end ? 2 : 1);
  }
}

function isIndent(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
