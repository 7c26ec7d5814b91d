// The semantic diff of two metabases: keys matched by Location (ignoring case, as IIS does), properties by
// name, list items by their natural key (see lists.ts). Keys whose text is the same in both files are
// skipped without decoding anything, so a diff costs one scan of each file plus the changed keys.
// The bookkeeping IIS rewrites on every save is hidden unless asked for.

import { SchemaFacts, iisSchemaFacts } from '../schema';
import { KeyProperty, ListedKey, XmlProblem, keyProperties, listKeys, siteNames, siteOf } from '../model/keyList';
import { ItemChange, diffItems } from './lists';

export { ItemChange, FieldChange } from './lists';

/** Properties of IIS_Global that IIS rewrites on every save (schema IDs 9991-9999 of IIS_Global). */
export const BOOKKEEPING: ReadonlySet<string> = new Set([
  'ChangeNumber', 'HistoryMajorVersionNumber', 'XMLSchemaTimeStamp', 'BINSchemaTimeStamp', 'SessionKey',
]);

export interface PropertyChange {
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** The value; for a list, its items. */
  old?: string | string[];
  new?: string | string[];
  /** For a list value: what happened to its items (for an added or removed list, every item). */
  items?: ItemChange[];
  bookkeeping?: boolean;
}

export interface KeyChange {
  location: string;
  /** The ServerComment of the site the key belongs to (the new file's, else the old one's). */
  site?: string;
  type: string;
  /** Set when the key type (the element name) changed. */
  oldType?: string;
  change: 'added' | 'removed' | 'changed';
  properties: PropertyChange[];
}

export interface MetabaseDiff {
  keys: KeyChange[];
  /** Bookkeeping property changes left out (0 with `all`). */
  hidden: number;
}

export interface DiffOptions {
  /** Show the bookkeeping too. */
  all?: boolean;
  facts?: SchemaFacts;
}

/** A file that cannot be diffed: which one, and the first XML fault in it. */
export class NotWellFormed extends Error {
  constructor(readonly side: 'old' | 'new', readonly fault: XmlProblem) {
    super(fault.message);
  }
}

export function diffMetabases(oldText: string, newText: string, options: DiffOptions = {}): MetabaseDiff {
  const facts = options.facts ?? iisSchemaFacts();
  const before = listKeys(oldText);
  if (before.fault) throw new NotWellFormed('old', before.fault);
  const after = listKeys(newText);
  if (after.fault) throw new NotWellFormed('new', after.fault);
  const oldSites = siteNames(oldText, before.keys);
  const newSites = siteNames(newText, after.keys);
  const site = (norm: string) => {
    const s = siteOf(norm);
    return s === undefined ? undefined : newSites.get(s) ?? oldSites.get(s);
  };

  const oldByIdentity = byIdentity(before.keys);
  const changes: Array<{ order: string[]; ordinal: number; change: KeyChange }> = [];
  let hidden = 0;
  const keep = (p: PropertyChange) => {
    if (!p.bookkeeping || options.all) return true;
    hidden++;
    return false;
  };
  const push = (key: ListedKey, ordinal: number, change: KeyChange) => {
    if (change.properties.length || change.change !== 'changed' || change.oldType) changes.push({ order: sortKey(key.norm), ordinal, change });
  };

  for (const [identity, { key, ordinal }] of byIdentity(after.keys)) {
    const old = oldByIdentity.get(identity);
    oldByIdentity.delete(identity);
    const common = { location: key.location, site: site(key.norm), type: key.type };
    if (!old) {
      const properties = keyProperties(newText, key, facts).map((p) => whole('added', p)).filter(keep);
      push(key, ordinal, { ...common, change: 'added', properties });
      continue;
    }
    if (sameText(oldText.slice(old.key.start, old.key.end), newText.slice(key.start, key.end))) continue;
    const properties = diffProperties(keyProperties(oldText, old.key, facts), keyProperties(newText, key, facts)).filter(keep);
    push(key, ordinal, { ...common, change: 'changed', oldType: old.key.type !== key.type ? old.key.type : undefined, properties });
  }
  for (const { key, ordinal } of oldByIdentity.values()) {
    const properties = keyProperties(oldText, key, facts).map((p) => whole('removed', p)).filter(keep);
    push(key, ordinal, { location: key.location, site: site(key.norm), type: key.type, change: 'removed', properties });
  }
  changes.sort((a, b) => compareOrder(a.order, b.order) || a.ordinal - b.ordinal);
  return { keys: changes.map((c) => c.change), hidden };
}

/**
 * Equal text (line endings aside: a file that went through git may have LF), equal key: the common case,
 * decided without decoding anything. A line break reads the same as CRLF, LF or CR, in a list or elsewhere.
 */
function sameText(a: string, b: string): boolean {
  return a === b || a.replace(LINE_BREAKS, '\n') === b.replace(LINE_BREAKS, '\n');
}

const LINE_BREAKS = /\r\n?/g;

/** Whether anything but bookkeeping changed. */
export function isMeaningful(diff: MetabaseDiff): boolean {
  return diff.keys.some((k) => k.change !== 'changed' || k.oldType !== undefined || k.properties.some((p) => !p.bookkeeping));
}

/** Keys by normalised Location; the second key at a Location is `<location>#1`, and so on. */
function byIdentity(keys: readonly ListedKey[]): Map<string, { key: ListedKey; ordinal: number }> {
  const map = new Map<string, { key: ListedKey; ordinal: number }>();
  for (const key of keys) {
    let ordinal = 0;
    while (map.has(ordinal ? `${key.norm}#${ordinal}` : key.norm)) ordinal++;
    map.set(ordinal ? `${key.norm}#${ordinal}` : key.norm, { key, ordinal });
  }
  return map;
}

function whole(change: 'added' | 'removed', p: KeyProperty): PropertyChange {
  const value = p.items ?? p.value;
  const side = change === 'added' ? { new: value } : { old: value };
  const items = p.items?.map((item): ItemChange => (change === 'added' ? { change, new: item } : { change, old: item }));
  return { name: p.name, change, ...side, ...(items ? { items } : {}), ...(BOOKKEEPING.has(p.name) ? { bookkeeping: true } : {}) };
}

/** What else than its value a `<Custom>` property may change, and the attribute that holds it. */
const CUSTOM_FIELDS = [['type', 'Type'], ['userType', 'UserType'], ['attributes', 'Attributes']] as const;

function diffProperties(before: KeyProperty[], after: KeyProperty[]): PropertyChange[] {
  const changes: PropertyChange[] = [];
  const old = new Map<string, KeyProperty>();
  for (const p of before) if (!old.has(p.name)) old.set(p.name, p);
  const seen = new Set<string>();
  for (const p of after) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    const o = old.get(p.name);
    if (!o) {
      changes.push(whole('added', p));
      continue;
    }
    const flag = BOOKKEEPING.has(p.name) ? { bookkeeping: true } : {};
    if (o.items || p.items) {
      // A property the schema does not name is a list on the side where its value spans lines.
      const [a, b] = [o.items ?? lines(o.value), p.items ?? lines(p.value)];
      const items = diffItems(p.name, a, b);
      if (items.length) changes.push({ name: p.name, change: 'changed', old: a, new: b, items, ...flag });
    } else if (o.value !== p.value) {
      changes.push({ name: p.name, change: 'changed', old: o.value, new: p.value, ...flag });
    }
    for (const [field, attribute] of CUSTOM_FIELDS) {
      if (o.custom && p.custom && o.custom[field] !== p.custom[field]) {
        changes.push({ name: `${p.name} (Custom ${attribute})`, change: 'changed', old: o.custom[field], new: p.custom[field] });
      }
    }
  }
  for (const p of before) {
    if (!seen.has(p.name)) {
      seen.add(p.name);
      changes.push(whole('removed', p));
    }
  }
  return changes;
}

/** A value's lines without their indentation, as the items of a list. */
function lines(value: string): string[] {
  return value.split(/\r\n?|\n/).map((line) => line.replace(/^[ \t]+/, ''));
}

/** Location steps, for sorting: numbers as numbers (site 2 before site 10), names ignoring case; IIS_Global's '.' first, as IIS writes it. */
function sortKey(norm: string): string[] {
  return norm === '.' ? [] : norm.split('/');
}

function compareOrder(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const x = /^\d+$/.test(a[i]) ? Number(a[i]) : NaN;
    const y = /^\d+$/.test(b[i]) ? Number(b[i]) : NaN;
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}
