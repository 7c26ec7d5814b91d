// Where a completion is asked: in a tag's name, an attribute's name, or an attribute's value. Read from
// the raw text, not from the model: the start tag being typed is broken (`<IIsWebVirtualDir ... Acc|`),
// which the scanner reports and leaves behind. IIS starts every key (and every key's end tag) at
// column 0 and indents everything else, so reading starts at the last line that starts with `<` before
// the cursor and goes forward, tolerant of names without values and values without closing quotes.

import { CR, GT, LF, LT, SLASH, isNameStart, isWhitespace, scanName, skipWhitespace } from '../xml/chars';
import { Quote } from '../xml/tree';

export interface LexAttribute {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Undefined when the name has no `=` and quote after it (yet). */
  quote?: Quote;
  /** Between the quotes; a value whose closing quote is missing ends where the tag's reading stopped. */
  valueStart: number;
  valueEnd: number;
}

export interface LexTag {
  name: string;
  /** The `<`. */
  start: number;
  nameEnd: number;
  attributes: LexAttribute[];
  /** One past its `>` or `/>`, or where its reading stopped (a `<`, the end of the text). */
  end: number;
  closed: boolean;
  selfClosing: boolean;
  /** A metabase key's start tag: an element directly under <MBProperty>. */
  key: boolean;
}

export type Place =
  /** In an element name right after `<`: [start, end) is the name typed so far (and after the cursor). */
  | { kind: 'tagName'; start: number; end: number; key: boolean; tag: LexTag }
  /** On an attribute name, or in white space of a start tag where one may begin ([start, end) empty). */
  | { kind: 'attributeName'; tag: LexTag; start: number; end: number; hasValue: boolean }
  | { kind: 'value'; tag: LexTag; attribute: LexAttribute };

/** The elements whose children are not keys themselves but lead to them. */
const CONTAINERS = new Set(['configuration', 'MBProperty']);

export function placeAt(text: string, offset: number): Place | undefined {
  let pos = readingStart(text, offset);
  let depth = 0;
  while (pos < offset) {
    if (text.charCodeAt(pos) !== LT) {
      const lt = text.indexOf('<', pos);
      if (lt < 0 || lt >= offset) return undefined;
      pos = lt;
      continue;
    }
    const next = text.charCodeAt(pos + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const close = text.startsWith('<!--', pos) ? text.indexOf('-->', pos + 4) + 3 : text.indexOf('>', pos + 2) + 1;
      if (close <= 0 || close > offset) return undefined;
      pos = close;
    } else if (next === SLASH) {
      const gt = text.indexOf('>', pos);
      if (gt < 0 || gt >= offset) return undefined;
      depth = Math.max(0, depth - 1);
      pos = gt + 1;
    } else {
      const tag = readTag(text, pos, depth === 0 && !CONTAINERS.has(text.slice(pos + 1, scanName(text, pos + 1))));
      if (offset < tag.end || (!tag.closed && offset === tag.end)) return placeInTag(text, tag, offset);
      if (tag.closed && !tag.selfClosing && !CONTAINERS.has(tag.name)) depth++;
      pos = tag.end;
    }
  }
  return undefined;
}

/** The last `<` at the start of a line before `offset` (0 when there is none). */
function readingStart(text: string, offset: number): number {
  for (let i = offset - 2; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if ((c === LF || c === CR) && text.charCodeAt(i + 1) === LT) return i + 1;
  }
  return 0;
}

function placeInTag(text: string, tag: LexTag, offset: number): Place | undefined {
  if (offset <= tag.nameEnd) return { kind: 'tagName', start: tag.start + 1, end: tag.nameEnd, key: tag.key, tag };
  for (const attribute of tag.attributes) {
    if (offset >= attribute.nameStart && offset <= attribute.nameEnd) {
      return { kind: 'attributeName', tag, start: attribute.nameStart, end: attribute.nameEnd, hasValue: attribute.quote !== undefined };
    }
    if (attribute.quote !== undefined && offset >= attribute.valueStart && offset <= attribute.valueEnd) return { kind: 'value', tag, attribute };
  }
  if (isWhitespace(text.charCodeAt(offset - 1))) {
    return { kind: 'attributeName', tag, start: offset, end: offset, hasValue: false };
  }
  return undefined;
}

/** Reads a start tag from its `<`, as far as it goes. */
function readTag(text: string, start: number, key: boolean): LexTag {
  const nameEnd = scanName(text, start + 1);
  const tag: LexTag = { name: text.slice(start + 1, nameEnd), start, nameEnd, attributes: [], end: text.length, closed: false, selfClosing: false, key };
  let i = nameEnd;
  while (i < text.length) {
    i = skipWhitespace(text, i);
    const c = text.charCodeAt(i);
    if (c === GT || (c === SLASH && text.charCodeAt(i + 1) === GT)) {
      tag.closed = true;
      tag.selfClosing = c === SLASH;
      tag.end = i + (c === SLASH ? 2 : 1);
      return tag;
    }
    if (c === LT || !isNameStart(c)) {
      tag.end = i;
      return tag;
    }
    const attrEnd = scanName(text, i);
    const attribute: LexAttribute = { name: text.slice(i, attrEnd), nameStart: i, nameEnd: attrEnd, valueStart: -1, valueEnd: -1 };
    tag.attributes.push(attribute);
    i = skipWhitespace(text, attrEnd);
    if (text.charCodeAt(i) !== 0x3d /* = */) continue;
    i = skipWhitespace(text, i + 1);
    const q = text[i];
    if (q !== '"' && q !== "'") continue;
    attribute.quote = q;
    attribute.valueStart = i + 1;
    const close = text.indexOf(q, i + 1);
    const lt = text.indexOf('<', i + 1);
    if (close < 0 || (lt >= 0 && lt < close)) {
      // An unclosed value: it runs to the next tag (a raw `<` cannot be in a value).
      attribute.valueEnd = tag.end = lt < 0 ? text.length : lt;
      return tag;
    }
    attribute.valueEnd = close;
    i = close + 1;
  }
  return tag;
}
