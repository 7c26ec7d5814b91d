// What navigation reads of the keys: each key's element and Location, and the values that name other keys
// (AppPoolId names a pool, AppRoot a key's path), from the model's summaries and the text. No segment is
// scanned again, so every feature here stays linear in the document.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';
import { ModelSegment, segmentAt } from '../model/document';
import { KeySummary, TextCharacters, TextRanges, foldCase, normalLocation } from '../model/summary';
import { MetabaseModel, rangeOf } from '../languageService';
import { SchemaFacts } from '../schema';
import { DecodedText } from '../xml/entities';
import { Quote } from '../xml/tree';

/** A segment that holds a key (complete, or as far as its start tag was read). */
export type KeySegment = ModelSegment & { key: KeySummary };

/** Where application pools live, normalised as the key index compares Locations. */
export const POOLS = '/lm/w3svc/apppools';

export interface Span {
  start: number;
  end: number;
}

/** One attribute of a key: name and raw value, offsets in the document. */
export interface AttributeSpan {
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

export function isKey(segment: ModelSegment): segment is KeySegment {
  return segment.key !== undefined;
}

/** The key element: from its `<` to its end (the segment less the white space after it). */
export function keySpan(text: TextCharacters, segment: KeySegment): Span {
  const start = keyStart(segment);
  let end = segment.end;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** Where the key element starts: its `<` (no character read). */
export function keyStart(segment: KeySegment): number {
  return segment.start + segment.key.start;
}

/** The element name, after the `<`. */
export function nameSpan(segment: KeySegment): Span {
  return { start: segment.start + segment.key.start + 1, end: segment.start + segment.key.nameEnd };
}

/** The raw Location value, between its quotes; undefined for a key without one. */
export function locationSpan(segment: KeySegment): Span | undefined {
  const location = segment.key.location;
  return location && { start: segment.start + location.start, end: segment.start + location.end };
}

/** What names a key in the outline and in links: its Location value, else its element name. */
export function selectionSpan(segment: KeySegment): Span {
  return locationSpan(segment) ?? nameSpan(segment);
}

export function range(document: TextDocument, span: Span): Range {
  return rangeOf(document, span.start, span.end);
}

/** The attributes of a key but Location, in document order. */
export function* attributes(segment: KeySegment): Generator<AttributeSpan> {
  const a = segment.key.attributes;
  const base = segment.start;
  for (let i = 0; i < a.length; i += 4) {
    yield { nameStart: base + a[i], nameEnd: base + a[i + 1], valueStart: base + a[i + 2], valueEnd: base + a[i + 3] };
  }
}

export function isNamed(text: TextRanges, attribute: AttributeSpan, name: string): boolean {
  if (attribute.nameEnd - attribute.nameStart !== name.length) return false;
  return typeof text === 'string' ? text.startsWith(name, attribute.nameStart) : text.slice(attribute.nameStart, attribute.nameEnd) === name;
}

export function attributeNamed(text: TextRanges, segment: KeySegment, name: string): AttributeSpan | undefined {
  for (const attribute of attributes(segment)) if (isNamed(text, attribute, name)) return attribute;
  return undefined;
}

export function decodedValue(text: string, attribute: AttributeSpan): DecodedText {
  return DecodedText.decode(text, attribute.valueStart, attribute.valueEnd);
}

/** The quote around a raw value that starts at `valueStart`. */
export function quoteOf(text: string, valueStart: number): Quote {
  return text[valueStart - 1] === "'" ? "'" : '"';
}

/** The key segment whose element holds `offset` (its ends included). */
export function keyAt(text: string, model: MetabaseModel, offset: number): KeySegment | undefined {
  if (model.segments.length === 0) return undefined;
  const segment = model.segments[segmentAt(model, offset)];
  if (!isKey(segment)) return undefined;
  const span = keySpan(text, segment);
  return offset >= span.start && offset <= span.end ? segment : undefined;
}

export function within(offset: number, span: Span): boolean {
  return offset >= span.start && offset <= span.end;
}

/** A value that names a key: an AppPoolId (a pool by name) or an AppRoot (a path). */
export interface KeyLink {
  kind: 'AppPoolId' | 'AppRoot';
  segment: KeySegment;
  value: AttributeSpan;
  /** The Location it names, normalised as the key index compares them. */
  target: string;
}

/** The link an attribute of a key makes, if it is an AppPoolId or an AppRoot. */
export function linkOf(text: string, segment: KeySegment, attribute: AttributeSpan): KeyLink | undefined {
  const kind = isNamed(text, attribute, 'AppPoolId') ? 'AppPoolId' : isNamed(text, attribute, 'AppRoot') ? 'AppRoot' : undefined;
  if (!kind) return undefined;
  const value = decodedValue(text, attribute).text;
  const target = kind === 'AppPoolId' ? `${POOLS}/${foldCase(value.trim())}` : normalLocation(value);
  return { kind, segment, value: attribute, target };
}

/** Every AppPoolId and AppRoot of the document, in document order. */
export function* links(text: string, model: MetabaseModel): Generator<KeyLink> {
  for (const segment of model.segments) {
    if (!isKey(segment) || segment.key.attributes.length === 0) continue;
    for (const attribute of attributes(segment)) {
      const link = linkOf(text, segment, attribute);
      if (link) yield link;
    }
  }
}

/** The first key at a normalised Location, as the index holds it. */
export function firstKeyAt(model: MetabaseModel, location: string): KeySegment | undefined {
  const first = model.index.keysAt(location)[0];
  return first && isKey(first) ? first : undefined;
}

/**
 * Whether a property's value is a list, one item per line: MULTISZ and MIMEMAP properties, and properties
 * the schema does not know (a <Custom> of an unknown ID, such as IIS's own MD_METADATA_ID_REGISTRATION).
 */
export function isListType(type: string | undefined): boolean {
  return type === undefined || type === 'MULTISZ' || type === 'MIMEMAP';
}

/** The schema type of a <Custom>'s property by its ID (offsets relative to `base`); undefined for an unknown or missing ID. */
export function customType(text: TextRanges, facts: SchemaFacts, base: number, idStart: number, idEnd: number): string | undefined {
  if (idStart < 0) return undefined;
  const id = Number(text.slice(base + idStart, base + idEnd).trim());
  return Number.isInteger(id) ? facts.propertyById(id)?.type : undefined;
}

export function spansLines(text: TextRanges, start: number, end: number): boolean {
  return /[\r\n]/.test(text.slice(start, end));
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
