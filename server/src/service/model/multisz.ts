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
  let lineStart = start;
  for (;;) {
    let lineEnd = lineStart;
    while (lineEnd < end) {
      const c = text.charCodeAt(lineEnd);
      if (c === 0x0a || c === 0x0d) break;
      lineEnd++;
    }
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
