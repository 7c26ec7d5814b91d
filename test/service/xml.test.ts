// Well-formedness: each fault is reported at the characters at fault (never at 1:1), once, and the rest of
// the document is still checked.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, Eol, assertDiagnostics, check, r, withEol, wrapKeys } from './helpers';

/** A document with one IIsWebVirtualDir whose attribute lines are given. */
function key(lines: string[], eol: Eol = 'LF', bom = false): string {
  return wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', ...lines, '\t>', '</IIsWebVirtualDir>'], { eol, bom });
}

const EOLS: Eol[] = ['LF', 'CRLF', 'CR'];

describe('xml-not-well-formed', () => {
  for (const eol of EOLS) {
    test(`an unclosed quote that swallows the next attribute: at the opening quote, once [${eol}]`, () => {
      const text = key(['\t\tPath=[["]]D:\\www', `\t\tScriptMaps="${ASP}"`], eol);
      assertDiagnostics(text, [['xml-not-well-formed', 'error']]);
    });
  }
  test('unclosed quote: literal range (line 4, the quote after Path=)', () => {
    const text = key(['\t\tPath="D:\\www', `\t\tScriptMaps="${ASP}"`]);
    assert.deepEqual(check(text), [{ code: 'xml-not-well-formed', severity: 'error', range: r(4, 7, 4, 8) }]);
  });

  for (const eol of EOLS) {
    test(`'<' in a value: at the '<', once [${eol}]`, () => {
      assertDiagnostics(key([`\t\tScriptMaps=".x,C:\\a[[<]]b.dll,1,GET"`], eol), [['xml-not-well-formed', 'error']]);
    });
    test(`an undefined entity &foo;: the whole reference, once [${eol}]`, () => {
      assertDiagnostics(key([`\t\tScriptMaps=".x,C:\\a[[&foo;]]b.dll,1,GET"`], eol), [['xml-not-well-formed', 'error']]);
    });
    test(`a bare '&': at the '&', once [${eol}]`, () => {
      assertDiagnostics(key([`\t\tScriptMaps=".x,C:\\a [[&]] b.dll,1,GET"`], eol), [['xml-not-well-formed', 'error']]);
    });
  }

  test("'<' in a value: literal range", () => {
    assert.deepEqual(check(key(['\t\tScriptMaps=".x,C:\\a<b.dll,1,GET"'])), [{ code: 'xml-not-well-formed', severity: 'error', range: r(4, 21, 4, 22) }]);
  });
  test('&foo;: literal range', () => {
    assert.deepEqual(check(key(['\t\tScriptMaps=".x,C:\\a&foo;b.dll,1,GET"'])), [{ code: 'xml-not-well-formed', severity: 'error', range: r(4, 21, 4, 26) }]);
  });
  test('bad character references: &#0; and &#xZZ;', () => {
    assertDiagnostics(key(['\t\tScriptMaps=".x,C:\\a[[&#0;]]b.dll,1,GET"']), [['xml-not-well-formed', 'error']]);
    assertDiagnostics(key(['\t\tScriptMaps=".x,C:\\a[[&#x]]ZZ;b.dll,1,GET"']), [['xml-not-well-formed', 'error']]);
  });
  test('a fault inside a <Custom> Value: at the fault, and the next key is still checked', () => {
    const text = wrapKeys([
      '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/legacy"',
      '\t>',
      '\t<Custom',
      '\t\tName="ScriptMaps"',
      '\t\tID="6014"',
      '\t\tValue=".cfm,C:\\a[[<]]b.dll,5,GET"',
      '\t\tType="MULTISZ"',
      '\t/>',
      '</IIsWebDirectory>',
      '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/l2"',
      '\t\tScriptMaps=".x,C:\\a.dll,[[x]],GET"',
      '\t>',
      '</IIsWebDirectory>',
    ]);
    assertDiagnostics(text, [['xml-not-well-formed', 'error'], ['flags-not-a-number', 'error']]);
  });

  for (const eol of EOLS) {
    test(`a mismatched end tag: at the end tag [${eol}]`, () => {
      const text = wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', `\t\tScriptMaps="${ASP}"`, '\t>', '[[</IIsWebDirectory]]>'], { eol });
      assertDiagnostics(text, [['xml-not-well-formed', 'error']]);
    });
  }
  test('a mismatched end tag: literal range', () => {
    const text = wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', `\t\tScriptMaps="${ASP}"`, '\t>', '</IIsWebDirectory>']);
    assert.deepEqual(check(text), [{ code: 'xml-not-well-formed', severity: 'error', range: r(6, 0, 6, 17) }]);
  });

  test('</configuration> missing at the end of the file: at the last character', () => {
    const text = '<?xml version ="1.0"?>\n<configuration>\n<MBProperty>\n</MBProperty>\n';
    assert.deepEqual(check(text), [{ code: 'xml-not-well-formed', severity: 'error', range: r(3, 13, 4, 0) }]);
    const noNewline = '<?xml version ="1.0"?>\n<configuration>\n<MBProperty>\n</MBProperty>';
    assert.deepEqual(check(noNewline), [{ code: 'xml-not-well-formed', severity: 'error', range: r(3, 12, 3, 13) }]);
  });
  test("a key's end tag missing at the end of the file: at the key's name, and at the end", () => {
    const text = '<?xml version ="1.0"?>\n<configuration>\n<MBProperty>\n<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\n\t>\n';
    assert.deepEqual(check(text), [
      { code: 'xml-not-well-formed', severity: 'error', range: r(3, 0, 3, 17) },
      { code: 'xml-not-well-formed', severity: 'error', range: r(4, 2, 5, 0) },
    ]);
  });
  test("a key's end tag missing before the next key: reported at that key, and the next key is still checked", () => {
    const text = wrapKeys([
      '[[<IIsWebVirtualDir]]\tLocation ="/LM/W3SVC/1/ROOT"',
      `\t\tScriptMaps="${ASP}"`,
      '\t>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/b"',
      '\t\t[[ScriptMaps]]=".x,C:\\a.dll,[[y]],GET"',
      '\t>',
      '</IIsWebVirtualDir>',
    ]);
    assertDiagnostics(text, [['xml-not-well-formed', 'error'], ['scriptmaps-override-drops', 'information'], ['flags-not-a-number', 'error']]);
  });

  for (const eol of EOLS) {
    test(`a duplicate attribute: at its second name [${eol}]`, () => {
      assertDiagnostics(key(['\t\tPath="D:\\a"', '\t\t[[Path]]="D:\\b"'], eol), [['xml-not-well-formed', 'error']]);
    });
  }
  test('a duplicate ScriptMaps attribute: reported, and neither value is checked', () => {
    assertDiagnostics(key(['\t\tScriptMaps=".x,C:\\a.dll,y,GET"', '\t\t[[ScriptMaps]]=".x,C:\\a.dll,z,GET"']), [['xml-not-well-formed', 'error']]);
  });

  test('an unclosed comment: at its start', () => {
    const text = '<?xml version ="1.0"?>\n<configuration>\n<MBProperty>\n<!-- x\n</MBProperty>\n</configuration>\n';
    assert.deepEqual(check(text), [
      { code: 'xml-not-well-formed', severity: 'error', range: r(3, 0, 3, 4) },
      { code: 'xml-not-well-formed', severity: 'error', range: r(5, 16, 6, 0) },
    ]);
  });

  test('text outside the root element, with and without a BOM (only line 0 shifts)', () => {
    const text = '<?xml version ="1.0"?>x\n<configuration>\n<MBProperty>\n</MBProperty>\n</configuration>\n';
    assert.deepEqual(check(text), [{ code: 'xml-not-well-formed', severity: 'error', range: r(0, 22, 1, 0) }]);
    assert.deepEqual(check(`\ufeff${text}`), [{ code: 'xml-not-well-formed', severity: 'error', range: r(0, 23, 1, 0) }]);
  });

  test('the XML declaration after a BOM is still at the top; not after anything else', () => {
    assert.deepEqual(check(`\ufeff${key([`\t\tScriptMaps="${ASP}"`])}`), []);
    assert.deepEqual(check(` ${key([`\t\tScriptMaps="${ASP}"`])}`), [{ code: 'xml-not-well-formed', severity: 'error', range: r(0, 1, 0, 6) }]);
  });

  for (const eol of EOLS) {
    test(`a broken key followed by a key with bad flags: both reported, nothing else [${eol}]`, () => {
      const text = wrapKeys([
        '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
        '\t\tPath=[["]]D:\\www',
        `\t\tScriptMaps="${ASP}"`,
        '\t>',
        '</IIsWebVirtualDir>',
        '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/b"',
        '\t\tScriptMaps=".x,C:\\a.dll,[[x]],GET"',
        '\t>',
        '</IIsWebVirtualDir>',
      ], { eol });
      assertDiagnostics(text, [['xml-not-well-formed', 'error'], ['flags-not-a-number', 'error']]);
    });
  }
  test('a well-formed key between two broken ones is checked', () => {
    const text = wrapKeys([
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
      '\t\tServerComment="a [[<]] b"',
      '\t>',
      '</IIsWebServer>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
      '\t\tScriptMaps="[[pl]],C:\\a.dll,1,GET"',
      '\t>',
      '</IIsWebVirtualDir>',
      '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/x"',
      '\t\tPath="a [[&]] b"',
      '\t>',
      '</IIsWebDirectory>',
    ]);
    assertDiagnostics(text, [['xml-not-well-formed', 'error'], ['extension-missing-dot', 'warning'], ['xml-not-well-formed', 'error']]);
  });
});

describe('xml-doctype', () => {
  for (const eol of EOLS) {
    test(`a DOCTYPE: a warning on '<!DOCTYPE', and the document is still checked [${eol}]`, () => {
      const text = withEol([
        '<?xml version ="1.0"?>',
        '[[<!DOCTYPE]] configuration [',
        '<!ENTITY x "C:\\a.dll">',
        ']>',
        '<configuration>',
        '<MBProperty>',
        '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
        '\t\tScriptMaps="[[rb]],C:\\a.dll,1,GET"',
        '\t>',
        '</IIsWebVirtualDir>',
        '</MBProperty>',
        '</configuration>',
        '',
      ].join('\n'), eol);
      assertDiagnostics(text, [['xml-doctype', 'warning'], ['extension-missing-dot', 'warning']]);
    });
  }
  test('its entities are never expanded: using one is an undefined entity, once', () => {
    const text = [
      '<?xml version ="1.0"?>',
      '[[<!DOCTYPE]] configuration [ <!ENTITY x "C:\\a.dll"> ]>',
      '<configuration>',
      '<MBProperty>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
      '\t\tScriptMaps=".x,[[&x;]],1,GET"',
      '\t>',
      '</IIsWebVirtualDir>',
      '</MBProperty>',
      '</configuration>',
      '',
    ].join('\n');
    assertDiagnostics(text, [['xml-doctype', 'warning'], ['xml-not-well-formed', 'error']]);
  });
  test('literal range', () => {
    const text = '<?xml version ="1.0"?>\n<!DOCTYPE configuration>\n<configuration>\n<MBProperty>\n</MBProperty>\n</configuration>\n';
    assert.deepEqual(check(text), [{ code: 'xml-doctype', severity: 'warning', range: r(1, 0, 1, 9) }]);
  });
});
