// Selection ranges: field -> item -> value -> attribute -> key, on ScriptMaps (an attribute or a <Custom>),
// on another list, on a plain value, and outside any key.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Range, SelectionRange } from 'vscode-languageserver-types';
import { selectionRanges } from '../../../server/src/service';
import { wrapKeys } from '../helpers';
import { open } from './fixture';

const o = open(wrapKeys([
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
  '\t\tHttpCustomHeaders="X-A: 1', '\t\t\tX-B: 2"',
  '\t\tPath="C:\\web"',
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET', '\t\t\t.pl,&quot;C:\\perl.exe&quot; %s,5,GET,POST"',
  '\t>',
  '\t<Custom', '\t\tName="ScriptMaps"', '\t\tID="6014"', '\t\tValue=".x,C:\\x.dll,1"', '\t/>',
  '</IIsWebVirtualDir>',
]));

function chain(selection: SelectionRange): Range[] {
  const ranges: Range[] = [];
  for (let s: SelectionRange | undefined = selection; s; s = s.parent) ranges.push(s.range);
  return ranges;
}

const KEY = o.between('<IIsWebVirtualDir', '</IIsWebVirtualDir>');

describe('selection ranges', () => {
  test('in a ScriptMaps field: the field, the item, the value, the attribute, the key', () => {
    const [selection] = selectionRanges(o.document, o.model, [o.at('perl.exe')]);
    assert.deepEqual(chain(selection), [
      o.find('&quot;C:\\perl.exe&quot; %s'),
      o.find('.pl,&quot;C:\\perl.exe&quot; %s,5,GET,POST'),
      o.between('.asp,', 'GET,POST'),
      o.between('ScriptMaps=', 'GET,POST"'),
      KEY,
    ]);
  });

  test('several positions at once; the list of a <Custom>: its field, item and value, its Value attribute, the <Custom>, the key', () => {
    const [verb, custom] = selectionRanges(o.document, o.model, [o.at('POST'), o.at('C:\\x.dll', 2)]);
    assert.deepEqual(chain(verb)[0], o.find('POST'));
    assert.deepEqual(chain(custom), [o.find('C:\\x.dll'), o.find('.x,C:\\x.dll,1'), o.find('Value=".x,C:\\x.dll,1"'), o.between('<Custom', '/>'), KEY]);
  });

  test('another list: the item, the value; a plain value; the Location; an attribute name', () => {
    const [header, path, location, name] = selectionRanges(o.document, o.model, [o.at('X-B'), o.at('web'), o.at('W3SVC'), o.at('Path', 1)]);
    assert.deepEqual(chain(header), [o.find('X-B: 2'), o.between('X-A', 'X-B: 2'), o.between('HttpCustomHeaders', 'X-B: 2"'), KEY]);
    assert.deepEqual(chain(path), [o.find('C:\\web'), o.find('Path="C:\\web"'), KEY]);
    assert.deepEqual(chain(location), [o.find('/LM/W3SVC/1/ROOT'), o.find('Location ="/LM/W3SVC/1/ROOT"'), KEY]);
    assert.deepEqual(chain(name), [o.find('Path="C:\\web"'), KEY]);
  });

  test('outside the keys: the position itself', () => {
    const at = o.at('<MBProperty>', 2);
    assert.deepEqual(selectionRanges(o.document, o.model, [at]), [{ range: { start: at, end: at } }]);
  });
});
