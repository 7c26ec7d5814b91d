// Every property check of one key, against the schema's facts: each attribute of the start tag (its name,
// whether the key type may hold it, its value by type) and each <Custom> child whose ID the schema defines.

import { MetabaseKey, SCRIPT_MAPS_ID } from '../../model/key';
import { PropertyFact, SchemaFacts } from '../../schema';
import { Finding } from '../finding';
import { checkBool } from './bool';
import { checkCustom, customProperty } from './custom';
import { checkDword } from './dword';
import { checkFlagSet } from './flagset';
import { checkAllowed, checkUnknown, knowsKeyType } from './names';
import { checkSecret } from './secure';
import { Suggestions } from './suggestions';
import { PropertyValue } from './value';

export function checkProperties(text: string, key: MetabaseKey, facts: SchemaFacts): Finding[] {
  const findings: Finding[] = [];
  const suggestions = new Suggestions(facts, key);
  const placed = knowsKeyType(facts, key.type);
  for (const attribute of key.properties) {
    const property = facts.property(attribute.name);
    if (!property) {
      checkUnknown(attribute, suggestions, findings);
      continue;
    }
    if (placed) checkAllowed(key, property, attribute, facts, findings);
    if (needsValueCheck(property)) checkValue(new PropertyValue(text, attribute, findings), property, suggestions);
  }
  for (const custom of key.customs) {
    const property = customProperty(custom, facts);
    if (!property) continue;
    checkCustom(text, custom, property, findings);
    // A Custom is how IIS stores a property outside its key type's class; only ScriptMaps is held to it.
    if (placed && custom.id === SCRIPT_MAPS_ID && custom.idAttribute && custom.value) checkAllowed(key, property, custom.idAttribute, facts, findings);
  }
  return findings;
}

function needsValueCheck(property: PropertyFact): boolean {
  return property.secure || property.type === 'DWORD' || property.type === 'BOOL';
}

function checkValue(value: PropertyValue, property: PropertyFact, suggestions: Suggestions): void {
  if (property.secure) checkSecret(value, property);
  if (property.type === 'BOOL') checkBool(value, property);
  else if (property.type === 'DWORD' && !(property.flags.length && checkFlagSet(value, property, suggestions))) checkDword(value, property);
}
