// Linear time over pathological shapes (test/perf/doubling.ts), small sizes: 4x the input may cost at
// most 8x the time (linear work is 4x, quadratic 16x), for parseModel + validate and for fixAll.
// `npm run fuzz` measures the same shapes at larger sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MetabaseModel, completion, parseModel } from '../../server/src/service';
import { ValueMemo, setMemos } from '../../server/src/service/model/memo';
import { LIMIT_4X, MeasureOptions, Operation, SHAPES, describeDoubling, measure, measureShape } from './doubling';

const SMALL: MeasureOptions = { minMs: 15, rounds: 3, maxN: 1 << 17, allSizes: false };

describe('4x the input at most 8x the time (linear is 4x, quadratic 16x)', () => {
  for (const shape of Object.keys(SHAPES)) {
    for (const operation of ['validate', 'fixAll'] as Operation[]) {
      test(`${operation}: ${shape}`, () => {
        const d = measureShape(shape, operation, SMALL);
        console.log(`# ${describeDoubling(d)}`);
        assert.ok(d.ratio <= LIMIT_4X, describeDoubling(d));
      });
    }
  }

  // Completion of a processor reads the lists near the item: each match once (a search back to the file's start
  // per match, for a quote the file never uses, made it quadratic: 37 s on 45 MB).
  test('completion in a processor field among n lists', () => {
    const key = (i: number) => `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/v${i}"\r\n\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET"\r\n\t>\r\n</IIsWebVirtualDir>\r\n`;
    const make = (n: number) => `<?xml version ="1.0"?>\r\n<configuration>\r\n<MBProperty>\r\n${Array.from({ length: n }, (_, i) => key(i)).join('')}</MBProperty>\r\n</configuration>\r\n`;
    const built = new Map<string, [TextDocument, MetabaseModel]>();
    const complete = (text: string) => {
      let entry = built.get(text);
      if (!entry) built.set(text, (entry = [TextDocument.create('file:///m.xml', 'iis-metabase', 1, text), parseModel(text)]));
      const [document, model] = entry;
      completion(document, model, document.positionAt(text.indexOf('asp.dll', text.length >> 1)));
    };
    const d = measure('completion in a processor field among n lists', make, complete, { minMs: 5, rounds: 3, maxN: 1 << 11, allSizes: false });
    console.log(`# ${describeDoubling(d)}`);
    assert.ok(d.ratio <= LIMIT_4X, describeDoubling(d));
  });

  // Lists of one length that differ only where the value memo's probe does not look: each lookup compared
  // with every list of the probe before it (quadratic) until a probe kept a few lists at most.
  test('value memo: n lists of one probe', () => {
    const memo = new ValueMemo<number>();
    const value = (i: number) => `${'.c,C:\\x\\c.dll,5,GET&#10;'.repeat(2)}.b${String(i).padStart(8, '0')}${'&#10;.d,C:\\x\\d.dll,5,GET'.repeat(3)}`;
    const make = (n: number) => Array.from({ length: n }, (_, i) => value(i)).join('\n');
    const lookups = (text: string) => {
      setMemos(true);
      for (const v of text.split('\n')) memo.through(v, (t) => t.length);
    };
    const d = measure('value memo lookups of n lists of one probe', make, lookups, { minMs: 5, rounds: 3, maxN: 1 << 13, allSizes: false });
    console.log(`# ${describeDoubling(d)}`);
    assert.ok(d.ratio <= LIMIT_4X, describeDoubling(d));
  });

  // The test has teeth: the pattern of issue 8's quadratic blank-item check (an indexOf per item) fails it.
  test('a quadratic operation fails the bound', () => {
    const items = (text: string) => text.split(',');
    const quadratic = (text: string) => { const list = items(text); let found = 0; for (const item of list) found += list.indexOf(item); return found; };
    // From 20 ms and the least of 3 rounds: at a few milliseconds a loaded machine's noise hid the square (2.35x once).
    const d = measure('indexOf per item', (n) => Array.from({ length: n }, (_, i) => `i${i}`).join(','), quadratic, { minMs: 20, rounds: 3, maxN: 1 << 17, allSizes: false, retries: 0 });
    console.log(`# ${describeDoubling(d)}`);
    assert.ok(d.ratio > LIMIT_4X, describeDoubling(d));
  });
});
