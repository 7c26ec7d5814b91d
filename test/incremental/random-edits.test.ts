// Incremental re-reading must give exactly what a full read gives: after every edit of a random sequence,
// validate(updateModel(...)) deep-equals validate(parseModel(newText)). Documents are small generated
// metabases (CRLF, LF or CR) and hand-built, often malformed, pieces; edits insert/delete/replace 0-20
// characters anywhere, favouring segment boundaries, quotes and tag delimiters, offsets 0/1 and the end.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MetabaseModel, TextChange, parseModel, updateModel, validate } from '../../server/src/service';
import { generateText } from '../../bench/generate';

const DECL = '<?xml version ="1.0"?>';
const OPEN = '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\r\n<MBProperty>\r\n';
const CLOSE = '</MBProperty>\r\n</configuration>\r\n';
const VDIR = '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\r\n\t\tAccessFlags="AccessRead"\r\n' +
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE\r\n' +
  '\t\t\t.pl,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,5,GET,HEAD,POST\r\n' +
  '\t\t\t.php,C:\\Program Files\\PHP\\php-cgi.exe %s %s,x,get"\r\n\t>\r\n</IIsWebVirtualDir>\r\n';
const DIR = '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/img"\r\n\t\tScriptMaps=".shtm,C:\\WINDOWS\\system32\\inetsrv\\ssinc.dll,5,GET,POST"\r\n' +
  '\t>\r\n\t<Custom\r\n\t\tName="ScriptMaps"\r\n\t\tID="6014"\r\n\t\tValue=".x,C:\\a.dll,1"\r\n\t\tType="MULTISZ"\r\n\t/>\r\n</IIsWebDirectory>\r\n';
const SERVER = '<IIsWebServer\tLocation ="/LM/W3SVC/1"\r\n\t\tServerBindings=":80:\r\n\t\t\t:81:"\r\n\t>\r\n</IIsWebServer>\r\n';
const FILTERS = '<IIsFilters\tLocation ="/LM/W3SVC/1/Filters"\r\n\t\tScriptMaps=".a,C:\\a.dll,1,GET"\r\n\t>\r\n</IIsFilters>\r\n';
const EMPTY_KEY = '<IIsConfigObject\tLocation ="/LM/IISADMIN"\r\n\t>\r\n</IIsConfigObject>\r\n';
const SELF_CLOSING = '<IIsWebFile Location ="/LM/W3SVC/1/ROOT/a.asp" ScriptMaps=".asp,asp.dll,1,GET"/>\r\n';

/** Pieces to build documents from; several are deliberately broken. */
const PIECES: readonly string[] = [
  DECL + '\r\n', '\uFEFF' + DECL + '\r\n', OPEN, CLOSE, VDIR, DIR, SERVER, FILTERS, EMPTY_KEY, SELF_CLOSING,
  '<!-- a comment -->\r\n', '<!-- unclosed comment\r\n', '<![CDATA[ x ]]>\r\n', '<!DOCTYPE x [ <!ENTITY a "b"> ]>\r\n',
  '<?pi data?>\r\n', 'stray text & more\r\n', '&amp;&lt;&#34;&#x22;&bogus;\r\n',
  VDIR.replace('TRACE\r\n', 'TRACE\r\n\t\tBroken="'), // a quote that runs on
  VDIR.replace('\t>\r\n', '\r\n'), // a start tag without '>'
  VDIR.replace('</IIsWebVirtualDir>', '</IIsWebVirtualDi>'),
  DIR.replace('ID="6014"', 'ID="6014'),
  '<MBProperty>\r\n', '</MBProperty>\r\n', '<configuration>\r\n', '</configuration>', '\r\n', '\t', '<', '>', '"',
];

const documentArb: fc.Arbitrary<string> = fc.oneof(
  // A generated metabase, possibly cut to a window of itself, with one of the three line ends.
  fc.record({
    seed: fc.integer({ min: 1, max: 1000 }),
    sites: fc.integer({ min: 0, max: 1 }),
    eol: fc.constantFrom('\r\n', '\n', '\r'),
    cut: fc.option(fc.tuple(fc.nat(), fc.nat()), { freq: 3 }),
  }).map(({ seed, sites, eol, cut }) => {
    const text = generateText({ seed, sites, eol, mistakeEvery: 2 });
    if (!cut) return text;
    const a = cut[0] % (text.length + 1);
    return text.slice(Math.min(a, 200), Math.max(a, cut[1] % (text.length + 1)));
  }),
  // A well-formed frame around a few keys.
  fc.array(fc.constantFrom(VDIR, DIR, SERVER, FILTERS, EMPTY_KEY, SELF_CLOSING), { maxLength: 4 })
    .map((keys) => `${DECL}\r\n${OPEN}${keys.join('')}${CLOSE}`),
  // Anything built of pieces.
  fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }).map((p) => p.join('')),
);

/** What an edit inserts: characters that matter to the scanner, and some bigger pieces. */
const INSERT_ATOMS: readonly string[] = [
  '"', "'", '<', '>', '/', '=', '\n', '\r', '\r\n', '&', ';', ',', ' ', '\t', '!', '?', '-', '[', ']',
  'a', 'x', 'Z', '.', '5', '%s', '&quot;', '&amp;', '</', '/>', '<!--', '-->', '?>', ']]>', 'GET', '\uFEFF', '\u0001',
  'ScriptMaps="', '\r\n\t\t\t', '\t>\r\n', '</IIsWebVirtualDir>', '<IIsWebDirectory\tLocation ="/x"',
  '</MBProperty>', '<MBProperty>',
];

type Where = 'any' | 'boundary' | 'special' | 'start' | 'end';
interface EditRecipe { where: Where; n: number; shift: number; del: number; insert: string }

const editArb: fc.Arbitrary<EditRecipe> = fc.record({
  where: fc.constantFrom<Where>('any', 'any', 'boundary', 'boundary', 'special', 'start', 'end'),
  n: fc.nat(),
  shift: fc.integer({ min: -2, max: 2 }),
  del: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20 })),
  insert: fc.oneof(
    fc.constant(''),
    fc.array(fc.constantFrom(...INSERT_ATOMS), { maxLength: 6 }).map((a) => a.join('').slice(0, 20)),
    fc.constantFrom(VDIR, EMPTY_KEY, CLOSE),
  ),
});

const SPECIAL = /["'<>&\r\n,=]/g;

/** The concrete edit a recipe means for this text and model. */
function resolve(text: string, model: MetabaseModel, r: EditRecipe): { start: number; end: number; insert: string } {
  let at: number;
  switch (r.where) {
    case 'start': at = r.n % 2; break;
    case 'end': at = text.length - (r.n % 2) * (r.shift & 1); break;
    case 'boundary': {
      const s = model.segments;
      at = s.length === 0 ? 0 : (r.n % 2 ? s[r.n % s.length].end : s[r.n % s.length].start) + r.shift;
      break;
    }
    case 'special': {
      const hits = [...text.matchAll(SPECIAL)].map((m) => m.index);
      at = hits.length ? hits[r.n % hits.length] + (r.shift > 0 ? 1 : 0) : r.n;
      break;
    }
    default: at = r.n;
  }
  const start = Math.max(0, Math.min(text.length, at));
  return { start, end: Math.min(text.length, start + r.del), insert: r.insert };
}

const URI = 'file:///test/MetaBase.xml';

function diagnosticsOf(text: string, model: MetabaseModel) {
  return validate(TextDocument.create(URI, 'iis-metabase', 1, text), model);
}

function checkTiling(text: string, model: MetabaseModel): void {
  let pos = 0;
  for (const s of model.segments) {
    assert.equal(s.start, pos, 'segments must tile the text');
    assert.ok(s.end > s.start || text.length === 0, 'segments must not be empty');
    pos = s.end;
  }
  assert.equal(pos, text.length, 'segments must cover the text');
}

/** Applies edits one by one, asserting after each that the incremental model validates like a full read. */
function runSequence(initial: string, edits: { start: number; end: number; insert: string }[] | EditRecipe[]): void {
  let text = initial;
  let model = parseModel(text);
  for (const e of edits) {
    const { start, end, insert } = 'where' in e ? resolve(text, model, e) : e;
    const next = text.slice(0, start) + insert + text.slice(end);
    const change: TextChange = { start, oldEnd: end, newEnd: start + insert.length };
    const incremental = updateModel(model, next, change);
    const full = parseModel(next);
    assert.deepStrictEqual(diagnosticsOf(next, incremental), diagnosticsOf(next, full),
      `incremental != full after edit ${JSON.stringify({ start, end, insert })} of ${JSON.stringify(text)}`);
    checkTiling(next, incremental);
    text = next;
    model = incremental;
  }
}

test('incremental update equals a full read after every edit of random sequences', () => {
  fc.assert(
    fc.property(documentArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (doc, edits) => {
      runSequence(doc, edits);
    }),
    { seed: 0x5eed, numRuns: 200 },
  );
});

test('incremental update equals a full read on a generated site with many small edits', () => {
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 10, maxLength: 30 }), (edits) => {
      runSequence(generateText({ seed: 11, sites: 1, mistakeEvery: 3 }), edits);
    }),
    { seed: 42, numRuns: 40 },
  );
});

const BASE = `${DECL}\r\n${OPEN}${SERVER}${VDIR}${DIR}${EMPTY_KEY}${CLOSE}`;

test('regression: a quote opened in one key swallows the next keys, then is closed again', () => {
  const at = BASE.indexOf('AccessRead"') + 'AccessRead'.length; // the closing quote of AccessFlags
  runSequence(BASE, [
    { start: at, end: at + 1, insert: '' }, // delete it: the value runs on
    { start: at, end: at, insert: '"' }, // put it back
    { start: at, end: at + 1, insert: '' },
    { start: BASE.indexOf('"', at + 5) - 1, end: BASE.indexOf('"', at + 5) - 1, insert: '"' }, // close elsewhere
  ]);
  // An opening quote typed into a value, far from its pair.
  const v = BASE.indexOf('.pl,');
  runSequence(BASE, [{ start: v, end: v, insert: '"' }, { start: v, end: v + 1, insert: '' }]);
});

test("regression: deleting the '>' of a key start tag and of a key end tag", () => {
  const gt = BASE.indexOf('\t>\r\n', BASE.indexOf('<IIsWebVirtualDir')) + 1;
  runSequence(BASE, [{ start: gt, end: gt + 1, insert: '' }, { start: gt, end: gt, insert: '>' }]);
  const endGt = BASE.indexOf('</IIsWebVirtualDir>') + '</IIsWebVirtualDir'.length;
  runSequence(BASE, [{ start: endGt, end: endGt + 1, insert: '' }, { start: endGt, end: endGt, insert: '>' }]);
});

test('regression: edits at offset 0 and 1 of a file with an XML declaration', () => {
  runSequence(BASE, [
    { start: 0, end: 0, insert: '\uFEFF' },
    { start: 0, end: 1, insert: '' },
    { start: 0, end: 0, insert: ' ' },
    { start: 0, end: 1, insert: '' },
    { start: 1, end: 2, insert: '!' },
    { start: 1, end: 2, insert: '?' },
    { start: 0, end: 0, insert: '\r\n' },
    { start: 0, end: 2, insert: '' },
  ]);
});

test('regression: appending at the end', () => {
  runSequence(BASE, [
    { start: BASE.length, end: BASE.length, insert: '<!-- trailing' },
    { start: BASE.length + 13, end: BASE.length + 13, insert: ' -->' },
    { start: BASE.length + 17, end: BASE.length + 17, insert: '\r\n<x/>' },
  ]);
  const cut = BASE.slice(0, BASE.indexOf('</MBProperty>'));
  runSequence(cut, [{ start: cut.length, end: cut.length, insert: '</MBProperty>\r\n</configuration>\r\n' }]);
});

// Minimal reproductions found by the property above: a segment whose reading ran into the end of the text
// (an indexOf that found nothing, a loop that stopped at the end) must be read again when text is appended.
for (const [text, append] of [
  ['<"', 'x'], // resync finds no line break
  ['<!DOCTYPE x [\r\n', ']>'], // DOCTYPE loop stops at the end
  ['<configuration>\r\n<MBProperty>\r\n<K Location ="/x\r\n</K>\r\n', '"'], // closing quote not found; segment ends before EOF
  [`${DECL}\r\n<configuration><!-- c`, ' -->'], // comment not closed
  ['<configuration>\r\n<!-', '- c -->'], // startsWith('<!--') cut by the end of the text
  ['<configuration>\r\n<![CDA', 'TA[x]]>'],
]) {
  test(`regression: appending ${JSON.stringify(append)} to ${JSON.stringify(text)}`, () => {
    runSequence(text, [{ start: text.length, end: text.length, insert: append }]);
  });
}
