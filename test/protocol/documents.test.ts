// The server's document store: after any run of incremental edits the model it keeps is the model of the
// text read anew (the union change it hands to updateModel covers every edit).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { generateText } from '../../bench/generate';
import { addEdit, toTextChange } from '../../server/src/changes';
import { DocumentStore } from '../../server/src/documents';
import { parseModel, validate } from '../../server/src/service';
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
          // Build the notification's changes against the text as each earlier change left it.
          let shadow = open.document;
          const changes: TextDocumentContentChangeEvent[] = [];
          for (const edit of edits) {
            const length = shadow.getText().length;
            const start = Math.floor(edit.at * length);
            const end = Math.min(length, start + edit.length);
            const change = { range: { start: shadow.positionAt(start), end: shadow.positionAt(end) }, text: edit.text };
            changes.push(change);
            shadow = TextDocument.create(shadow.uri, shadow.languageId, shadow.version, TextDocument.applyEdits(shadow, [{ ...change, newText: change.text }]));
          }
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
