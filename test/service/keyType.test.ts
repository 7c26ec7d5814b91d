// key-type-unknown: a key whose element name is no class of the schema (IIS 6's or a user's), on the name in
// its start tag, in every layout; the fix renames the start tag and the end tag and nothing else (judged by
// saxes); nothing IIS writes is flagged.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseModel, validate } from '../../server/src/service';
import { factsFromSchema, iisSchemaFacts } from '../../server/src/service/schema';
import { assertOutsideUntouched, oracleParse } from '../fuzz/oracle';
import { URI, VARIANTS, applyFix, assertDiagnostics, check, codes, diagnostics, doc, fixAllText, fixTitles, marked, quickFixes, wrapKeys } from './helpers';
import { KeySpec, LAYOUTS, keyText } from './propertyRules';

const VDIR: KeySpec = {
  location: '/LM/W3SVC/1/ROOT', attributes: ['AccessFlags="AccessRead | AccessScript"'],
  customs: [['Name="AppFriendlyName"', 'ID="2102"', 'Value="x"', 'Type="STRING"', 'UserType="IIS_MD_UT_WAM"', 'Attributes="INHERIT"']],
};

/** Applies the fix `title` of the first key-type-unknown diagnostic and judges it: well-formed, only that key's element renamed. */
function applyRename(text: string, title: string, renamed: string): string {
  const action = quickFixes(text, 'key-type-unknown').find((a) => a.title === title);
  assert.ok(action, `no fix '${title}'`);
  const edits = action.edit!.changes![URI];
  const document = doc(text);
  const after = TextDocument.applyEdits(document, edits);
  assertOutsideUntouched(text, after, title, edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText })));
  const before = oracleParse(text).attributes;
  const now = oracleParse(after).attributes;
  assert.deepEqual(now.map(({ name, value }) => [name, value]), before.map(({ name, value }) => [name, value]), 'an attribute changed');
  // The attributes of the first key (the one the first diagnostic is on) are the only ones of a renamed element.
  const first = before.findIndex((a) => a.name === 'Location');
  let last = first;
  while (last + 1 < before.length && before[last + 1].element === before[first].element && before[last + 1].name !== 'Location') last++;
  assert.deepEqual(now.map((a) => a.element), before.map((a, i) => i >= first && i <= last ? renamed : a.element), 'another element was renamed');
  return after;
}

describe('key-type-unknown', () => {
  const cases: Array<{ name: string; type: string; fixes: Array<[string, boolean]>; message: string }> = [
    {
      name: 'a misspelt key type: the one near, preferred', type: 'IIsWebVirtualDirr', fixes: [['Change to IIsWebVirtualDir', true]],
      message: "'IIsWebVirtualDirr' is not a key type of the metabase schema: IIS knows no class by that name; did you mean IIsWebVirtualDir?",
    },
    {
      name: 'another case: the schema spelling, preferred', type: 'iiswebvirtualdir', fixes: [['Change to IIsWebVirtualDir', true]],
      message: "'iiswebvirtualdir' is not a key type of the metabase schema: IIS knows no class by that name; key types are case-sensitive: did you mean IIsWebVirtualDir?",
    },
    {
      name: 'two near: both offered, nearest first, neither preferred', type: 'IIsFtpServe', fixes: [['Change to IIsFtpServer', false], ['Change to IIsFtpService', false]],
      message: "'IIsFtpServe' is not a key type of the metabase schema: IIS knows no class by that name; did you mean IIsFtpServer or IIsFtpService?",
    },
    {
      name: 'near nothing: no fix', type: 'IIsNotAKeyType', fixes: [],
      message: "'IIsNotAKeyType' is not a key type of the metabase schema: IIS knows no class by that name",
    },
  ];
  for (const c of cases) {
    for (const layout of LAYOUTS) {
      test(`${c.name} [${layout.name}]`, () => {
        const source = keyText({ ...VDIR, type: `[[${c.type}]]` }, layout).replace(`</[[${c.type}]]>`, `</${c.type}>`);
        const text = assertDiagnostics(source, [['key-type-unknown', 'warning']]);
        assert.deepEqual(diagnostics(text).map((d) => d.message), [c.message]);
        assert.deepEqual(fixTitles(text, 'key-type-unknown'), c.fixes);
        for (const [title] of c.fixes) {
          const type = title.slice('Change to '.length);
          const after = applyRename(text, title, type);
          assert.equal(after, keyText({ ...VDIR, type }, layout));
        }
        const preferred = c.fixes.find(([, p]) => p);
        assert.equal(fixAllText(text), preferred ? keyText({ ...VDIR, type: preferred[0].slice('Change to '.length) }, layout) : text);
      });
    }
  }
  test('an end tag with white space before its >, a key of one empty element, a key with a Custom of its own name', () => {
    const text = wrapKeys([
      '<IIsWebVirtualDirr\tLocation ="/LM/W3SVC/1/ROOT"', '\t>', '</IIsWebVirtualDirr \r\n\t>',
      '<IIsWebVirtualDirr Location ="/LM/W3SVC/1/ROOT/a"/>',
      '<IIsWebVirtualDirr\tLocation ="/LM/W3SVC/1/ROOT/b"', '\t>', '\t<IIsWebVirtualDirr/>', '</IIsWebVirtualDirr>',
    ]);
    assert.deepEqual(codes(text), ['key-type-unknown', 'key-type-unknown', 'key-type-unknown']);
    assert.equal(fixAllText(text), text.replace(/<(\/?)IIsWebVirtualDirr([ \t\r\n>])/g, '<$1IIsWebVirtualDir$2'));
    assert.equal(applyRename(text, 'Change to IIsWebVirtualDir', 'IIsWebVirtualDir'), text.replace('<IIsWebVirtualDirr\t', '<IIsWebVirtualDir\t').replace('</IIsWebVirtualDirr ', '</IIsWebVirtualDir '));
  });
  for (const variant of VARIANTS) {
    test(`an end tag that names another element: reported on the start tag, and a fix that renames both tags mends the key [${variant.name}]`, () => {
      const key = (start: string, end: string) => wrapKeys([
        `<${start}\tLocation ="/LM/MSFTPSVC/1"`, '\t\tServerComment="ftp"', '\t>', '\t<Custom Name="x" ID="9999" Value="1" Type="DWORD" UserType="IIS_MD_UT_SERVER" Attributes="NO_ATTRIBUTES"/>', `</${end}>`,
        '<IIsFtpVirtualDir\tLocation ="/LM/MSFTPSVC/1/ROOT"', '\t>', '</IIsFtpVirtualDir>',
      ], variant.options);
      const text = assertDiagnostics(key('[[IIsFtpServe]]', '[[IIsFtpServer]]').replace('</[[', '[[</'), [['key-type-unknown', 'warning'], ['xml-not-well-formed', 'error']]);
      assert.deepEqual(fixTitles(text, 'key-type-unknown'), [['Change to IIsFtpServer', false], ['Change to IIsFtpService', false]]);
      // The end tag names IIsFtpServer already: only the start tag changes. Then IIsFtpService in both tags.
      for (const [type, after] of [['IIsFtpServer', key('IIsFtpServer', 'IIsFtpServer')], ['IIsFtpService', key('IIsFtpService', 'IIsFtpService')]]) {
        const fixed = applyFix(text, 'key-type-unknown', `Change to ${type}`);
        assert.equal(fixed, after);
        assert.deepEqual(oracleParse(fixed).attributes.filter((a) => a.name === 'Location').map((a) => a.element), [type, 'IIsFtpVirtualDir']);
      }
      assert.equal(quickFixes(text, 'key-type-unknown').find((a) => a.title === 'Change to IIsFtpServer')!.edit!.changes![URI].length, 1);
    });
  }
  test('a misspelt start tag whose end tag has the right name: fix-all writes the start tag, the file is well-formed', () => {
    const key = (start: string) => wrapKeys([`<${start}\tLocation ="/LM/W3SVC/1/ROOT"`, '\t>', '</IIsWebVirtualDir>']);
    assert.equal(fixAllText(key('IIsWebVirtualDirr')), key('IIsWebVirtualDir'));
    assert.doesNotThrow(() => oracleParse(key('IIsWebVirtualDir')));
  });
  test('a fault the rename does not mend (a child left open, no end tag): reported, with no fix, and fix-all leaves the file', () => {
    const unclosedChild = wrapKeys([
      '<[[IIsWebVirtualDirr]]\tLocation ="/LM/W3SVC/1/ROOT"', '\t>', '\t<Custom Name="x" ID="9999" Value="1" Type="DWORD" UserType="IIS_MD_UT_SERVER" Attributes="NO_ATTRIBUTES">',
      '[[</IIsWebVirtualDirr]]>',
    ]);
    const noEndTag = wrapKeys([
      '<IIsWebVirtualDirr\tLocation ="/LM/W3SVC/1/ROOT"', '\t>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/a"', '\t>', '</IIsWebVirtualDir>',
    ]);
    const text = assertDiagnostics(unclosedChild, [['key-type-unknown', 'warning'], ['xml-not-well-formed', 'error']]);
    // Without its end tag the fault is on `<IIsWebVirtualDirr`, the finding on the name in it.
    assert.deepEqual(diagnostics(noEndTag).map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['xml-not-well-formed', 3, 0, 18], ['key-type-unknown', 3, 1, 18],
    ]);
    for (const broken of [text, noEndTag]) {
      assert.deepEqual(fixTitles(broken, 'key-type-unknown'), []);
      assert.equal(fixAllText(broken), broken);
    }
  });
  test('its properties are judged against no class: no property-not-allowed inside it', () => {
    assert.deepEqual(codes(keyText({ type: 'IIsWebVirtualDirr', attributes: ['AppPoolId="x"', 'AccesFlags="AccessRead"'] })), ['key-type-unknown', 'property-unknown']);
  });
  test('its setting turns it off or changes its severity', () => {
    const text = keyText({ ...VDIR, type: 'IIsWebVirtualDirr' });
    assert.deepEqual(check(text, { rules: { 'key-type-unknown': 'off' } }), []);
    assert.deepEqual(check(text, { rules: { 'key-type-unknown': 'error' } }).map((f) => f.severity), ['error']);
  });
});

describe('key types that are no fault', () => {
  test('every key type of the schema, the hidden ones included, and the untyped key', () => {
    const types = [...iisSchemaFacts().keyTypes.map((k) => k.name), 'IIsConfigObject'];
    assert.equal(types.length, 65);
    const text = wrapKeys(types.flatMap((type, i) => [`<${type}\tLocation ="/LM/K${i}"`, '\t>', `</${type}>`]));
    assert.deepEqual(codes(text).filter((c) => c === 'key-type-unknown'), []);
  });
  test('the IIS-written MetaBase.xml and the example: none', () => {
    for (const file of ['test/fixtures/iis-written/MetaBase.xml', 'examples/MetaBase.xml']) {
      const text = readFileSync(join(__dirname, '..', '..', '..', file), 'utf8');
      assert.deepEqual(codes(text).filter((c) => c === 'key-type-unknown'), [], file);
    }
  });
  test("a user's schema that defines another class: a key of that type is known", () => {
    const schema = readFileSync(join(__dirname, '..', '..', '..', 'test/fixtures/schema/MBSchema.xml'), 'utf8').replace(
      /(\t\t<Collection\s+InternalName ="IIsApplicationPool")/,
      '\t\t<Collection InternalName ="IIsMyTool" ContainerClassList="" InheritsPropertiesFrom="MetabaseBaseClass">\n\t\t\t<Property InheritsPropertiesFrom ="IIsConfigObject:KeyType"/>\n\t\t</Collection>\n$1');
    const text = marked(keyText({ type: 'IIsMyTool', location: '/LM/MyTool', attributes: [] })).text;
    const document = doc(text);
    assert.deepEqual(validate(document, parseModel(text, factsFromSchema(schema))).map((d) => d.code), []);
    assert.deepEqual(validate(document, parseModel(text)).map((d) => d.code), ['key-type-unknown']);
  });
});
