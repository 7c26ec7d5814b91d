// The metabase the navigation tests read: a site with a ROOT, an application (its own pool, named with an
// entity) and a directory below it, two pools, and ranges found in the text itself.

import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range } from 'vscode-languageserver-types';
import { MetabaseModel, parseModel } from '../../../server/src/service';
import { URI, wrapKeys } from '../helpers';

export const KEYS = [
  '<IIsComputer\tLocation ="/LM"', '\t>', '</IIsComputer>',
  '<IIsWebService\tLocation ="/LM/W3SVC"', '\t>', '</IIsWebService>',
  '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tAppPoolId="DefaultAppPool"', '\t\tServerComment="Default Web Site"', '\t>', '</IIsWebServer>',
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAppPoolId="defaultapppool"', '\t\tAppRoot="/LM/W3SVC/1/ROOT"', '\t>', '</IIsWebVirtualDir>',
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/app"', '\t\tAppPoolId="Shop &amp; Co"', '\t\tAppRoot="/LM/W3SVC/1/Root/app/"', '\t>', '</IIsWebVirtualDir>',
  '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/app/img"', '\t>', '</IIsWebDirectory>',
  '<IIsApplicationPools\tLocation ="/LM/W3SVC/AppPools"', '\t>', '</IIsApplicationPools>',
  '<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/DefaultAppPool"', '\t>', '</IIsApplicationPool>',
  '<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/Shop &amp; Co"', '\t>', '</IIsApplicationPool>',
];

/** The text (LF unless asked), with its key lines from line 3 on. */
export const TEXT = wrapKeys(KEYS);

export interface Opened {
  text: string;
  document: TextDocument;
  model: MetabaseModel;
  /** The range of the `n`th occurrence of `needle` (0-based), or of its part from `from` to `to`. */
  find(needle: string, n?: number, from?: number, to?: number): Range;
  /** The range from the start of one needle's occurrence to the end of another's. */
  between(first: string, last: string, firstN?: number, lastN?: number): Range;
  /** The position `delta` characters into the `n`th occurrence of `needle`. */
  at(needle: string, delta?: number, n?: number): Position;
}

export function open(text: string = TEXT): Opened {
  const document = TextDocument.create(URI, 'iis-metabase', 1, text);
  const offset = (needle: string, n = 0) => {
    let i = -1;
    for (let k = 0; k <= n; k++) {
      i = text.indexOf(needle, i + 1);
      assert.ok(i >= 0, `'${needle}' #${n} is not in the text`);
    }
    return i;
  };
  const range = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  return {
    text, document, model: parseModel(text),
    find: (needle, n = 0, from = 0, to = needle.length) => range(offset(needle, n) + from, offset(needle, n) + to),
    between: (first, last, firstN = 0, lastN = 0) => range(offset(first, firstN), offset(last, lastN) + last.length),
    at: (needle, delta = 0, n = 0) => document.positionAt(offset(needle, n) + delta),
  };
}

/** The range of a Location value: the path between its quotes. */
export function locationOf(o: Opened, path: string): Range {
  return o.find(`Location ="${path}"`, 0, 11, 11 + path.length);
}

/** The range of a key element, found by its Location, to the end of its end tag. */
export function keyOf(o: Opened, type: string, path: string): Range {
  const start = o.text.indexOf(`<${type}\tLocation ="${path}"`);
  assert.ok(start >= 0, `no ${type} at ${path}`);
  const end = o.text.indexOf(`</${type}>`, start) + type.length + 3;
  return { start: o.document.positionAt(start), end: o.document.positionAt(end) };
}
