// Code actions on MULTISZ lists: whole-text comparison after each edit, and, over many layouts (LF, CRLF,
// CR, line breaks written as references, entities in items, blank items), saxes' decoded items (the
// oracle of test/fuzz) must be exactly the expected permutation, with the text outside the edit untouched.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction } from 'vscode-languageserver-types';
import { parseModel } from '../../server/src/service';
import { COPY_COMMAND, listActions } from '../../server/src/service/actions';
import { assertOutsideUntouched, oracleParse } from '../fuzz/oracle';
import { ASP, Eol, URI, metabase, r, wrapKeys } from './helpers';

const PL = String.raw`.pl,&quot;C:\Perl\bin\perl.exe&quot; &quot;%s&quot; %s,5,GET,HEAD,POST`;
const CER = String.raw`.cer,C:\WINDOWS\system32\inetsrv\asp.dll,5,GET,HEAD,POST,TRACE`;

function actionsAt(text: string, offset: number): CodeAction[] {
  const document = TextDocument.create(URI, 'iis-metabase', 1, text);
  const at = document.positionAt(offset);
  return listActions(document, parseModel(text), { start: at, end: at });
}

function titles(text: string, offset: number): string[] {
  return actionsAt(text, offset).map((a) => a.title);
}

/** Applies the action titled `title` at `offset`; returns the new text and the edit in offsets. */
function run(text: string, offset: number, title: string): { after: string; edit: { start: number; end: number; newText: string } } {
  const action = actionsAt(text, offset).find((a) => a.title === title);
  assert.ok(action, `no '${title}' at ${offset}: ${JSON.stringify(titles(text, offset))}`);
  const edits = action.edit!.changes![URI];
  assert.equal(edits.length, 1);
  const document = TextDocument.create(URI, 'iis-metabase', 1, text);
  const edit = { start: document.offsetAt(edits[0].range.start), end: document.offsetAt(edits[0].range.end), newText: edits[0].newText };
  return { after: TextDocument.applyEdits(document, edits), edit };
}

const at = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i + 1;
};

describe('list actions: the whole text after each', () => {
  const text = metabase([ASP, PL, CER]);
  test('offered on an item in the middle', () => {
    assert.deepEqual(titles(text, at(text, '.pl,')), [
      'Move item up', 'Move item down', 'Duplicate item', 'Remove item', 'Sort items by extension',
      'Copy as ADSI script (VBScript)',
    ]);
  });
  test('move up: contents swap, every line keeps its indentation', () => {
    assert.equal(run(text, at(text, '.pl,'), 'Move item up').after, metabase([PL, ASP, CER]));
  });
  test('move down on the first item', () => {
    assert.equal(run(text, at(text, '.asp,'), 'Move item down').after, metabase([PL, ASP, CER]));
  });
  test('remove the first, a middle and the last item', () => {
    assert.equal(run(text, at(text, '.asp,'), 'Remove item').after, metabase([PL, CER]));
    assert.equal(run(text, at(text, '.pl,'), 'Remove item').after, metabase([ASP, CER]));
    assert.equal(run(text, at(text, '.cer,'), 'Remove item').after, metabase([ASP, PL]));
  });
  test('remove takes the item with its own line break: in a list of mixed line breaks every other line keeps its own', () => {
    const mixed = metabase([`${ASP}\r\n\t\t\t${PL}\n\t\t\t${CER}`].map((x) => `^${x}`));
    assert.equal(run(mixed, at(mixed, '.pl,'), 'Remove item').after, metabase([`${ASP}\r\n\t\t\t${CER}`].map((x) => `^${x}`)));
    assert.equal(run(mixed, at(mixed, '.asp,'), 'Remove item').after, metabase([`${PL}\n\t\t\t${CER}`].map((x) => `^${x}`)));
    assert.equal(run(mixed, at(mixed, '.cer,'), 'Remove item').after, metabase([`${ASP}\r\n\t\t\t${PL}`].map((x) => `^${x}`)));
  });
  test('duplicate the first, the last and a single item', () => {
    assert.equal(run(text, at(text, '.asp,'), 'Duplicate item').after, metabase([ASP, ASP, PL, CER]));
    assert.equal(run(text, at(text, '.cer,'), 'Duplicate item').after, metabase([ASP, PL, CER, CER]));
    const single = metabase([PL], { eol: 'CRLF' });
    assert.equal(run(single, at(single, '.pl,'), 'Duplicate item').after, metabase([PL, PL], { eol: 'CRLF' }));
  });
  test('sort by extension, case aside, within each run between blank items (a blank ends the list for IIS)', () => {
    const mixed = metabase(['.Shtml,C:\\a.dll,1', PL, '^', '.cer,C:\\a.dll,1', '.asp,C:\\a.dll,1'], { eol: 'CRLF' });
    const { after, edit } = run(mixed, at(mixed, '.pl,'), 'Sort items by extension');
    assert.equal(after, metabase([PL, '.Shtml,C:\\a.dll,1', '^', '.asp,C:\\a.dll,1', '.cer,C:\\a.dll,1'], { eol: 'CRLF' }));
    assert.deepEqual(TextDocument.create(URI, 'x', 1, mixed).positionAt(edit.start), { line: 4, character: 14 });
    // Each run in order: nothing to sort, though the list as a whole is not.
    const runs = metabase(['.zzz,C:\\z.dll,1', '^', '.aaa,C:\\a.dll,1']);
    assert.ok(!titles(runs, at(runs, '.zzz,')).includes('Sort items by extension'), 'no item crosses a blank one');
    // Only the run out of order is rewritten.
    const second = metabase([ASP, '^', PL, CER]);
    const sortedSecond = run(second, at(second, '.pl,'), 'Sort items by extension');
    assert.equal(sortedSecond.after, metabase([ASP, '^', CER, PL]));
    assert.equal(sortedSecond.edit.start, second.indexOf('.pl,'));
    const sorted = metabase([ASP, CER, PL]);
    assert.ok(!titles(sorted, at(sorted, '.pl,')).includes('Sort items by extension'), 'not offered on a sorted list');
  });
  test('no moves across a blank item, none on a blank item, whole-list actions on the name', () => {
    const blank = metabase([ASP, '', PL]);
    assert.deepEqual(titles(blank, at(blank, '.pl,')), ['Duplicate item', 'Remove item', 'Copy as ADSI script (VBScript)']);
    assert.deepEqual(titles(text, at(text, 'ScriptMaps')), ['Sort items by extension', 'Copy as ADSI script (VBScript)']);
    assert.deepEqual(titles(text, at(text, 'Location')), []);
  });
});

describe('where list actions are not offered, and by kind', () => {
  test('outside a key, in a <Custom> whose ID is no number, asked only for quick fixes; edits only when asked for refactor.rewrite', () => {
    const text = metabase([ASP, CER]);
    assert.deepEqual(titles(text, 5), []);
    const custom = wrapKeys(['<IIsConfigObject\tLocation ="/LM/x"', '\t>', '\t<Custom ID="x" Value=".a,b,1\n\t\t\t.c,d,1"/>', '</IIsConfigObject>']);
    assert.deepEqual(titles(custom, at(custom, '.c,')), []);
    const document = TextDocument.create(URI, 'iis-metabase', 1, text);
    const position = document.positionAt(at(text, '.cer,'));
    const model = parseModel(text);
    assert.deepEqual(listActions(document, model, { start: position, end: position }, ['quickfix']), []);
    assert.deepEqual(listActions(document, model, { start: position, end: position }, ['refactor.rewrite']).map((a) => a.title),
      ['Move item up', 'Duplicate item', 'Remove item']);
    assert.deepEqual(listActions(TextDocument.create(URI, 'iis-metabase', 1, ''), parseModel(''), { start: position, end: position }), []);
  });
  test('sorting keeps items of the same extension in their order', () => {
    const text = metabase(['.b,C:\\1.dll,1', '.a,C:\\2.dll,1', '.b,C:\\3.dll,1']);
    assert.equal(run(text, at(text, '.a,'), 'Sort items by extension').after, metabase(['.a,C:\\2.dll,1', '.b,C:\\1.dll,1', '.b,C:\\3.dll,1']));
  });
});

describe('copy as adsutil.vbs command or ADSI script', () => {
  test('the command: the path without /LM/, every item one argument, the action runs the client\'s copy command', () => {
    const text = metabase([ASP, CER, '^'], { location: '/LM/W3SVC/1/ROOT/Shop' });
    const copy = actionsAt(text, at(text, '.cer,')).find((a) => a.title === 'Copy as adsutil.vbs command');
    assert.deepEqual(copy?.command, {
      title: 'Copy as adsutil.vbs command', command: COPY_COMMAND, arguments: [
        `cscript adsutil.vbs SET W3SVC/1/ROOT/Shop/ScriptMaps "${ASP}" "${CER}"`, 'adsutil.vbs command',
      ],
    });
    assert.equal(copy?.kind, 'refactor');
  });
  test('an item holding a quote: no adsutil command, an ADSI script with the quotes doubled', () => {
    const text = metabase([ASP, PL]);
    const script = actionsAt(text, at(text, '.pl,')).find((a) => a.title === 'Copy as ADSI script (VBScript)');
    assert.equal(script?.command?.arguments?.[0], [
      'Set key = GetObject("IIS://localhost/W3SVC/1/ROOT")',
      'key.ScriptMaps = Array( _',
      `  "${ASP}", _`,
      '  ".pl,""C:\\Perl\\bin\\perl.exe"" ""%s"" %s,5,GET,HEAD,POST")',
      'key.SetInfo',
    ].join('\n'));
  });
});

describe('other MULTISZ lists', () => {
  test('a <Custom> ScriptMaps (ID 6014): move down', () => {
    const custom = (items: string[]) => wrapKeys([
      '<IIsConfigObject\tLocation ="/LM/W3SVC/1/ROOT/x"', '\t>', '\t<Custom',
      '\t\tName="ScriptMaps"', '\t\tID="6014"', `\t\tValue="${items.join('\n\t\t\t')}"`, '\t/>', '</IIsConfigObject>',
    ]);
    const text = custom([PL, ASP]);
    assert.equal(run(text, at(text, '.pl,'), 'Move item down').after, custom([ASP, PL]));
  });
  test('ServerBindings: sorted as whole items, copied by its own name', () => {
    const key = (bindings: string[]) => wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', `\t\tServerBindings="${bindings.join('\n\t\t\t')}"`, '\t>', '</IIsWebServer>']);
    const text = key([':80:www.b.com', ':80:www.a.com']);
    assert.deepEqual(titles(text, at(text, ':80:www.a')), ['Move item up', 'Duplicate item', 'Remove item', 'Sort items', 'Copy as adsutil.vbs command', 'Copy as ADSI script (VBScript)']);
    assert.equal(run(text, at(text, ':80:www.a'), 'Sort items').after, key([':80:www.a.com', ':80:www.b.com']));
    const copy = actionsAt(text, at(text, ':80:www.a')).find((a) => a.title === 'Copy as adsutil.vbs command');
    assert.equal(copy?.command?.arguments?.[0], 'cscript adsutil.vbs SET W3SVC/1/ServerBindings ":80:www.b.com" ":80:www.a.com"');
  });
});

describe('the oracle: decoded items are exactly the expected permutation, the rest untouched', () => {
  const ITEMS = [PL, ASP, '.b&amp;c,C:\\x.dll,1', CER, '.a,C:\\y.dll,5,GET'];
  const layouts: Array<{ name: string; text: (items: string[]) => string }> = [
    ...(['LF', 'CRLF', 'CR'] as Eol[]).map((eol) => ({ name: eol, text: (items: string[]) => metabase(items, { eol }) })),
    { name: 'references &#13;&#10;', text: (items: string[]) => metabase([items.join('&#13;&#10;')]) },
    { name: 'mixed: raw LF, &#10;, CRLF', text: (items: string[]) => metabase([items.map((x, k) => x + ['\n\t\t\t', '&#10;', '\r\n\t\t\t', '&#xA;', ''][k]).join('')].map((x) => `^${x}`)) },
  ];
  type Permute = (texts: string[], i: number) => string[] | undefined;
  const swap = (texts: string[], a: number, b: number) => { const t = [...texts]; [t[a], t[b]] = [t[b], t[a]]; return t; };
  const extensionOf = (t: string) => t.split(',')[0].trim().toLowerCase();
  const ACTIONS: Array<[string, Permute]> = [
    ['Move item up', (t, i) => (i > 0 ? swap(t, i - 1, i) : undefined)],
    ['Move item down', (t, i) => (i + 1 < t.length ? swap(t, i, i + 1) : undefined)],
    ['Remove item', (t, i) => [...t.slice(0, i), ...t.slice(i + 1)]],
    ['Duplicate item', (t, i) => [...t.slice(0, i + 1), t[i], ...t.slice(i + 1)]],
    ['Sort items by extension', (t) => [...t].sort((a, b) => (extensionOf(a) < extensionOf(b) ? -1 : extensionOf(a) > extensionOf(b) ? 1 : 0))],
  ];
  for (const layout of layouts) {
    test(layout.name, () => {
      const text = layout.text(ITEMS);
      const before = oracleParse(text).lists[0];
      assert.equal(before.length, ITEMS.length, 'the layout writes one item per entry');
      for (let i = 0; i < before.length; i++) {
        for (const [title, permute] of ACTIONS) {
          const expected = permute(before.map((x) => x.text), i);
          if (!expected) continue;
          const { after, edit } = run(text, before[i].rawStart + before[i].text.length, title);
          assertOutsideUntouched(text, after, title, [edit]);
          assert.deepEqual(oracleParse(after).lists[0].map((x) => x.text), expected, `${title} on item ${i} (${layout.name})`);
        }
      }
    });
  }
  test('the ranges are exact: move up is one edit from the previous item\'s first character to this one\'s last', () => {
    const text = metabase([ASP, PL]);
    const action = actionsAt(text, at(text, '.pl,')).find((a) => a.title === 'Move item up')!;
    assert.deepEqual((action.edit!.changes![URI])[0].range, r(4, 14, 5, 3 + PL.length));
  });
});
