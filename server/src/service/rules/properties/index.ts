// Every property check of one key, against the schema's facts: each attribute of the start tag (its name,
// whether the key type may hold it, its value by type) and each <Custom> child whose ID the schema defines.

import { MetabaseKey, SCRIPT_MAPS_ID } from '../../model/key';
import { PropertyFact, SchemaFacts, UNTYPED_KEY } from '../../schema';
import { Attribute } from '../../xml/tree';
import { Finding, Fix } from '../finding';
import { RULES_BY_ID } from '../table';
import { checkBool, isBool } from './bool';
import { InCustom, checkCustom, customProperty } from './custom';
import { checkDword, isDword } from './dword';
import { checkFlagSet, isFlagSet } from './flagset';
import { RenameFit, checkUnknown, reportNotAllowed } from './names';
import { checkSecret, isEncrypted } from './secure';
import { Suggestions } from './suggestions';
import { PropertyValue } from './value';

/**
 * The findings of the list rules (ScriptMaps and the other lists) on a value if its attribute were named
 * `property`: none for a property that is no list; undefined when the value is too long to check at once.
 */
export type ListFindings = (text: string, property: string, value: Attribute) => Finding[] | undefined;

export function checkProperties(text: string, key: MetabaseKey, facts: SchemaFacts, listFindings: ListFindings): Finding[] {
  const findings: Finding[] = [];
  const suggestions = new Suggestions(facts, key);
  // Undefined for an untyped key (it may hold anything) and for a key type the schema does not know (not judged).
  const allowed = key.type === UNTYPED_KEY ? undefined : facts.keyType(key.type)?.properties;
  let renames: Map<string, Fix[]> | undefined; // the preferred renames, by the name they write
  for (const attribute of key.properties) {
    const property = facts.property(attribute.name);
    if (!property) {
      const rename = checkUnknown(attribute, suggestions, (name) => renameFit(text, attribute, facts.property(name)!, allowed, suggestions, listFindings), findings);
      if (!rename) continue;
      renames ??= new Map();
      const same = renames.get(rename.edits[0].newText);
      if (same) same.push(rename);
      else renames.set(rename.edits[0].newText, [rename]);
      continue;
    }
    if (allowed && !allowed.has(property.name)) reportNotAllowed(key, property, attribute, findings);
    if (needsValueCheck(property) && !looksRight(text, attribute, property)) checkValue(new PropertyValue(text, attribute, findings), property, suggestions);
  }
  for (const custom of key.customs) {
    const property = customProperty(custom, facts);
    if (!property) continue;
    const form = checkCustom(text, custom, property, findings);
    const value = custom.value;
    // A Custom is how IIS stores a property outside its key type's class; only ScriptMaps is held to it.
    if (allowed && !allowed.has(property.name) && custom.id === SCRIPT_MAPS_ID && custom.idAttribute && value) {
      reportNotAllowed(key, property, custom.idAttribute, findings);
    }
    if (form && value && needsValueCheck(property) && !looksRight(text, value, property, form)) {
      checkValue(new PropertyValue(text, value, findings), property, suggestions, form);
    }
  }
  // Two renames to one name would write the attribute twice (not well-formed), and which of the two values
  // was meant is not evident: neither is preferred; each is still offered.
  for (const same of renames?.values() ?? []) if (same.length > 1) for (const fix of same) fix.preferred = false;
  return findings;
}

/**
 * What `attribute` would be under the name of `property` (see RenameFit), by the rules of a property of that
 * name. A list too long to check at once is not judged: a misfit.
 */
function renameFit(
  text: string, attribute: Attribute, property: PropertyFact, allowed: ReadonlySet<string> | undefined, suggestions: Suggestions, listFindings: ListFindings,
): RenameFit {
  const list = listFindings(text, property.name, attribute);
  if (!list) return 'misfit';
  const findings = [...list];
  if (needsValueCheck(property) && !looksRight(text, attribute, property)) checkValue(new PropertyValue(text, attribute, findings), property, suggestions);
  const severities = new Set(findings.map((f) => RULES_BY_ID.get(f.rule)?.severity));
  if (severities.has('error')) return 'refused';
  return severities.has('warning') || (allowed && !allowed.has(property.name)) ? 'misfit' : 'fits';
}

function needsValueCheck(property: PropertyFact): boolean {
  return property.secure || property.type === 'DWORD' || property.type === 'BOOL';
}

/**
 * Whether the raw value is written as IIS writes it, so that no rule has anything to say: most values are,
 * and this costs no decoding. A value with a reference is decoded and checked in full.
 */
function looksRight(text: string, attribute: Attribute, property: PropertyFact, custom?: InCustom): boolean {
  const raw = text.slice(attribute.valueStart, attribute.valueEnd);
  if (raw.includes('&')) return false;
  if (property.secure && !isEncrypted(raw)) return false;
  if (property.type === 'BOOL') return isBool(raw, custom);
  // In a <Custom>, a flag set written as a number is as IIS writes it.
  if (property.type === 'DWORD') return (custom && isDword(raw, property)) || (property.flags.length ? isFlagSet(raw, property) : isDword(raw, property));
  return true;
}

function checkValue(value: PropertyValue, property: PropertyFact, suggestions: Suggestions, custom?: InCustom): void {
  if (property.secure) checkSecret(value, property);
  if (property.type === 'BOOL') checkBool(value, property, custom);
  else if (property.type === 'DWORD' && !(readsNames(value, property, custom) && checkFlagSet(value, property, suggestions, custom))) checkDword(value, property);
}

/** Whether a DWORD value is read as flag names: a flag set's, but not a number in a <Custom> (IIS writes one there). */
function readsNames(value: PropertyValue, property: PropertyFact, custom?: InCustom): boolean {
  return property.flags.length > 0 && !(custom && /^\d+$/.test(value.decoded));
}
