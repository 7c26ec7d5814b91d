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
  assert.equal(frozen.lineCount, fresh.lineCount);
  for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(frozen.positionAt(offset), fresh.positionAt(offset), `positionAt(${offset})`);
  for (let line = -1; line <= fresh.lineCount; line++) {
    assert.deepEqual(frozen.getLineRange(line), fresh.getLineRange(line), `getLineRange(${line})`);
    assert.equal(frozen.getEOLCharacters(line), fresh.getEOLCharacters(line), `getEOLCharacters(${line})`);
    for (let character = -1; character <= 4; character++) {
      assert.equal(frozen.offsetAt({ line, character }), fresh.offsetAt({ line, character }), `offsetAt(${line}:${character})`);
    }
  }
  // What an update reads of a parted text (see PartedText): its length, characters and slices, as String's.
  assert.equal(frozen.length, text.length);
  for (let start = -2; start <= text.length + 1; start++) {
    assert.equal(frozen.charCodeAt(start), text.charCodeAt(start), `charCodeAt(${start})`);
    for (let end = start - 1; end <= text.length + 2; end++) assert.equal(frozen.slice(start, end), text.slice(start, end), `slice(${start}, ${end})`);
  }
  // Last: the answers above come from the pieces of an edited document, not from its text joined.
  assert.equal(frozen.getText(), text);
}

describe('FrozenDocument', () => {
  it('answers as a document created from the edited text, and leaves every earlier document as it was', () => {
    fc.assert(fc.property(TEXT, fc.array(fc.tuple(EDIT, fc.boolean()), { maxLength: 6 }), fc.boolean(), (initial, edits, lineTableFirst) => {
      let document = FrozenDocument.create('file:///m.xml', 'iis-metabase', 1, initial);
      // Edits on a document whose line table exists carry it over; on one without, it is made afresh.
      if (lineTableFirst) document.positionAt(0);
      let text = initial;
      const history: Array<[FrozenDocument, string]> = [[document, initial]];
      for (const [i, [edit, read]] of edits.entries()) {
        const start = Math.floor(edit.at * text.length);
        const end = Math.min(text.length, start + edit.length);
        // Read as one string or not: an edit on a document never read splices its pieces.
        if (read) assert.equal(document.getText(), text);
        document = document.edited(start, end, edit.text, i + 2);
        assert.equal(document.version, i + 2);
        text = text.slice(0, start) + edit.text + text.slice(end);
        history.push([document, text]);
      }
      for (const [frozen, expected] of history) sameAnswers(frozen, expected);
    }), { numRuns: 500 });
  });

  it('answers from its pieces without joining them, through more edits than it keeps pieces for', () => {
    let document = FrozenDocument.create('file:///m.xml', 'iis-metabase', 1, 'a\r\nb');
    document.positionAt(0);
    let text = 'a\r\nb';
    for (let i = 0; i < 300; i++) {
      const at = (i * 7) % (text.length + 1);
      const insert = ['x', '\r', '\n', '\r\n', ''][i % 5];
      const end = Math.min(text.length, at + (i % 3));
      document = document.edited(at, end, insert, i + 2);
      text = text.slice(0, at) + insert + text.slice(end);
      const fresh = TextDocument.create('file:///m.xml', 'iis-metabase', 1, text);
      const offset = (i * 13) % (text.length + 1);
      assert.deepEqual(document.positionAt(offset), fresh.positionAt(offset), `positionAt(${offset}) after edit ${i}`);
      assert.equal(document.lineCount, fresh.lineCount);
    }
    sameAnswers(document, text);
  });

  it('keeps its text and line table when a new version has the same text', () => {
    const document = FrozenDocument.create('file:///m.xml', 'iis-metabase', 1, 'a\r\nb');
    const next = document.withVersion(2);
    assert.deepEqual([next.version, next.getText(), next.positionAt(3)], [2, 'a\r\nb', { line: 1, character: 0 }]);
    assert.equal(document.version, 1);
  });
});
