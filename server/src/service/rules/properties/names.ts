// Property names: one the schema does not know (property-unknown, with the nearest names as fixes), and one
// the key type may not hold (property-not-allowed; ScriptMaps keeps its own rule id, scriptmaps-placement).

import { MetabaseKey, SCRIPT_MAPS } from '../../model/key';
import { quoted } from '../../quote';
import { PropertyFact } from '../../schema';
import { Attribute } from '../../xml/tree';
import { Finding, Fix } from '../finding';
import { didYouMean } from './suggest';
import { Suggestions } from './suggestions';

/**
 * What an attribute would be under another property's name: refused when IIS would refuse its value there
 * (a finding of error severity), a misfit when the key type may not hold that property or the value has a
 * warning there, and otherwise it fits.
 */
export type RenameFit = 'fits' | 'misfit' | 'refused';

/**
 * Reports an unknown name with a rename to each of the nearest names, but none that IIS would refuse the
 * value under (a setting it ignores is not made one it fails on). A rename is preferred only when it fits
 * and the intent is evident (only the case differs, or only one name is near). Returns the preferred fix.
 */
export function checkUnknown(attribute: Attribute, suggestions: Suggestions, fit: (name: string) => RenameFit, findings: Finding[]): Fix | undefined {
  const name = attribute.name;
  // Namespace declarations are XML's, not properties.
  if (name === 'xmlns' || name.startsWith('xmlns:')) return undefined;
  const nearest = suggestions.property(name);
  const { hint, evident } = didYouMean(name, nearest, 'names');
  const fixes: Fix[] = [];
  nearest.forEach((n, i) => {
    const verdict = fit(n);
    if (verdict === 'refused') return;
    fixes.push({
      title: `Change to ${n}`, edits: [{ start: attribute.nameStart, end: attribute.nameEnd, newText: n }],
      preferred: i === 0 && evident && verdict === 'fits',
    });
  });
  findings.push({
    rule: 'property-unknown', start: attribute.nameStart, end: attribute.nameEnd, fixes,
    message: `${quoted(name)} is not a property of the metabase schema, so IIS does not read it${hint}`,
  });
  return fixes.find((f) => f.preferred);
}

/** A finding on `name` (the attribute name, or a Custom's ID): the key type may not hold the property. */
export function reportNotAllowed(key: MetabaseKey, property: PropertyFact, name: Attribute, findings: Finding[]): void {
  // A user's schema may define a property that no key type lists.
  const where = property.keyTypes.length === 0
    ? 'no key type of the schema lists it, so only untyped keys may hold it'
    : `it belongs on ${property.keyTypes.join(', ')} or untyped keys`;
  findings.push({
    rule: property.name === SCRIPT_MAPS ? 'scriptmaps-placement' : 'property-not-allowed',
    start: name.nameStart, end: name.nameEnd, fixes: [],
    message: `the metabase schema does not allow ${property.name} on ${key.type} keys; ${where}`,
  });
}
