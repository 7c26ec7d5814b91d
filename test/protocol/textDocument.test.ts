// FrozenDocument against vscode-languageserver-textdocument's document created afresh from the same text:
// after any run of edits, every position and line answer is the same, and no earlier document changed.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FrozenDocument } from '../../server/src/textDocument';

/** Texts and edits rich in line breaks of every kind, so that edits join and split CR and LF. */
const PIECE = fc.constantFrom('', 'a', 'bc', '\r', '\n', '\r\n', '\n\r', '\r\r', 'x\ry', '<k/>\r\n');
const TEXT = fc.array(PIECE, { maxLength: 12 }).map((parts) => parts.join(''));
const EDIT = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(6), text: TEXT });

function sameAnswers(frozen: FrozenDocument, text: string): void {
  const fresh = TextDocument.create('file:///m.xml', 'iis-metabase', 1, text);
  assert.equal(frozen.getText(), text);
  assert.equal(frozen.lineCount, fresh.lineCount);
  for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(frozen.positionAt(offset), fresh.positionAt(offset), `positionAt(${offset})`);
  for (let line = -1; line <= fresh.lineCount; line++) {
    assert.deepEqual(frozen.getLineRange(line), fresh.getLineRange(line), `getLineRange(${line})`);
    assert.equal(frozen.getEOLCharacters(line), fresh.getEOLCharacters(line), `getEOLCharacters(${line})`);
    for (let character = -1; character <= 4; character++) {
      assert.equal(frozen.offsetAt({ line, character }), fresh.offsetAt({ line, character }), `offsetAt(${line}:${character})`);
    }
  }
}

describe('FrozenDocument', () => {
  it('answers as a document created from the edited text, and leaves every earlier document as it was', () => {
    fc.assert(fc.property(TEXT, fc.array(EDIT, { maxLength: 6 }), fc.boolean(), (initial, edits, lineTableFirst) => {
      let document = FrozenDocument.create('file:///m.xml', 'iis-metabase', 1, initial);
      // Edits on a document whose line table exists carry it over; on one without, it is made afresh.
      if (lineTableFirst) document.positionAt(0);
      const history: Array<[FrozenDocument, string]> = [[document, initial]];
      for (const [i, edit] of edits.entries()) {
        const text = document.getText();
        const start = Math.floor(edit.at * text.length);
        const end = Math.min(text.length, start + edit.length);
        document = document.edited(start, end, edit.text, i + 2);
        assert.equal(document.version, i + 2);
        history.push([document, text.slice(0, start) + edit.text + text.slice(end)]);
      }
      for (const [frozen, text] of history) sameAnswers(frozen, text);
    }), { numRuns: 500 });
  });

  it('keeps its text and line table when a new version has the same text', () => {
    const document = FrozenDocument.create('file:///m.xml', 'iis-metabase', 1, 'a\r\nb');
    const next = document.withVersion(2);
    assert.deepEqual([next.version, next.getText(), next.positionAt(3)], [2, 'a\r\nb', { line: 1, character: 0 }]);
    assert.equal(document.version, 1);
  });
});
