// The key rules of the document pass: key-location-shape, key-child-not-allowed, key-location-duplicate.
// Exact ranges (the Location value, or the element name) in the five layouts, and the keys IIS itself
// writes left alone.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalLocation } from '../../server/src/service/model/summary';
import { VARIANTS, assertDiagnostics, check, diagnostics, r, wrapKeys } from './helpers';

const key = (type: string, location: string, ...attributes: string[]) =>
  [`<${type}\tLocation ="${location}"`, ...attributes.map((a) => `\t\t${a}`), '\t>', `</${type}>`];

describe('key-location-shape', () => {
  for (const variant of VARIANTS) {
    test(`a site, a virtual directory, an application pool in the wrong place [${variant.name}]`, () => {
      assertDiagnostics(wrapKeys([
        ...key('IIsWebServer', '[[/LM/W3SVC/www]]'),
        ...key('IIsWebVirtualDir', '[[/LM/W3SVC/1/app]]', 'Path="C:\\Inetpub\\app"'),
        ...key('IIsApplicationPool', '[[/LM/W3SVC/DefaultAppPool]]'),
        ...key('IIsWebService', '[[/LM/W3SVC/7]]'),
        ...key('IIsWebDirectory', '[[/LM/W3SVC/2/ROOT]]'),
      ], variant.options), [
        ['key-location-shape', 'warning'], ['key-location-shape', 'warning'], ['key-location-shape', 'warning'],
        ['key-location-shape', 'warning'], ['key-location-shape', 'warning'],
      ]);
    });
  }
  test('the places IIS uses, case-insensitive, templates included: nothing', () => {
    assert.deepEqual(check(wrapKeys([
      ...key('IIsComputer', '/LM'), ...key('IIsWebService', '/LM/W3SVC'), ...key('IIsWebInfo', '/LM/W3SVC/Info'),
      ...key('IIsWebServer', '/LM/W3SVC/1'), ...key('IIsWebServer', '/lm/w3svc/1234567890'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'), ...key('IIsWebVirtualDir', '/LM/W3SVC/1/Root/app/sub'),
      ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/img'), ...key('IIsWebFile', '/LM/W3SVC/1/ROOT/app/a.asp'),
      ...key('IIsWebServer', '/LM/W3SVC/Info/Templates/Public Web Site'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/Info/Templates/Public Web Site/Root'),
      ...key('IIsFilters', '/LM/W3SVC/Filters'), ...key('IIsFilters', '/LM/W3SVC/1/Filters'),
      ...key('IIsApplicationPools', '/LM/W3SVC/AppPools'), ...key('IIsApplicationPool', '/LM/W3SVC/AppPools/DefaultAppPool'),
      ...key('IIsFtpService', '/LM/MSFTPSVC'), ...key('IIsFtpServer', '/LM/MSFTPSVC/1'), ...key('IIsFtpVirtualDir', '/LM/MSFTPSVC/1/ROOT'),
      ...key('IIsConfigObject', '/anything/at/all'), ...key('IIsCertMapper', '/LM/W3SVC/1/IIsCertMapper'),
    ])), []);
  });
  test('an empty Location: the range is its two quotes; the message says where the key belongs', () => {
    const text = assertDiagnostics(wrapKeys(['<IIsWebServer\tLocation =[[""]]', '\t>', '</IIsWebServer>']), [['key-location-shape', 'warning']]);
    assert.equal(diagnostics(text)[0].message, "an IIsWebServer key belongs at a site, /LM/W3SVC/<number>, or a template under /LM/W3SVC/Info/Templates, not at ''");
  });
});

describe('key-child-not-allowed', () => {
  for (const variant of VARIANTS) {
    test(`a key that its parent's ContainerClassList leaves out; the range is the element name [${variant.name}]`, () => {
      assertDiagnostics(wrapKeys([
        ...key('IIsWebServer', '/LM/W3SVC/1'),
        ...key('IIsMimeMap', '/LM/W3SVC/1/MimeMap'),
        ...key('IIsFilters', '/LM/W3SVC/1/Filters'),
        '<[[IIsCertMapper]]\tLocation ="/LM/W3SVC/1/Filters/x"', '\t>', '</IIsCertMapper>',
      ].map((l) => l === '<IIsMimeMap\tLocation ="/LM/W3SVC/1/MimeMap"' ? '<[[IIsMimeMap]]\tLocation ="/LM/W3SVC/1/MimeMap"' : l), variant.options), [
        ['key-child-not-allowed', 'warning'], ['key-child-not-allowed', 'warning'],
      ]);
    });
  }
  test('the message names the parent, where it is, and what it may contain', () => {
    const text = wrapKeys([...key('IIsWebServer', '/LM/W3SVC/1'), ...key('IIsMimeMap', '/LM/W3SVC/1/MimeMap')]);
    assert.equal(diagnostics(text)[0].message,
      "the schema does not let an IIsWebServer key (the parent key) contain IIsMimeMap keys; it may contain IIsCertMapper, IIsFilters, IIsWebVirtualDir and untyped keys");
  });
  test('what IIS writes: untyped keys anywhere, under a hidden class, IIsLogModules under IIsComputer, custom log modules nested', () => {
    assert.deepEqual(check(wrapKeys([
      ...key('IIS_ROOT', '/'), ...key('IIsComputer', '/LM'), ...key('IIsConfigObject', '/LM/IISADMIN'),
      ...key('IIsCertMapper', '/LM/IISADMIN/x'), ...key('IIsLogModules', '/LM/Logging'),
      ...key('IIsCustomLogModule', '/LM/Logging/Custom Logging'), ...key('IIsCustomLogModule', '/LM/Logging/Custom Logging/Date'),
      ...key('IIsWebInfo', '/LM/W3SVC/Info'), ...key('IIsConfigObject', '/LM/W3SVC/Info/Templates'),
    ])), []);
  });
  test('a parent more than one step up (the keys between are missing): not judged', () => {
    assert.deepEqual(check(wrapKeys([...key('IIsWebService', '/LM/W3SVC'), ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT')])), []);
  });
  test('an unknown key type, or one under an unknown parent: not judged by this rule (key-type-unknown says it)', () => {
    assert.deepEqual(check(wrapKeys([...key('IIsWebServer', '/LM/W3SVC/1'), ...key('IIsWebVDir', '/LM/W3SVC/1/ROOT'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/a')])).map((f) => f.code), ['key-type-unknown']);
  });
});

describe('key-location-duplicate', () => {
  for (const variant of VARIANTS) {
    test(`every key after the first at a Location, ignoring case and a trailing slash; related: the first [${variant.name}]`, () => {
      const source = wrapKeys([
        ...key('IIsWebVirtualDir', '{{/LM/W3SVC/1/ROOT}}'),
        ...key('IIsWebVirtualDir', '[[/lm/w3svc/1/Root]]'),
        ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/app'),
        ...key('IIsConfigObject', '[[/LM/W3SVC/1/ROOT/]]'),
      ], variant.options);
      const text = assertDiagnostics(source.replace('{{', '').replace('}}', ''), [['key-location-duplicate', 'warning'], ['key-location-duplicate', 'warning']]);
      const found = diagnostics(text);
      assert.deepEqual(found.map((d) => d.message), [
        "another key has the Location '/LM/W3SVC/1/ROOT' already (Locations are compared ignoring case)",
        "another key has the Location '/LM/W3SVC/1/ROOT' already (Locations are compared ignoring case)",
      ]);
      for (const d of found) {
        const related = d.relatedInformation!;
        assert.equal(related.length, 1);
        assert.equal(related[0].message, 'the first key at this Location, an IIsWebVirtualDir');
        assert.deepEqual(related[0].location.range, r(3, 29, 3, 45));
      }
    });
  }
});

describe('Locations compare as IIS upper-cases them, one UTF-16 unit at a time', () => {
  test('normalLocation: equal exactly when the units\' upper cases are', () => {
    const same = (a: string, b: string) => normalLocation(a) === normalLocation(b);
    assert.deepEqual([
      same('/LM/W3SVC/1/ROOT/\u212Aa', '/LM/W3SVC/1/ROOT/ka'), // KELVIN SIGN is its own upper case
      same('/x/STRASSE', '/x/stra\u00dfe'), // ß has no one-unit upper case
      same('/x/\u0130', '/x/i\u0307'), // toLowerCase would give both "i\u0307"
      same('/x/\u{10400}', '/x/\u{10428}'), // a surrogate pair: each unit is its own upper case
      same('/x/\u0391\u03a3', '/x/\u03b1\u03c3'), // final and other sigma: both upper-case to \u03a3
      same('/x/\u017f', '/x/S'), // LONG S upper-cases to S
      same('/LM/W3SVC/1/Root/', '/lm/w3svc/1/ROOT'),
    ], [false, false, false, false, true, true, true]);
    // Over every UTF-16 unit: two fold alike exactly when their upper cases (one unit, else the unit) are equal.
    const classOf = new Map<string, string>();
    const foldOf = new Map<string, string>();
    for (let c = 0; c < 0x10000; c++) {
      const unit = String.fromCharCode(c);
      const upper = unit.toUpperCase().length === 1 ? unit.toUpperCase() : unit;
      const folded = normalLocation(`/${unit}`);
      assert.equal(classOf.get(folded) ?? upper, upper, `U+${c.toString(16)} folds as another class does`);
      assert.equal(foldOf.get(upper) ?? folded, folded, `U+${c.toString(16)} folds apart from its class`);
      classOf.set(folded, upper);
      foldOf.set(upper, folded);
    }
    // Each unit stays one unit (the completion of Location steps slices written paths by the folded length).
    assert.equal(normalLocation('/x/\u0130\u00df\u212A').length, '/x/\u0130\u00df\u212A'.length);
  });

  test('key-location-duplicate: KELVIN SIGN and k are two Locations, two sigmas one', () => {
    assertDiagnostics(wrapKeys([
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'),
      ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/\u212Aa'),
      ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/ka'),
      ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/\u03b1\u03c3'),
      ...key('IIsWebDirectory', '[[/LM/W3SVC/1/ROOT/\u0391\u03a3]]'),
    ]), [['key-location-duplicate', 'warning']]);
  });
});
