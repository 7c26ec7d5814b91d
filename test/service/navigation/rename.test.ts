// Rename a key's path: the subtree's Locations, the AppRoots and AppPoolIds that name them, minimal edits,
// values encoded for their quote, the whole text compared after the edit and judged by saxes (which shares
// nothing with the service's scanner); refusals with their messages.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, TextEdit } from 'vscode-languageserver-types';
import { RenameError, prepareRename, rename } from '../../../server/src/service';
import { URI, wrapKeys } from '../helpers';
import { Opened, TEXT, locationOf, open } from './fixture';

function edits(o: Opened, at: Position, newName: string): TextEdit[] {
  const edit = rename(o.document, o.model, at, newName);
  assert.ok(edit?.changes, 'a workspace edit with changes');
  assert.deepEqual(Object.keys(edit.changes), [URI]);
  return edit.changes[URI];
}

function renamed(o: Opened, at: Position, newName: string): string {
  return TextDocument.applyEdits(o.document, edits(o, at, newName));
}

/** [element, Location, AppRoot, AppPoolId] of every key, as saxes decodes them. */
function keysOf(text: string): string[][] {
  const parser = new SaxesParser();
  const keys: string[][] = [];
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth !== 3) return;
    const a = tag.attributes as Record<string, string>;
    keys.push([tag.name, a.Location, a.AppRoot, a.AppPoolId].filter((v) => v !== undefined));
  });
  parser.on('closetag', () => { depth--; });
  parser.write(text).close();
  return keys;
}

function refusal(o: Opened, at: Position, newName: string): string {
  try {
    rename(o.document, o.model, at, newName);
  } catch (error) {
    assert.ok(error instanceof RenameError, String(error));
    return error.message;
  }
  assert.fail(`renaming to '${newName}' was not refused`);
}

describe('prepareRename', () => {
  const o = open();
  test('on the Location value of a vdir: its range and its path', () => {
    assert.deepEqual(prepareRename(o.document, o.model, o.at('/LM/W3SVC/1/ROOT/app"', 3)), {
      range: locationOf(o, '/LM/W3SVC/1/ROOT/app'), placeholder: '/LM/W3SVC/1/ROOT/app',
    });
    assert.deepEqual(prepareRename(o.document, o.model, o.at('Shop &amp; Co"', 13, 1))?.placeholder, '/LM/W3SVC/AppPools/Shop & Co');
  });
  test('elsewhere: nothing; on the Location of a key that is no site, vdir, directory or pool: refused', () => {
    for (const at of [o.at('AppPoolId'), o.at('IIsWebVirtualDir'), o.at('"DefaultAppPool"', 3)]) assert.equal(prepareRename(o.document, o.model, at), null);
    assert.throws(() => prepareRename(o.document, o.model, o.at('/LM/W3SVC"')), new RenameError(
      'Only the path of a site, a virtual directory, a directory or an application pool can be renamed; this is an IIsWebService key.'));
  });
});

describe('rename', () => {
  const o = open();

  test('a vdir by its last step: its Location, its directory\'s, and the AppRoot naming it (in its own case), one edit each', () => {
    const at = o.at('/LM/W3SVC/1/ROOT/app"', 18);
    // Minimal: "ap" becomes "sho" ("app" -> "shop" keeps the last p).
    assert.deepEqual(edits(o, at, 'shop').map((e) => [o.document.getText(e.range), e.newText]), [['ap', 'sho'], ['ap', 'sho'], ['ap', 'sho']]);
    assert.equal(renamed(o, at, 'shop'), TEXT
      .replace('ROOT/app"', 'ROOT/shop"').replace('Root/app/', 'Root/shop/').replace('ROOT/app/img', 'ROOT/shop/img'));
    assert.deepEqual(keysOf(renamed(o, at, 'shop')).slice(4, 6), [
      ['IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/shop', '/LM/W3SVC/1/Root/shop/', 'Shop & Co'],
      ['IIsWebDirectory', '/LM/W3SVC/1/ROOT/shop/img'],
    ]);
    // A whole path names the same.
    assert.equal(renamed(o, at, '/LM/W3SVC/1/ROOT/shop'), renamed(o, at, 'shop'));
  });

  test('a site by its number: every Location and AppRoot below it; only the digit is rewritten', () => {
    const result = edits(o, o.at('/LM/W3SVC/1"', 11), '12');
    assert.equal(result.length, 6);
    assert.ok(result.every((e) => e.newText === '2' && e.range.start.character === e.range.end.character), JSON.stringify(result));
    assert.deepEqual(keysOf(renamed(o, o.at('/LM/W3SVC/1"', 11), '12')).slice(2, 6).map((k) => k.slice(1, 3)), [
      ['/LM/W3SVC/12', 'DefaultAppPool'], ['/LM/W3SVC/12/ROOT', '/LM/W3SVC/12/ROOT'], ['/LM/W3SVC/12/ROOT/app', '/LM/W3SVC/12/Root/app/'], ['/LM/W3SVC/12/ROOT/app/img'],
    ]);
  });

  test('a pool: its Location and every AppPoolId naming it, ignoring case; the new name written with entities', () => {
    const text = renamed(o, o.at(SHOP_VALUE), 'Tom & "Jerry" <1>');
    assert.equal(text, TEXT
      .replace('AppPoolId="Shop &amp; Co"', 'AppPoolId="Tom &amp; &quot;Jerry&quot; &lt;1>"')
      .replace('AppPools/Shop &amp; Co"', 'AppPools/Tom &amp; &quot;Jerry&quot; &lt;1>"'));
    assert.deepEqual(keysOf(text).map((k) => k.slice(1)).filter((k) => k.some((v) => v.includes('Tom'))), [
      ['/LM/W3SVC/1/ROOT/app', '/LM/W3SVC/1/Root/app/', 'Tom & "Jerry" <1>'], ['/LM/W3SVC/AppPools/Tom & "Jerry" <1>'],
    ]);
    const pooled = renamed(o, o.at('AppPools/DefaultAppPool'), 'Main');
    assert.deepEqual(keysOf(pooled).map((k) => k[k.length - 1]).filter((v) => /main/i.test(v)), ['Main', 'Main', '/LM/W3SVC/AppPools/Main']);
  });

  test('single quotes get &apos;; a case-only change rewrites only the changed letters', () => {
    const m = open(wrapKeys(["<IIsWebVirtualDir\tLocation ='/LM/W3SVC/1/ROOT/a'", '\t>', '</IIsWebVirtualDir>']));
    assert.equal(renamed(m, m.at('ROOT/a'), "it's"), m.text.replace("ROOT/a'", 'ROOT/it&apos;s\''));
    assert.deepEqual(edits(o, o.at('/LM/W3SVC/1/ROOT/app"', 18), 'aPp').map((e) => [e.range.end.character - e.range.start.character, e.newText]), [[1, 'P'], [1, 'P'], [1, 'P']]);
    assert.deepEqual(edits(o, o.at('/LM/W3SVC/1/ROOT/app"', 18), 'app'), []);
  });

  test('refused: a Location another key has, a path of the wrong shape, the own subtree, empty or odd steps', () => {
    const app = o.at('/LM/W3SVC/1/ROOT/app"', 18);
    assert.equal(refusal(o, o.at('/LM/W3SVC/1/ROOT/app/img'), '/LM/W3SVC/1/ROOT/app'),
      "Renaming '/LM/W3SVC/1/ROOT/app/img' to '/LM/W3SVC/1/ROOT/app' would give a key the Location '/LM/W3SVC/1/ROOT/app', which an IIsWebVirtualDir key has already.");
    assert.equal(refusal(o, o.at(SHOP_VALUE), 'defaultAPPpool'),
      "Renaming '/LM/W3SVC/AppPools/Shop & Co' to '/LM/W3SVC/AppPools/defaultAPPpool' would give a key the Location '/LM/W3SVC/AppPools/DefaultAppPool', which an IIsApplicationPool key has already.");
    // A key below the renamed one may collide too.
    const m = open(wrapKeys([
      '<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT/a/x"', '	>', '</IIsWebVirtualDir>',
      '<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT/b/X"', '	>', '</IIsWebVirtualDir>',
      '<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT/a"', '	>', '</IIsWebVirtualDir>',
    ]));
    assert.equal(refusal(m, m.at('ROOT/a"'), 'b'),
      "Renaming '/LM/W3SVC/1/ROOT/a' to '/LM/W3SVC/1/ROOT/b' would give a key the Location '/LM/W3SVC/1/ROOT/b/X', which an IIsWebVirtualDir key has already.");
    assert.equal(refusal(o, o.at(SHOP_VALUE), '/LM/W3SVC/x'), "An IIsApplicationPool key belongs at an application pool, /LM/W3SVC/AppPools/<name>, not at '/LM/W3SVC/x'.");
    assert.equal(refusal(o, app, '/LM/W3SVC/1/ROOT/app/img/x'), "'/LM/W3SVC/1/ROOT/app/img/x' is below '/LM/W3SVC/1/ROOT/app' itself: a key cannot move into its own subtree.");
    assert.equal(refusal(o, app, ''), "'' is not a valid Location: it has an empty step ('//' or a trailing '/').");
    assert.equal(refusal(o, app, 'a//b'), "'a//b' is not a valid Location: it has an empty step ('//' or a trailing '/').");
    assert.equal(refusal(o, app, ' a'), "' a' is not a valid Location: a step starts or ends with white space.");
    assert.equal(refusal(o, app, 'a\tb'), "'a\tb' is not a valid Location: it holds a control character.");
    assert.equal(refusal(o, app, '..'), "'..' is not a valid Location: it has a '.' or '..' step.");
  });

  test('a subtree may move onto paths its own keys leave: a vdir one step up, over its former place', () => {
    const m = open(wrapKeys([
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/a/a"', '\t>', '</IIsWebVirtualDir>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/a/a/a"', '\t>', '</IIsWebVirtualDir>',
    ]));
    assert.deepEqual(keysOf(renamed(m, m.at('ROOT/a/a"'), '/LM/W3SVC/1/ROOT/a')).map((k) => k[1]), ['/LM/W3SVC/1/ROOT/a', '/LM/W3SVC/1/ROOT/a/a']);
  });

  test('a key whose start tag is broken after its Location moves with the subtree; a key without Location stays', () => {
    const m = open(wrapKeys([
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/a"', '\t>', '</IIsWebVirtualDir>',
      '<IIsWebVirtualDir\t\tPath="x"', '\t>', '</IIsWebVirtualDir>',
      '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/a/d"', '\t\tPath="C:\\x', '\t>', '</IIsWebDirectory>',
    ]));
    assert.equal(renamed(m, m.at('ROOT/a"'), 'b'), m.text.replace('ROOT/a"', 'ROOT/b"').replace('ROOT/a/d', 'ROOT/b/d'));
  });

  test('one of two keys at a Location (key-location-duplicate): only that key moves, its subtree and links stay with the other', () => {
    const m = open(wrapKeys([
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/a"', '\t\tAppRoot="/LM/W3SVC/1/ROOT/a"', '\t>', '</IIsWebVirtualDir>',
      '<IIsWebVirtualDir\tLocation ="/lm/w3svc/1/root/A/"', '\t>', '</IIsWebVirtualDir>',
      '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/a/d"', '\t>', '</IIsWebDirectory>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/c"', '\t>', '</IIsWebVirtualDir>',
    ]));
    assert.equal(renamed(m, m.at('root/A/"'), 'b'), m.text.replace('root/A/"', 'root/b/"'));
    assert.equal(renamed(m, m.at('ROOT/a"'), 'b'), m.text.replace('ROOT/a"', 'ROOT/b"'));
    assert.equal(refusal(m, m.at('ROOT/a"'), 'c'), "Renaming '/LM/W3SVC/1/ROOT/a' to '/LM/W3SVC/1/ROOT/c' would give a key the Location '/LM/W3SVC/1/ROOT/c', which an IIsWebVirtualDir key has already.");
  });
});

const SHOP_VALUE = 'AppPools/Shop &amp; Co"';
