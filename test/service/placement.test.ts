// scriptmaps-placement: ScriptMaps on a key type that cannot carry it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, check, diagnostics, fixTitles, metabase, r, VARIANTS, wrapKeys } from './helpers';

/** A Location of the right shape for each key type (key-location-shape stays silent). */
const LOCATIONS: Record<string, string> = {
  IIsFilter: '/LM/W3SVC/Filters/x', IIsWebInfo: '/LM/W3SVC/Info', IIsFtpServer: '/LM/MSFTPSVC/1',
  IIsApplicationPool: '/LM/W3SVC/AppPools/DefaultAppPool', IIsWebService: '/LM/W3SVC', IIsWebServer: '/LM/W3SVC/1',
  IIsWebVirtualDir: '/LM/W3SVC/1/ROOT', IIsWebDirectory: '/LM/W3SVC/1/ROOT/img', IIsWebFile: '/LM/W3SVC/1/ROOT/a.asp',
  IIsConfigObject: '/LM/W3SVC/1/ROOT',
};

describe('scriptmaps-placement', () => {
  for (const keyType of ['IIsFilter', 'IIsWebInfo', 'IIsFtpServer', 'IIsApplicationPool']) {
    test(`on ${keyType}: a warning on the attribute name`, () => {
      assert.deepEqual(check(metabase([ASP], { keyType, location: LOCATIONS[keyType] })), [{ code: 'scriptmaps-placement', severity: 'warning', range: r(4, 2, 4, 12) }]);
    });
  }
  for (const variant of VARIANTS) {
    test(`on IIsFilter [${variant.name}]`, () => {
      const text = metabase([ASP], { ...variant.options, keyType: 'IIsFilter', location: '/LM/W3SVC/Filters/x' });
      assert.deepEqual(check(text), [{ code: 'scriptmaps-placement', severity: 'warning', range: r(4, 2, 4, 12) }]);
    });
  }
  for (const keyType of ['IIsWebService', 'IIsWebServer', 'IIsWebVirtualDir', 'IIsWebDirectory', 'IIsWebFile', 'IIsConfigObject']) {
    test(`on ${keyType}: nothing`, () => {
      assert.deepEqual(check(metabase([ASP], { keyType, location: LOCATIONS[keyType] })), []);
    });
  }
  test('the message names the key type and, from the schema, where ScriptMaps belongs; no quick fix', () => {
    const text = metabase([ASP], { keyType: 'IIsWebInfo', location: '/LM/W3SVC/Info' });
    const [d] = diagnostics(text);
    assert.equal(d.message, 'the metabase schema does not allow ScriptMaps on IIsWebInfo keys; it belongs on IIsWebService, IIsWebServer, IIsWebFile, IIsWebDirectory, IIsWebVirtualDir or untyped keys');
    assert.deepEqual(fixTitles(text, 'scriptmaps-placement'), []);
  });
  test('a <Custom ID="6014"> on IIsFilter: the warning is on the ID attribute name', () => {
    const text = wrapKeys([
      '<IIsFilter\tLocation ="/LM/W3SVC/Filters/x"',
      '\t>',
      '\t<Custom',
      '\t\tName="ScriptMaps"',
      '\t\tID="6014"',
      `\t\tValue="${ASP}"`,
      '\t\tType="MULTISZ"',
      '\t\tUserType="IIS_MD_UT_FILE"',
      '\t\tAttributes="INHERIT"',
      '\t/>',
      '</IIsFilter>',
    ]);
    assert.deepEqual(check(text), [{ code: 'scriptmaps-placement', severity: 'warning', range: r(7, 2, 7, 4) }]);
  });
  test('items on a misplaced key are still checked', () => {
    assert.deepEqual(check(metabase([String.raw`pl,C:\a.dll,1,GET`], { keyType: 'IIsFilter' })), [
      { code: 'scriptmaps-placement', severity: 'warning', range: r(4, 2, 4, 12) },
      { code: 'extension-missing-dot', severity: 'warning', range: r(4, 14, 4, 16) },
    ]);
  });
});
