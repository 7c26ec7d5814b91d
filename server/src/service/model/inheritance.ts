// What IIS resolves along the Location path (metabase.md, "ScriptMaps"): a key that does not set an INHERIT
// property uses the value of its nearest ancestor that does, and a key that sets it replaces the inherited
// value whole (a ScriptMaps list is never merged). The ancestors are the keys of the file: the first key of
// each Location (a duplicated Location counts once), found through the key index.
//
// Pure and read-only over a model and its text: the hovers, the checks across keys and the export to
// IIS 7+ all ask here. Offsets are offsets in the document.

import { SCRIPT_MAPS } from './key';
import { beforeBlank, isBlank, splitMultisz } from './multisz';
import { ScriptMapItem, parseScriptMapItem } from './scriptMap';
import { DecodedText } from '../xml/entities';
import { PropertyFact, SchemaFacts } from '../schema';
import { IndexedKey, KeyIndex } from './keyIndex';
import { locationPath, normalLocation } from './summary';

/** What this module needs of a model: its key index (every MetabaseModel is one). */
export interface IndexedModel<K extends IndexedKey = IndexedKey> {
  readonly index: KeyIndex<K>;
}

/** A property as one key sets it: as an attribute of its start tag, or as a `<Custom ID="...">` child. */
export interface SetProperty<K extends IndexedKey = IndexedKey> {
  /** The key that sets it (the model's segment for that key). */
  key: K;
  /** That key's Location as written, decoded. */
  location: string;
  /** The raw value lies in [valueStart, valueEnd) of the document. */
  valueStart: number;
  valueEnd: number;
  /** Where the property is named: the attribute name, or the Custom's ID value. */
  nameStart: number;
  nameEnd: number;
  custom: boolean;
  /** Whether keys below see it: the schema's INHERIT for an attribute, a `<Custom>`'s own Attributes for it. */
  inherit: boolean;
}

export interface EffectiveValue<K extends IndexedKey = IndexedKey> {
  property: PropertyFact;
  /** The decoded value, or the schema's default when no key sets it (undefined when the schema gives none). */
  value: string | undefined;
  /** The key whose value applies; undefined: the schema's default. */
  origin?: SetProperty<K>;
}

export interface EffectiveScriptMap<K extends IndexedKey = IndexedKey> {
  item: ScriptMapItem;
  origin: SetProperty<K>;
  /** Set on an item after a blank one, which ends a MULTISZ list: IIS may ignore it. */
  afterBlank?: true;
}

export interface EffectiveScriptMaps<K extends IndexedKey = IndexedKey> {
  /** The items in list order, blank items left out; empty when no key on the path sets ScriptMaps. */
  items: EffectiveScriptMap<K>[];
  /** The ScriptMaps property that applies (every item comes from it); undefined: none on the path. */
  origin?: SetProperty<K>;
}

/** What a key's own ScriptMaps list changes against the list it replaces (extensions compared ignoring case). */
export interface ScriptMapsOverride<K extends IndexedKey = IndexedKey> {
  own: SetProperty<K>;
  /** The list the key would have without its own: its parent's effective list. */
  inherited: EffectiveScriptMaps<K>;
  /** Extensions of the inherited list that the own list lacks, in inherited order, as written there. */
  dropped: string[];
  /** Extensions of the own list that the inherited list lacks, in own order. */
  added: string[];
  /** Extensions in both whose processor, flags or verbs differ. */
  changed: string[];
}

/**
 * The keys whose values a Location sees, nearest first: the first key of the Location itself when the
 * file has one, then the first key of each ancestor Location present in the file.
 */
export function* ancestry<K extends IndexedKey>(model: IndexedModel<K>, location: string): Generator<K, void, void> {
  let at: string | undefined = normalLocation(location);
  let key: K | undefined = model.index.keysAt(at)[0];
  if (!key) {
    at = nearestPresentAncestor(model, at);
    key = at === undefined ? undefined : model.index.keysAt(at)[0];
  }
  while (key) {
    yield key;
    key = model.index.parentKey(key.key!.location!.key);
  }
}

/** The first key of a Location, if the file has one (IIS keeps one key per Location; the first is the one read here). */
export function keyAt<K extends IndexedKey>(model: IndexedModel<K>, location: string): K | undefined {
  return model.index.keysAt(normalLocation(location))[0];
}

/** The property as `key` itself sets it (an attribute first, else a Custom with its ID); undefined for a key whose start tag broke off. */
export function ownProperty<K extends IndexedKey>(text: string, key: K, property: PropertyFact): SetProperty<K> | undefined {
  const summary = key.key;
  if (!summary || summary.tagEnd < 0) return undefined;
  const base = key.start;
  const location = locationPath(text, base, summary) ?? '';
  const a = summary.attributes;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i + 1] - a[i] !== property.name.length || !text.startsWith(property.name, base + a[i])) continue;
    return {
      key, location, nameStart: base + a[i], nameEnd: base + a[i + 1], valueStart: base + a[i + 2], valueEnd: base + a[i + 3], custom: false,
      inherit: property.inherit,
    };
  }
  const c = summary.customs;
  const id = String(property.id);
  for (let i = 0; i < c.length; i += 6) {
    if (c[i + 2] < 0 || c[i + 4] < 0) continue;
    if (DecodedText.decode(text, base + c[i + 2], base + c[i + 3]).text.trim() !== id) continue;
    return {
      key, location, nameStart: base + c[i + 2], nameEnd: base + c[i + 3], valueStart: base + c[i + 4], valueEnd: base + c[i + 5], custom: true,
      inherit: customInherits(text, base + c[i], base + c[i + 1]),
    };
  }
  return undefined;
}

/** Whether a `<Custom>` child (in [start, end) of the text) passes its value down: its Attributes hold INHERIT. */
export function customInherits(text: string, start: number, end: number): boolean {
  const attributes = /\sAttributes\s*=\s*("[^"]*"|'[^']*')/.exec(text.slice(start, end));
  return attributes !== null && /\bINHERIT\b/.test(attributes[1]);
}

/**
 * The value of `name` that applies at `location`: set there, else (for an INHERIT property) set on the
 * nearest ancestor key, else the schema's default. Undefined for a name the schema does not define.
 */
export function effectiveValue<K extends IndexedKey>(
  text: string, model: IndexedModel<K>, facts: SchemaFacts, location: string, name: string,
): EffectiveValue<K> | undefined {
  const property = facts.property(name);
  if (!property) return undefined;
  const origin = findOrigin(text, model, location, property);
  if (!origin) return { property, value: property.default };
  return { property, value: DecodedText.decode(text, origin.valueStart, origin.valueEnd).text, origin };
}

/** The ScriptMaps items that apply at `location`, each with the key it comes from. */
export function effectiveScriptMaps<K extends IndexedKey>(
  text: string, model: IndexedModel<K>, facts: SchemaFacts, location: string,
): EffectiveScriptMaps<K> {
  const origin = findOrigin(text, model, location, facts.property(SCRIPT_MAPS)!);
  if (!origin) return { items: [] };
  const items: EffectiveScriptMap<K>[] = [];
  let afterBlank = false;
  for (const line of splitMultisz(text, origin.valueStart, origin.valueEnd)) {
    if (isBlank(line)) afterBlank = true;
    else items.push(afterBlank ? { item: parseScriptMapItem(line), origin, afterBlank } : { item: parseScriptMapItem(line), origin });
  }
  return { origin, items };
}

/** The non-blank items of a ScriptMaps value, parsed. */
export function scriptMapItems(text: string, set: SetProperty): ScriptMapItem[] {
  return splitMultisz(text, set.valueStart, set.valueEnd).filter((line) => !isBlank(line)).map(parseScriptMapItem);
}

/**
 * For a key (the first at its Location) that sets its own ScriptMaps and has an ancestor whose list it
 * replaces: what it drops, adds and changes. Undefined when it sets none, or when nothing is inherited.
 */
export function scriptMapsOverride<K extends IndexedKey>(
  text: string, model: IndexedModel<K>, facts: SchemaFacts, location: string,
): ScriptMapsOverride<K> | undefined {
  const key = keyAt(model, location);
  const own = key && ownProperty(text, key, facts.property(SCRIPT_MAPS)!);
  if (!own) return undefined;
  const parent = model.index.parentKey(key.key!.location!.key);
  if (!parent) return undefined;
  const inherited = effectiveScriptMaps(text, model, facts, locationPath(text, parent.start, parent.key!)!);
  if (!inherited.origin) return undefined;
  // Items after a blank item count in neither list: IIS may ignore them (see item-blank).
  const ownItems = byExtension(beforeBlank(splitMultisz(text, own.valueStart, own.valueEnd)).map(parseScriptMapItem));
  const theirs = byExtension(inherited.items.filter((i) => !i.afterBlank).map((i) => i.item));
  const dropped = [...theirs].filter(([ext]) => !ownItems.has(ext)).map(([, item]) => item.extension.text.trim());
  const added = [...ownItems].filter(([ext]) => !theirs.has(ext)).map(([, item]) => item.extension.text.trim());
  const changed = [...ownItems].filter(([ext, item]) => theirs.has(ext) && mapping(theirs.get(ext)!) !== mapping(item)).map(([, item]) => item.extension.text.trim());
  return { own, inherited, dropped, added, changed };
}

/** The extension of an item as IIS matches it: trimmed, ignoring case. */
export function extensionKey(item: ScriptMapItem): string {
  return item.extension.text.trim().toLowerCase();
}

function byExtension(items: ScriptMapItem[]): Map<string, ScriptMapItem> {
  const map = new Map<string, ScriptMapItem>();
  for (const item of items) if (!map.has(extensionKey(item))) map.set(extensionKey(item), item);
  return map;
}

/** What an item maps its extension to: processor (ignoring case), flags and verbs. */
function mapping(item: ScriptMapItem): string {
  const text = item.item.value.text;
  return text.slice(item.extension.end).trim().toLowerCase();
}

function findOrigin<K extends IndexedKey>(text: string, model: IndexedModel<K>, location: string, property: PropertyFact): SetProperty<K> | undefined {
  if (!property.inherit) {
    const key = keyAt(model, location);
    return key && ownProperty(text, key, property);
  }
  const first = keyAt(model, location);
  for (const key of ancestry(model, location)) {
    const set = ownProperty(text, key, property);
    // Keys above pass down only what they mark INHERIT (a <Custom> may not).
    if (set && (key === first || set.inherit)) return set;
  }
  return undefined;
}

function nearestPresentAncestor(model: IndexedModel, location: string): string | undefined {
  for (let i = location.lastIndexOf('/'); i >= 0; i = i === 0 ? -1 : location.lastIndexOf('/', i - 1)) {
    const ancestor = i === 0 ? '/' : location.slice(0, i);
    if (ancestor !== location && model.index.keysAt(ancestor).length) return ancestor;
  }
  return undefined;
}
