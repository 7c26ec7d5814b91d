// The server's document store: after any run of incremental edits the model it keeps is the model of the
// text read anew (the union change it hands to updateModel covers every edit).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { generateText } from '../../bench/generate';
import { addEdit, toTextChange } from '../../server/src/changes';
import { PushDiagnostics } from '../../server/src/diagnostics';
import { DocumentStore, MappedView, hoverThrough } from '../../server/src/documents';
import { MetabaseModel, hover, parseModel, validate } from '../../server/src/service';
import { SettingsCache } from '../../server/src/settings';
import { TEXT } from './fixture';

const EXAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'MetaBase.xml'), 'utf8').replace(/^\uFEFF/, '');

describe('addEdit', () => {
  it('covers two edits far apart, in the coordinates of the text before and after them', () => {
    // "0123456789": replace [2,4) by 'abc' (length +1), then [8,9) of the new text by '' (length -1).
    const pending = addEdit(addEdit(undefined, 2, 4, 3), 8, 9, 0);
    assert.deepEqual(toTextChange(pending), { start: 2, oldEnd: 8, newEnd: 8 });
  });

  it('covers an edit before the earlier one', () => {
    const pending = addEdit(addEdit(undefined, 6, 6, 2), 1, 2, 0);
    assert.deepEqual(toTextChange(pending), { start: 1, oldEnd: 6, newEnd: 7 });
  });

  it('covers an edit inside the earlier one', () => {
    const pending = addEdit(addEdit(undefined, 3, 5, 6), 4, 6, 1);
    assert.deepEqual(toTextChange(pending), { start: 3, oldEnd: 5, newEnd: 8 });
  });
});

/** Snippets typing tends to produce in a metabase: item parts, line breaks, quotes and markup. */
const SNIPPET = fc.constantFrom('', 'x', '.', ',', '5', '\r\n', '\n', '\t\t\t', '"', '&quot;', '<', '>', '/>', '<!--', '-->',
  'GET,HEAD', '.pl,C:\\Perl\\bin\\perl.exe %s %s,5', '\r\n\t\t\t.asp,C:\\x.dll,1');

/** An edit as fractions of the current text, so it stays inside whatever text the earlier edits left. */
const EDIT = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(40), text: SNIPPET });

/** The changes of `edits` (at a fraction of the text, or an offset), each against the text as the earlier ones left it. */
function changesFor(document: TextDocument, edits: Array<{ at: number; length: number; text: string; offset?: number }>) {
  let shadow = document;
  const changes: TextDocumentContentChangeEvent[] = [];
  for (const edit of edits) {
    const length = shadow.getText().length;
    const start = edit.offset ?? Math.floor(edit.at * length);
    const end = Math.min(length, start + edit.length);
    const change = { range: { start: shadow.positionAt(start), end: shadow.positionAt(end) }, text: edit.text };
    changes.push(change);
    shadow = TextDocument.create(shadow.uri, shadow.languageId, shadow.version, TextDocument.applyEdits(shadow, [{ ...change, newText: change.text }]));
  }
  return { changes, shadow };
}

describe('DocumentStore', () => {
  it('gives code actions the model of the current version, not the one of a build that an edit overtook', async () => {
    // Texts big enough that each build takes several time slices.
    const [first, second] = [1, 2].map((seed) => generateText({ seed, targetBytes: 2_000_000, mistakeEvery: 50 }));
    const store = new DocumentStore();
    const open = store.open('file:///m.xml', 'iis-metabase', 1, first);
    const during = open.snapshot(); // a build of version 1 is under way
    open.applyChanges([{ text: second }], 2);
    assert.equal((await during).document.version, 1, 'the build under way is for version 1');
    const current = await open.currentSnapshot();
    assert.equal(current.document.version, 2);
    assert.deepEqual(validate(current.document, current.model), validate(current.document, parseModel(second)));
  });

  for (const [name, base] of [['the fixture', TEXT], ['examples/MetaBase.xml', EXAMPLE]] as const) {
    it(`keeps the model of ${name} equal to a fresh parse after random incremental edits`, async () => {
      // Each notification: its edits, and whether the model is read after it (if not, the next read
      // catches up on the edits of several notifications at once).
      const NOTIFICATION = fc.record({ edits: fc.array(EDIT, { minLength: 1, maxLength: 4 }), read: fc.boolean() });
      await fc.assert(fc.asyncProperty(fc.array(NOTIFICATION, { minLength: 1, maxLength: 5 }), async (notifications) => {
        const store = new DocumentStore();
        const open = store.open('file:///m.xml', 'iis-metabase', 1, base);
        await open.snapshot();
        let version = 1;
        for (const [i, { edits, read }] of notifications.entries()) {
          const { changes, shadow } = changesFor(open.document, edits);
          open.applyChanges(changes, ++version);
          assert.equal(open.document.getText(), shadow.getText());
          if (!read && i < notifications.length - 1) continue;
          const fresh = TextDocument.create('file:///m.xml', 'iis-metabase', version, shadow.getText());
          assert.deepEqual(validate(open.document, (await open.snapshot()).model), validate(fresh, parseModel(fresh.getText())));
        }
      }), { numRuns: 150 });
    });
  }

  it('reads a full-text change anew', async () => {
    const store = new DocumentStore();
    const open = store.open('file:///m.xml', 'iis-metabase', 1, TEXT);
    await open.snapshot();
    open.applyChanges([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'junk' }, { text: EXAMPLE }], 2);
    assert.equal(open.version, 2);
    const fresh = TextDocument.create('file:///m.xml', 'iis-metabase', 2, EXAMPLE);
    assert.deepEqual(validate(open.document, (await open.snapshot()).model), validate(fresh, parseModel(EXAMPLE)));
  });
});

describe('hovers from the last model built, through the edits made since', () => {
  const hoverOf = (document: TextDocument, model: MetabaseModel, position: Position) => hover(document, model, position);
  const fresh = (text: string) => {
    const document = TextDocument.create('file:///m.xml', 'iis-metabase', 9, text);
    return { document, model: parseModel(text) };
  };

  it('answers after an edit earlier in the file without a build, with the range where the text is now', async () => {
    const store = new DocumentStore();
    const open = store.open('file:///m.xml', 'iis-metabase', 1, EXAMPLE);
    await open.snapshot();
    const at = EXAMPLE.indexOf('<IIsWebService');
    const inserted = '<!-- a note -->\r\n';
    open.applyChanges([{ range: { start: open.document.positionAt(at), end: open.document.positionAt(at) }, text: inserted }], 2);
    const now = open.document.getText();
    const target = now.indexOf('.pl,') + 1;
    const position = open.document.positionAt(target);
    const answer = hoverThrough(open.latest()!, position, hoverOf);
    assert.ok(answer, 'answered without a build');
    const { document, model } = fresh(now);
    assert.deepEqual(answer, hover(document, model, position));
    assert.equal(now.slice(open.document.offsetAt(answer.range!.start), open.document.offsetAt(answer.range!.end)),
      EXAMPLE.slice(document.offsetAt(answer.range!.start) - inserted.length, document.offsetAt(answer.range!.end) - inserted.length));
  });

  it('does not answer where the text was edited, nor next to it', async () => {
    const store = new DocumentStore();
    const open = store.open('file:///m.xml', 'iis-metabase', 1, EXAMPLE);
    await open.snapshot();
    const at = EXAMPLE.indexOf('.pl,') + 2; // inside the extension
    open.applyChanges([{ range: { start: open.document.positionAt(at), end: open.document.positionAt(at) }, text: 'x' }], 2);
    for (const offset of [at - 1, at, at + 1, at + 2]) {
      assert.equal(hoverThrough(open.latest()!, open.document.positionAt(offset), hoverOf), undefined, `offset ${offset}`);
    }
  });

  it('has no view after a full-text change until a build', async () => {
    const store = new DocumentStore();
    const open = store.open('file:///m.xml', 'iis-metabase', 1, EXAMPLE);
    assert.equal(open.latest(), undefined, 'nothing built yet');
    await open.snapshot();
    open.applyChanges([{ text: TEXT }], 2);
    assert.equal(open.latest(), undefined);
    await open.snapshot();
    assert.ok(open.latest());
  });

  /** Fractions spread evenly (fc.double favours 0 and 1, where every spot would be next to every edit). */
  const FRACTION = fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000);

  /** Runs random edits on the example without a build, then hovers at random spots through the view. */
  const throughEdits = (
    edits: fc.Arbitrary<Array<{ at: number; length: number; text: string; offset?: number }>>,
    check: (answer: Hover | null, position: Position, view: MappedView, current: { document: TextDocument; model: MetabaseModel }) => void,
  ) => fc.asyncProperty(edits, fc.array(FRACTION, { minLength: 1, maxLength: 8 }), async (plan, spots) => {
    const store = new DocumentStore();
    const open = store.open('file:///m.xml', 'iis-metabase', 1, EXAMPLE);
    await open.snapshot();
    const { changes, shadow } = changesFor(open.document, plan);
    open.applyChanges(changes, 2);
    const current = fresh(shadow.getText());
    const view = open.latest()!;
    for (const spot of spots) {
      const position = current.document.positionAt(Math.floor(spot * current.document.getText().length));
      const answer = hoverThrough(view, position, hoverOf);
      if (answer !== undefined) check(answer, position, view, current);
    }
  });

  /**
   * The insides of the example's ScriptMaps values, where an administrator types. (Typing in a Location can
   * change the parent key another key's hover names: that one comes from the document index as last built.
   * Likewise the effective ScriptMaps and the findings across keys of the keys below a list: so the typing
   * goes into the list of /LM/W3SVC/1/ROOT/exchange, which no other key inherits.)
   */
  const LEAF = EXAMPLE.indexOf('Location ="/LM/W3SVC/1/ROOT/exchange"');
  const VALUES = [...EXAMPLE.matchAll(/ScriptMaps="([^"]*)"/g)].filter((m) => EXAMPLE.lastIndexOf('Location ="', m.index) === LEAF)
    .map((m) => [m.index + 12, m.index + 12 + m[1].length]);

  it('answers as a fresh model of the current text would, after random typing that leaves the markup alone', async () => {
    // Typing that adds no markup changes only the findings of the key typed in: the answer is exact.
    let answered = 0;
    // Insertions into values, made from the last to the first so that each lands where it was aimed.
    const typing = fc.array(fc.record({
      value: fc.nat(VALUES.length - 1), within: FRACTION,
      text: fc.constantFrom('x', '.', ',', '5', '\r\n', '\n', '\t\t\t', 'GET,HEAD', '.pl,C:\\Perl\\bin\\perl.exe %s %s,5'),
    }), { minLength: 1, maxLength: 8 }).map((inserts) => inserts
      .map(({ value, within, text }) => ({ offset: VALUES[value][0] + Math.floor(within * (VALUES[value][1] - VALUES[value][0] + 1)), text }))
      .sort((a, b) => b.offset - a.offset)
      .map(({ offset, text }) => ({ at: offset / EXAMPLE.length, length: 0, text, offset })));
    await fc.assert(throughEdits(typing, (answer, position, _view, { document, model }) => {
      answered++;
      assert.deepEqual(answer, hover(document, model, position));
    }), { numRuns: 300 });
    assert.ok(answered > 300, `only ${answered} hovers answered (or found nothing) through the edits`);
  });

  it('answers on characters that are the same in the model built and in the current text, whatever the edits', async () => {
    // Markup typed elsewhere can change what the rest of the file means (an unclosed comment swallows it):
    // the answer then describes the model built before those edits, but never other characters.
    let answered = 0;
    await fc.assert(throughEdits(fc.array(EDIT, { minLength: 1, maxLength: 8 }), (answer, _position, view) => {
      if (!answer) return;
      answered++;
      const start = view.current.offsetAt(answer.range!.start);
      const end = view.current.offsetAt(answer.range!.end);
      const then = view.toSnapshot(start);
      assert.notEqual(then, undefined, 'the answer starts outside the edits');
      assert.equal(view.current.getText().slice(start, end), view.snapshot.document.getText().slice(then, then! + end - start));
    }), { numRuns: 600 });
    assert.ok(answered > 100, `only ${answered} hovers answered through the edits`);
  });
});

describe('models and their texts', () => {
  it('never pairs a model with a text edited after it was built', async () => {
    // vscode-languageserver-textdocument updates a document in place: a snapshot's document then held the
    // text and version of a later edit, and `current()` took the older model for that later version's.
    const store = new DocumentStore();
    const open = store.open('file:///m.xml', 'iis-metabase', 1, EXAMPLE);
    const built = await open.snapshot();
    const at = EXAMPLE.indexOf('.pl,');
    open.applyChanges([{ range: { start: open.document.positionAt(at), end: open.document.positionAt(at) }, text: 'x' }], 2);
    assert.deepEqual([built.document.version, built.document.getText()], [1, EXAMPLE]);
    assert.deepEqual(validate(built.document, built.model), validate(built.document, parseModel(EXAMPLE)));
    const current = await open.currentSnapshot();
    assert.equal(current.document.version, 2);
    assert.deepEqual(validate(current.document, current.model), validate(current.document, parseModel(current.document.getText())));
  });
});

describe('pushed diagnostics', () => {
  it('an edit handled while the connection settles, after the build: only its version is published', async () => {
    const store = new DocumentStore();
    const open = store.open('file:///m.xml', 'iis-metabase', 1, EXAMPLE);
    const published: Array<number | undefined> = [];
    let settles = 0;
    // The first settle handles an edit that was received during the build.
    const settle = () => {
      if (settles++ === 0) open.applyChanges([{ text: TEXT }], 2);
      return Promise.resolve();
    };
    const done = new Promise<void>((resolve) => {
      const push = new PushDiagnostics(store, new SettingsCache(undefined), (_uri, version) => {
        published.push(version);
        resolve();
      }, (message) => assert.fail(message), settle);
      push.schedule(open.uri);
    });
    await done;
    assert.deepEqual(published, [2]);
    assert.ok(settles >= 2, `settled ${settles} times`);
  });
});
