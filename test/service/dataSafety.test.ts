// Data safety of the language service: line breaks written as character references separate items, fixes
// write back what they change encoded and leave the rest as written, a fix never makes its item worse,
// fix-all reaches its fixed point in one call, and the work is linear in the size of a key.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeActions, parseModel, parseSteps } from '../../server/src/service';
import * as verbs from '../../server/src/service/rules/scriptmaps/verbs';
import { encodeAttributeText } from '../../server/src/service/xml/entities';
import { FINDINGS_PER_RULE } from '../../server/src/service/rules/multiszValue';
import { checkScriptMapsSteps } from '../../server/src/service/rules/scriptmaps';
import { setMemos } from '../../server/src/service/model/memo';
import { ASP, IDC, applyFix, assertDiagnostics, check, codes, diagnostics, doc, fixAllEdits, fixAllText, fixTitles, metabase, r, wrapKeys } from './helpers';

const A = String.raw`.a,C:\x\a.dll,5,GET`;
const B = String.raw`.b,C:\x\b.dll,5,GET`;

describe('character references for line breaks separate items', () => {
  for (const sep of ['&#10;', '&#xA;', '&#xa;', '&#x0000a;', '&#13;', '&#xD;', '&#013;', '&#13;&#10;', '&#xd;&#xa;', '\r&#10;', '&#13;\n']) {
    test(`${JSON.stringify(sep)}: two items, the second one's extension at its raw offset`, () => {
      assertDiagnostics(metabase([`${A}${sep}[[.a]],C:\\x\\b.dll,5,GET`]), [['extension-duplicate', 'warning']]);
    });
  }

  test('indentation after an encoded line break is indentation', () => {
    assert.deepEqual(codes(metabase([`${A}&#10;\t\t\t${B}&#13;&#10;   ${IDC}`])), []);
  });

  test('a blank item between encoded line breaks: its range, and its removal keeps the file\'s separators', () => {
    const text = assertDiagnostics(metabase([`${A}&#13;&#10;[[   ]]&#13;&#10;${B}`]), [['item-blank', 'warning']]);
    assert.equal(applyFix(text, 'item-blank', 'Remove the blank item'), metabase([`${A}&#13;&#10;${B}`]));
  });

  test('removing blank items never joins an encoded CR and an encoded LF', () => {
    // Lines: A, blank (after a lone CR), blank (after CRLF), B (after a lone LF).
    assert.deepEqual(check(metabase([`${A}&#13;&#13;&#10;&#10;${B}`])).map((f) => f.code), ['item-blank', 'item-blank']);
    assert.equal(fixAllText(metabase([`${A}&#13;&#13;&#10;&#10;${B}`])), metabase([`${A}&#13;&#10;${B}`]));
  });

  test('a duplicate between a lone CR and a lone LF, each beside a blank line, gets no removal: either way would join them', () => {
    for (const [cr, lf] of [['\r', '\n'], ['&#13;', '&#10;']]) {
      const list = `${A}${cr}${cr}.A,C:\\x\\b.dll,5,GET${lf}${lf}${ASP}`;
      const text = metabase([list]);
      assert.deepEqual(codes(text), ['item-blank', 'extension-duplicate', 'item-blank'], cr);
      assert.deepEqual(fixTitles(text, 'extension-duplicate'), [], cr);
    }
  });

  test('a duplicate item after an encoded line break is removed with its separator as written', () => {
    const text = metabase([`${A}&#10;${ASP}&#10;.A,C:\\x\\b.dll,5,GET`, IDC]);
    assert.equal(applyFix(text, 'extension-duplicate', "Remove this item for '.A'"), metabase([`${A}&#10;${ASP}`, IDC]));
  });
});

describe('fixes write encoded text and leave untouched characters as written', () => {
  test('every character an attribute cannot hold raw is encoded', () => {
    assert.equal(encodeAttributeText('a\tb\nc\rd&e<f"g\'h', '"'), 'a&#9;b&#10;c&#13;d&amp;e&lt;f&quot;g\'h');
    assert.equal(encodeAttributeText('a\tb\nc\rd&e<f"g\'h', "'"), 'a&#9;b&#10;c&#13;d&amp;e&lt;f"g&apos;h');
  });

  test('the path with &#10; inside is two items, and fix-all keeps them two', () => {
    const text = metabase([String.raw`.pl,C:\Program&#10;Files\perl.exe %s %s,5,GET`, IDC]);
    const fixed = fixAllText(text);
    assert.equal(fixed.split('&#10;').length, 2, 'the encoded line break stays');
    assert.equal(fixed.split('\n').length, text.split('\n').length, 'no raw line break is written');
    assert.deepEqual(fixAllEdits(fixed), []);
  });

  test('quoting a path holding &#9; inserts the quotes and keeps the reference', () => {
    const text = assertDiagnostics(metabase([String.raw`.pl,[[C:\Program&#9;Files\perl.exe]] %s %s,5,GET`]), [['unquoted-exe-path', 'error']]);
    const after = metabase([String.raw`.pl,&quot;C:\Program&#9;Files\perl.exe&quot; %s %s,5,GET`]);
    assert.equal(applyFix(text, 'unquoted-exe-path', 'Put the path in quotes'), after);
    assert.equal(fixAllText(text), after);
  });

  test('quoting a path keeps &#233; as written', () => {
    const text = metabase([String.raw`.pl,C:\Program Fil&#233;s\perl.exe %s %s,5,GET`]);
    assert.equal(fixAllText(text), metabase([String.raw`.pl,&quot;C:\Program Fil&#233;s\perl.exe&quot; %s %s,5,GET`]));
  });

  test('trimming a verb deletes the references around it and keeps those inside', () => {
    const text = assertDiagnostics(metabase([String.raw`.x,C:\x\a.dll,5,GET,[[&#9;P&#79;ST&#32;]]`]), [['verb-spaces', 'warning']]);
    assert.equal(applyFix(text, 'verb-spaces', "Trim the verb 'POST'"), metabase([String.raw`.x,C:\x\a.dll,5,GET,P&#79;ST`]));
  });

  test('upper-casing a verb rewrites only the letters that change', () => {
    const text = assertDiagnostics(metabase([String.raw`.x,C:\x\a.dll,5,GET,[[p&#79;st]]`]), [['verb-case', 'warning']]);
    assert.equal(applyFix(text, 'verb-case', "Write 'POST'"), metabase([String.raw`.x,C:\x\a.dll,5,GET,P&#79;ST`]));
  });

  test('a trimmed and upper-cased verb with a TAB reference inside stays one verb', () => {
    const text = metabase([String.raw`.x,C:\x\a.dll,5,GET,&#32;p&#9;st`]);
    const fixed = fixAllText(text);
    assert.ok(!/\t/.test(fixed.slice(fixed.indexOf('.x,'), fixed.indexOf('\n', fixed.indexOf('.x,')))), 'no raw TAB is written into the value');
    assert.deepEqual(fixAllEdits(fixed), []);
  });
});

describe('a fix never makes its item worse', () => {
  for (const [ext, fixCode] of [['*.*', 'extension-missing-dot'], ['. *', 'extension-spaces'], ['*.', 'extension-missing-dot']] as const) {
    test(`'${ext}': no fix is offered and fix-all leaves it`, () => {
      const text = assertDiagnostics(metabase([`[[${ext}]],C:\\x\\a.dll,5,GET`, IDC]), [[fixCode, 'warning']]);
      assert.deepEqual(fixTitles(text, fixCode), []);
      assert.deepEqual(fixAllEdits(text), []);
    });
  }

  test('the guard is per item: the other items of the list are still fixed', () => {
    const text = metabase([`*.*,C:\\x\\a.dll,5,GET`, `.b,C:\\x\\b.dll,5,get`]);
    assert.equal(fixAllText(text), metabase([`*.*,C:\\x\\a.dll,5,GET`, `.b,C:\\x\\b.dll,5,GET`]));
  });
});

describe('fix-all reaches its fixed point in one call', () => {
  test('100,000 blank items', () => {
    const text = metabase([A, ...Array<string>(100_000).fill(''), B]);
    const fixed = fixAllText(text);
    assert.equal(fixed, metabase([A, B]));
    assert.deepEqual(fixAllEdits(fixed), []);
  });

  test('100,000 blank items before the first one', () => {
    const text = metabase(['', ...Array<string>(100_000).fill(''), A]);
    const fixed = fixAllText(text);
    assert.equal(fixed, metabase([`^${A}`]));
    assert.deepEqual(fixAllEdits(fixed), []);
  });

  test('10,000 empty verbs', () => {
    const fixed = fixAllText(metabase([`${A}${','.repeat(10_000)}`, B]));
    assert.equal(fixed, metabase([A, B]));
    assert.deepEqual(fixAllEdits(fixed), []);
  });

  test('10,000 empty verbs and no other: all go with the comma after the flags (an empty list, like none, lets every verb through)', () => {
    const text = metabase([`.a,C:\\x\\a.dll,5${','.repeat(10_000)}`]);
    const fixed = fixAllText(text);
    assert.equal(fixed, metabase([`.a,C:\\x\\a.dll,5`]));
    assert.deepEqual(check(fixed), [{ code: 'verbs-missing', severity: 'information', range: r(4, 14, 4, 29) }]);
    assert.deepEqual(fixAllEdits(fixed), []);
  });

  test('one trailing empty verb (review-2 F9): `5,` becomes `5`, and `5,,` too, in one call', () => {
    for (const commas of [',', ',,']) {
      const fixed = fixAllText(metabase([`.a,C:\\x\\a.dll,5${commas}`, B]));
      assert.equal(fixed, metabase([`.a,C:\\x\\a.dll,5`, B]));
      assert.deepEqual(codes(fixed), ['verbs-missing']);
    }
  });
});

describe('linear in the size of a key', () => {
  /** `word` with one letter replaced, a different one for each i (up to 26 x its length). */
  const misspelt = (word: string, i: number) => `${word.slice(0, i % word.length)}${String.fromCharCode(97 + (Math.floor(i / word.length) % 26))}${word.slice(i % word.length + 1)}`;
  const key = (attributes: string[]) => wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', ...attributes.map((a) => `\t\t${a}`), '\t>', '</IIsWebVirtualDir>']);
  const shapes: Record<string, (n: number) => string> = {
    'one item with n lower-case verbs': (n) => metabase([`.a,C:\\x\\a.dll,5,${Array.from({ length: n }, (_, i) => `v${i}get`).join(',')}`]),
    'one item with n verbs, each one listed twice': (n) => metabase([`.a,C:\\x\\a.dll,5,${Array.from({ length: 2 * n }, (_, i) => `X-V${i >> 1}`).join(',')}`]),
    'one item and n blank items': (n) => metabase([A, ...Array<string>(n).fill('')]),
    'n duplicate extensions': (n) => metabase(Array<string>(n).fill(A)),
    'n items with encoded line breaks': (n) => metabase([Array<string>(n).fill(A).map((a, i) => a.replace('.a', `.a${i}`)).join('&#13;&#10;')]),
    'a key with n misspelt property names (did-you-mean is bounded)': (n) => key(Array.from({ length: n }, (_, i) => `AuthFlag${i}="AuthNTLM"`)),
    'a flag set of n misspelt names': (n) => key([`AuthFlags="${Array<string>(n).fill('AuthNTML').join(' | ')}"`]),
    'a flag set of n misspelt names, some 200 distinct ones': (n) => key([`AuthFlags="${Array.from({ length: n }, (_, i) => misspelt('AuthNTLM', i)).join(' | ')}"`]),
    'a flag set of n names joined by bare bars': (n) => key([`AccessFlags="${Array<string>(n).fill('AccessRead').join('|')}"`]),
    'n MIME types, each a duplicate with white space to trim': (n) => key([`MimeMap="${Array<string>(n).fill('.a, text/plain').join('\n\t\t\t')}"`]),
  };

  function time(text: string): number {
    // Each run starts with empty memos: the runs repeat one text, and the items a run after the first finds
    // memoised cost a lookup, not their work (the small size then read 12 ms after 40 ms cold: ratio 11.1).
    setMemos(true);
    const t0 = process.hrtime.bigint();
    fixAllEdits(text);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }

  for (const [name, make] of Object.entries(shapes)) {
    test(`${name}: four times the size takes less than eleven times as long`, () => {
      // The smallest size that takes long enough for the timer and the noise of a shared machine.
      let n = 1000;
      time(make(n)); // warm up first: a cold start alone can take 40 ms
      while (n < 64_000 && time(make(n)) < 40) n *= 2;
      const small = make(n);
      const large = make(4 * n);
      // Interleaved, best of five: a burst of load from other processes hits both sizes alike.
      let best = [Infinity, Infinity];
      for (let k = 0; k < 5; k++) best = [Math.min(best[0], time(small)), Math.min(best[1], time(large))];
      const ratio = best[1] / best[0];
      // Linear gives about 4 (up to 10 on a loaded machine, garbage collection included), quadratic 16.
      assert.ok(ratio < 11, `ratio ${ratio.toFixed(1)} (n = ${n}: ${best[0].toFixed(0)} ms, 4n: ${best[1].toFixed(0)} ms)`);
    });
  }
});

describe('a huge key does not hold the event loop', () => {
  test('the model steps yield inside one key of 10,000 items', () => {
    const steps = parseSteps(metabase(Array.from({ length: 10_000 }, (_, i) => A.replace('.a', `.a${i}`))));
    let yields = 0;
    while (!steps.next().done) yields++;
    assert.ok(yields >= 10, `${yields} yields`);
  });

  test('keys whose values are each just short of being read in steps: the reading still pauses every few keys', () => {
    // 40 keys of 30,000 characters of ScriptMaps each (review 12: 64 keys of 32 KB made steps of 250 ms).
    const value = (k: number) => Array.from({ length: 1500 }, (_, i) => A.replace('.a', `.k${k}i${i}`)).join('\n').slice(0, 30_000).replace(/\n[^\n]*$/, '');
    const keys = Array.from({ length: 40 }, (_, k) => `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/v${k}"\n\t\tScriptMaps="${value(k)}"\n\t>\n</IIsWebVirtualDir>`);
    const steps = parseSteps(wrapKeys(keys));
    let yields = 0;
    while (!steps.next().done) yields++;
    // A step reads 64 units: a segment counts one, and one more per 1,024 of its characters (30 per key here):
    // a step every third key, where 64 keys made one step before.
    assert.ok(yields >= 13, `${yields} yields`);
  });

  test('a key of many short lists is read in steps, as one long list is, with the same findings', () => {
    // One key with 60 <Custom> ScriptMaps of 100 items, each of a relative processor and flags that are no number
    // (review 12: 150 such lists of 10,900 items aborted a server in a 128 MB heap before the watch could look).
    const list = (k: number) => Array.from({ length: 100 }, (_, i) => `.c${k}i${i},x,y`).join('\n');
    const customs = (n: number) => Array.from({ length: n }, (_, k) =>
      `\t<Custom Name="ScriptMaps" ID="6014" Value="${list(k)}" Type="MULTISZ" UserType="IIS_MD_UT_FILE" Attributes="INHERIT"/>`).join('\n');
    const key = (n: number) => wrapKeys([`<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\n\t>\n${customs(n)}\n</IIsWebVirtualDir>`]);
    const heavy = key(60);
    const steps = parseSteps(heavy);
    let yields = 0;
    while (!steps.next().done) yields++;
    assert.ok(yields >= 5, `${yields} yields`);
    // Checked at once, one list adds what each list adds (the lists do not share extensions).
    const [one, two] = [codes(key(1)).length, codes(key(2)).length];
    assert.ok(two > one);
    assert.equal(codes(heavy).length, one + 59 * (two - one));
  });

  test('a list\'s checks yield between items of thousands of findings each (what drives them may look at the memory)', () => {
    // 200 items of 1,000 empty verbs: 200,000 findings in far fewer items than a step's thousand.
    const value = Array.from({ length: 200 }, (_, i) => `${A.replace('.a', `.a${i}`)}${','.repeat(1000)}`).join('\n');
    const steps = checkScriptMapsSteps(value, 0, value.length, '"');
    let yields = 0;
    while (!steps.next().done) yields++;
    assert.ok(yields >= 19, `${yields} yields`);
  });
});

describe('findings of one rule are bounded per item and per list (review-2 F1: a million empty verbs ran out of memory)', () => {
  const N = 200_000;
  const text = metabase([`${A}${','.repeat(N)}`, B]);

  test('a thousand empty verbs one by one, then one finding for the rest, over exactly their commas', () => {
    const found = check(text);
    assert.equal(found.length, FINDINGS_PER_RULE + 1);
    const rest = diagnostics(text)[FINDINGS_PER_RULE];
    const commas = text.indexOf(',GET,') + 4; // the first comma after GET
    const d = doc(text);
    assert.deepEqual(rest.range, { start: d.positionAt(commas + FINDINGS_PER_RULE), end: d.positionAt(commas + N) });
    assert.equal(rest.message, `${N - FINDINGS_PER_RULE} more verb-empty findings in this item, not listed one by one`);
    assert.equal(rest.code, 'verb-empty');
  });

  test('fix-all removes them all in one call, through the summary finding\'s fix', () => {
    assert.equal(fixAllText(text), metabase([A, B]));
    assert.deepEqual(fixTitles(text, 'verb-empty', undefined, FINDINGS_PER_RULE), [[`Fix these ${N - FINDINGS_PER_RULE} the same way`, true]]);
  });

  test('blank items, a list rule, are bounded per list, and fix-all still removes every one', () => {
    const blanks = metabase([`${A}${'&#10;'.repeat(5000)}${B}`]);
    assert.equal(codes(blanks).length, FINDINGS_PER_RULE + 1);
    assert.equal(fixAllText(blanks), metabase([`${A}&#10;${B}`]));
  });
});

describe('fix-all leaves alone an item that is no script map (review-2 F5)', () => {
  test('the second half of an item cut by &#10; (`%s,5,GET`): its fixes are offered, none is preferred', () => {
    const text = metabase([String.raw`.pl,C:\Program Files\perl.exe&#10;%s,5,GET`]);
    assert.deepEqual(codes(text), ['item-too-few-fields', 'extension-missing-dot', 'verbs-missing', 'processor-not-dll-or-exe', 'processor-relative', 'flags-not-a-number']);
    assert.deepEqual(fixTitles(text, 'extension-missing-dot'), [["Write '.%s'", false]]);
    assert.deepEqual(fixAllEdits(text), []);
  });

  test('an item with one of the two faults is still fixed', () => {
    assert.equal(fixAllText(metabase([String.raw`asp,C:\x\a.dll,x,GET`])), metabase([String.raw`.asp,C:\x\a.dll,x,GET`]));
  });
});

describe('a code action checks only the items it is asked about (review-2 F2: a lightbulb in a huge key ran every rule of the key)', () => {
  test('in a list of 40,000 items, the quick fixes of one item run the verb rules on that item alone (and on the fixed item, to judge each fix)', () => {
    const items = Array.from({ length: 40_000 }, (_, i) => String.raw`.e${i},C:\x\e.dll,5,get`);
    const text = metabase(items);
    const d = doc(text);
    const model = parseModel(text);
    const at = text.indexOf('.e20000,') + String.raw`.e20000,C:\x\e.dll,5,`.length;
    const original = verbs.checkVerbs;
    let calls = 0;
    Object.assign(verbs, { checkVerbs: (...args: Parameters<typeof original>) => { calls++; original(...args); } });
    try {
      const actions = codeActions(d, model, { start: d.positionAt(at), end: d.positionAt(at + 3) }, ['quickfix']);
      assert.deepEqual(actions.map((a) => a.title), ["Write 'GET'", 'Normalise the verbs to GET']);
    } finally {
      Object.assign(verbs, { checkVerbs: original });
    }
    // The item, the item as it is and after each of its two fixes (to judge them); the whole key would be 40,000.
    assert.equal(calls, 4);
  });
});

describe('a code action on one item still sees the extension fixes of the others', () => {
  test('two items whose missing-dot fixes would both write .php: neither fix is offered, also when asked about one item', () => {
    const text = metabase([String.raw`php,C:\x\a.dll,5,GET`, String.raw`*.php,C:\x\b.dll,5,GET`]);
    assert.deepEqual(fixTitles(text, 'extension-missing-dot'), []);
    assert.deepEqual(fixTitles(text, 'extension-missing-dot', undefined, 1), []);
  });
});
