// BOOL values: IIS writes TRUE or FALSE; the schema marks BOOLs case-insensitive, so another case is read
// (bool-case), anything else is not a BOOL (bool-value).

import { PropertyFact } from '../../schema';
import { PropertyValue } from './value';

/** Spellings whose intent is evident. */
const MEANS: Record<string, 'TRUE' | 'FALSE'> = {
  true: 'TRUE', false: 'FALSE', yes: 'TRUE', no: 'FALSE', on: 'TRUE', off: 'FALSE', '1': 'TRUE', '0': 'FALSE',
};

/** Whether a BOOL value is as IIS writes it. */
export function isBool(text: string): boolean {
  return text === 'TRUE' || text === 'FALSE';
}

export function checkBool(value: PropertyValue, property: PropertyFact): void {
  const text = value.decoded;
  if (isBool(text)) return;
  const upper = text.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') {
    value.reportAll('bool-case', `IIS writes BOOL values as ${upper}, in upper case`, [value.fixAll(`Change to ${upper}`, upper, true)]);
    return;
  }
  const meant = MEANS[text.trim().toLowerCase()];
  const fixes = meant ? [value.fixAll(`Change to ${meant}`, meant, true)] : [
    value.fixAll('Change to TRUE', 'TRUE'), value.fixAll('Change to FALSE', 'FALSE'),
  ];
  value.reportAll('bool-value', `${property.name} is a BOOL: IIS reads TRUE or FALSE, not ${quoted(text)}`, fixes);
}

export function quoted(text: string): string {
  return text === '' ? 'an empty value' : `'${text.length > 40 ? `${text.slice(0, 40)}...` : text}'`;
}
