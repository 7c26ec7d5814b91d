// Definitions and references: AppPoolId <-> the pool's key (ignoring case, entities decoded), AppRoot <-> its
// key, a key -> its parent key; nothing elsewhere or when the target is missing.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definition, references } from '../../../server/src/service';
import { URI, wrapKeys } from '../helpers';
import { keyOf, locationOf, open } from './fixture';

const o = open();
const POOL = '/LM/W3SVC/AppPools/DefaultAppPool';
const SHOP = '/LM/W3SVC/AppPools/Shop &amp; Co';

describe('definition', () => {
  test('AppPoolId -> the pool\'s key: origin the value, target the key element, selection its Location', () => {
    assert.deepEqual(definition(o.document, o.model, o.at('DefaultAppPool"', 3)), [{
      originSelectionRange: o.find('DefaultAppPool"', 0, 0, 14),
      targetUri: URI,
      targetRange: keyOf(o, 'IIsApplicationPool', POOL),
      targetSelectionRange: locationOf(o, POOL),
    }]);
  });

  test('the pool is found ignoring case, and by its decoded name; at both ends of the value', () => {
    const lower = definition(o.document, o.model, o.at('"defaultapppool"', 1));
    assert.deepEqual(lower?.map((l) => l.targetSelectionRange), [locationOf(o, POOL)]);
    for (const delta of [1, 14]) {
      const shop = definition(o.document, o.model, o.at('"Shop &amp; Co"', delta));
      assert.deepEqual(shop?.map((l) => [l.originSelectionRange, l.targetSelectionRange]), [[o.find('"Shop &amp; Co"', 0, 1, 14), locationOf(o, SHOP)]]);
    }
  });

  test('AppPoolId "kpool" -> no pool named with KELVIN SIGN (IIS upper-cases one unit at a time)', () => {
    const m = open(wrapKeys(['<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/\u212APool"', '\t>', '</IIsApplicationPool>',
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tAppPoolId="kpool"', '\t>', '</IIsWebServer>']));
    assert.equal(definition(m.document, m.model, m.at('kpool')), null);
  });

  test('AppRoot -> the key at that path (another case and a trailing / name the same key)', () => {
    const links = definition(o.document, o.model, o.at('/LM/W3SVC/1/Root/app/'));
    assert.deepEqual(links?.map((l) => [l.targetRange, l.targetSelectionRange]), [
      [keyOf(o, 'IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/app'), locationOf(o, '/LM/W3SVC/1/ROOT/app')],
    ]);
  });

  test('a key, on its element name or its Location -> its parent key', () => {
    for (const at of [o.at('IIsWebDirectory', 2), o.at('/LM/W3SVC/1/ROOT/app/img', 5)]) {
      assert.deepEqual(definition(o.document, o.model, at)?.map((l) => l.targetSelectionRange), [locationOf(o, '/LM/W3SVC/1/ROOT/app')]);
    }
    const [link] = definition(o.document, o.model, o.at('IIsWebDirectory', 2))!;
    assert.deepEqual(link.originSelectionRange, o.find('IIsWebDirectory'));
  });

  test('nothing: the top key, another attribute, between attributes, a pool that is missing, outside the keys', () => {
    const text = wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tAppPoolId="Gone"', '\t\tServerComment="x"', '\t>', '</IIsWebServer>']);
    const m = open(text);
    for (const at of [m.at('/LM/W3SVC/1'), m.at('Gone'), m.at('"x"', 1), m.at('\t>'), m.at('<MBProperty>', 3), m.at('ServerComment', 2)]) {
      assert.equal(definition(m.document, m.model, at), null);
    }
  });
});

describe('references', () => {
  test('on a pool\'s Location: every AppPoolId naming it, ignoring case, with the declaration in document order', () => {
    assert.deepEqual(references(o.document, o.model, o.at(POOL, 20), true), [
      { uri: URI, range: o.find('"DefaultAppPool"', 0, 1, 15) },
      { uri: URI, range: o.find('"defaultapppool"', 0, 1, 15) },
      { uri: URI, range: locationOf(o, POOL) },
    ]);
    assert.deepEqual(references(o.document, o.model, o.at('IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/DefaultAppPool"', 2), false)?.map((l) => l.range), [
      o.find('"DefaultAppPool"', 0, 1, 15), o.find('"defaultapppool"', 0, 1, 15),
    ]);
  });

  test('on an AppPoolId value: the references of its pool', () => {
    assert.deepEqual(references(o.document, o.model, o.at('Shop &amp; Co"', 2), true)?.map((l) => l.range), [
      o.find('"Shop &amp; Co"', 0, 1, 14), locationOf(o, SHOP),
    ]);
  });

  test('on a key: the AppRoot values naming its path; a key nothing names has none, a key path nobody has neither declaration', () => {
    assert.deepEqual(references(o.document, o.model, o.at('/LM/W3SVC/1/ROOT/app"'), true)?.map((l) => l.range), [
      locationOf(o, '/LM/W3SVC/1/ROOT/app'), o.find('/LM/W3SVC/1/Root/app/'),
    ]);
    assert.deepEqual(references(o.document, o.model, o.at('/LM/W3SVC/1/ROOT/app/img'), true)?.map((l) => l.range), [locationOf(o, '/LM/W3SVC/1/ROOT/app/img')]);
    assert.deepEqual(references(o.document, o.model, o.at('/LM/W3SVC/1/ROOT/app/img'), false), []);
    const m = open(wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tAppPoolId="Gone"', '\t>', '</IIsWebServer>']));
    assert.deepEqual(references(m.document, m.model, m.at('Gone'), true)?.map((l) => l.range), [m.find('Gone')]);
    assert.equal(references(m.document, m.model, m.at('\t>'), true), null);
  });
});
