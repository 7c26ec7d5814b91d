// DWORD values: IIS writes a decimal number from 0 to 4294967295 (dword-not-number), within the range
// the schema gives where it gives one (dword-range). Where the schema's default lies outside its own range
// (SmtpServiceVersion: default 0, StartingNumber 1), IIS writes the default: it is accepted.

import { clip } from '../../quote';
import { PropertyFact } from '../../schema';
import { Fix } from '../finding';
import { PropertyValue, quotedValue } from './value';

export const DWORD_MAX = 4294967295;
const DIGITS = /^\d+$/;

/** The number a decimal DWORD text stands for, or undefined. */
export function dwordOf(text: string): number | undefined {
  if (!DIGITS.test(text)) return undefined;
  const n = Number(text);
  return n <= DWORD_MAX ? n : undefined;
}

/** Whether a DWORD value is as IIS writes it: a decimal number within the property's range. */
export function isDword(text: string, property: PropertyFact): boolean {
  const n = dwordOf(text);
  return n !== undefined && (inRange(n, property) || isDefault(n, property));
}

function inRange(n: number, property: PropertyFact): boolean {
  return n >= (property.min ?? 0) && n <= (property.max ?? DWORD_MAX);
}

/** Whether `n` is the property's default (a range the default lies outside does not hold it). */
export function isDefault(n: number, property: PropertyFact): boolean {
  return property.default !== undefined && dwordOf(property.default) === n;
}

export function checkDword(value: PropertyValue, property: PropertyFact): void {
  const text = value.decoded;
  const n = dwordOf(text);
  if (n === undefined) {
    value.reportAll('dword-not-number', notNumber(property, text), numberFixes(value, text));
    return;
  }
  if (!inRange(n, property) && !isDefault(n, property)) {
    const min = property.min ?? 0;
    value.reportAll('dword-range', `${property.name} must be from ${min} to ${property.max ?? DWORD_MAX} (the schema's range); ${n} is ${n < min ? 'below' : 'above'} it`);
  }
}

/** dword-not-number's message for `text`. */
export function notNumber(property: PropertyFact, text: string): string {
  return `${property.name} is a DWORD: IIS reads a decimal number from 0 to ${DWORD_MAX}, not ${quotedValue(text)}`;
}

/** The decimal form of a DWORD written in hex (`0x4000003E`), which IIS does not read; undefined for anything else. */
export function decimalOfHex(text: string): string | undefined {
  const hex = /^0[xX]([0-9a-fA-F]{1,8})$/.exec(text);
  return hex ? String(parseInt(hex[1], 16)) : undefined;
}

/** The number meant, where it shows: spaces around it (preferred), hex, -1, a unit after the digits. */
function numberFixes(value: PropertyValue, text: string): Fix[] {
  const trimmed = text.trim();
  if (trimmed !== text && dwordOf(trimmed) !== undefined) return [value.fixAll('Remove the spaces', trimmed, true)];
  const hex = decimalOfHex(trimmed);
  if (hex !== undefined) return [value.fixAll(`Change to ${hex}`, hex, true)];
  if (trimmed === '-1') return [value.fixAll(`Change to ${DWORD_MAX}`, String(DWORD_MAX))];
  const lead = /^(\d+)\s*[A-Za-z]+$/.exec(trimmed);
  if (lead && dwordOf(lead[1]) !== undefined) return [value.fixAll(`Change to ${clip(lead[1])}`, lead[1])];
  return [];
}
