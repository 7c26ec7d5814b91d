// Documents that careless and hostile writers produce, and the oracle's verdict on every quick fix and on
// fix-all for them. Designed from the issue, docs/metabase.md and XML 1.0, not from the rules: character
// references for any character (line breaks and tabs included, decimal or hex in either case of digit,
// leading zeros) in any field; named entities; either quote; every field empty; doubled separators; mixed
// CR/LF/CRLF; tabs and spaces around fields; <Custom ID="6014"> lists beside <Custom> values that are not
// lists; a BOM; real-world items; and, rarely, thousands of items, verbs, blanks or duplicates.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, TextEdit } from 'vscode-languageserver-types';
import { codeActions, fixAll, parseModel, validate } from '../../server/src/service';
import { itemArb as generatedItemArb } from './arbitraries';
import { judgeFix, judgeFixAll, judgePropertyFix, oracleParse } from './oracle';
import { applyMutation, mutationArb } from './mutations';

const pieces = {
  extension: ['.asp', '.pl', '*', '.*', '*.*', '*.', '. *', 'php', ' .asp', '.as p', '', '.x&y', '.A"b', ".c'd", '.<>', '.PHP'],
  processor: ['C:\\WINDOWS\\system32\\inetsrv\\asp.dll', 'C:\\Program Files\\Perl\\bin\\perl.exe %s %s',
    '"C:\\Program Files\\x.exe" "%s" %s', 'C:\\php\\php-cgi.exe', ' C:\\a.dll ', 'perl.exe', '\\\\srv\\share\\a.dll',
    'C:\\Prog\nram Files\\p.exe %S', 'C:\\a.dll -x', '"C:\\x.exe %s', '%windir%\\a.dll', 'C:\\é\tx.dll', '',
    'C:\\Program\tFiles\\perl.exe %s %s', 'C:\\Program Files\\a&b\\x.exe', 'c:\\program files\\exchsrvr\\bin\\msimsrv.dll'],
  flags: ['5', '1', '0', '7', ' 5', 'x', '', '4 ', '99999999999', '\t1', '3', '-1'],
  verbs: [[], ['GET', 'HEAD', 'POST'], ['get', 'Post'], [' GET', 'HEAD '], ['All'], ['', ''], ['GET', 'GET'],
    ['G<T'], ['PROPFIND', ''], ['', '', '', ''], ['TRACE', 'x y'], ['\tGET\t', 'post '], ['G"T', "P'T"], ['GET', 'get', 'Get']],
};

/** Items that IIS, IIS Manager, installers and KB articles write (docs/metabase.md). */
const REAL_ITEMS = [
  '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE',
  '.idc,C:\\WINDOWS\\system32\\inetsrv\\httpodbc.dll,5,GET,POST',
  '.aspx,C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG',
  '.htw,C:\\WINDOWS\\system32\\webhits.dll,3,GET,HEAD,POST',
  '*,C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll,0',
  '*,c:\\program files\\exchsrvr\\bin\\msimsrv.dll,1',
  '.php,C:\\php\\php-cgi.exe,1', '.php,C:\\Php\\Php.exe,5',
  '.pl,C:\\Perl\\bin\\perl.exe "%s" %s,5,GET,HEAD,POST',
  '.py,C:\\Python24\\python.exe %s %s,1',
  '*,C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll,4,All',
  '.htm, C:\\Inetpub\\isapi\\Test.dll, 5,GET',
  '.shtml,C:\\WINDOWS\\system32\\inetsrv\\ssinc.dll,5,GET, HEAD, POST',
];

/** White space a careless writer leaves around a field. */
const padArb = fc.constantFrom('', '', '', ' ', '\t', '  ', ' \t');

/** One item from the pieces: each field padded, sometimes a separator doubled. */
const pieceItemArb = fc.record({
  extension: fc.constantFrom(...pieces.extension),
  processor: fc.constantFrom(...pieces.processor),
  flags: fc.constantFrom(...pieces.flags),
  verbs: fc.constantFrom(...pieces.verbs),
  pads: fc.array(padArb, { minLength: 4, maxLength: 4 }),
  doubled: fc.boolean(),
}).map((r) => [r.extension, r.processor, r.flags, ...r.verbs]
  .map((f, i) => (i < 3 ? r.pads[i] + f + r.pads[3 - i] : f)).join(r.doubled ? ',,' : ','));

/** Any characters at all (XML Chars), commas and the markup characters often. */
const anyCharArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(',', ',', '.', '\\', ':', ' ', '\t', '"', "'", '&', '<', '>', '%', ';', '#', 'a', 'Z', '5') },
  { weight: 1, arbitrary: fc.integer({ min: 0x20, max: 0x10ffff })
    .filter((c) => (c < 0xd800 || c > 0xdfff) && c !== 0xfffe && c !== 0xffff)
    .map((c) => String.fromCodePoint(c)) },
);
const wildItemArb = fc.array(anyCharArb, { maxLength: 24 }).map((cs) => cs.join(''));

const decodedItemArb = fc.oneof(
  { weight: 6, arbitrary: pieceItemArb },
  { weight: 3, arbitrary: generatedItemArb },
  { weight: 2, arbitrary: fc.constantFrom(...REAL_ITEMS) },
  { weight: 1, arbitrary: wildItemArb },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', ',', ',,', ',,,', ',,,,') },
);

/** A character reference for code point `code`: decimal or hex, hex digits in either case, leading zeros. */
function charRef(code: number, choice: number): string {
  const zeros = '0'.repeat(choice % 3 === 0 ? (choice >> 2) % 4 : 0);
  switch (choice % 3) {
    case 0: return `&#${zeros}${code};`;
    case 1: return `&#x${zeros}${code.toString(16).toUpperCase()};`;
    default: return `&#x${'0'.repeat((choice >> 2) % 3)}${code.toString(16)};`;
  }
}

const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Writes one decoded character into an attribute delimited by `quote`; `choice` picks among the forms
 * (raw where XML allows it, a named entity, a character reference). A raw TAB is written less often than
 * a reference to it: XML reads a raw one as a space.
 */
function encodeChar(c: string, quote: string, choice: number): string {
  const code = c.codePointAt(0)!;
  const mustEncode = c === '&' || c === '<' || c === quote;
  const pick = choice % 4;
  if (pick === 0 && !mustEncode) return c;
  if (pick === 1 && NAMED[c]) return NAMED[c];
  if (pick === 2 && !mustEncode && c !== '\t') return c;
  return charRef(code, choice >> 2);
}

/** A line break between items: raw CR, LF or CRLF, or references to them, then indentation. */
const separatorArb = fc.record({
  breaks: fc.array(fc.constantFrom('\r\n', '\n', '\r', '&#10;', '&#xA;', '&#xa;', '&#13;&#10;', '&#xD;&#xA;', '&#013;', '&#x0000d;',
    '\r&#10;', '&#13;\n', '&#0010;'), { minLength: 1, maxLength: 2 }),
  indent: fc.constantFrom('\t\t\t', '', ' ', '\t', '&#9;&#9;&#9;', '  \t'),
}).map((s) => s.breaks.join('') + s.indent);

interface ListSpec { items: string[]; separators: string[]; choices: number[] }

const smallListArb: fc.Arbitrary<ListSpec> = fc.record({
  items: fc.array(decodedItemArb, { minLength: 1, maxLength: 6 }),
  separators: fc.array(separatorArb, { minLength: 1, maxLength: 3 }),
  choices: fc.array(fc.nat(255), { minLength: 1, maxLength: 12 }),
});

/** Rare and big: thousands of items, blanks, duplicates, or verbs in one item. */
const bigListArb: fc.Arbitrary<ListSpec> = fc.record({
  shape: fc.constantFrom('items', 'blanks', 'duplicates', 'verbs', 'empty-verbs'),
  n: fc.integer({ min: 200, max: 2000 }),
  item: fc.constantFrom(...REAL_ITEMS),
  separator: separatorArb,
  choices: fc.array(fc.nat(255), { minLength: 1, maxLength: 4 }),
}).map(({ shape, n, item, separator, choices }): ListSpec => {
  const many = (f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
  const items = shape === 'items' ? many((i) => item.replace(/^[^,]*/, `.e${i}`))
    : shape === 'blanks' ? [item, ...many(() => ''), item.replace(/^[^,]*/, '.z')]
      : shape === 'duplicates' ? many(() => item)
        : shape === 'verbs' ? [`.v,C:\\x\\v.dll,5,${many((i) => (i % 3 ? `get${i}` : 'GET')).join(',')}`]
          : [`.v,C:\\x\\v.dll,5,GET${','.repeat(n)}`];
  return { items, separators: [separator], choices };
});

function encodeList(list: ListSpec, quote: string): string {
  let k = 0;
  const next = () => list.choices[k++ % list.choices.length] + (k >> 5);
  return list.items.map((item) => [...item].map((c) => encodeChar(c, quote, next())).join(''))
    .map((item, i) => (i === 0 ? item : list.separators[i % list.separators.length] + item)).join('');
}

interface KeySpec { list: ListSpec; quote: '"' | "'"; custom: boolean; otherCustom: boolean; type: string }

const keyArb = (listArb: fc.Arbitrary<ListSpec>): fc.Arbitrary<KeySpec> => fc.record({
  list: listArb,
  quote: fc.constantFrom<'"' | "'">('"', "'"),
  custom: fc.boolean(),
  otherCustom: fc.boolean(),
  type: fc.constantFrom('IIsWebVirtualDir', 'IIsWebService', 'IIsWebServer', 'IIsConfigObject', 'IIsWebFile'),
});

function writeKey(key: KeySpec, i: number, eol: string): string {
  const q = key.quote;
  const value = encodeList(key.list, q);
  // A <Custom> list that is not ScriptMaps (an item cut by `&#10;`): no ScriptMaps fix may touch it; its own
  // list rules may (fix-all is judged on it as on a ScriptMaps list).
  const other = key.otherCustom ? `\t<Custom Name="HttpErrors" ID="6008" Value=${q}.x,C:\\a.dll,x&#10;,${q} Type="MULTISZ"/>${eol}` : '';
  const head = `<${key.type}\tLocation =${q}/LM/W3SVC/${i}/ROOT${q}${eol}\t\tPath=${q}C:\\a&amp;b&#9;c&#10;d${q}${eol}`;
  return key.custom
    ? `${head}\t>${eol}${other}\t<Custom Name="ScriptMaps" ID=${q}6014${q} Value=${q}${value}${q} Type="MULTISZ"/>${eol}</${key.type}>`
    : `${head}\t\tScriptMaps=${q}${value}${q}${eol}\t>${eol}${other}</${key.type}>`;
}

export const hostileDocumentArb = fc.record({
  keys: fc.oneof(
    { weight: 40, arbitrary: fc.array(keyArb(smallListArb), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.tuple(keyArb(bigListArb)).map((k) => [...k]) },
  ),
  bom: fc.boolean(),
  eol: fc.constantFrom('\r\n', '\n', '\r'),
}).map(({ keys, bom, eol }) => [
  `${bom ? '\uFEFF' : ''}<?xml version ="1.0"?>`,
  '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
  '<MBProperty>',
  ...keys.map((k, i) => writeKey(k, i + 1, eol)),
  '</MBProperty>',
  '</configuration>',
  '',
].join(eol));

export interface OracleCounts {
  cases: number;
  fixes: number;
}

/** The errors of a text, counted per rule. */
function errorsByRule(document: TextDocument, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of validate(document, parseModel(text))) {
    if (d.severity === DiagnosticSeverity.Error) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  }
  return counts;
}

/**
 * Judges the quick fixes of every diagnostic (of the first `maxDiagnostics` on a big document) and
 * fix-all: the oracle's verdict on each, fix-all at its fixed point after one call, and no rule reporting
 * more errors after fix-all than before.
 */
export function judgeDocument(text: string, counts: OracleCounts, maxDiagnostics = Infinity): void {
  // The generator writes well-formed XML: a refusal here is the oracle's own fault. Big documents: fewer fixes.
  if (oracleParse(text) && text.length > 100_000) maxDiagnostics = Math.min(maxDiagnostics, 5);
  const document = TextDocument.create('file:///MetaBase.xml', 'iis-metabase', 1, text);
  const model = parseModel(text);
  counts.cases++;
  const diagnostics = validate(document, model);
  for (const diagnostic of diagnostics.slice(0, maxDiagnostics)) {
    const actions = codeActions(document, model, diagnostic.range, ['quickfix']);
    for (const action of actions) {
      if (!action.diagnostics?.some((d) => d.code === diagnostic.code)) continue;
      const edits = action.edit!.changes![document.uri];
      const after = TextDocument.applyEdits(document, edits);
      judgeFix(text, after, action.title, document.offsetAt(diagnostic.range.start),
        edits.map((e: TextEdit) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText })));
      counts.fixes++;
    }
  }
  const fixed = TextDocument.applyEdits(document, fixAll(document, model));
  judgeFixAll(text, fixed);
  counts.fixes++;
  const again = TextDocument.create(document.uri, 'iis-metabase', 2, fixed);
  assert.deepEqual(fixAll(again, parseModel(fixed)), [], `fix-all is not at its fixed point after one call:\n${fixed}`);
  const before = errorsByRule(document, text);
  for (const [rule, n] of errorsByRule(again, fixed)) {
    assert.ok(n <= (before.get(rule) ?? 0), `fix-all created errors: ${rule} ${before.get(rule) ?? 0} -> ${n}`);
  }
}

/** Runs a check; `npm run fuzz -- --ignore` passes one that counts known failures instead of stopping. */
type Guard = (check: () => void) => void;
const unguarded: Guard = (check) => check();

export const oracleProperty = (counts: OracleCounts, guard = unguarded) => fc.property(hostileDocumentArb,
  (text) => guard(() => judgeDocument(text, counts, 40)));

/** Hostile documents mutated (tests/fuzz/mutations.ts); those still well-formed are judged. */
export const mutatedOracleProperty = (counts: OracleCounts & { mutations: number }, guard = unguarded) => fc.property(
  hostileDocumentArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (text, mutations) => {
    for (const m of mutations) {
      text = applyMutation(text, m).text;
      counts.mutations++;
      try {
        oracleParse(text);
      } catch {
        continue; // not well-formed (or no longer a list the oracle can cut): nothing to judge
      }
      const judged = text;
      guard(() => judgeDocument(judged, counts, 40));
    }
  });

// ---- properties: names and values that careless writers produce, written with hostile encodings ----

const PROPERTY_PIECES: Array<[name: string, values: string[]]> = [
  ['AccessFlags', ['AccessRead | AccessScript', 'AccessRead|AccessScript', ' AccessRead ', '513', '0', '', 'AccessRead,\nAccessScript', 'AccesRead | x']],
  ['AuthFlags', ['AuthAnonymous | AuthNTML', 'authntlm', '5', 'AuthBasic\t|\tAuthMD5']],
  ['AllowKeepAlive', ['TRUE', 'true', 'yes', ' FALSE', '1', '', 'maybe']],
  ['AspScriptTimeout', ['90', '90s', ' 90 ', '0x5A', '-1', '', '4294967296']],
  ['AppPoolQueueLength', ['5', '1000', '70000']],
  ['UNCPassword', ['P@ss"w<rd&', '00ff', '']],
  ['AccesFlags', ['AccessRead']],
  ['accessflags', ['1']],
  ['AppPoolId', ['DefaultAppPool']],
];

const CUSTOM_PIECES = ['Name="MD_ISM_ACCES" ID="6269" Value="1" Type="STRING" UserType="IIS_MD_UT_SERVER"', 'Name="AllowKeepAlive" ID="6038" Value="1" Type="DWORD" UserType="IIS_MD_UT_FILE"'];

export const hostilePropertyDocumentArb = fc.record({
  type: fc.constantFrom('IIsWebVirtualDir', 'IIsFtpVirtualDir', 'IIsConfigObject', 'IIsWebService', 'IIsApplicationPool'),
  properties: fc.uniqueArray(fc.integer({ min: 0, max: PROPERTY_PIECES.length - 1 }), { minLength: 1, maxLength: 5 })
    .chain((indexes) => fc.tuple(...indexes.map((i) => fc.constantFrom(...PROPERTY_PIECES[i][1]).map((v) => [PROPERTY_PIECES[i][0], v] as const)))),
  customs: fc.subarray(CUSTOM_PIECES),
  quote: fc.constantFrom<'"' | "'">('"', "'"),
  choice: fc.nat(255),
  eol: fc.constantFrom('\r\n', '\n', '\r'),
}).map(({ type, properties, customs, quote, choice, eol }) => {
  const encode = (value: string) => [...value].map((c, i) => encodeChar(c, quote, choice + i)).join('');
  const attributes = properties.map(([name, value]) => `\t\t${name}=${quote}${encode(value)}${quote}${eol}`).join('');
  return [
    '<?xml version ="1.0"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    `<${type}\tLocation ="/LM/W3SVC/1/ROOT"${eol}${attributes}\t>${eol}${customs.map((c) => `\t<Custom ${c}/>${eol}`).join('')}</${type}>`,
    '</MBProperty>',
    '</configuration>',
    '',
  ].join(eol);
});

/** Judges every quick fix of every property diagnostic (one attribute changed, nothing else), and fix-all. */
export function judgePropertyDocument(text: string, counts: OracleCounts): void {
  oracleParse(text);
  const document = TextDocument.create('file:///MetaBase.xml', 'iis-metabase', 1, text);
  const model = parseModel(text);
  counts.cases++;
  for (const diagnostic of validate(document, model)) {
    for (const action of codeActions(document, model, diagnostic.range, ['quickfix'])) {
      if (!action.diagnostics?.some((d) => d.code === diagnostic.code)) continue;
      const edits = action.edit!.changes![document.uri];
      judgePropertyFix(text, TextDocument.applyEdits(document, edits), action.title,
        edits.map((e: TextEdit) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText })));
      counts.fixes++;
    }
  }
  const fixed = TextDocument.applyEdits(document, fixAll(document, model));
  const before = oracleParse(text).attributes;
  const after = oracleParse(fixed).attributes;
  assert.deepEqual(after.map((a) => a.element), before.map((a) => a.element), 'fix-all added or removed an attribute');
  const again = TextDocument.create(document.uri, 'iis-metabase', 2, fixed);
  assert.deepEqual(fixAll(again, parseModel(fixed)), [], `fix-all is not at its fixed point after one call:\n${fixed}`);
  counts.fixes++;
}

export const propertyOracleProperty = (counts: OracleCounts) => fc.property(hostilePropertyDocumentArb, (text) => judgePropertyDocument(text, counts));
