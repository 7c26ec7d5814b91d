// A metabase key: one element under <MBProperty>. Its summary: the key type (the element name), its
// Location, every property it sets (each attribute of the start tag, and each <Custom> child by ID), and
// the ScriptMaps values among them. Values are decoded only when asked (attributeValue): most are never read.

import { DecodedText } from '../xml/entities';
import { Attribute, Element } from '../xml/tree';

export const SCRIPT_MAPS = 'ScriptMaps';
export const SCRIPT_MAPS_ID = '6014';
export const LOCATION = 'Location';

export interface ScriptMapsProperty {
  /** The attribute holding the list (`ScriptMaps`, or the `Value` of the Custom element). */
  value: Attribute;
  /** What names the property: the `ScriptMaps` attribute name, or the Custom element's `ID` attribute. */
  name: Attribute;
  custom?: Element;
}

/** A `<Custom Name=".." ID=".." Value=".." Type=".." UserType=".." Attributes=".."/>` child: a property stored by ID. */
export interface CustomProperty {
  element: Element;
  /** The ID, decoded and trimmed ('' when the attribute is missing). */
  id: string;
  idAttribute?: Attribute;
  name?: Attribute;
  value?: Attribute;
  type?: Attribute;
  userType?: Attribute;
  attributes?: Attribute;
}

export interface MetabaseKey {
  element: Element;
  /** The key type; an element without one (IIsConfigObject) is an untyped key. */
  type: string;
  /** The Location, decoded. */
  location?: string;
  locationAttribute?: Attribute;
  /** Every attribute of the start tag but Location, in document order: name and value ranges, raw. */
  properties: Attribute[];
  customs: CustomProperty[];
  scriptMaps: ScriptMapsProperty[];
}

export function attributeValue(text: string, attribute: Attribute): string {
  return DecodedText.decode(text, attribute.valueStart, attribute.valueEnd).text;
}

export function findAttribute(element: Element, name: string): Attribute | undefined {
  return element.attributes.find((a) => a.name === name);
}

export function readKey(text: string, element: Element): MetabaseKey {
  const attributes = element.attributes;
  // IIS writes Location first: then the properties are the rest, copied in one native call.
  const locationAttribute = attributes[0]?.name === LOCATION ? attributes[0] : findAttribute(element, LOCATION);
  const properties = locationAttribute === attributes[0] ? attributes.slice(1) : attributes.filter((a) => a !== locationAttribute);
  const scriptMaps: ScriptMapsProperty[] = [];
  const attribute = findAttribute(element, SCRIPT_MAPS);
  if (attribute) scriptMaps.push({ value: attribute, name: attribute });
  const customs: CustomProperty[] = [];
  for (const child of element.children) {
    if (child.name !== 'Custom') continue;
    const custom = readCustom(text, child);
    customs.push(custom);
    if (custom.idAttribute && custom.value && custom.id === SCRIPT_MAPS_ID) scriptMaps.push({ value: custom.value, name: custom.idAttribute, custom: child });
  }
  return {
    element, type: element.name, location: locationAttribute && attributeValue(text, locationAttribute), locationAttribute,
    properties, customs, scriptMaps,
  };
}

function readCustom(text: string, element: Element): CustomProperty {
  const custom: CustomProperty = { element, id: '' };
  for (const a of element.attributes) {
    switch (a.name) {
      case 'ID': custom.idAttribute ??= a; break;
      case 'Name': custom.name ??= a; break;
      case 'Value': custom.value ??= a; break;
      case 'Type': custom.type ??= a; break;
      case 'UserType': custom.userType ??= a; break;
      case 'Attributes': custom.attributes ??= a; break;
    }
  }
  if (custom.idAttribute) custom.id = attributeValue(text, custom.idAttribute).trim();
  return custom;
}
