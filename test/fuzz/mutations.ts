// Mutations of valid files (truncations at every class of position, deleted or doubled quotes and angle
// brackets, random characters, NUL, lone surrogates, a BOM in the middle, mixed line endings) and big or
// hostile inputs (a 1 MB line, a 100,000-item list, 10,000 attributes, deep nesting, entity bombs).

import fc from 'fast-check';

// ---- positions by class ----

export type PositionClass = 'tag-name' | 'attribute-name' | 'value' | 'between-keys' | 'entity' | 'line-break' | 'any';

export const POSITION_CLASSES: PositionClass[] = ['tag-name', 'attribute-name', 'value', 'between-keys', 'entity', 'line-break', 'any'];

/** Every offset of `text` in a class (offsets where a cut leaves the text ending inside such a thing). */
export function positionsOf(text: string, cls: PositionClass): number[] {
  const out: number[] = [];
  const add = (re: RegExp, inner: (m: RegExpExecArray) => [number, number]) => {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const [s, e] = inner(m);
      for (let i = s; i <= e && i <= text.length; i++) out.push(i);
      if (out.length > 5000) break;
    }
  };
  switch (cls) {
    case 'tag-name': add(/<\/?([A-Za-z_][\w.:-]*)/g, (m) => [m.index + 1, m.index + m[0].length]); break;
    case 'attribute-name': add(/\s([A-Za-z_][\w.:-]*)\s*=/g, (m) => [m.index + 1, m.index + m[0].length]); break;
    case 'value': add(/=\s*(["'])[^"']*\1/g, (m) => [m.index + 1, m.index + m[0].length]); break;
    case 'between-keys': add(/<\/[A-Za-z_][\w.:-]*>\s*/g, (m) => [m.index + m[0].length - 1, m.index + m[0].length]); break;
    case 'entity': add(/&#?\w*;/g, (m) => [m.index + 1, m.index + m[0].length - 1]); break;
    case 'line-break': add(/\r\n|\r|\n/g, (m) => [m.index, m.index + m[0].length]); break;
    case 'any': for (let i = 0; i <= text.length; i++) out.push(i); break;
  }
  return out.length ? out : [text.length];
}

// ---- mutations ----

export type Mutation =
  | { op: 'truncate'; cls: PositionClass; pick: number }
  | { op: 'delete-char'; char: string; pick: number }
  | { op: 'double-char'; char: string; pick: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete-range'; at: number; length: number }
  | { op: 'line-endings'; to: string; pick: number }
  | { op: 'duplicate-range'; at: number; length: number };

const SPECIAL_INSERTS = ['\u0000', '\uD800', '\uDC00', '\uFEFF', '&', '&lol;', '&#0;', '&#xD800;', '<', '>', '"', "'", '\r', '\n', '\r\n',
  '\t', ',', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '</MBProperty>', '<MBProperty>', '</configuration>', '<IIsWebServer Location="/x">',
  '<!DOCTYPE x [<!ENTITY a "b">]>', '\u0085', '\u2028', '\uFFFE', '\uFFFF', '\u{1F600}', 'ScriptMaps="', '/>', '=', ' '];

const charArb = fc.constantFrom('"', "'", '<', '>', '&', ';', '=', '/', '\r', '\n', ',');

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), cls: fc.constantFrom(...POSITION_CLASSES), pick: fc.nat() }),
  fc.record({ op: fc.constant('delete-char' as const), char: charArb, pick: fc.nat() }),
  fc.record({ op: fc.constant('double-char' as const), char: charArb, pick: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_INSERTS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 4 }) },
  ) }),
  fc.record({ op: fc.constant('delete-range' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('line-endings' as const), to: fc.constantFrom('\r\n', '\n', '\r', 'mixed'), pick: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-range' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

/** Where a mutation changed the text: [start, oldEnd) became [start, newEnd). */
export interface Change {
  start: number;
  oldEnd: number;
  newEnd: number;
}

function occurrences(text: string, ch: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) out.push(i);
  return out;
}

/** Applies one mutation; returns the new text and the span it changed (one contiguous span). */
export function applyMutation(text: string, m: Mutation): { text: string; change: Change } {
  const splice = (start: number, end: number, insert: string) => ({
    text: text.slice(0, start) + insert + text.slice(end), change: { start, oldEnd: end, newEnd: start + insert.length },
  });
  switch (m.op) {
    case 'truncate': {
      const at = pickOf(positionsOf(text, m.cls), m.pick);
      return splice(at, text.length, '');
    }
    case 'delete-char':
    case 'double-char': {
      const all = occurrences(text, m.char);
      if (all.length === 0) return splice(0, 0, '');
      const at = pickOf(all, m.pick);
      return m.op === 'delete-char' ? splice(at, at + 1, '') : splice(at, at, m.char);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return splice(at, at, m.text);
    }
    case 'delete-range': {
      const at = m.at % (text.length + 1);
      return splice(at, Math.min(text.length, at + m.length), '');
    }
    case 'duplicate-range': {
      const at = m.at % (text.length + 1);
      return splice(at, at, text.slice(at, Math.min(text.length, at + m.length)));
    }
    case 'line-endings': {
      const kinds = ['\r\n', '\n', '\r'];
      let n = m.pick;
      const replaced = text.replace(/\r\n|\r|\n/g, () => (m.to === 'mixed' ? kinds[(n = (n * 1103515245 + 12345) % 2147483648) % 3] : m.to));
      if (replaced === text) return splice(0, 0, '');
      // one span from the first to the last difference
      let s = 0;
      while (s < text.length && s < replaced.length && text[s] === replaced[s]) s++;
      let e = 0;
      while (e < text.length - s && e < replaced.length - s && text[text.length - 1 - e] === replaced[replaced.length - 1 - e]) e++;
      return { text: replaced, change: { start: s, oldEnd: text.length - e, newEnd: replaced.length - e } };
    }
  }
}

function pickOf(list: number[], pick: number): number {
  return list[pick % list.length];
}

export function applyMutations(text: string, ms: Mutation[]): string {
  for (const m of ms) text = applyMutation(text, m).text;
  return text;
}

// ---- big and hostile inputs ----

const HEAD = '<?xml version ="1.0"?>\r\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\r\n<MBProperty>\r\n';
const TAIL = '</MBProperty>\r\n</configuration>\r\n';
const ITEM = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';

export function wrapKeys(keys: string): string {
  return HEAD + keys + TAIL;
}

export function keyWith(props: string, inner = '', type = 'IIsWebVirtualDir'): string {
  return `<${type}\tLocation ="/LM/W3SVC/1/ROOT"\r\n${props}\t>\r\n${inner}</${type}>\r\n`;
}

/** `n` keys, each with a short ScriptMaps list (some items faulty): a plain big document. */
export function manyKeys(n: number): string {
  let keys = '';
  for (let i = 0; i < n; i++) {
    keys += keyWith(`\t\tPath="D:\\Sites\\${i}"\r\n\t\tScriptMaps="${ITEM}\r\n\t\t\tasp,C:\\x\\y.exe,5x,get,,POST"\r\n`);
  }
  return wrapKeys(keys);
}

/** A ScriptMaps attribute value that is one line of `size` characters. */
export function hugeLine(size: number): string {
  const unit = `${ITEM},`;
  const value = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return wrapKeys(keyWith(`\t\tScriptMaps="${value}"\r\n`));
}

/** A 1 MB line of text with no markup at all between tags. */
export function hugeTextLine(size: number): string {
  return wrapKeys(keyWith('', 'x'.repeat(size) + '\r\n'));
}

export function hugeList(items: number, faulty = false): string {
  const lines: string[] = [];
  for (let i = 0; i < items; i++) lines.push(faulty && i % 3 === 1 ? `ext${i},rel\\p.exe %S,x,get,,` : `.e${i},C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST`);
  return wrapKeys(keyWith(`\t\tScriptMaps="${lines.join('\r\n\t\t\t')}"\r\n`));
}

export function manyAttributes(n: number): string {
  let props = '';
  for (let i = 0; i < n; i++) props += `\t\tA${i}="v${i}"\r\n`;
  props += `\t\tScriptMaps="${ITEM}"\r\n`;
  return wrapKeys(keyWith(props));
}

/** `depth` nested elements inside one key (its Custom children nest). */
export function deepInsideKey(depth: number): string {
  return wrapKeys(keyWith(`\t\tScriptMaps="${ITEM}"\r\n`, '<a>'.repeat(depth) + '</a>'.repeat(depth) + '\r\n'));
}

/** `depth` nested elements at the top level, around the metabase. */
export function deepTopLevel(depth: number): string {
  return '<?xml version ="1.0"?>\r\n' + '<d>'.repeat(depth) + HEAD.slice(HEAD.indexOf('<configuration')) + keyWith(`\t\tScriptMaps="${ITEM}"\r\n`) + TAIL + '</d>'.repeat(depth) + '\r\n';
}

/** Deep nesting that never closes. */
export function deepUnclosed(depth: number): string {
  return '<?xml version ="1.0"?>\r\n' + '<d>'.repeat(depth);
}

/** The classic billion laughs, its last entity referenced in a ScriptMaps value and in text. */
export function billionLaughs(): string {
  let dtd = '<!DOCTYPE configuration [\r\n <!ENTITY lol "lol">\r\n';
  dtd += ' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\r\n';
  for (let i = 2; i <= 9; i++) dtd += ` <!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">\r\n`;
  dtd += ']>\r\n';
  return '<?xml version ="1.0"?>\r\n' + dtd + HEAD.slice(HEAD.indexOf('<configuration')) +
    keyWith(`\t\tScriptMaps=".asp,C:\\x\\&lol9;.dll,5,GET"\r\n`) + TAIL;
}

/** An external SYSTEM entity referenced in a value: it must never be fetched or read. */
export function externalEntity(): string {
  return '<?xml version ="1.0"?>\r\n<!DOCTYPE configuration [\r\n <!ENTITY xxe SYSTEM "file:///etc/passwd">\r\n <!ENTITY web SYSTEM "http://127.0.0.1:1/x">\r\n]>\r\n' +
    HEAD.slice(HEAD.indexOf('<configuration')) + keyWith(`\t\tScriptMaps=".asp,&xxe;,5,GET&web;"\r\n`) + TAIL;
}

/** Many unclosed quotes, one per key: each runs on into the following lines. */
export function manyUnclosedQuotes(n: number): string {
  let keys = '';
  for (let i = 0; i < n; i++) keys += keyWith(`\t\tScriptMaps=".asp,C:\\x.dll,5\r\n\t\tPath="D:\\${i}"\r\n`);
  return wrapKeys(keys);
}

/** Many '<' with no tag name, and start tags with no end: resynchronisation at every line. */
export function manyBrokenTags(n: number): string {
  let keys = '';
  for (let i = 0; i < n; i++) keys += `<IIsWebServer Location="/LM/W3SVC/${i}"\r\n\t< \r\n`;
  return wrapKeys(keys);
}

/** `n` attribute names near schema names (each one a did-you-mean lookup, up to the key's bound). */
export function manyMisspeltNames(n: number): string {
  let props = '';
  for (let i = 0; i < n; i++) props += `\t\tAuthFlag${i}="AuthNTLM"\r\n`;
  return wrapKeys(keyWith(props));
}

/** One flag set of `n` misspelt names. */
export function hugeFlagSet(n: number): string {
  return wrapKeys(keyWith(`\t\tAuthFlags="${Array<string>(n).fill('AuthNTML').join(' | ')}"\r\n`));
}

export interface HostileCase {
  name: string;
  make: (scale: number) => string;
  /** The full size used in npm test. */
  full: number;
}

export const HOSTILE: HostileCase[] = [
  { name: 'a 1 MB ScriptMaps line', make: hugeLine, full: 1 << 20 },
  { name: 'a 1 MB text line', make: hugeTextLine, full: 1 << 20 },
  { name: 'a 100,000-item ScriptMaps list', make: (n) => hugeList(n), full: 100_000 },
  { name: 'a 100,000-item ScriptMaps list with faults', make: (n) => hugeList(n, true), full: 100_000 },
  { name: '10,000 attributes on one element', make: manyAttributes, full: 10_000 },
  { name: '10,000 misspelt property names on one key', make: manyMisspeltNames, full: 10_000 },
  { name: 'a flag set of 10,000 misspelt names', make: hugeFlagSet, full: 10_000 },
  { name: '10,000 levels of nesting inside a key', make: deepInsideKey, full: 10_000 },
  { name: '10,000 levels of nesting at the top level', make: deepTopLevel, full: 10_000 },
  { name: '10,000 unclosed levels at the top level', make: deepUnclosed, full: 10_000 },
  { name: '2,000 keys', make: manyKeys, full: 2_000 },
  { name: '2,000 unclosed quotes', make: manyUnclosedQuotes, full: 2_000 },
  { name: '5,000 broken tags', make: manyBrokenTags, full: 5_000 },
];
