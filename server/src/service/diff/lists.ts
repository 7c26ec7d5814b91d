// The items of a list (MULTISZ) value, old against new. Lists whose items have a natural key (a
// ScriptMaps item's extension, a restriction's path, an HTTP error's code) are matched by it, so that an
// edited item shows as one changed field rather than a removal and an addition; other lists by the whole
// item. Matching goes through a map: linear in the length of the lists.

import { MultiszItem } from '../model/multisz';
import { parseScriptMapItem } from '../model/scriptMap';

export interface FieldChange {
  name: string;
  old: string;
  new: string;
}

export type ItemChange =
  | { change: 'added'; new: string }
  | { change: 'removed'; old: string }
  | { change: 'changed'; key: string; old: string; new: string; fields: FieldChange[] }
  | { change: 'reordered' };

interface ListShape {
  /** What identifies an item in its list, as written (compared ignoring case, as IIS does). */
  key(item: string): string;
  /** The item's fields, named. */
  fields(item: string): Array<[string, string]>;
}

const comma = (item: string) => item.split(',');
/** The first `count - 1` comma-separated fields, then the rest as one (a description may hold commas). */
const firstFields = (item: string, count: number) => {
  const parts = comma(item);
  return parts.length <= count ? parts : [...parts.slice(0, count - 1), parts.slice(count - 1).join(',')];
};
const named = (names: readonly string[], values: readonly string[]): Array<[string, string]> =>
  values.map((v, i) => [names[i] ?? `field ${i + 1}`, v]);

const SHAPES: ReadonlyMap<string, ListShape> = new Map<string, ListShape>([
  ['ScriptMaps', {
    key: (item) => comma(item)[0].trim(),
    fields: (item) => {
      // The parser reads only the item's decoded text; the raw offsets it could map back to are not needed here.
      const parsed = parseScriptMapItem({ value: { text: item } } as MultiszItem);
      return named(['Extension', 'ScriptProcessor', 'Flags', 'IncludedVerbs'], [
        parsed.extension.text, parsed.processor?.field.text ?? '', parsed.flags?.text ?? '', [...parsed.verbs].map((v) => v.text).join(','),
      ]);
    },
  }],
  ['WebSvcExtRestrictionList', {
    key: (item) => (comma(item)[1] ?? '').trim(),
    fields: (item) => named(['AllowDenyFlag', 'ExtensionPhysicalPath', 'UIDeletableFlag', 'GroupID', 'Description'], firstFields(item, 5)),
  }],
  ['HttpErrors', {
    key: (item) => comma(item).slice(0, 2).join(',').trim(),
    fields: (item) => named(['Code', 'SubCode', 'Type', 'Path'], firstFields(item, 4)),
  }],
  ['MimeMap', {
    key: (item) => comma(item)[0].trim(),
    fields: (item) => named(['Extension', 'MimeType'], firstFields(item, 2)),
  }],
  ['HttpCustomHeaders', {
    key: (item) => item.split(':')[0].trim(),
    fields: (item) => {
      const colon = item.indexOf(':');
      return named(['Name', 'Value'], colon < 0 ? [item] : [item.slice(0, colon), item.slice(colon + 1)]);
    },
  }],
  ['ApplicationDependencies', {
    key: (item) => item.split(';')[0].trim(),
    fields: (item) => {
      const semicolon = item.indexOf(';');
      return named(['Application', 'GroupIDs'], semicolon < 0 ? [item] : [item.slice(0, semicolon), item.slice(semicolon + 1)]);
    },
  }],
]);

/** What changed from `before` to `after`; empty when the lists are the same. */
export function diffItems(property: string, before: readonly string[], after: readonly string[]): ItemChange[] {
  if (before.length === after.length && before.every((item, i) => item === after[i])) return [];
  const shape = SHAPES.get(property);
  const keyOf = shape ? (item: string) => shape.key(item).toLowerCase() : (item: string) => item;
  // Old items by key, in order: items with the same key pair up in order.
  const waiting = new Map<string, number[]>();
  before.forEach((item, i) => {
    const k = keyOf(item);
    const list = waiting.get(k);
    if (list) list.push(i);
    else waiting.set(k, [i]);
  });
  const matched = new Array<boolean>(before.length).fill(false);
  const changes: ItemChange[] = [];
  const added: ItemChange[] = [];
  /** The old index of each matched new item, in new order: decreasing somewhere means reordered. */
  let lastOld = -1;
  let reordered = false;
  for (const item of after) {
    const k = keyOf(item);
    const list = waiting.get(k);
    const i = list?.shift();
    if (i === undefined) {
      added.push({ change: 'added', new: item });
      continue;
    }
    matched[i] = true;
    if (i < lastOld) reordered = true;
    lastOld = i;
    const old = before[i];
    if (old !== item) changes.push({ change: 'changed', key: shape ? shape.key(item) : old, old, new: item, fields: shape ? fieldChanges(shape, old, item) : [] });
  }
  const removed: ItemChange[] = [];
  before.forEach((item, i) => {
    if (!matched[i]) removed.push({ change: 'removed', old: item });
  });
  return [...removed, ...changes, ...added, ...(reordered ? [{ change: 'reordered' } as const] : [])];
}

function fieldChanges(shape: ListShape, old: string, item: string): FieldChange[] {
  const a = shape.fields(old);
  const b = shape.fields(item);
  const changes: FieldChange[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i]?.[1] ?? '';
    const y = b[i]?.[1] ?? '';
    if (x !== y) changes.push({ name: (b[i] ?? a[i])[0], old: x, new: y });
  }
  return changes;
}
