// What the model keeps of each key between edits: its type, its Location (decoded, with its range) and
// the ranges of its properties, offsets relative to the key's segment. A 45 MB metabase has 100,000 keys
// and a million properties: property names and values are read from the text on demand, never kept.

import { DecodedText } from '../xml/entities';
import { Element } from '../xml/tree';
import { detach, interner } from './detach';

export interface LocationSummary {
  /** The decoded value, normalised (see normalLocation): what the key index compares. As written: locationPath. */
  key: string;
  /** The raw value lies in [start, end), relative to the segment. */
  start: number;
  end: number;
}

export interface KeySummary {
  /** The element name: the key type. */
  type: string;
  /** The `<` of the start tag and the end of the element name, relative to the segment. */
  start: number;
  nameEnd: number;
  /** One past the start tag's `>`; -1 when the start tag broke off (the summary holds what was read before the fault). */
  tagEnd: number;
  location?: LocationSummary;
  /** Four numbers per attribute but Location: name start and end, raw value start and end. */
  attributes: number[];
  /** Six numbers per `<Custom>` child: its start and end, the raw ID value's range, the raw Value's range (-1 when missing). */
  customs: number[];
}

export interface PropertyRange {
  name: string;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

export function summarize(text: string, base: number, element: Element, complete: boolean): KeySummary {
  // Sized up front: summaries live as long as their keys, and an array grown by pushes keeps spare room.
  const attributes: number[] = new Array<number>(element.attributes.length * 4);
  let n = 0;
  let location: LocationSummary | undefined;
  for (const a of element.attributes) {
    if (a.name === 'Location' && !location) {
      const decoded = DecodedText.decode(text, a.valueStart, a.valueEnd).text;
      const key = normalLocation(decoded);
      // A normalised value that equals the decoded one may be a slice of the document: copy it.
      location = { key: key === decoded ? detach(key) : key, start: a.valueStart - base, end: a.valueEnd - base };
    } else {
      attributes[n++] = a.nameStart - base;
      attributes[n++] = a.nameEnd - base;
      attributes[n++] = a.valueStart - base;
      attributes[n++] = a.valueEnd - base;
    }
  }
  attributes.length = n;
  const customs: number[] = [];
  for (const child of element.children) {
    if (child.name !== 'Custom') continue;
    const id = child.attributes.find((a) => a.name === 'ID');
    const value = child.attributes.find((a) => a.name === 'Value');
    customs.push(
      child.start - base, child.end - base,
      id ? id.valueStart - base : -1, id ? id.valueEnd - base : -1,
      value ? value.valueStart - base : -1, value ? value.valueEnd - base : -1,
    );
  }
  const tagEnd = complete ? tagEndOf(text, element) - base : -1;
  return { type: intern(element.name), start: element.start - base, nameEnd: element.nameEnd - base, tagEnd, location, attributes, customs };
}

/** Locations compare ignoring case as IIS does (see foldCase), and a trailing '/' names the same key. */
export function normalLocation(path: string): string {
  const folded = foldCase(path);
  return folded.length > 1 && folded.endsWith('/') ? folded.replace(/\/+$/, '') || '/' : folded;
}

/**
 * IIS upper-cases a Location one UTF-16 unit at a time (RtlUpcaseUnicodeChar, one unit to one), so two
 * units are the same when their upper cases are: KELVIN SIGN is not 'k', 'ß' (upper case "SS") is only
 * itself, a surrogate pair is compared as written. Each unit becomes the lower case of its upper case
 * when that leads back to it (ASCII reads as toLowerCase gives it), else its upper case; the length is kept.
 */
export function foldCase(text: string): string {
  // Nearly every Location is ASCII, where toLowerCase is the same (one native scan costs less than a loop).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  // ASCII letters after the others: a folded unit may be an ASCII letter, in lower case already.
  return text.replace(NON_ASCII_UNITS, foldUnit).replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

const NON_ASCII = /[^\0-\x7f]/;
const NON_ASCII_UNITS = /[^\0-\x7f]/g;

function foldUnit(unit: string): string {
  const upper = unit.toUpperCase();
  if (upper.length !== 1) return unit;
  const lower = upper.toLowerCase();
  return lower.length === 1 && lower.toUpperCase() === upper ? lower : upper;
}

/** A key's Location as written, decoded (`base` is the segment's start). */
export function locationPath(text: TextRanges, base: number, key: KeySummary): string | undefined {
  return key.location && decodedIn(text, base + key.location.start, base + key.location.end);
}

/** The raw text [start, end) of an attribute value, decoded. */
export function decodedIn(text: TextRanges, start: number, end: number): string {
  if (typeof text === 'string') return DecodedText.decode(text, start, end).text;
  const raw = text.slice(start, end);
  return DecodedText.decode(raw, 0, raw.length).text;
}

/** A text read by ranges: a string, or a document kept in parts that is not joined for a few characters. */
export interface TextRanges {
  slice(start: number, end: number): string;
}

/** The same, read a character at a time too. */
export interface TextCharacters extends TextRanges {
  charCodeAt(offset: number): number;
}

/** The properties of a key as attributes, names read from the text (`base` is the segment's start). */
export function propertyRanges(text: string, base: number, key: KeySummary): PropertyRange[] {
  const ranges: PropertyRange[] = [];
  const a = key.attributes;
  for (let i = 0; i < a.length; i += 4) {
    ranges.push({
      name: text.slice(base + a[i], base + a[i + 1]), nameStart: base + a[i], nameEnd: base + a[i + 1],
      valueStart: base + a[i + 2], valueEnd: base + a[i + 3],
    });
  }
  return ranges;
}

/** The `>` that ends a start tag: after its last attribute's closing quote (or its name). */
function tagEndOf(text: string, element: Element): number {
  const last = element.attributes[element.attributes.length - 1];
  const gt = text.indexOf('>', last ? last.valueEnd + 1 : element.nameEnd);
  return gt < 0 ? text.length : gt + 1;
}

/** One string per key type name: element names are slices of the document, which would keep every old version of it alive. */
const intern = interner(4096);
