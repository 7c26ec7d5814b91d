// Folding: a range per key spanning lines (its end tag's line stays visible) and per list value spanning
// lines; none for one-line keys, one-line lists, or line breaks in a value that is no list. A range limit
// keeps the keys' ranges before the lists', each in document order.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldingRanges } from '../../../server/src/service';
import { EOLS, Eol, URI, wrapKeys } from '../helpers';
import { open } from './fixture';

const KEYS = [
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', //                    3
  '\t\tHttpCustomHeaders="X-A: 1"', //                                        4: a MULTISZ of one line
  '\t\tPath="C:\\a', //                                                      5: a STRING with a line break
  'b"', //                                                                  6
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET', //  7
  '\t\t\t.pl,C:\\perl.exe %s,5,GET"', //                                    8
  '\t>', //                                                                 9
  '\t<Custom', //                                                          10
  '\t\tName="MD_METADATA_ID_REGISTRATION"', //                             11
  '\t\tID="1030"', //                                                      12
  '\t\tValue="0-65535;Microsoft Reserved', //                              13
  '\t\t\t65536-524288;Microsoft IIS Admin Objects Reserved"', //           14
  '\t\tType="MULTISZ"', //                                                 15
  '\t/>', //                                                               16
  '</IIsWebVirtualDir>', //                                                17
  '<IIsFilter\tLocation ="/LM/W3SVC/Filters/x"/>', //                      18: one line
  '<IIsMimeMap\tLocation ="/LM/MimeMap"', //                               19
  '\t\tMimeMap=".a,text/a', //                                             20
  '\t\t\t.b,text/b"/>', //                                                 21: self-closing, ends on the list's line
];

describe('folding ranges', () => {
  for (const eol of ['LF', 'CRLF', 'CR'] as Eol[]) {
    test(`keys and list values [${eol}]`, () => {
      const o = open(wrapKeys(KEYS, { eol }));
      assert.deepEqual(foldingRanges(o.document, o.model), [
        { startLine: 3, endLine: 16 },
        { startLine: 7, endLine: 8 },
        { startLine: 13, endLine: 14 },
        { startLine: 19, endLine: 21 },
        { startLine: 20, endLine: 21 },
      ]);
      assert.equal(o.text.split(EOLS[eol])[17], '</IIsWebVirtualDir>');
    });
  }

  test('an end tag on the line of the start tag\'s `>` is folded with it; a broken key folds to where it was cut', () => {
    const o = open(wrapKeys([
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tServerComment="x"></IIsWebServer>',
      '<IIsWebServer\tLocation ="/LM/W3SVC/2"', '\t\tServerComment="x', '\t>', '</IIsWebServer>',
    ]));
    assert.deepEqual(foldingRanges(o.document, o.model), [{ startLine: 3, endLine: 4 }, { startLine: 5, endLine: 8 }]);
  });

  test('a key whose start tag is one list value on the same lines folds once', () => {
    const o = open(wrapKeys(['<IIsWebService\tLocation ="/LM/W3SVC" ScriptMaps=".a,C:\\a.dll,1', '\t\t\t.b,C:\\b.dll,1"></IIsWebService>']));
    assert.deepEqual(foldingRanges(o.document, o.model), [{ startLine: 3, endLine: 4 }]);
    // The range it would have twice counts once.
    assert.deepEqual(limited(o, 1), { ranges: [{ startLine: 3, endLine: 4 }], exceeded: [] });
  });
});

/** The folding ranges at `rangeLimit`, and the uris the callback was called with. */
function limited(o: ReturnType<typeof open>, rangeLimit: number) {
  const exceeded: string[] = [];
  const ranges = foldingRanges(o.document, o.model, { rangeLimit, onRangeLimitExceeded: (uri) => exceeded.push(uri) });
  return { ranges, exceeded };
}

describe('folding ranges with a range limit', () => {
  const o = open(wrapKeys(KEYS));
  const [key1, list1, list2, key2, list3] = foldingRanges(o.document, o.model);

  test('the keys first, in document order; then the lists, in document order, among them', () => {
    assert.deepEqual(limited(o, 0), { ranges: [], exceeded: [URI] });
    assert.deepEqual(limited(o, 1), { ranges: [key1], exceeded: [URI] });
    assert.deepEqual(limited(o, 2), { ranges: [key1, key2], exceeded: [URI] });
    assert.deepEqual(limited(o, 3), { ranges: [key1, list1, key2], exceeded: [URI] });
    assert.deepEqual(limited(o, 4), { ranges: [key1, list1, list2, key2], exceeded: [URI] });
  });

  test('a limit of the number of ranges or more: all of them, the callback not called', () => {
    for (const limit of [5, 1000]) assert.deepEqual(limited(o, limit), { ranges: [key1, list1, list2, key2, list3], exceeded: [] });
  });
});
