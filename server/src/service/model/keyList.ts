// The keys of a whole metabase text, read once, for the tools that look at a file as a whole (the semantic
// diff, the export). Only what locates a key is kept (type, Location, segment); its properties are decoded
// on demand by reading its segment again, so two 45 MB files cost a few numbers per key, not their values.

import { DecodedText } from '../xml/entities';
import { scanSegment } from '../xml/scanner';
import { Element, INITIAL_STATE, ScanState } from '../xml/tree';
import { SchemaFacts } from '../schema';
import { attributeValue } from './key';
import { splitMultisz } from './multisz';
import { normalLocation } from './summary';

export interface ListedKey {
  /** The element name: the key type. */
  type: string;
  /** The Location as written (decoded); '' when the key has none. */
  location: string;
  /** The Location as keys are compared (normalLocation): case folded, no trailing '/'. */
  norm: string;
  start: number;
  end: number;
  before: ScanState;
}

export interface XmlProblem {
  start: number;
  end: number;
  message: string;
}

export interface KeyList {
  keys: ListedKey[];
  /** The first well-formedness fault, when the text is not well-formed. */
  fault?: XmlProblem;
}

export function listKeys(text: string): KeyList {
  const keys: ListedKey[] = [];
  let fault: XmlProblem | undefined;
  let state = INITIAL_STATE;
  for (let pos = 0; pos < text.length;) {
    const segment = scanSegment(text, pos, state);
    fault ??= segment.faults.find((f) => f.rule === 'xml-not-well-formed');
    const key = segment.key;
    if (key) {
      const attribute = key.attributes.find((a) => a.name === 'Location');
      const location = attribute ? attributeValue(text, attribute) : '';
      keys.push({ type: key.name, location, norm: normalLocation(location), start: segment.start, end: segment.end, before: segment.before });
    }
    pos = segment.end;
    state = segment.after;
  }
  return { keys, fault };
}

/** A property of a key, decoded. */
export interface KeyProperty {
  /** The attribute name, or for a `<Custom>` the schema's name of its ID (else its Name, else `ID <id>`). */
  name: string;
  value: string;
  /** The items of a list (MULTISZ) value, indentation removed. */
  items?: string[];
  /** For a `<Custom>`: its ID, Type, UserType and Attributes as written. */
  custom?: { id: string; type: string; userType: string; attributes: string };
}

const LIST_TYPES: ReadonlySet<string> = new Set(['MULTISZ', 'MIMEMAP']);

/** The key's element, read again from the text. */
export function keyElement(text: string, key: ListedKey): Element {
  return scanSegment(text, key.start, key.before).key!;
}

/** Every property of the key but Location, in document order (attributes, then `<Custom>` children). */
export function keyProperties(text: string, key: ListedKey, facts: SchemaFacts): KeyProperty[] {
  const element = keyElement(text, key);
  const properties: KeyProperty[] = [];
  for (const a of element.attributes) {
    if (a.name === 'Location') continue;
    const value = attributeValue(text, a);
    const type = facts.property(a.name)?.type;
    const list = type ? LIST_TYPES.has(type) : /[\r\n]/.test(value);
    properties.push({ name: a.name, value, items: list ? itemsOf(text, a.valueStart, a.valueEnd) : undefined });
  }
  for (const child of element.children) {
    if (child.name !== 'Custom') continue;
    const read = (name: string) => {
      const a = child.attributes.find((x) => x.name === name);
      return a ? attributeValue(text, a) : '';
    };
    const id = read('ID').trim();
    const valueAttribute = child.attributes.find((x) => x.name === 'Value');
    const type = read('Type');
    const name = facts.propertyById(Number(id))?.name ?? (read('Name') || `ID ${id}`);
    properties.push({
      name, value: read('Value'),
      items: valueAttribute && LIST_TYPES.has(type.trim().toUpperCase()) ? itemsOf(text, valueAttribute.valueStart, valueAttribute.valueEnd) : undefined,
      custom: { id, type, userType: read('UserType'), attributes: read('Attributes') },
    });
  }
  return properties;
}

function itemsOf(text: string, start: number, end: number): string[] {
  return splitMultisz(text, start, end).map((item) => item.value.text);
}

/** The site a Location belongs to (`/LM/W3SVC/1` for `/LM/W3SVC/1/ROOT/app`), normalised; undefined outside a site. */
export function siteOf(norm: string): string | undefined {
  return /^\/lm\/(?:w3svc|msftpsvc)\/\d+(?=\/|$)/.exec(norm)?.[0];
}

/** The ServerComment of every site key (IIsWebServer, IIsFtpServer), by normalised Location. */
export function siteNames(text: string, keys: readonly ListedKey[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const key of keys) {
    if (key.type !== 'IIsWebServer' && key.type !== 'IIsFtpServer') continue;
    const comment = keyElement(text, key).attributes.find((a) => a.name === 'ServerComment');
    if (comment && !names.has(key.norm)) names.set(key.norm, DecodedText.decode(text, comment.valueStart, comment.valueEnd).text);
  }
  return names;
}
