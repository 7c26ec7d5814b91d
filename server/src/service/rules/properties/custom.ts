// A <Custom> child stores a property by ID. When the ID is one the schema defines, its Name, Type and
// UserType should say what the schema says (custom-mismatch). IIS stores a BOOL as a DWORD and an NTACL or
// IPSECLIST as BINARY, a MIMEMAP as MULTISZ: a Custom may give either type. Its Value is then checked as
// the property's (see InCustom for how IIS writes values there).

import { CustomProperty, attributeValue } from '../../model/key';
import { quoted } from '../../quote';
import { PropertyFact, SchemaFacts } from '../../schema';
import { Attribute } from '../../xml/tree';
import { Finding } from '../finding';
import { PropertyValue } from './value';

const STORED_AS: Record<string, string> = { BOOL: 'DWORD', NTACL: 'BINARY', IPSECLIST: 'BINARY', MIMEMAP: 'MULTISZ' };

/**
 * A value in a <Custom>'s Value, for the value checks: IIS writes a DWORD there as a number, a flag set
 * too (so a number is no finding), and a BOOL as a DWORD.
 */
export interface InCustom {
  /** The Custom's Type is DWORD: a BOOL is fixed with 1 or 0. */
  boolAsDword: boolean;
}

/** The schema's property for a Custom's ID, when the ID is a number the schema defines. */
export function customProperty(custom: CustomProperty, facts: SchemaFacts): PropertyFact | undefined {
  return /^\d+$/.test(custom.id) ? facts.propertyById(Number(custom.id)) : undefined;
}

/**
 * Reports what contradicts the schema; returns how the Value is to be checked, or undefined when the Type
 * contradicts it (IIS then stores the Value as that other type: custom-mismatch says so, once).
 */
export function checkCustom(text: string, custom: CustomProperty, property: PropertyFact, findings: Finding[]): InCustom | undefined {
  const stored = STORED_AS[property.type] ?? property.type;
  // IIS names a Custom UnknownName_<ID> when its own schema lacks the ID (a server older than this schema).
  if (custom.name === undefined || attributeValue(text, custom.name) !== `UnknownName_${property.id}`) {
    compare(text, custom.name, 'Name', [property.name], true, property, findings);
  }
  const typeAgrees = compare(text, custom.type, 'Type', stored === property.type ? [stored] : [stored, property.type], false, property, findings);
  compare(text, custom.userType, 'UserType', [property.userType], true, property, findings);
  return typeAgrees ? { boolAsDword: custom.type !== undefined && attributeValue(text, custom.type) === 'DWORD' } : undefined;
}

/** Whether the attribute (when there is one) says what the schema says; reports it when not. */
function compare(
  text: string, attribute: Attribute | undefined, what: string, expected: string[], preferred: boolean, property: PropertyFact, findings: Finding[],
): boolean {
  if (!attribute || (what === 'UserType' && property.userType === '')) return true;
  const actual = attributeValue(text, attribute);
  if (expected.includes(actual)) return true;
  const value = new PropertyValue(text, attribute, findings);
  value.reportAll('custom-mismatch',
    `the schema's ID ${property.id} is ${property.name}, whose ${what} is ${expected.join(' (or ')}${expected.length > 1 ? ')' : ''}, not ${quoted(actual)}`,
    [value.fixAll(`Change to ${expected[0]}`, expected[0], preferred)]);
  return false;
}
