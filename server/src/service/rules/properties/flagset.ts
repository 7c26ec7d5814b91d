// Flag-set DWORDs (AccessFlags, AuthFlags, ...: a DWORD with flags in the schema). IIS writes the names of
// the flags that are set, joined by ' | ' (`AuthFlags="AuthAnonymous | AuthNTLM"`), and 0 when none is.
// A name that is no flag of the property (flagset-unknown-name), another separator (flagset-separator), a
// number in place of names (flagset-number; not in a <Custom>, where IIS writes the number), a number IIS
// cannot store in a DWORD (dword-not-number).

import { clip, quoted } from '../../quote';
import { FlagFact, PropertyFact } from '../../schema';
import { Fix } from '../finding';
import { InCustom } from './custom';
import { DWORD_MAX, decimalOfHex, notNumber } from './dword';
import { Suggestions } from './suggestions';
import { PropertyValue } from './value';

export const FLAG_SEPARATOR = ' | ';

interface Piece {
  start: number;
  end: number;
}

/** The names (tokens) of a flag-set value and the separators around them, as decoded ranges. */
export function splitFlags(text: string): { tokens: Piece[]; separators: Piece[] } {
  const tokens: Piece[] = [];
  const separators: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const separator = isSeparator(text.charCodeAt(i));
    while (i < text.length && isSeparator(text.charCodeAt(i)) === separator) i++;
    (separator ? separators : tokens).push({ start, end: i });
  }
  return { tokens, separators };
}

function isSeparator(c: number): boolean {
  // white space (line breaks included), | , ; + & (no flag name holds one: `A & B` joins two names)
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x7c || c === 0x2c || c === 0x3b || c === 0x2b || c === 0x26;
}

const flagMaps = new WeakMap<PropertyFact, Map<string, FlagFact>>();

function flagsOf(property: PropertyFact): Map<string, FlagFact> {
  let map = flagMaps.get(property);
  if (!map) flagMaps.set(property, (map = new Map(property.flags.map((f) => [f.name, f]))));
  return map;
}

const flagLists = new WeakMap<PropertyFact, string>();

/** The property's flag names, for messages (made once: a value may hold thousands of unknown names). */
function flagList(property: PropertyFact): string {
  let list = flagLists.get(property);
  if (list === undefined) flagLists.set(property, (list = property.flags.map((f) => f.name).join(', ')));
  return list;
}

/** The flag names that make up `n`, in the schema's order of values; undefined when bits are left over. */
export function flagNames(property: PropertyFact, n: number): string[] | undefined {
  const names: string[] = [];
  let rest = n;
  for (const flag of [...property.flags].sort((a, b) => a.value - b.value)) {
    if (Math.floor(rest / flag.value) % 2 === 1) {
      names.push(flag.name);
      rest -= flag.value;
    }
  }
  return rest === 0 ? names : undefined;
}

const wellWritten = new WeakMap<PropertyFact, RegExp>();

/** Whether a flag set is as IIS writes it: flag names joined by ' | ', or 0. One native match, no allocation. */
export function isFlagSet(text: string, property: PropertyFact): boolean {
  let pattern = wellWritten.get(property);
  if (!pattern) {
    const name = `(?:${property.flags.map((f) => f.name.replace(/[^\w]/g, '\\$&')).join('|')})`;
    wellWritten.set(property, (pattern = new RegExp(`^(?:0|${name}(?: \\| ${name})*)$`)));
  }
  return pattern.test(text);
}

/** Returns false when the value holds no token at all (the DWORD rule then reports it). */
export function checkFlagSet(value: PropertyValue, property: PropertyFact, suggestions: Suggestions, custom?: InCustom): boolean {
  const text = value.decoded;
  const { tokens, separators } = splitFlags(text);
  if (tokens.length === 0) return false;
  const flags = flagsOf(property);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const name = text.slice(token.start, token.end);
    if (flags.has(name)) continue;
    const hex = decimalOfHex(name);
    if (hex !== undefined) {
      // IIS reads decimal digits only: the decimal number is meant (preferred when it is the whole value).
      value.report('dword-not-number', token.start, token.end, notNumber(property, name),
        [value.fix(`Change to ${hex}`, token.start, token.end, hex, tokens.length === 1)]);
      continue;
    }
    if (/^\d+$/.test(name)) {
      // In a <Custom> IIS writes the number: only one it cannot store is reported there.
      if ((name !== '0' || tokens.length > 1) && (!custom || Number(name) > DWORD_MAX)) checkNumber(value, property, name, tokens, t, separators);
      continue;
    }
    const nearest = suggestions.flag(property, name);
    const fixes: Fix[] = nearest.map((n, i) => value.fix(`Change to ${n}`, token.start, token.end, n, i === 0 && nearest.length === 1));
    value.report('flagset-unknown-name', token.start, token.end,
      `${quoted(name)} is not a flag of ${property.name}${nearest.length ? `; did you mean ${nearest.join(' or ')}?` : ''} (its flags: ${flagList(property)})`, fixes);
  }
  for (const separator of separators) {
    const inner = separator.start > 0 && separator.end < text.length;
    if (inner && text.slice(separator.start, separator.end) === FLAG_SEPARATOR) continue;
    if (inner) {
      value.report('flagset-separator', separator.start, separator.end, `IIS joins flag names with '${FLAG_SEPARATOR}'`,
        [value.fix(`Change to '${FLAG_SEPARATOR}'`, separator.start, separator.end, FLAG_SEPARATOR, true)]);
    } else {
      value.report('flagset-separator', separator.start, separator.end, 'IIS writes nothing before the first flag name or after the last',
        [{ title: 'Remove it', edits: [value.replace(separator.start, separator.end, '')], preferred: true }]);
    }
  }
  return true;
}

function checkNumber(value: PropertyValue, property: PropertyFact, name: string, tokens: Piece[], t: number, separators: Piece[]): void {
  const token = tokens[t];
  const n = Number(name);
  if (n > DWORD_MAX) {
    value.report('dword-not-number', token.start, token.end, notNumber(property, name));
    return;
  }
  if (n === 0) {
    checkZero(value, property, name, tokens, t, separators);
    return;
  }
  const names = flagNames(property, n);
  const fixes = names ? [value.fix(`Change to ${names.join(FLAG_SEPARATOR)}`, token.start, token.end, names.join(FLAG_SEPARATOR))] : [];
  const meaning = names ? `: ${n} is ${names.join(FLAG_SEPARATOR)}` : `, and ${n} sets bits that are no flag of ${property.name}`;
  value.report('flagset-number', token.start, token.end, `IIS writes ${property.name} as flag names${meaning}`, fixes);
}

/** A 0 among other tokens, or written otherwise than `0` (`00`): it sets no flag. */
function checkZero(value: PropertyValue, property: PropertyFact, name: string, tokens: Piece[], t: number, separators: Piece[]): void {
  const token = tokens[t];
  if (tokens.length === 1) {
    value.report('flagset-number', token.start, token.end, `IIS writes ${property.name} as flag names, and 0 when no flag is set: ${clip(name)} sets no flag`,
      [value.fix('Change to 0', token.start, token.end, '0')]);
    return;
  }
  // Tokens and separators alternate: the token goes with the separator after it, or before it when it is the last.
  const first = separators.length > 0 && separators[0].start === 0 ? 1 : 0;
  const around = t < tokens.length - 1 ? separators[t + first] : separators[t + first - 1];
  const [start, end] = t < tokens.length - 1 ? [token.start, around.end] : [around.start, token.end];
  value.report('flagset-number', token.start, token.end, `${clip(name)} sets no flag of ${property.name}: IIS writes only the names of the flags that are set`,
    [value.fix(`Remove ${clip(name)}`, start, end, '')]);
}
