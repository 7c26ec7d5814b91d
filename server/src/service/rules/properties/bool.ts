// BOOL values: IIS writes TRUE or FALSE; the schema marks BOOLs case-insensitive, so another case is read
// (bool-case), anything else is not a BOOL (bool-value). In a <Custom>, IIS stores a BOOL as a DWORD: a
// number is read there too, and a Custom whose Type is DWORD is fixed with 1 or 0.

import { PropertyFact } from '../../schema';
import { InCustom } from './custom';
import { dwordOf } from './dword';
import { PropertyValue, quotedValue } from './value';

/** Spellings whose intent is evident. */
const MEANS: Record<string, boolean> = {
  true: true, false: false, yes: true, no: false, on: true, off: false, '1': true, '0': false,
};

/** Whether a BOOL value is as IIS writes it (in a <Custom>, a number as well). */
export function isBool(text: string, custom?: InCustom): boolean {
  return text === 'TRUE' || text === 'FALSE' || (custom !== undefined && dwordOf(text) !== undefined);
}

/**
 * A BOOL as IIS reads it: TRUE or FALSE (any case), or a number, as a `<Custom>` stored as a DWORD holds it
 * (0 is false); undefined for anything else (bool-value reports it).
 */
export function boolOf(value: string): boolean | undefined {
  const text = value.trim().toUpperCase();
  if (text === 'TRUE' || text === 'FALSE') return text === 'TRUE';
  const number = dwordOf(text);
  return number === undefined ? undefined : number !== 0;
}

export function checkBool(value: PropertyValue, property: PropertyFact, custom?: InCustom): void {
  const text = value.decoded;
  if (isBool(text, custom)) return;
  const upper = text.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') {
    value.reportAll('bool-case', `IIS writes BOOL values as ${upper}, in upper case`, [value.fixAll(`Change to ${upper}`, upper, true)]);
    return;
  }
  const [yes, no] = custom?.boolAsDword ? ['1', '0'] : ['TRUE', 'FALSE'];
  const meant = MEANS[text.trim().toLowerCase()];
  const fixes = meant === undefined
    ? [value.fixAll(`Change to ${yes}`, yes), value.fixAll(`Change to ${no}`, no)]
    : [value.fixAll(`Change to ${meant ? yes : no}`, meant ? yes : no, true)];
  const reads = custom ? 'TRUE or FALSE, or in a <Custom> a number (1 or 0)' : 'TRUE or FALSE';
  value.reportAll('bool-value', `${property.name} is a BOOL: IIS reads ${reads}, not ${quotedValue(text)}`, fixes);
}
