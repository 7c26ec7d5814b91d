// Hovers: the ScriptMaps property, an item, its flags, its verbs, a diagnostic's range; nothing elsewhere.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, hoverAt, hoverMarkdown, metabase, r, wrapKeys } from './helpers';

const TEXT = metabase([ASP, String.raw`pl,C:\Perl\bin\perl.exe,9`, String.raw`.x,C:\a.dll,x,get,FOO`]);
// Line 4: `\t\tScriptMaps=".asp,...`; line 5: `\t\t\tpl,...`; line 6: `\t\t\t.x,...`.
const at = (needle: string, delta = 0) => {
  const i = TEXT.indexOf(needle);
  assert.ok(i >= 0, needle);
  return hoverAt(TEXT, i + delta);
};

describe('hover on the property name', () => {
  for (const delta of [0, 5, 10]) {
    test(`ScriptMaps (+${delta}): ID 6014, MULTISZ, inheritable; the range is the name`, () => {
      const h = at('ScriptMaps', delta);
      assert.deepEqual(h?.range, r(4, 2, 4, 12));
      const md = hoverMarkdown(h);
      assert.match(md, /ID 6014/);
      assert.match(md, /MULTISZ/);
      assert.match(md, /inheritable/);
      assert.match(md, /IIsWebVirtualDir `\/LM\/W3SVC\/1\/ROOT`/);
    });
  }
  test('on a key type that cannot carry it: says so, and shows the placement rule', () => {
    const text = metabase([ASP], { keyType: 'IIsFilter', location: '/LM/W3SVC/Filters/x' });
    const h = hoverAt(text, text.indexOf('ScriptMaps'));
    assert.deepEqual(h?.range, r(4, 2, 4, 12));
    const md = hoverMarkdown(h);
    assert.match(md, /IIsFilter keys cannot carry it/);
    assert.match(md, /\*\*scriptmaps-placement\*\* \(warning\)/);
  });
  test('on <Custom ID="6014">: the ID attribute', () => {
    const text = wrapKeys(['<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/d"', '\t>', '\t<Custom', '\t\tName="ScriptMaps"', '\t\tID="6014"', `\t\tValue="${ASP}"`, '\t\tType="MULTISZ"', '\t/>', '</IIsWebDirectory>']);
    const h = hoverAt(text, text.indexOf('ID="6014"') + 5);
    assert.deepEqual(h?.range, r(7, 2, 7, 4));
    assert.match(hoverMarkdown(h), /ID 6014/);
  });
});

describe('hover on an item', () => {
  test('a table of the fields; the range is the item', () => {
    const h = at('.asp');
    assert.deepEqual(h?.range, r(4, 14, 4, 76));
    assert.equal(hoverMarkdown(h), [
      '**Script map**',
      '',
      '| Field | Value |',
      '| --- | --- |',
      '| Extension | `.asp` |',
      '| Processor | `C:\\WINDOWS\\system32\\inetsrv\\asp.dll` (ISAPI extension) |',
      '| Flags | 5 = MD_SCRIPTMAPFLAG_SCRIPT (1) + MD_SCRIPTMAPFLAG_CHECK_PATH_INFO (4) |',
      '| Verbs | `GET`, `HEAD`, `POST`, `TRACE` |',
    ].join('\n'));
  });
  test("no verbs: 'all verbs'; a CGI program; and the diagnostics of the item", () => {
    const h = at('perl.exe');
    assert.deepEqual(h?.range, r(5, 3, 5, 28));
    const md = hoverMarkdown(h);
    assert.match(md, /\| Verbs \| all verbs \(none listed\) \|/);
    assert.match(md, /`C:\\Perl\\bin\\perl.exe` \(CGI program\)/);
    assert.match(md, /\*\*cgi-missing-placeholder\*\* \(warning\)/);
    assert.match(md, /\*\*verbs-missing\*\* \(information\)/);
  });
  test('the wildcard', () => {
    const text = metabase([String.raw`*,C:\w.dll,0,GET`]);
    assert.match(hoverMarkdown(hoverAt(text, text.indexOf('w.dll'))), /\| Extension \| `\*` \(wildcard: every request\) \|/);
  });
  test('arguments are a row of their own', () => {
    const text = metabase([String.raw`.pl,C:\p.exe "%s" %s,5,GET`.replace(/"/g, '&quot;')]);
    assert.match(hoverMarkdown(hoverAt(text, text.indexOf('p.exe'))), /\| Arguments \| `"%s" %s` \|/);
  });
});

describe('hover on flags', () => {
  test('each bit by name; the range is the flags', () => {
    const h = at('5,GET,HEAD,POST,TRACE');
    assert.deepEqual(h?.range, r(4, 55, 4, 56));
    const md = hoverMarkdown(h);
    assert.match(md, /☑ \*\*1\*\* `MD_SCRIPTMAPFLAG_SCRIPT`/);
    assert.match(md, /☑ \*\*4\*\* `MD_SCRIPTMAPFLAG_CHECK_PATH_INFO`/);
  });
  test('unknown bits are flagged, with the rule', () => {
    const h = at(',9', 1);
    assert.deepEqual(h?.range, r(5, 27, 5, 28));
    const md = hoverMarkdown(h);
    assert.match(md, /^\*\*Flags\*\* 9 = MD_SCRIPTMAPFLAG_SCRIPT \(1\) \+ unknown bit 8/);
    assert.match(md, /⚠ \*\*8\*\*: not documented/);
    assert.match(md, /\*\*flags-unknown-bits\*\* \(warning\)/);
  });
  test("the obsolete bit 2 (Indexing Service's .idq 7): named, no rule", () => {
    const text = metabase([String.raw`.idq,C:\WINDOWS\system32\idq.dll,7,GET,HEAD,POST`]);
    const md = hoverMarkdown(hoverAt(text, text.indexOf(',7,') + 1));
    assert.match(md, /^\*\*Flags\*\* 7 = MD_SCRIPTMAPFLAG_SCRIPT \(1\) \+ obsolete \(2\) \+ MD_SCRIPTMAPFLAG_CHECK_PATH_INFO \(4\)\n/);
    assert.match(md, /☑ \*\*2\*\* `obsolete`: no documented effect/);
    assert.doesNotMatch(md, /⚠|flags-unknown-bits/);
  });
  test('flags 0: no bit checked', () => {
    const text = metabase([String.raw`.x,C:\a.dll,0,GET`]);
    const md = hoverMarkdown(hoverAt(text, text.indexOf(',0,') + 1));
    assert.match(md, /☐ \*\*1\*\*/);
    assert.match(md, /☐ \*\*4\*\*/);
  });
  test('flags that are not a number: the bits without ticks, and "not a decimal number" once, by the rule', () => {
    const h = at(',x,', 1);
    assert.deepEqual(h?.range, r(6, 15, 6, 16));
    const md = hoverMarkdown(h);
    assert.match(md, /^\*\*Flags\*\* `x`: IIS expects a decimal number made of these bits\n\n- \*\*1\*\* `MD_SCRIPTMAPFLAG_SCRIPT`/);
    assert.doesNotMatch(md, /[☐☑]/, 'no checklist: no bit is clear in something that is not a number');
    assert.match(md, /\*\*flags-not-a-number\*\* \(error\)/);
    assert.equal(md.match(/not a (decimal )?number/g)?.length, 1, md);
  });
  test('flags with spaces around a number: the checklist of the number', () => {
    const text = metabase([String.raw`.x,C:\a.dll, 5 ,GET`]);
    const md = hoverMarkdown(hoverAt(text, text.indexOf(' 5 ') + 1));
    assert.match(md, /^\*\*Flags\*\* 5 = /);
    assert.match(md, /☑ \*\*1\*\*/);
    assert.match(md, /\*\*flags-spaces\*\* \(warning\)/);
  });
});

describe('hover on verbs', () => {
  test('the verbs that go to the processor; the range is the whole verb list', () => {
    const h = at('GET,HEAD,POST,TRACE');
    assert.deepEqual(h?.range, r(4, 57, 4, 76));
    assert.match(hoverMarkdown(h), /^\*\*Included verbs\*\*: \.asp requests with GET, HEAD, POST, TRACE go to the processor/);
  });
  test('verbs that are not known methods are listed, with the rules under the cursor', () => {
    const h = at('get,FOO');
    assert.deepEqual(h?.range, r(6, 17, 6, 24));
    const md = hoverMarkdown(h);
    assert.match(md, /Not known HTTP methods here: `get`, `FOO`/);
    assert.match(md, /\*\*verb-case\*\* \(warning\)/);
    assert.doesNotMatch(md, /verb-unknown/);
  });
});

describe('hover on a diagnostic outside any item', () => {
  test('an XML fault: the rule id and its documentation link; the range is the fault', () => {
    const text = metabase(['.x,C:\\a&foo;b.dll,1,GET']);
    const h = hoverAt(text, text.indexOf('&foo;') + 2);
    assert.deepEqual(h?.range, r(4, 21, 4, 26));
    const md = hoverMarkdown(h);
    assert.match(md, /^\*\*xml-not-well-formed\*\* \(error\): The file is not well-formed XML\./);
    assert.match(md, /\[Rule documentation\]\(https:\/\/github\.com\/iis-metabase\/iis-metabase\/blob\/main\/docs\/rules\/xml-not-well-formed\.md\)/);
  });
  test('a DOCTYPE', () => {
    const text = '<?xml version ="1.0"?>\n<!DOCTYPE configuration>\n<configuration>\n<MBProperty>\n</MBProperty>\n</configuration>\n';
    const h = hoverAt(text, text.indexOf('DOCTYPE'));
    assert.deepEqual(h?.range, r(1, 0, 1, 9));
    assert.match(hoverMarkdown(h), /\*\*xml-doctype\*\* \(warning\)/);
  });
});

describe('no hover', () => {
  for (const [name, needle] of [
    ['the indentation before an item', '\t\t\tpl'],
    ['the TAB before >', '\t>'],
    ['the XML declaration', '<?xml'],
    ['the end tag', '</IIsWebVirtualDir>'],
  ] as const) {
    test(name, () => {
      assert.equal(at(needle), null);
    });
  }
  test('an empty document', () => {
    assert.equal(hoverAt('', 0), null);
  });
});
