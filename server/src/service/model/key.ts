// A metabase key: one element under <MBProperty>, its type (the element name), its Location, and the
// ScriptMaps values it sets (the attribute, or a <Custom ID="6014"> child).

import { DecodedText } from '../xml/entities';
import { Attribute, Element } from '../xml/tree';

export const SCRIPT_MAPS = 'ScriptMaps';
export const SCRIPT_MAPS_ID = '6014';

export interface ScriptMapsProperty {
  /** The attribute holding the list (`ScriptMaps`, or the `Value` of the Custom element). */
  value: Attribute;
  /** What names the property: the `ScriptMaps` attribute name, or the Custom element's `ID` attribute. */
  name: Attribute;
  custom?: Element;
}

export interface MetabaseKey {
  element: Element;
  /** The key type; an element without one (IIsConfigObject) is an untyped key. */
  type: string;
  location?: string;
  scriptMaps: ScriptMapsProperty[];
}

export function attributeValue(text: string, attribute: Attribute): string {
  return DecodedText.decode(text, attribute.valueStart, attribute.valueEnd).text;
}

export function findAttribute(element: Element, name: string): Attribute | undefined {
  return element.attributes.find((a) => a.name === name);
}

export function readKey(text: string, element: Element): MetabaseKey {
  const location = findAttribute(element, 'Location');
  const scriptMaps: ScriptMapsProperty[] = [];
  const attribute = findAttribute(element, SCRIPT_MAPS);
  if (attribute) scriptMaps.push({ value: attribute, name: attribute });
  for (const custom of element.children) {
    if (custom.name !== 'Custom') continue;
    const id = findAttribute(custom, 'ID');
    const value = findAttribute(custom, 'Value');
    if (id && value && attributeValue(text, id).trim() === SCRIPT_MAPS_ID) scriptMaps.push({ value, name: id, custom });
  }
  return { element, type: element.name, location: location && attributeValue(text, location), scriptMaps };
}
