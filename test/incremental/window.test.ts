// An update reads the segments it must read again from a window of the new text around the edit, not from
// the whole text: a document whose edits are kept as pieces (the server's) is joined only when a check must
// read other keys. These tests give updateModel a text that counts how often it is joined, on a document
// larger than the window, and compare every result with a full read.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MetabaseModel, parseModel, updateModel, validate } from '../../server/src/service';
import { generateText } from '../../bench/generate';

const TEXT = generateText({ seed: 11, targetBytes: 600_000, mistakeEvery: 40 });

/** A text read in parts that counts the times it is read whole. */
function parted(text: string): { text: { length: number; slice: (s: number, e: number) => string; getText: () => string }; joins: () => number } {
  let joins = 0;
  return {
    text: { length: text.length, slice: (s, e) => text.slice(s, e), getText: () => { joins++; return text; } },
    joins: () => joins,
  };
}

function diagnostics(text: string, model: MetabaseModel): unknown {
  return validate(TextDocument.create('file:///w/MetaBase.xml', 'iis-metabase', 1, text), model);
}

/** The model after replacing [start, end) with `insert`, from a parted text; the new text and the joins. */
function edit(start: number, end: number, insert: string): { after: string; model: MetabaseModel; joins: number } {
  const model = parseModel(TEXT);
  const after = TEXT.slice(0, start) + insert + TEXT.slice(end);
  const { text, joins } = parted(after);
  const updated = updateModel(model, text, { start, oldEnd: end, newEnd: start + insert.length });
  assert.deepEqual(diagnostics(after, updated), diagnostics(after, parseModel(after)), 'the update differs from a full read');
  return { after, model: updated, joins: joins() };
}

describe('updates read a window of the text', () => {
  it('a space after an end tag in the middle of a 600 KB document: equal to a full read, the text never joined', () => {
    const at = TEXT.indexOf('>', TEXT.indexOf('\n</IIsWebVirtualDir', TEXT.length / 2)) + 1;
    assert.equal(edit(at, at, ' ').joins, 0);
  });

  it('a script map\'s flags changed in the middle (the checks across keys read again): equal to a full read', () => {
    const value = TEXT.indexOf('ScriptMaps="', TEXT.length / 2);
    const comma = TEXT.indexOf(',', TEXT.indexOf(',', value) + 1);
    edit(comma + 1, comma + 2, TEXT[comma + 1] === '5' ? '1' : '5');
  });

  it('a comment left open, which runs on past the window: the reading falls back to the whole text, equal to a full read', () => {
    const at = TEXT.indexOf('>', TEXT.indexOf('\n</IIsWebServer', TEXT.length / 3)) + 1;
    const { after, joins } = edit(at, at, '<!--');
    assert.ok(joins >= 1, 'the whole text is read');
    assert.ok(after.length - at > 65536 * 2, 'the document goes on well past the window');
  });

  it('an edit in the first segment (the declaration) and at the very end: equal to a full read', () => {
    edit(0, 0, ' ');
    edit(TEXT.length, TEXT.length, '\r\n<');
  });
});
