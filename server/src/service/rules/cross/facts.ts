// What the checks across keys read of one key: the few properties they compare with other keys' (ScriptMaps,
// AccessFlags, AppPoolId, AppRoot, the bindings, ServerAutoStart, WebSvcExtRestrictionList, IIs5IsolationModeEnabled), decoded once
// per key and kept while the key's segment is unchanged. Offsets are relative to the segment, so a key that
// an edit elsewhere only moved keeps its facts; `fingerprint` says whether a key read again kept them.

import { IndexedKey } from '../../model/keyIndex';
import { MetabaseKey } from '../../model/key';
import { beforeBlank, splitMultisz } from '../../model/multisz';
import { locationPath } from '../../model/summary';
import { SchemaFacts } from '../../schema';
import { DecodedText } from '../../xml/entities';
import { detach } from '../../model/detach';
import { customInherits } from '../../model/inheritance';
import { dwordOf } from '../properties/dword';
import { MAX_KEPT, MapItem, ScriptMapsReading, keep, program, readMapItems } from './mapItem';

export { MapItem };

export interface OwnValue {
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  /** The decoded value ('' for a list: its items are kept instead). */
  value: string;
  /** Whether keys below see it: the schema's INHERIT for an attribute, a `<Custom>`'s own Attributes for it. */
  inherit: boolean;
}

export interface ListItem {
  /** The item as compared with others' (trimmed; lower case where IIS ignores case). */
  text: string;
  start: number;
  end: number;
}

export interface Restriction {
  allowed: boolean;
  /** The path as written, trimmed, lower case. */
  path: string;
  /** The path as written, trimmed (messages quote it). */
  written: string;
  program: string;
}

export interface KeyFacts {
  /** The Location as written, decoded (messages quote it). */
  location?: string;
  scriptMaps?: OwnValue & { items: readonly MapItem[] };
  accessFlags?: OwnValue & { bits: number | undefined };
  appPoolId?: OwnValue;
  appRoot?: OwnValue;
  serverAutoStart?: OwnValue;
  serverBindings?: OwnValue & { items: ListItem[] };
  secureBindings?: OwnValue & { items: ListItem[] };
  /** `blank`: the list has a blank item (the entries after it are left out: IIS may not read them). */
  restrictions?: OwnValue & { entries: Restriction[]; blank: boolean };
  iis5Isolation?: OwnValue;
}

const NAMES = [
  'ScriptMaps', 'AccessFlags', 'AppPoolId', 'AppRoot', 'ServerAutoStart', 'ServerBindings', 'SecureBindings', 'WebSvcExtRestrictionList',
  'IIs5IsolationModeEnabled',
] as const;
type Name = (typeof NAMES)[number];
/** The places in NAMES of the names of each length (two at most). */
const BY_LENGTH: number[][] = Array.from({ length: Math.max(...NAMES.map((n) => n.length)) + 1 }, () => []);
NAMES.forEach((n, at) => BY_LENGTH[n.length].push(at));
const FIRSTS = NAMES.map((n) => n.charCodeAt(0));
const LISTS: ReadonlySet<Name> = new Set(['ScriptMaps', 'ServerBindings', 'SecureBindings']);

/**
 * The facts of a key (of a model's segment: `key.start` is the segment's start), read once and kept on the key
 * (a property, not a map by key: the checks ask for them several times per key).
 */
export function keyFacts(text: string | (() => string), key: IndexedKey, schema: SchemaFacts): KeyFacts {
  return (key.crossFacts as KeyFacts | undefined) ?? (key.crossFacts = readFacts(typeof text === 'string' ? text : text(), key, schema));
}

/**
 * Equal for two readings of a key exactly when its facts, type, Location (as written) and the offsets the
 * findings use are. With `text` the facts are read if need be; without, undefined when they never were.
 */
export function factsFingerprint(key: IndexedKey, text?: string, schema?: SchemaFacts): string | undefined {
  const facts = text !== undefined && schema ? keyFacts(text, key, schema) : key.crossFacts as KeyFacts | undefined;
  const summary = key.key;
  return facts && JSON.stringify([summary?.type, summary?.location?.start, summary?.location?.end, summary?.start, summary?.nameEnd, facts]);
}

/** The facts of a key read from its summary: for a key its rules did not read (see readKeyFacts). */
function readFacts(text: string, key: IndexedKey, schema: SchemaFacts): KeyFacts {
  const summary = key.key;
  const base = key.start;
  // The values by their name's place in NAMES (found by comparing in place, not by hashing a slice).
  const values = noValues();
  if (summary && summary.tagEnd >= 0) {
    const a = summary.attributes;
    for (let i = 0; i < a.length; i += 4) {
      // The name's length says which of the nine it can be (most attributes are none); a comparison in place which it is.
      const candidates = BY_LENGTH[a[i + 1] - a[i]];
      if (candidates === undefined) continue;
      let at = -1;
      // The first character rules most out without a call (startsWith on a long text is not free).
      const first = text.charCodeAt(base + a[i]);
      for (const c of candidates) if (first === FIRSTS[c] && text.startsWith(NAMES[c], base + a[i])) at = c;
      if (at >= 0 && !values[at]) values[at] = attributeValue(text, base, at, a[i], a[i + 1], a[i + 2], a[i + 3], schema);
    }
    const c = summary.customs;
    for (let i = 0; i < c.length; i += 6) {
      if (c[i + 2] < 0 || c[i + 4] < 0) continue;
      const id = DecodedText.decode(text, base + c[i + 2], base + c[i + 3]).text.trim();
      customValue(text, base, id, c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4], c[i + 5], schema, values);
    }
  }
  const location = summary && locationPath(text, base, summary);
  return factsOf(text, base, location, values, undefined, schema);
}

/**
 * The same facts, read by the key's rules from the key they read (`start`: its segment's start; the
 * attribute names are at hand, and the key's text is still in the processor's cache), with the items of its
 * ScriptMaps values as the ScriptMaps rules read them.
 */
export function readKeyFacts(text: string, start: number, key: MetabaseKey, schema: SchemaFacts, read: readonly ScriptMapsReading[] | undefined): KeyFacts {
  const values = noValues();
  for (const a of key.properties) {
    const candidates = BY_LENGTH[a.name.length];
    if (candidates === undefined) continue;
    let at = -1;
    for (const c of candidates) if (a.name === NAMES[c]) at = c;
    if (at >= 0 && !values[at]) values[at] = attributeValue(text, start, at, a.nameStart - start, a.nameEnd - start, a.valueStart - start, a.valueEnd - start, schema);
  }
  for (const custom of key.customs) {
    const { element, idAttribute: id, value } = custom;
    if (!id || !value) continue;
    customValue(text, start, custom.id, element.start - start, element.end - start, id.valueStart - start, id.valueEnd - start, value.valueStart - start, value.valueEnd - start, schema, values);
  }
  return factsOf(text, start, key.location, values, read, schema);
}

/** One slot per name of NAMES. */
function noValues(): Array<OwnValue | undefined> {
  return NO_VALUES.slice();
}

const NO_VALUES: ReadonlyArray<OwnValue | undefined> = NAMES.map(() => undefined);

function attributeValue(
  text: string, base: number, at: number, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, schema: SchemaFacts,
): OwnValue {
  const name = NAMES[at];
  return valueOf(text, base, nameStart, nameEnd, valueStart, valueEnd, LISTS.has(name), schema.property(name)?.inherit ?? false);
}

/** Puts the value of a `<Custom>` (`id`: its ID decoded and trimmed) in its slot, if it is one of NAMES and the slot is free. */
function customValue(
  text: string, base: number, id: string, start: number, end: number, idStart: number, idEnd: number, valueStart: number, valueEnd: number,
  schema: SchemaFacts, values: Array<OwnValue | undefined>,
): void {
  const name = /^\d+$/.test(id) ? schema.propertyById(Number(id))?.name as Name | undefined : undefined;
  const at = name ? NAMES.indexOf(name) : -1;
  if (at < 0 || values[at]) return;
  values[at] = valueOf(text, base, idStart, idEnd, valueStart, valueEnd, LISTS.has(NAMES[at]), customInherits(text, base + start, base + end));
}

function factsOf(
  text: string, base: number, location: string | undefined, values: Array<OwnValue | undefined>, read: readonly ScriptMapsReading[] | undefined,
  schema: SchemaFacts,
): KeyFacts {
  const own = (name: Name) => values[NAMES.indexOf(name)];
  // The values are this key's own: they take their extra facts in place (a spread copy costs more).
  const scriptMaps = own('ScriptMaps');
  const access = own('AccessFlags');
  const server = own('ServerBindings');
  const secure = own('SecureBindings');
  const restrictions = own('WebSvcExtRestrictionList');
  // One literal with every field, so that every key's facts have one shape.
  return {
    // Each key has its own: copied, not kept (see keep).
    location: location === undefined ? undefined : detach(location),
    scriptMaps: scriptMaps && Object.assign(scriptMaps, { items: mapItems(text, base, scriptMaps, read) }),
    accessFlags: access && Object.assign(access, { bits: flagBits(access.value, schema) }),
    appPoolId: own('AppPoolId'),
    appRoot: own('AppRoot'),
    serverAutoStart: own('ServerAutoStart'),
    serverBindings: server && Object.assign(server, { items: listItems(text, base, server) }),
    secureBindings: secure && Object.assign(secure, { items: listItems(text, base, secure) }),
    restrictions: restrictions && Object.assign(restrictions, { value: '', ...restrictionEntries(restrictions.value) }),
    iis5Isolation: own('IIs5IsolationModeEnabled'),
  };
}

function valueOf(
  text: string, base: number, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, list: boolean, inherit: boolean,
): OwnValue {
  // Copied, not kept (see keep): most of these are one key's own (AppRoot), and a copy costs less than a lookup.
  return { nameStart, nameEnd, valueStart, valueEnd, value: list ? '' : detach(DecodedText.decode(text, base + valueStart, base + valueEnd).text), inherit };
}

/**
 * The items of a key's ScriptMaps value (offsets relative to the value's start): those its rules read when
 * they checked the key, else read here.
 */
function mapItems(text: string, base: number, value: OwnValue, read: readonly ScriptMapsReading[] | undefined): readonly MapItem[] {
  const items = read?.find((r) => r.valueStart === value.valueStart)?.items;
  return items ?? readMapItems(text, base + value.valueStart, base + value.valueEnd);
}

/** A binding list's items up to a blank item (IIS may not read those after it), as compared: see bindingOf. */
function listItems(text: string, base: number, value: OwnValue): ListItem[] {
  return beforeBlank(splitMultisz(text, base + value.valueStart, base + value.valueEnd))
    .map((line) => ({ text: keep(bindingOf(line.value.text)), start: line.start - base, end: line.end - base }));
}

/** A binding as IIS compares it: trimmed, lower case, the port as a number (`:080:` is `:80:`). */
function bindingOf(item: string): string {
  const text = item.trim().toLowerCase();
  // Most ports have no leading zero: the text is the binding.
  const colon = text.indexOf(':');
  if (colon < 0 || text.charCodeAt(colon + 1) !== 0x30) return text;
  const end = text.indexOf(':', colon + 1);
  const port = text.slice(colon + 1, end < 0 ? text.length : end);
  return /^\d+$/.test(port) ? `${text.slice(0, colon + 1)}${Number(port)}${end < 0 ? '' : text.slice(end)}` : text;
}

/** `Allow,PhysicalPath,...` per line, up to a blank item; the two-field `0,*.dll` catch-alls included. */
function restrictionEntries(value: string): { entries: Restriction[]; blank: boolean } {
  const entries: Restriction[] = [];
  const lines = value.split(/\r\n|\r|\n/);
  const blank = lines.length > 1 && lines.some((line) => line.trim() === '');
  for (const line of lines) {
    if (line.trim() === '') break;
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    const allow = line.slice(0, comma).trim();
    const next = line.indexOf(',', comma + 1);
    const written = line.slice(comma + 1, next < 0 ? line.length : next).trim();
    const path = written.toLowerCase();
    entries.push({ allowed: allow === '1', path: keep(path), written: keep(written), program: keep(program(path)) });
  }
  return { entries, blank };
}

/** The bits of a flag set written as names joined by '|' (or as a number); undefined when a name is unknown. */
function flagBits(value: string, schema: SchemaFacts): number | undefined {
  // A handful of values repeat on every key (the value is kept already: see keep).
  let known = bitsByValue.get(schema);
  if (!known) bitsByValue.set(schema, (known = new Map<string, number | undefined>()));
  if (known.has(value)) return known.get(value);
  if (known.size >= MAX_KEPT) known.clear();
  const bits = readFlagBits(value, schema);
  known.set(value, bits);
  return bits;
}

const bitsByValue = new WeakMap<SchemaFacts, Map<string, number | undefined>>();

function readFlagBits(value: string, schema: SchemaFacts): number | undefined {
  const number = dwordOf(value.trim());
  if (number !== undefined) return number;
  const flags = schema.property('AccessFlags')!.flags;
  let bits = 0;
  for (const name of value.split('|').map((n) => n.trim()).filter((n) => n)) {
    const flag = flags.find((f) => f.name === name);
    if (!flag) return undefined;
    bits |= flag.value;
  }
  return bits;
}
