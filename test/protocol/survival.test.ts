// The bundled server survives everything a client can send: generated and mutated documents, hostile inputs,
// odd and out-of-range edits, requests for documents it does not hold, cancelled requests, and 10,000
// keystrokes without growing. Each group runs one server process; it must never exit before the group's
// shutdown, which must end it with code 0. Fixed seeds throughout.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource, CodeActionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest, HoverRequest, LSPErrorCodes, Position, Range, ResponseError, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { Prng, generateText } from '../../bench/generate';
import { documentArb } from '../fuzz/arbitraries';
import { checkRange } from '../fuzz/checks';
import {
  POSITION_CLASSES, applyMutation, billionLaughs, deepInsideKey, deepTopLevel, deepUnclosed, externalEntity, hugeLine,
  hugeTextLine, keyWith, mutationArb, wrapKeys,
} from '../fuzz/mutations';
import { PUSH_CLIENT } from './lspClient';
import { Doc, LANGUAGE, MEASURABLE, Session, expectedDiagnostics, rangeChange, settledRssKb, touchesCrLf } from './lsp';

const SEED = 20250612;

let counter = 0;
const newUri = (group: string) => `file:///survival/${group}/${++counter}/MetaBase.xml`;

const P = (line: number, character: number): Position => ({ line, character });
const R = (start: Position, end: Position): Range => ({ start, end });
const MAX = 2 ** 31 - 1; // the largest uinteger: a line or character "beyond everything" that the protocol allows

/** A position somewhere in the document, drawn from `prng`. */
function somewhere(doc: Doc, prng: Prng): Position {
  return doc.document.positionAt(prng.int(0, doc.text.length));
}

/** Asks for a hover somewhere in the document; its range, if any, must lie inside the text. */
async function hoverInside(doc: Doc, prng: Prng, what: string): Promise<void> {
  const result = await doc.session.hover(doc.uri, somewhere(doc, prng));
  if (result?.range) checkRange(TextDocument.create(doc.uri, LANGUAGE, 1, doc.text), result.range, `${what}: hover range`);
}

/** After a change: a hover is answered, the newest version's diagnostics come and equal the service's. */
async function probe(doc: Doc, prng: Prng, what: string, options: { equal?: boolean; timeoutMs?: number } = {}): Promise<void> {
  await hoverInside(doc, prng, what);
  await doc.expectInSync(what, options);
  doc.session.assertAlive();
}

describe('survival: generated, mutated and hostile documents', () => {
  let session: Session;
  const prng = new Prng(SEED);
  const uri = () => newUri('documents');

  before(async () => { session = await Session.start(PUSH_CLIENT); });
  after(() => session.kill());

  it('random documents, opened, then mutated by incremental and full changes', async () => {
    const cases = fc.sample(fc.tuple(documentArb({ faults: true }), fc.array(mutationArb, { minLength: 1, maxLength: 4 })), { seed: SEED, numRuns: 40 });
    for (const [i, [generated, mutations]] of cases.entries()) {
      const doc = new Doc(session, uri());
      await doc.open(generated.text);
      await probe(doc, prng, `case ${i} opened`);
      for (const [j, mutation] of mutations.entries()) {
        const { text, change } = applyMutation(doc.text, mutation);
        const inserted = text.slice(change.start, change.newEnd);
        const incremental = (i + j) % 3 !== 0 && !touchesCrLf(doc.text, change.start, change.oldEnd, inserted);
        await doc.change([incremental ? rangeChange(doc.document, change.start, change.oldEnd, inserted) : { text }]);
        await probe(doc, prng, `case ${i}, mutation ${j} (${mutation.op}, ${incremental ? 'incremental' : 'full'})`);
      }
      await doc.close();
    }
    session.assertNoUnexpectedErrors();
  });

  it('NUL, lone surrogates, a BOM and other odd characters typed into a realistic metabase', async () => {
    const doc = new Doc(session, uri());
    await doc.open(generateText({ seed: SEED, sites: 3, mistakeEvery: 3 }));
    await probe(doc, prng, 'opened');
    const odd = ['\u0000', '\uD800', '\uDC00', '\uDBFF\uDBFF', '\uFEFF', '\uFFFE', '\uFFFF', '\u0085', '\u2028', '\u{1F600}', '&lol;', '&#0;',
      '&#xD800;', '<![CDATA[', ']]>', '<!--', '\u0000\u0000\u0000', '\uDFFF\uD800'];
    for (const [i, ch] of odd.entries()) {
      let at = prng.int(0, doc.text.length);
      while (touchesCrLf(doc.text, at, at, ch)) at++;
      await doc.change([rangeChange(doc.document, at, at, ch)]);
      await probe(doc, prng, `character ${i} ${JSON.stringify(ch)} at ${at}`);
    }
    // A BOM at the very start, then one more in the middle of the XML declaration.
    await doc.change([{ range: R(P(0, 0), P(0, 0)), text: '\uFEFF' }]);
    await probe(doc, prng, 'a BOM at the start');
    await doc.change([{ range: R(P(0, 6), P(0, 6)), text: '\uFEFF' }]);
    await probe(doc, prng, 'a BOM inside the XML declaration');
    await doc.close();
    session.assertNoUnexpectedErrors();
  });

  it('truncations at every class of position, incremental and full', async () => {
    const base = generateText({ seed: SEED + 1, sites: 2, mistakeEvery: 2 });
    const doc = new Doc(session, uri());
    await doc.open(base);
    await doc.expectInSync('opened');
    for (const [i, cls] of POSITION_CLASSES.entries()) {
      for (const pick of [prng.int(0, 1 << 20), prng.int(0, 1 << 20)]) {
        // Back to the whole text, then cut it.
        await doc.change([{ text: base }]);
        await doc.expectInSync(`restored before truncating at ${cls}`);
        const { change } = applyMutation(base, { op: 'truncate', cls, pick });
        const incremental = i % 2 === 0 && !touchesCrLf(base, change.start, change.oldEnd, '');
        await doc.change([incremental ? rangeChange(doc.document, change.start, base.length, '') : { text: base.slice(0, change.start) }]);
        await probe(doc, prng, `truncated at ${change.start} (${cls}, ${incremental ? 'incremental' : 'full'})`);
      }
    }
    await doc.close();
    session.assertNoUnexpectedErrors();
  });

  it('deep nesting, opened and as a full change', async () => {
    for (const make of [deepInsideKey, deepTopLevel, deepUnclosed]) {
      const text = make(10_000);
      const doc = new Doc(session, uri());
      await doc.open(text);
      await probe(doc, prng, `${make.name} opened`);
      await doc.change([{ text: generateText({ seed: SEED, sites: 1 }) }]);
      await probe(doc, prng, `${make.name} replaced`);
      await doc.change([{ text }]);
      await probe(doc, prng, `${make.name} as a full change`);
      // One more level typed in the middle.
      const middle = text.indexOf('<', Math.floor(text.length / 2));
      await doc.change([rangeChange(doc.document, middle, middle, '<x>')]);
      await probe(doc, prng, `${make.name} with one more level`);
      await doc.close();
    }
    session.assertNoUnexpectedErrors();
  });

  it('a 1 MB line: opened, edited inside, replaced by a 1 MB text line', async () => {
    const doc = new Doc(session, uri());
    // One ScriptMaps item a megabyte long: some 116,000 findings, a 36 MB publish (compared with the
    // service's in test/fuzz; here: it comes, and its ranges lie inside).
    await doc.open(hugeLine(1 << 20));
    await probe(doc, prng, '1 MB ScriptMaps line opened', { equal: false });
    // A realistic metabase whose AdminACL is a 1 MB line, edited in the middle of that line.
    const acl = generateText({ seed: SEED, sites: 2 }).replace(/AdminACL="0+"/, `AdminACL="${'0123456789abcdef'.repeat(1 << 16)}"`);
    await doc.change([{ text: acl }]);
    await probe(doc, prng, 'a 1 MB AdminACL line');
    const line = doc.document.positionAt(doc.text.indexOf('AdminACL="')).line;
    await doc.change([{ range: R(P(line, 500_000), P(line, 500_000)), text: 'x' }]);
    await probe(doc, prng, 'a character typed in the middle of the line');
    await doc.change([{ range: R(P(line, 700_000), P(line, 700_001)), text: '' }]);
    await probe(doc, prng, 'a character deleted in the middle of the line');
    await doc.change([{ range: R(P(line, 300_000), P(line, 300_010)), text: '"' }]);
    await probe(doc, prng, 'a quote that ends the value in the middle of the line');
    await doc.change([{ text: hugeTextLine(1 << 20) }]);
    await probe(doc, prng, '1 MB text line as a full change');
    await doc.close();
    session.assertNoUnexpectedErrors();
  });

  it('billion laughs and external entities: reported, never expanded or fetched', async () => {
    const doc = new Doc(session, uri());
    await doc.open(billionLaughs());
    await probe(doc, prng, 'billion laughs opened');
    let { diagnostics } = await doc.published();
    assert.ok(diagnostics.some((d) => d.code === 'xml-doctype'), 'no xml-doctype diagnostic');
    assert.ok(!JSON.stringify(diagnostics).includes('lollol'), 'a diagnostic holds an expansion');
    // The same DOCTYPE typed into a realistic metabase, after its XML declaration.
    await doc.change([{ text: generateText({ seed: SEED, sites: 2 }) }]);
    await probe(doc, prng, 'realistic');
    const dtd = billionLaughs().match(/<!DOCTYPE[\s\S]*?\]>\r\n/)![0];
    await doc.change([{ range: R(P(1, 0), P(1, 0)), text: dtd }]);
    await probe(doc, prng, 'billion laughs typed in');
    const value = doc.text.indexOf('ScriptMaps="') + 'ScriptMaps="'.length;
    await doc.change([rangeChange(doc.document, value, value, '&lol9;')]);
    await probe(doc, prng, 'a reference to the last entity in a ScriptMaps value');
    ({ diagnostics } = await doc.published());
    assert.ok(!JSON.stringify(diagnostics).includes('lollol'), 'a diagnostic holds an expansion');
    await doc.change([{ text: externalEntity() }]);
    await probe(doc, prng, 'external entities');
    await doc.close();
    session.assertNoUnexpectedErrors();
  });

  it('shuts down with exit code 0, never having exited before', async () => {
    assert.equal(await session.shutdown(), 0);
  });
});

// ---- odd edits ----

const KEYS = [
  keyWith('\t\tScriptMaps=".asp,C:\\x.dll,5x,GET"\r\n'),
  keyWith('\t\tScriptMaps=".asp,C:\\x.dll,5,get"\r\n'),
  keyWith('\t\tScriptMaps="pl,C:\\x.dll,5,GET"\r\n'),
];
/**
 * Three keys, a finding in each (flags '5x' on line 4, verb 'get' on line 8, extension 'pl' on line 12); the
 * values start at character 14. 18 lines, the last one empty.
 */
const BASE = wrapKeys(KEYS.join(''));

interface OddEdit {
  name: string;
  /** The base text (BASE unless told). */
  text?: string;
  changes: TextDocumentContentChangeEvent[];
}

const ODD_EDITS: OddEdit[] = [
  { name: 'a range wholly past the end of the document', changes: [{ range: R(P(100, 0), P(120, 5)), text: '<!-- tail -->' }] },
  { name: 'a range starting on the line after the last one', changes: [{ range: R(P(18, 0), P(18, 0)), text: 'x' }] },
  // vscode-languageserver-textdocument writes the new line start at index start.line + 1 of its line table,
  // past the table's end: the table gets holes, positionAt answers character null, offsetAt undefined.
  { name: 'a range past the end spanning as many lines as its text has line breaks', changes: [{ range: R(P(40, 0), P(41, 0)), text: 'x\r\n' }] },
  { name: 'a range from inside the document to past its end', changes: [{ range: R(P(12, 14), P(500, 3)), text: 'pl,C:\\x.dll,5,GET"\r\n\t>\r\n</IIsWebVirtualDir>\r\n</MBProperty>\r\n</configuration>\r\n' }] },
  { name: 'characters beyond the end of the line', changes: [{ range: R(P(4, 1000), P(4, MAX)), text: ' x="1"' }] },
  { name: 'from beyond a line end to the start of the next line (joins them)', changes: [{ range: R(P(5, 999), P(6, 0)), text: '' }] },
  { name: 'line and character at the protocol maximum', changes: [{ range: R(P(MAX, MAX), P(MAX, MAX)), text: '<!-- end -->' }] },
  { name: 'line at the maximum, character 0, text with line breaks', changes: [{ range: R(P(MAX, 0), P(MAX, 0)), text: '\r\n\r\n' }] },
  { name: 'an inverted range on one line', changes: [{ range: R(P(4, 30), P(4, 28)), text: '7' }] },
  { name: 'an inverted range across keys', changes: [{ range: R(P(12, 14), P(4, 14)), text: '' }] },
  { name: 'an inverted range across keys, with text', changes: [{ range: R(P(12, 16), P(4, 14)), text: '.asp,C:\\y.dll,5,GET,\r\n\t\t\tqq' }] },
  { name: 'an inverted range from past the end back into the document', changes: [{ range: R(P(300, 0), P(12, 14)), text: 'x' }] },
  { name: 'an inverted range whose end is beyond its line', changes: [{ range: R(P(9, 0), P(8, 999)), text: '' }] },
  { name: 'an empty edit', changes: [{ range: R(P(4, 5), P(4, 5)), text: '' }] },
  { name: 'no content changes at all', changes: [] },
  { name: 'a rangeLength that disagrees with the range', changes: [{ range: R(P(4, 28), P(4, 30)), rangeLength: 9999, text: '5' }] },
  {
    name: 'several odd changes in one notification, each on the text the one before left',
    changes: [
      { range: R(P(8, 33), P(8, 30)), text: 'GET' },
      { range: R(P(500, 0), P(500, 0)), text: '<!-- a -->' },
      { range: R(P(4, MAX), P(4, MAX)), text: '' },
      { range: R(P(0, 0), P(0, 0)), text: '' },
      { range: R(P(12, 14), P(12, 14)), text: '.' },
    ],
  },
  {
    name: 'a full change between incremental ones in one notification',
    changes: [{ range: R(P(4, 28), P(4, 30)), text: 'zz' }, { text: wrapKeys(KEYS[2] + KEYS[1]) }, { range: R(P(8, 30), P(8, 33)), text: 'GET' }],
  },
  // The next two leave a CR and an LF side by side: one line break for the text, two line starts in the
  // table of vscode-languageserver-textdocument, whose incremental update only looks at the inserted text.
  { name: 'a CR typed before an LF (LF file)', text: BASE.replace(/\r\n/g, '\n'), changes: [{ range: R(P(4, 36), P(4, 36)), text: '\r' }] },
  { name: 'an LF typed after a CR (CR file)', text: BASE.replace(/\r\n/g, '\r'), changes: [{ range: R(P(5, 0), P(5, 0)), text: '\n' }] },
];

describe('survival: odd and out-of-range edits, documents it does not hold', () => {
  let session: Session;
  const uri = () => newUri('edits');

  before(async () => { session = await Session.start(PUSH_CLIENT); });
  after(() => session.kill());

  for (const edit of ODD_EDITS) {
    it(`${edit.name}: the server's text is TextDocument.update's`, async () => {
      const doc = new Doc(session, uri());
      await doc.open(edit.text ?? BASE);
      await doc.expectInSync('opened');
      await doc.change(edit.changes);
      await doc.expectInSync(`after ${edit.name}`);
      // And the next ordinary keystroke lands where the client means it.
      const at = doc.text.indexOf('ScriptMaps="') + 'ScriptMaps="'.length;
      if (at >= 'ScriptMaps="'.length) {
        await doc.change([rangeChange(doc.document, at, at, '!')]);
        await doc.expectInSync(`a keystroke after ${edit.name}`);
      }
      await doc.close();
      session.assertAlive();
    });
  }

  it('edits to a closed document are refused (logged); reopening it starts from the reopened text', async () => {
    const doc = new Doc(session, uri());
    await doc.open(BASE);
    await doc.expectInSync('opened');
    await doc.close();
    await session.published(doc.uri, undefined);
    await session.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, version: 2 }, contentChanges: [{ range: R(P(4, 28), P(4, 30)), text: '5' }],
    });
    await session.client.errorLogged(`not open: ${doc.uri}`);
    assert.equal(await session.hover(doc.uri, P(4, 29)), null);
    assert.equal(await session.codeActions(doc.uri, P(4, 29)), null);
    assert.equal(session.client.published.filter((p) => p.uri === doc.uri && p.version === 2).length, 0);
    await doc.open(wrapKeys(KEYS[1]));
    await doc.expectInSync('reopened');
    session.assertAlive();
  });

  it('didChange for a uri never opened is refused (logged); opening it afterwards works', async () => {
    const doc = new Doc(session, uri());
    await session.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, version: 7 }, contentChanges: [{ range: R(P(MAX, MAX), P(0, 0)), text: 'x' }, { text: 'y' }],
    });
    await session.client.errorLogged(`not open: ${doc.uri}`);
    assert.equal(await session.hover(doc.uri, P(0, 0)), null);
    await doc.open(BASE);
    await doc.expectInSync('opened');
    session.assertAlive();
  });

  it('didOpen twice for the same uri: the second text wins, and later edits apply to it', async () => {
    const doc = new Doc(session, uri());
    await doc.open(BASE);
    await doc.open(wrapKeys(KEYS[2]), 2);
    await doc.expectInSync('opened twice, new version');
    await doc.change([{ range: R(P(4, 14), P(4, 14)), text: '.' }]);
    await doc.expectInSync('edited after the second open');
    // Again with the same version number: wait for the publish of the second text.
    const expected = expectedDiagnostics(doc.uri, wrapKeys(KEYS[0]));
    await doc.open(wrapKeys(KEYS[1]), 1);
    await doc.open(wrapKeys(KEYS[0]), 1);
    await session.client.waitFor('the diagnostics of the second text', () =>
      session.client.published.find((p) => p.uri === doc.uri && p.version === 1 && JSON.stringify(p.diagnostics) === JSON.stringify(expected)));
    await doc.change([{ range: R(P(4, 28), P(4, 30)), text: '5' }]);
    await doc.expectInSync('edited after the third and fourth open');
    session.assertAlive();
  });

  it('requests for documents it never opened: null or empty, no crash', async () => {
    const never = 'file:///survival/never/opened/MetaBase.xml';
    assert.equal(await session.hover(never, P(0, 0)), null);
    assert.equal(await session.hover(never, P(MAX, MAX)), null);
    assert.equal(await session.codeActions(never, P(3, 3)), null);
    assert.deepEqual(await session.client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: never } }), { kind: 'full', items: [] });
    session.assertAlive();
  });

  it('malformed messages: an error answer or a log line, never a crash', async () => {
    const { connection } = session.client;
    const failure = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return undefined;
      } catch (error) {
        return (error as ResponseError<unknown>).code;
      }
    };
    assert.notEqual(await failure(connection.sendRequest(HoverRequest.method, {})), undefined);
    assert.notEqual(await failure(connection.sendRequest(HoverRequest.method, { textDocument: null, position: null })), undefined);
    assert.notEqual(await failure(connection.sendRequest('textDocument/noSuchRequest', {})), undefined);
    const logs = session.client.logs.length;
    await connection.sendNotification(DidOpenTextDocumentNotification.method, {});
    await connection.sendNotification(DidChangeTextDocumentNotification.method, { textDocument: { uri: 'file:///x', version: 2 }, contentChanges: null });
    await session.client.waitFor('two logged failures', () => (session.client.logs.length >= logs + 2 ? true : undefined));
    // An open document with a malformed code action request.
    const doc = new Doc(session, uri());
    await doc.open(BASE);
    await doc.expectInSync('opened');
    assert.notEqual(await failure(connection.sendRequest(CodeActionRequest.method, { textDocument: { uri: doc.uri }, range: R(P(0, 0), P(0, 0)) })), undefined);
    await doc.change([{ range: R(P(4, 28), P(4, 30)), text: '5' }]);
    await doc.expectInSync('edited after the malformed messages');
    // Logged: the refused changes and the malformed messages of this group, nothing else.
    session.assertNoUnexpectedErrors([/^didChange failed: Error: didChange for a document that is not open/, /^didOpen failed: Error: didOpen refused: textDocument must have/,
      /^didChange failed: TypeError/, /^textDocument\/(hover|codeAction) failed: TypeError/]);
    session.assertAlive();
  });

  it('shuts down with exit code 0, never having exited before', async () => {
    assert.equal(await session.shutdown(), 0);
  });
});

// ---- cancelled requests ----

describe('survival: cancelled requests', () => {
  let session: Session;
  const uri = () => newUri('cancel');

  before(async () => { session = await Session.start(PUSH_CLIENT); });
  after(() => session.kill());

  /**
   * Sends a request and cancels it at once: it must be answered (a result, or RequestCancelled), never fail
   * otherwise. A diagnostic pull that outlasts its builds while edits keep coming may also be answered
   * ServerCancelled ("pull again"), as the protocol has pulls do.
   */
  function sendAndCancel(method: string, params: object): Promise<unknown> {
    const source = new CancellationTokenSource();
    const answer = session.client.connection.sendRequest(method, params, source.token);
    source.cancel();
    const allowed: number[] = method === DocumentDiagnosticRequest.method
      ? [LSPErrorCodes.RequestCancelled, LSPErrorCodes.ServerCancelled] : [LSPErrorCodes.RequestCancelled];
    return answer.then(
      (result) => ({ result }),
      (error: ResponseError<unknown>) => {
        assert.ok(allowed.includes(error.code), `${method} failed: ${error.code} ${error.message}`);
        return { cancelled: true };
      });
  }

  it('hover, codeAction and diagnostic requests cancelled at once, among edits; later requests are answered', async () => {
    const prng = new Prng(SEED + 2);
    const doc = new Doc(session, uri());
    await doc.open(generateText({ seed: SEED, sites: 20, mistakeEvery: 5 }));
    await doc.expectInSync('opened');
    const answers: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      const position = somewhere(doc, prng);
      const textDocument = { uri: i % 10 === 9 ? 'file:///survival/cancel/never/MetaBase.xml' : doc.uri };
      answers.push(sendAndCancel(HoverRequest.method, { textDocument, position }));
      answers.push(sendAndCancel(CodeActionRequest.method, {
        textDocument, range: R(position, position), context: { diagnostics: [], only: i % 2 ? ['source.fixAll.iis-metabase'] : undefined },
      }));
      answers.push(sendAndCancel(DocumentDiagnosticRequest.method, { textDocument }));
      // Every third round an edit, so that the cancelled requests wait for a model being rebuilt.
      if (i % 3 === 0) {
        const at = prng.int(0, doc.text.length);
        if (!touchesCrLf(doc.text, at, at, 'x')) await doc.change([rangeChange(doc.document, at, at, 'x')]);
      }
      // A full change now and then: the whole model is rebuilt under the cancelled requests.
      if (i % 20 === 10) await doc.change([{ text: generateText({ seed: SEED + i, sites: 20, mistakeEvery: 5 }) }]);
    }
    const settled = await Promise.all(answers);
    assert.equal(settled.length, 180);
    session.assertAlive();
    // Later requests are answered normally, and the diagnostics follow the newest text.
    const hover = await session.hover(doc.uri, doc.document.positionAt(doc.text.indexOf('ScriptMaps="') + 14));
    assert.notEqual(hover, null);
    assert.match(JSON.stringify(hover!.contents), /Extension/);
    await doc.expectInSync('after the cancelled requests');
    const actions = await session.client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri }, range: R(P(0, 0), P(0, 0)), context: { diagnostics: [], only: ['source.fixAll.iis-metabase'] },
    });
    assert.deepEqual(actions?.map((a) => 'kind' in a && a.kind), ['source.fixAll.iis-metabase']);
    session.assertNoUnexpectedErrors();
  });

  it('shuts down with exit code 0, never having exited before', async () => {
    assert.equal(await session.shutdown(), 0);
  });
});

// ---- 10,000 keystrokes ----

const EDITS = 10_000;
const FIRST = 1_000;
/** What the random keystrokes type: mostly value text; now and then markup that breaks the structure. */
const TYPED = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t.,;:\\%\r\n';
const MARKUP = '"\'<>=&/';

/** One random single-character edit (insert, delete, or replace one character), never next to a CR LF pair. */
function keystroke(document: TextDocument, prng: Prng): TextDocumentContentChangeEvent {
  const text = document.getText();
  for (;;) {
    const kind = prng.next();
    const at = prng.int(0, text.length);
    const ch = prng.chance(0.03) ? MARKUP[prng.int(0, MARKUP.length - 1)] : TYPED[prng.int(0, TYPED.length - 1)];
    const [start, end, inserted] = kind < 0.45 || text.length === 0 ? [at, at, ch] : kind < 0.75 ? [at, at + 1, ''] : [at, at + 1, ch];
    if (end > text.length || touchesCrLf(text, start, end, inserted)) continue;
    return rangeChange(document, start, end, inserted);
  }
}

describe('survival: 10,000 keystrokes on a realistic metabase, memory', () => {
  let session: Session;

  before(async () => { session = await Session.start(PUSH_CLIENT, MEASURABLE); });
  after(() => session.kill());

  it('sent in bursts: the final diagnostics equal validating the final text, and the server does not grow', async () => {
    const prng = new Prng(SEED + 3);
    const doc = new Doc(session, newUri('keystrokes'));
    const text = generateText({ seed: SEED, targetBytes: 75_000, mistakeEvery: 20 });
    assert.ok(text.length > 50_000 && text.length < 100_000, `the metabase has ${text.length} characters`);
    await doc.open(text);
    await doc.expectInSync('opened');
    let sent = 0;
    let firstRss = 0;
    let last: unknown[] = [];
    while (sent < EDITS) {
      // A burst of 1..120 keystrokes, cut at FIRST so that memory is measured right there.
      const burst = Math.min(prng.int(1, 120), (sent < FIRST ? FIRST : EDITS) - sent);
      const notifications: Promise<void>[] = [];
      for (let i = 0; i < burst; i++) notifications.push(doc.change([keystroke(doc.document, prng)], { inPlace: true }));
      await Promise.all(notifications);
      sent += burst;
      if (sent === FIRST || sent === EDITS) {
        last = await doc.expectInSync(`after ${sent} keystrokes`);
      } else {
        await doc.expectInSync(`after ${sent} keystrokes`, { equal: false });
      }
      if (sent === FIRST) firstRss = await settledRssKb(session.pid, { gc: true });
    }
    const finalRss = await settledRssKb(session.pid, { gc: true });
    const growth = (finalRss - firstRss) / firstRss;
    console.log(`# VmRSS after ${FIRST} keystrokes ${(firstRss / 1024).toFixed(1)} MB, after ${EDITS} ${(finalRss / 1024).toFixed(1)} MB ` +
      `(${(growth * 100).toFixed(1)} %); ${session.client.published.length} publishes, ${last.length} diagnostics at the end`);
    assert.ok(finalRss <= firstRss * 1.1, `VmRSS grew from ${firstRss} kB to ${finalRss} kB`);
    session.assertNoUnexpectedErrors();
  });

  it('shuts down with exit code 0, never having exited before', async () => {
    assert.equal(await session.shutdown(), 0);
  });
});
