// Documents that careless and hostile writers produce (character references for any character, line
// breaks and tabs included, in any field; either quote; doubled separators; empty fields; odd spacing), and
// the oracle's verdict on every quick fix and on fix-all for them.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit } from 'vscode-languageserver-types';
import { codeActions, fixAll, parseModel, validate } from '../../server/src/service';
import { judgeFix, judgeFixAll, judgePropertyFix, oracleParse } from './oracle';

const pieces = {
  extension: ['.asp', '.pl', '*', '.*', '*.*', '*.', '. *', 'php', ' .asp', '.as p', '', '.x&y'],
  processor: ['C:\\WINDOWS\\system32\\inetsrv\\asp.dll', 'C:\\Program Files\\Perl\\bin\\perl.exe %s %s',
    '"C:\\Program Files\\x.exe" "%s" %s', 'C:\\php\\php-cgi.exe', ' C:\\a.dll ', 'perl.exe', '\\\\srv\\share\\a.dll',
    'C:\\Prog\nram Files\\p.exe %S', 'C:\\a.dll -x', '"C:\\x.exe %s', '%windir%\\a.dll', 'C:\\é\tx.dll', ''],
  flags: ['5', '1', '0', '7', ' 5', 'x', '', '4 ', '99999999999'],
  verbs: [[], ['GET', 'HEAD', 'POST'], ['get', 'Post'], [' GET', 'HEAD '], ['All'], ['', ''], ['GET', 'GET'],
    ['G<T'], ['PROPFIND', ''], ['', '', '', ''], ['TRACE', 'x y']],
};

/** One item, as fields joined by commas (sometimes a doubled one). */
const itemArb = fc.record({
  extension: fc.constantFrom(...pieces.extension),
  processor: fc.constantFrom(...pieces.processor),
  flags: fc.constantFrom(...pieces.flags),
  verbs: fc.constantFrom(...pieces.verbs),
  doubled: fc.boolean(),
}).map((r) => [r.extension, r.processor, r.flags, ...r.verbs].join(r.doubled ? ',,' : ','));

/** How one decoded character is written in the attribute. */
function encoder(quote: '"' | "'", mode: number): (c: string, i: number) => string {
  return (c, i) => {
    const code = c.codePointAt(0)!;
    const pick = (mode + i) % 5;
    if (c === '&') return pick % 2 ? '&amp;' : '&#38;';
    if (c === '<') return pick % 2 ? '&lt;' : '&#x3C;';
    if (c === quote) return quote === '"' ? (pick % 2 ? '&quot;' : '&#34;') : (pick % 2 ? '&apos;' : '&#39;');
    if (c === '\t' || c === '\n' || c === '\r') return pick === 0 ? c : pick === 1 ? `&#${code};` : pick === 2 ? `&#x${code.toString(16).toUpperCase().padStart(3, '0')};` : `&#x${code.toString(16)};`;
    if (mode > 2 && pick === 0) return `&#${code};`;
    if (mode > 3 && pick === 1) return `&#x${code.toString(16)};`;
    return c;
  };
}

const SEPARATORS = ['\r\n\t\t\t', '\n\t\t\t', '\r', '&#10;', '&#13;&#10;', '&#xA;\t', '&#x0000D;', '\r&#10;', '\n\n'];

export const hostileDocumentArb = fc.record({
  items: fc.array(itemArb, { minLength: 1, maxLength: 5 }),
  separator: fc.constantFrom(...SEPARATORS),
  quote: fc.constantFrom<'"' | "'">('"', "'"),
  mode: fc.integer({ min: 0, max: 4 }),
  custom: fc.boolean(),
  eol: fc.constantFrom('\r\n', '\n'),
}).map(({ items, separator, quote, mode, custom, eol }) => {
  const encode = encoder(quote, mode);
  const value = items.map((item) => [...item].map(encode).join('')).join(separator);
  const list = custom
    ? `\t>${eol}\t<Custom Name="ScriptMaps" ID="6014" Value=${quote}${value}${quote} Type="MULTISZ"/>${eol}`
    : `\t\tScriptMaps=${quote}${value}${quote}${eol}\t>${eol}`;
  return [
    '<?xml version ="1.0"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"${eol}\t\tPath="C:\\a&amp;b&#9;c"${eol}${list}</IIsWebVirtualDir>`,
    '</MBProperty>',
    '</configuration>',
    '',
  ].join(eol);
});

export interface OracleCounts {
  cases: number;
  fixes: number;
}

/** Judges every quick fix of every diagnostic, and fix-all (twice: the second must change nothing). */
export function judgeDocument(text: string, counts: OracleCounts): void {
  oracleParse(text); // the generator writes well-formed XML: a refusal here is the oracle's own fault
  const document = TextDocument.create('file:///MetaBase.xml', 'iis-metabase', 1, text);
  const model = parseModel(text);
  counts.cases++;
  for (const diagnostic of validate(document, model)) {
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
}

export const oracleProperty = (counts: OracleCounts) => fc.property(hostileDocumentArb, (text) => judgeDocument(text, counts));


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
  mode: fc.integer({ min: 0, max: 4 }),
  eol: fc.constantFrom('\r\n', '\n', '\r'),
}).map(({ type, properties, customs, quote, mode, eol }) => {
  const encode = encoder(quote, mode);
  const attributes = properties.map(([name, value]) => `\t\t${name}=${quote}${[...value].map(encode).join('')}${quote}${eol}`).join('');
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
