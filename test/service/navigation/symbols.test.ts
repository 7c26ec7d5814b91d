// Document symbols: the metabase tree by Location, sites by ServerComment, exact ranges (a key and the keys
// below it; the selection on the Location value), broken or odd documents, the result limit (breadth-first,
// as the JSON language service), and the tree kept from one version to the next while no key moves.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { documentSymbols, updateModel } from '../../../server/src/service';
import { MAX_DEPTH } from '../../../server/src/service/navigation/tree';
import { URI, wrapKeys } from '../helpers';
import { Opened, keyOf, locationOf, open } from './fixture';

type Shape = [name: string, detail: string, children?: Shape[]];

function shape(symbols: DocumentSymbol[]): Shape[] {
  return symbols.map((s) => (s.children?.length ? [s.name, s.detail!, shape(s.children)] : [s.name, s.detail!]));
}

function find(symbols: DocumentSymbol[], name: string): DocumentSymbol {
  for (const s of symbols) {
    if (s.name === name) return s;
    const below = s.children && find(s.children, name);
    if (below) return below;
  }
  return undefined!;
}

function count(symbols: DocumentSymbol[]): number {
  return symbols.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
}

/** The symbols level by level, each level in the order of the outline. */
function breadthFirst(symbols: DocumentSymbol[]): DocumentSymbol[] {
  const all = [...symbols];
  for (let i = 0; i < all.length; i++) all.push(...(all[i].children ?? []));
  return all;
}

/** The outline at `resultLimit`, and the uris the callback was called with. */
function limited(o: Opened, resultLimit: number): { symbols: DocumentSymbol[]; exceeded: string[] } {
  const exceeded: string[] = [];
  const symbols = documentSymbols(o.document, o.model, { resultLimit, onResultLimitExceeded: (uri) => exceeded.push(uri) });
  return { symbols, exceeded };
}

describe('document symbols', () => {
  const o = open();
  const symbols = documentSymbols(o.document, o.model);

  test('the tree of Locations: sites by ServerComment and number, each key named by its steps below its parent', () => {
    assert.deepEqual(shape(symbols), [
      ['/LM', 'IIsComputer', [
        ['W3SVC', 'IIsWebService', [
          ['Default Web Site (1)', 'IIsWebServer', [
            ['ROOT', 'IIsWebVirtualDir', [
              ['app', 'IIsWebVirtualDir', [['img', 'IIsWebDirectory']]],
            ]],
          ]],
          ['AppPools', 'IIsApplicationPools', [
            ['DefaultAppPool', 'IIsApplicationPool'],
            ['Shop & Co', 'IIsApplicationPool'],
          ]],
        ]],
      ]],
    ]);
    assert.deepEqual([symbols[0].kind, find(symbols, 'Default Web Site (1)').kind, find(symbols, 'app').kind, find(symbols, 'Shop & Co').kind],
      [SymbolKind.Package, SymbolKind.Module, SymbolKind.Namespace, SymbolKind.Object]);
  });

  test('a leaf spans its key element; its selection is its Location value', () => {
    const img = find(symbols, 'img');
    assert.deepEqual(img.range, keyOf(o, 'IIsWebDirectory', '/LM/W3SVC/1/ROOT/app/img'));
    assert.deepEqual(img.range, { start: { line: 24, character: 0 }, end: { line: 26, character: 18 } });
    assert.deepEqual(img.selectionRange, locationOf(o, '/LM/W3SVC/1/ROOT/app/img'));
    assert.deepEqual(img.selectionRange, { start: { line: 24, character: 28 }, end: { line: 24, character: 52 } });
  });

  test('a key with keys below it spans from its element to the last of theirs', () => {
    const site = find(symbols, 'Default Web Site (1)');
    assert.deepEqual(site.range, o.between('<IIsWebServer', '</IIsWebDirectory>'));
    assert.deepEqual(site.selectionRange, locationOf(o, '/LM/W3SVC/1'));
    assert.deepEqual(find(symbols, 'AppPools').range, o.between('<IIsApplicationPools', '</IIsApplicationPool>', 0, 1));
    assert.deepEqual(symbols[0].range, o.between('<IIsComputer', '</IIsApplicationPool>', 0, 1));
  });

  test('a key whose parent is missing hangs under the nearest existing ancestor, named by the steps between', () => {
    const text = wrapKeys([
      '<IIsComputer\tLocation ="/LM"', '\t>', '</IIsComputer>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/7/ROOT/x"', '\t>', '</IIsWebVirtualDir>',
      '<IIsWebVirtualDir\tLocation ="/Other/ROOT"', '\t>', '</IIsWebVirtualDir>',
    ]);
    const m = open(text);
    assert.deepEqual(shape(documentSymbols(m.document, m.model)), [
      ['/LM', 'IIsComputer', [['W3SVC/7/ROOT/x', 'IIsWebVirtualDir']]],
      ['/Other/ROOT', 'IIsWebVirtualDir'],
    ]);
  });

  test('a parent written after its children, in another case and with a trailing /: still their parent', () => {
    const text = wrapKeys([
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/b"', '\t>', '</IIsWebVirtualDir>',
      '<IIsWebVirtualDir\tLocation ="/lm/w3svc/1/root/"', '\t>', '</IIsWebVirtualDir>',
    ]);
    const m = open(text);
    const result = documentSymbols(m.document, m.model);
    assert.deepEqual(shape(result), [['/lm/w3svc/1/root/', 'IIsWebVirtualDir', [['b', 'IIsWebVirtualDir']]]]);
    // The parent's range runs from its child's element (before it) to its own end.
    assert.deepEqual(result[0].range, m.between('<IIsWebVirtualDir', '</IIsWebVirtualDir>', 0, 1));
  });

  test('the root key / keeps the leading / of the keys below it; "." stands alone', () => {
    const text = wrapKeys([
      '<IIS_Global\tLocation ="."', '\t>', '</IIS_Global>',
      '<IIS_ROOT\tLocation ="/"', '\t>', '</IIS_ROOT>',
      '<IIsComputer\tLocation ="/LM"', '\t>', '</IIsComputer>',
    ]);
    const m = open(text);
    assert.deepEqual(shape(documentSymbols(m.document, m.model)), [['.', 'IIS_Global'], ['/', 'IIS_ROOT', [['/LM', 'IIsComputer']]]]);
  });
});

describe('document symbols of broken documents', () => {
  test('duplicate Locations are siblings; a key below the first written after the second hangs at the top', () => {
    const text = wrapKeys([
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebServer>',
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tServerComment="Again"', '\t>', '</IIsWebServer>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t>', '</IIsWebVirtualDir>',
    ]);
    const m = open(text);
    assert.deepEqual(shape(documentSymbols(m.document, m.model)), [
      ['/LM/W3SVC/1', 'IIsWebServer'],
      ['Again (/LM/W3SVC/1)', 'IIsWebServer'],
      ['/LM/W3SVC/1/ROOT', 'IIsWebVirtualDir'],
    ]);
  });

  test('a child written after unrelated keys hangs under the nearest ancestor reaching it: no range swallows a sibling', () => {
    const text = wrapKeys([
      '<IIsWebService\tLocation ="/LM/W3SVC"', '\t>', '</IIsWebService>',
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tServerComment="Default Web Site"', '\t>', '</IIsWebServer>',
      '<IIsApplicationPools\tLocation ="/LM/W3SVC/AppPools"', '\t>', '</IIsApplicationPools>',
      '<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/DefaultAppPool"', '\t>', '</IIsApplicationPool>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t>', '</IIsWebVirtualDir>',
    ]);
    const m = open(text);
    const symbols = documentSymbols(m.document, m.model);
    assert.deepEqual(shape(symbols), [
      ['/LM/W3SVC', 'IIsWebService', [
        ['Default Web Site (1)', 'IIsWebServer'],
        ['AppPools', 'IIsApplicationPools', [['DefaultAppPool', 'IIsApplicationPool']]],
        ['1/ROOT', 'IIsWebVirtualDir'],
      ]],
    ]);
    assert.deepEqual(symbols[0].children![0].range, m.between('<IIsWebServer', '</IIsWebServer>'));
    assert.deepEqual(symbols[0].range, m.between('<IIsWebService', '</IIsWebVirtualDir>'));
  });

  test('a key without Location: at the top, named by its type, its selection on its element name', () => {
    const text = wrapKeys(['<IIsWebFile\t\tPath="x"', '\t>', '</IIsWebFile>']);
    const m = open(text);
    const [symbol] = documentSymbols(m.document, m.model);
    assert.equal(symbol.name, 'IIsWebFile (no Location)');
    assert.deepEqual(symbol.selectionRange, m.find('IIsWebFile'));
    assert.deepEqual(symbol.range, m.between('<IIsWebFile', '</IIsWebFile>'));
  });

  test('a broken start tag: the key is there with the Location read before the fault; an empty Location gets a name', () => {
    const text = wrapKeys([
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebServer>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tPath="C:\\x', '\t>', '</IIsWebVirtualDir>',
      '<IIsConfigObject\tLocation =""', '\t>', '</IIsConfigObject>',
    ]);
    const m = open(text);
    const result = documentSymbols(m.document, m.model);
    assert.deepEqual(shape(result), [['/LM/W3SVC/1', 'IIsWebServer', [['ROOT', 'IIsWebVirtualDir']]], ['""', 'IIsConfigObject']]);
    assert.deepEqual(result[1].selectionRange, m.find('Location =""', 0, 11, 11));
  });

  test(`keys deeper than ${MAX_DEPTH} levels hang flat under their ancestor at that depth; every key is there once`, () => {
    const keys: string[] = [];
    for (let depth = 1; depth <= MAX_DEPTH + 6; depth++) keys.push(`<IIsConfigObject\tLocation ="${'/k'.repeat(depth)}"`, '\t>', '</IIsConfigObject>');
    const m = open(wrapKeys(keys));
    const result = documentSymbols(m.document, m.model);
    assert.equal(count(result), MAX_DEPTH + 6);
    let deepest = result[0];
    for (let depth = 1; depth < MAX_DEPTH; depth++) deepest = deepest.children![0];
    assert.deepEqual(deepest.children!.map((c) => [c.name, c.children]), [1, 2, 3, 4, 5, 6].map((n) => ['k/'.repeat(n).slice(0, -1), undefined]));
  });
});

describe('document symbols with a result limit', () => {
  const o = open();
  const whole = documentSymbols(o.document, o.model);
  const order = ['/LM', 'W3SVC', 'Default Web Site (1)', 'AppPools', 'ROOT', 'DefaultAppPool', 'Shop & Co', 'app', 'img'];

  test('the top of the tree first: /LM, W3SVC, then the site and AppPools, then what is below them; the callback says the rest was left out', () => {
    const { symbols, exceeded } = limited(o, 5);
    assert.deepEqual(shape(symbols), [
      ['/LM', 'IIsComputer', [
        ['W3SVC', 'IIsWebService', [
          ['Default Web Site (1)', 'IIsWebServer', [['ROOT', 'IIsWebVirtualDir']]],
          ['AppPools', 'IIsApplicationPools'],
        ]],
      ]],
    ]);
    assert.deepEqual(exceeded, [URI]);
    // Cut below, a key is a leaf that still spans its subtree: breadcrumbs follow the cursor to it.
    assert.equal(find(symbols, 'ROOT').children, undefined);
    assert.deepEqual(find(symbols, 'ROOT').range, o.between('<IIsWebVirtualDir', '</IIsWebDirectory>'));
  });

  test('at every limit: the first symbols of the outline level by level, each as in the whole outline', () => {
    assert.deepEqual(breadthFirst(whole).map((s) => s.name), order);
    for (let limit = 0; limit <= order.length + 1; limit++) {
      const { symbols, exceeded } = limited(o, limit);
      const kept = breadthFirst(symbols);
      assert.deepEqual(kept.map((s) => s.name), order.slice(0, limit), `limit ${limit}`);
      for (const s of kept) assert.deepEqual({ ...s, children: undefined }, { ...find(whole, s.name), children: undefined }, `${s.name} at limit ${limit}`);
      assert.deepEqual(exceeded, limit < order.length ? [URI] : [], `limit ${limit}`);
    }
  });

  test('a limit of the number of keys or more: the whole outline, the callback not called', () => {
    for (const limit of [order.length, 60_000]) {
      const { symbols, exceeded } = limited(o, limit);
      assert.deepEqual(symbols, whole);
      assert.deepEqual(exceeded, []);
    }
  });

  test('roots count first: keys without a parent, in document order, before any key below them', () => {
    const m = open(wrapKeys([
      '<IIsWebService\tLocation ="/LM/W3SVC"', '\t>', '</IIsWebService>',
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebServer>',
      '<IIsFtpService\tLocation ="/LM/MSFTPSVC"', '\t>', '</IIsFtpService>',
      '<IIsWebFile\t\tPath="x"', '\t>', '</IIsWebFile>',
    ]));
    assert.deepEqual(shape(limited(m, 3).symbols), [['/LM/W3SVC', 'IIsWebService'], ['/LM/MSFTPSVC', 'IIsFtpService'], ['IIsWebFile (no Location)', 'IIsWebFile']]);
    assert.deepEqual(shape(limited(m, 2).symbols), [['/LM/W3SVC', 'IIsWebService'], ['/LM/MSFTPSVC', 'IIsFtpService']]);
  });
});

describe('document symbols after an edit', () => {
  /** The fixture's outline; then the text with `needle` replaced, its model updated from the fixture's (which the update changes), and one read anew. */
  function edit(needle: string, replacement: string) {
    const o = open();
    const before = documentSymbols(o.document, o.model);
    const start = o.text.indexOf(needle);
    const text = o.text.slice(0, start) + replacement + o.text.slice(start + needle.length);
    const shape = o.model.shape;
    const model = updateModel(o.model, text, { start, oldEnd: start + needle.length, newEnd: start + replacement.length });
    return { before, shape, updated: { ...open(text), model }, fresh: open(text) };
  }

  test('no key moved, no Location changed: the tree of the version before, with the names and ranges of the new text', () => {
    const { before, shape, updated, fresh } = edit('ServerComment="Default Web Site"', 'ServerComment="Shop\n\nfront"');
    assert.equal(updated.model.shape, shape);
    const symbols = documentSymbols(updated.document, updated.model);
    assert.deepEqual(symbols, documentSymbols(fresh.document, fresh.model));
    assert.equal(find(symbols, 'Shop\n\nfront (1)').range.end.line, find(before, 'Default Web Site (1)').range.end.line + 2);
  });

  test('a Location changed: a tree of its own', () => {
    const { shape, updated, fresh } = edit('/LM/W3SVC/1/ROOT/app/img', '/LM/W3SVC/1/img');
    assert.notEqual(updated.model.shape, shape);
    const symbols = documentSymbols(updated.document, updated.model);
    assert.deepEqual(symbols, documentSymbols(fresh.document, fresh.model));
    assert.deepEqual(find(symbols, 'Default Web Site (1)').children!.map((c) => c.name), ['ROOT', 'img']);
  });
});

describe('document symbols of the IIS-written MetaBase.xml', () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'iis-written', 'MetaBase.xml'), 'utf8');
  const m = open(text);
  const result = documentSymbols(m.document, m.model);

  test('every key once, under / and /LM; the site by its ServerComment, its ROOT and the pools below W3SVC', () => {
    assert.equal(count(result), (text.match(/^<[A-Za-z_]/gm) ?? []).length - 2); // less <configuration> and <MBProperty>
    const w3svc = find(result, 'W3SVC');
    assert.deepEqual(find(result, '/').children!.map((c) => c.name), ['/LM']);
    assert.deepEqual(w3svc.children!.map((c) => c.name), ['Default Web Site (1)', 'AppPools', 'Filters', 'Info']);
    assert.deepEqual(shape([find(result, 'Default Web Site (1)')]), [
      ['Default Web Site (1)', 'IIsWebServer', [['Filters', 'IIsFilters'], ['IIsCertMapper', 'IIsCertMapper'], ['ROOT', 'IIsWebVirtualDir']]],
    ]);
    assert.deepEqual(shape([find(result, 'AppPools')]), [
      ['AppPools', 'IIsApplicationPools', [['DefaultAppPool', 'IIsApplicationPool'], ['oval', 'IIsApplicationPool']]],
    ]);
    // Templates are named by their step, which is their name.
    assert.deepEqual(find(result, 'Templates').children!.map((c) => c.name), ['Public Web Site', 'Secure Web Site']);
  });
});
