// The MULTISZ list under the cursor: a ScriptMaps attribute, any other MULTISZ property of the schema in
// a key's start tag, or the Value of a <Custom> whose ID is a MULTISZ property (ScriptMaps: 6014).

import { MetabaseModel } from '../model/document';
import { SCRIPT_MAPS, attributeValue, findAttribute, readKey } from '../model/key';
import { MultiszItem, splitMultisz } from '../model/multisz';
import { segmentAt } from '../model/document';
import { SchemaFacts } from '../schema';
import { scanSegment } from '../xml/scanner';
import { Attribute } from '../xml/tree';

export interface ListAt {
  /** The property's name in the schema. */
  property: string;
  value: Attribute;
  items: MultiszItem[];
  /** The item under the cursor; -1 on the property's name. */
  current: number;
  /** The key's Location as written (decoded), if it has one. */
  location?: string;
}

export function listAt(text: string, model: MetabaseModel, offset: number, facts: SchemaFacts): ListAt | undefined {
  if (model.segments.length === 0) return undefined;
  const segment = model.segments[segmentAt(model, offset)];
  const element = scanSegment(text, segment.start, segment.before).key;
  if (!element) return undefined;
  const key = readKey(text, element);
  const candidates: Array<{ property: string; name: Attribute; value: Attribute }> = [];
  for (const a of key.properties) {
    if (a.name === SCRIPT_MAPS || facts.property(a.name)?.type === 'MULTISZ') candidates.push({ property: a.name, name: a, value: a });
  }
  for (const custom of key.customs) {
    const property = /^\d+$/.test(custom.id) ? facts.propertyById(Number(custom.id)) : undefined;
    const value = findAttribute(custom.element, 'Value');
    if (property?.type === 'MULTISZ' && value) candidates.push({ property: property.name, name: custom.idAttribute!, value });
  }
  for (const { property, name, value } of candidates) {
    const onName = offset >= name.nameStart && offset <= name.valueEnd && offset < value.valueStart;
    if (!onName && (offset < value.valueStart || offset > value.valueEnd)) continue;
    const items = splitMultisz(text, value.valueStart, value.valueEnd);
    const current = onName ? -1 : items.findIndex((l) => l.lineStart <= offset && offset <= l.end);
    return { property, value, items, current, location: key.locationAttribute && attributeValue(text, key.locationAttribute) };
  }
  return undefined;
}
