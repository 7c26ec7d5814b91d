// Reading the document: BOM, line endings, TABs, IIS's `Location ="..."`, single quotes, entities with exact
// raw ranges after them, <Custom ID="6014">, with or without xmlns, exports and history files.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { parseModel, validate } from '../../server/src/service';
import {
  ASP, ASPX, IDC, Eol, assertDiagnostics, check, codes, doc, metabase, r, withEol, wrapKeys,
} from './helpers';

const EOLS: Eol[] = ['LF', 'CRLF', 'CR'];

describe('parse: BOM and line endings', () => {
  for (const eol of EOLS) {
    for (const bom of [false, true]) {
      test(`IIS items are silent [${eol}${bom ? ', BOM' : ''}]`, () => {
        assert.deepEqual(check(metabase([ASP, IDC, ASPX], { eol, bom })), []);
      });
      test(`items are cut at every line break: the third item's flags [${eol}${bom ? ', BOM' : ''}]`, () => {
        assert.deepEqual(check(metabase([ASP, IDC, '.x,C:\\a.dll,y,GET'], { eol, bom })), [
          { code: 'flags-not-a-number', severity: 'error', range: r(6, 15, 6, 16) },
        ]);
      });
    }
  }
  test('a U+FEFF at offset 0 of an empty or tiny text does not crash', () => {
    assert.deepEqual(codes('\ufeff'), ['xml-not-well-formed']);
    assert.deepEqual(codes(''), ['xml-not-well-formed']);
    assert.deepEqual(codes('\ufeff<?xml version ="1.0"?>'), ['xml-not-well-formed']);
  });
  test('mixed line endings in one value', () => {
    const text = metabase([ASP, IDC, '.x,C:\\a.dll,y,GET']).replace('TRACE\n', 'TRACE\r\n').replace('POST\n', 'POST\r');
    assert.deepEqual(check(text), [{ code: 'flags-not-a-number', severity: 'error', range: r(6, 15, 6, 16) }]);
  });
});

describe('parse: TABs and white space', () => {
  test('TABs indent items; a TAB inside a field is white space', () => {
    assertDiagnostics(metabase([ASP, '\t\t.x,C:\\a.dll,1,GET,[[\tHEAD]]', '[[.a\tb]],C:\\a.dll,1,GET']), [
      ['verb-spaces', 'warning'], ['extension-spaces', 'warning'],
    ]);
  });
  test('items indented with spaces instead of TABs', () => {
    assert.deepEqual(check(metabase([ASP, '^      ' + IDC])), []);
  });
});

describe('parse: attributes', () => {
  test("IIS's `Location =\"...\"` and `Name = \"...\"` with spaces around '='", () => {
    const text = wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tScriptMaps = ".x,C:\\a.dll,[[y]],GET"', '\t>', '</IIsWebVirtualDir>']);
    assertDiagnostics(text, [['flags-not-a-number', 'error']]);
  });
  test('single-quoted attributes; a literal " inside them', () => {
    const text = wrapKeys([
      "<IIsWebVirtualDir\tLocation ='/LM/W3SVC/1/ROOT'",
      "\t\tScriptMaps='.pl,\"C:\\Program Files\\Perl\\bin\\perl.exe\" \"%s\" %s,5,GET,HEAD,POST",
      "\t\t\t.rb,C:\\Ruby\\bin\\ruby.exe \"[[%S]]\",1,GET'",
      '\t>',
      '</IIsWebVirtualDir>',
    ]);
    assertDiagnostics(text, [['cgi-uppercase-placeholder', 'error']]);
  });
  test('&apos; in a single-quoted value', () => {
    assertDiagnostics(metabase(["[[it&apos;s]],C:\\a.dll,1,GET"], { quote: "'" }), [['extension-missing-dot', 'warning']]);
  });
  test('a self-closing key is checked', () => {
    const text = wrapKeys(['<IIsWebFile\tLocation ="/LM/W3SVC/1/ROOT/a.asp"', '\t\tScriptMaps="[[pl]],C:\\a.dll,1,GET"', '/>']);
    assertDiagnostics(text, [['extension-missing-dot', 'warning']]);
  });
});

describe('parse: entities keep raw ranges exact', () => {
  test('&quot; before the flags', () => {
    assertDiagnostics(metabase(['.pl,&quot;C:\\a.exe&quot; &quot;%s&quot; %s,[[x]],GET']), [['flags-not-a-number', 'error']]);
    assert.deepEqual(check(metabase(['.pl,&quot;C:\\a.exe&quot; &quot;%s&quot; %s,x,GET'])), [
      { code: 'flags-not-a-number', severity: 'error', range: r(4, 57, 4, 58) },
    ]);
  });
  test('&#34; and &#x22; as quotes', () => {
    assertDiagnostics(metabase(['.pl,&#34;C:\\Program Files\\a.exe&#34; &#x22;[[%S]]&#x22;,1,GET']), [['cgi-uppercase-placeholder', 'error']]);
    assert.deepEqual(codes(metabase(['.pl,&#34;C:\\Program Files\\a.exe&#34; &#x22;%s&#x22; %s,1,GET'])), []);
  });
  test('&amp; in the path, then a verb after it', () => {
    assertDiagnostics(metabase(['.x,C:\\A&amp;B\\x.dll,1,GET,[[get]]']), [['verb-duplicate', 'information']]);
  });
  test('a range that starts or ends on an entity covers the whole reference', () => {
    assertDiagnostics(metabase(['.x,C:\\x.dll [[&quot;%s&quot;]],1,GET']), [['dll-arguments', 'warning']]);
    assertDiagnostics(metabase(['.x,C:\\x.dll,1,GET,[[&lt;X&gt;]]']), [['verb-invalid', 'warning']]);
  });
  test('an astral character before the fault counts two UTF-16 units', () => {
    assert.deepEqual(check(metabase(['.x,C:\\\u{1F600}\\x.dll,y,GET'])), [{ code: 'flags-not-a-number', severity: 'error', range: r(4, 29, 4, 30) }]);
  });
});

describe('parse: <Custom ID="6014">', () => {
  const custom = (value: string, id = '6014', eol: Eol = 'LF') => wrapKeys([
    '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/legacy"',
    '\t\tAccessFlags="AccessRead"',
    '\t>',
    '\t<Custom',
    '\t\tName="ScriptMaps"',
    `\t\tID="${id}"`,
    `\t\tValue="${value}"`,
    '\t\tType="MULTISZ"',
    '\t\tUserType="IIS_MD_UT_FILE"',
    '\t\tAttributes="INHERIT"',
    '\t/>',
    '</IIsWebDirectory>',
  ], { eol });
  for (const eol of EOLS) {
    test(`its Value is checked like ScriptMaps [${eol}]`, () => {
      assertDiagnostics(custom(`.cfm,C:\\CFusion\\bin\\iscf.dll,5,GET,[[ HEAD]],[[ POST]]${{ LF: '\n', CRLF: '\r\n', CR: '\r' }[eol]}\t\t\t[[pl]],C:\\a.dll,1,GET`, '6014', eol), [
        ['verb-spaces', 'warning'], ['verb-spaces', 'warning'], ['extension-missing-dot', 'warning'],
      ]);
    });
  }
  test('literal range inside the Value', () => {
    assert.deepEqual(check(custom('.cfm,C:\\CFusion\\bin\\iscf.dll,x,GET')), [{ code: 'flags-not-a-number', severity: 'error', range: r(9, 38, 9, 39) }]);
  });
  test('another ID (6015, MimeMap) is not ScriptMaps: no ScriptMaps rule, only its Name said to contradict the schema', () => {
    assert.deepEqual(check(custom('.cfm,text/plain', '6015')), [{ code: 'custom-mismatch', severity: 'warning', range: r(7, 8, 7, 18) }]);
  });
  test('a Custom with an open and a close tag', () => {
    const text = wrapKeys([
      '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/legacy"',
      '\t>',
      '\t<Custom Name="ScriptMaps" ID="6014" Type="MULTISZ" Value="[[pl]],C:\\a.dll,1,GET">',
      '\t</Custom>',
      '</IIsWebDirectory>',
    ]);
    assertDiagnostics(text, [['extension-missing-dot', 'warning']]);
  });
  test('both a ScriptMaps attribute and a Custom 6014 on one key: both are checked', () => {
    const text = wrapKeys([
      '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/legacy"',
      '\t\tScriptMaps="[[a]],C:\\a.dll,1,GET"',
      '\t>',
      '\t<Custom Name="ScriptMaps" ID="6014" Type="MULTISZ" Value="[[b]],C:\\a.dll,1,GET"/>',
      '</IIsWebDirectory>',
    ]);
    assertDiagnostics(text, [['extension-missing-dot', 'warning'], ['extension-missing-dot', 'warning']]);
  });
});

describe('parse: kinds of file', () => {
  test('with and without the xmlns of <configuration>', () => {
    assert.deepEqual(check(metabase(['.x,C:\\a.dll,y,GET'], { noNamespace: true })), [{ code: 'flags-not-a-number', severity: 'error', range: r(4, 26, 4, 27) }]);
    assert.deepEqual(check(metabase(['.x,C:\\a.dll,y,GET'])), [{ code: 'flags-not-a-number', severity: 'error', range: r(4, 26, 4, 27) }]);
  });
  test('another version of the namespace', () => {
    const text = metabase(['.x,C:\\a.dll,y,GET']).replace('XML_Metabase_V64_0', 'XML_Metabase_V56_0');
    assert.deepEqual(codes(text), ['flags-not-a-number']);
  });
  test('a history file (IIS_Global, IIsComputer, several keys), CRLF', () => {
    const text = withEol([
      '<?xml version ="1.0"?>',
      '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
      '<MBProperty>',
      '<IIS_Global\tLocation ="."',
      '\t\tBINSchemaTimeStamp="f00a2b0d8e4dc601"',
      '\t\tChangeNumber="412"',
      '\t\tHistoryMajorVersionNumber="37"',
      '\t\tXMLSchemaTimeStamp="e0e3f4b85d7dc601"',
      '\t>',
      '</IIS_Global>',
      '<IIsComputer\tLocation ="/LM"',
      '\t\tEnableEditWhileRunning="1"',
      '\t\tEnableHistory="1"',
      '\t>',
      '</IIsComputer>',
      '<IIsWebService\tLocation ="/LM/W3SVC"',
      `\t\tScriptMaps="${ASP}`,
      `\t\t\t${IDC}"`,
      '\t>',
      '</IIsWebService>',
      '<IIsConfigObject\tLocation ="/LM/W3SVC/1/ROOT/app"',
      '\t\t[[ScriptMaps]]=".x,C:\\a.dll,[[9]],GET"',
      '\t>',
      '</IIsConfigObject>',
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
      '\t\tServerComment="Default Web Site"',
      '\t>',
      '</IIsWebServer>',
      '</MBProperty>',
      '</configuration>',
      '',
    ].join('\n'), 'CRLF');
    assertDiagnostics(text, [['scriptmaps-override-drops', 'information'], ['flags-unknown-bits', 'warning']]);
  });
  test('an export made by iiscnfg /export (one key, no IIS_Global)', () => {
    const text = [
      '<?xml version ="1.0"?>',
      '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
      '<MBProperty>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/app"',
      '\t\tAccessFlags="AccessRead | AccessScript"',
      '\t\tAppIsolated="2"',
      '\t\tAppRoot="/LM/W3SVC/1/ROOT/app"',
      '\t\tPath="D:\\Sites\\app"',
      `\t\tScriptMaps="${ASPX}`,
      '\t\t\t[[.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5]]"',
      '\t>',
      '</IIsWebVirtualDir>',
      '</MBProperty>',
      '</configuration>',
      '',
    ].join('\r\n');
    assertDiagnostics(text, [['verbs-missing', 'information']]);
  });
  test('comments between keys and a processing instruction are fine', () => {
    const text = wrapKeys(['<!-- exported by hand -->', '<?iis something?>', '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', `\t\tScriptMaps="${ASP}"`, '\t>', '</IIsWebVirtualDir>']);
    assert.deepEqual(check(text), []);
  });
});

test('validate reports in document order (the CLI prints them as they come)', () => {
  const text = readFileSync('examples/MetaBase.xml', 'utf8').replace(/^\uFEFF/, '');
  const starts = validate(doc(text), parseModel(text)).map((d) => [d.range.start.line, d.range.start.character]);
  assert.equal(starts.length, 27);
  const sorted = [...starts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  assert.deepEqual(starts, sorted);
});
