// Rules on the Flags field: a decimal DWORD where bit 1 is MD_SCRIPTMAPFLAG_SCRIPT and bit 4 is
// MD_SCRIPTMAPFLAG_CHECK_PATH_INFO. Bit 2 is obsolete, yet Windows' own Indexing Service setup still writes it
// (.idq and .ida with 7, .htw with 3), so it is known and never reported.

import { ScriptMapItem } from '../../model/scriptMap';
import { quoted } from '../../quote';
import { Fix } from '../finding';
import { ScriptMapsValue } from './value';

export const FLAG_BITS: ReadonlyArray<{ bit: number; name: string; meaning: string }> = [
  { bit: 1, name: 'MD_SCRIPTMAPFLAG_SCRIPT', meaning: 'runs in folders with Script permission, not only Execute' },
  { bit: 2, name: 'obsolete', meaning: "no documented effect; Windows' Indexing Service setup writes it (.idq, .ida 7; .htw 3)" },
  { bit: 4, name: 'MD_SCRIPTMAPFLAG_CHECK_PATH_INFO', meaning: 'IIS checks that the requested file exists first (missing file: 404)' },
];

const KNOWN_BITS = 1 | 2 | 4;

/** The flags as a number, or undefined when they are not a decimal DWORD. */
export function parseFlags(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n <= 0xffffffff ? n : undefined;
}

export function unknownBits(flags: number): number[] {
  const unknown = (flags & ~KNOWN_BITS) >>> 0;
  const bits: number[] = [];
  for (let bit = 1; bit <= unknown; bit *= 2) if ((unknown & bit) !== 0) bits.push(bit);
  return bits;
}

export function checkFlags(value: ScriptMapsValue, item: ScriptMapItem): void {
  const field = item.flags!;
  const flags = parseFlags(field.text);
  if (flags !== undefined && (flags & ~KNOWN_BITS) === 0 && !/^\s|\s$/.test(field.text)) return;
  const range = () => value.range(item, field);
  const set = (n: number, label: string): Fix => ({ title: `Set flags to ${n} (${label})`, edits: [value.replace(item, field, String(n))] });
  if (flags === undefined) {
    // Its fixes rewrite the whole field, spaces included: no flags-spaces besides.
    value.report('flags-not-a-number', range(),
      `the flags ${quoted(field.text)} are not a decimal number: IIS cannot read the item and answers HTTP 500`,
      [set(5, 'script, check path info'), set(1, 'script'), set(4, 'check path info'), set(0, 'execute only')]);
    return;
  }
  const trimmed = field.text.trim();
  if (trimmed !== field.text) {
    const lead = field.text.indexOf(trimmed);
    const edits = [];
    if (lead > 0) edits.push(value.replace(item, { start: field.start, end: field.start + lead }, ''));
    if (lead + trimmed.length < field.text.length) edits.push(value.replace(item, { start: field.start + lead + trimmed.length, end: field.end }, ''));
    value.report('flags-spaces', range(), `the flags ${quoted(trimmed)} have white space around them: IIS Manager writes none`,
      [{ title: 'Trim the flags', edits, preferred: true }]);
  }
  if ((flags & ~KNOWN_BITS) === 0) return;
  const unknown = unknownBits(flags);
  const known = (flags & KNOWN_BITS) >>> 0;
  const names = unknown.map((b) => `${b} (0x${b.toString(16)})`).join(', ');
  value.report('flags-unknown-bits', range(),
    `the flags ${flags} set bit${unknown.length > 1 ? 's' : ''} ${names}, which IIS does not document; only 1 (script), 4 (check path info) and the obsolete 2 are known`,
    // Which bits were meant is not evident: clearing them is a choice, not the fix-all fix.
    [set(known, 'clear the unknown bits'), ...[5, 1].filter((n) => n !== known).map((n) => set(n, n === 5 ? 'script, check path info' : 'script'))]);
}
