// cgi-uppercase-placeholder and cgi-missing-placeholder.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, check, codes, metabase, r, ruleCase } from './helpers';

describe('cgi-uppercase-placeholder', () => {
  ruleCase(test, {
    name: "'%S' inside &quot;",
    items: [ASP, String.raw`.rb,C:\Ruby\bin\ruby.exe &quot;[[%S]]&quot;,1,GET,HEAD,POST`],
    expected: [['cgi-uppercase-placeholder', 'error']],
    fixes: [{ title: "Write '%s'", preferred: true, after: [ASP, String.raw`.rb,C:\Ruby\bin\ruby.exe &quot;%s&quot;,1,GET,HEAD,POST`] }],
  });
  ruleCase(test, {
    name: "'%S' in a single-quoted attribute",
    items: [ASP, String.raw`.rb,"C:\Program Files\Ruby\ruby.exe" "[[%S]]" %s,1,GET,HEAD,POST`],
    layout: { quote: "'" },
    expected: [['cgi-uppercase-placeholder', 'error']],
    fixes: [{ title: "Write '%s'", preferred: true, after: [ASP, String.raw`.rb,"C:\Program Files\Ruby\ruby.exe" "%s" %s,1,GET,HEAD,POST`] }],
  });
  test('two %S: two diagnostics at their exact ranges', () => {
    assert.deepEqual(check(metabase([String.raw`.x,C:\x.exe %S %S,1,GET`])), [
      { code: 'cgi-uppercase-placeholder', severity: 'error', range: r(4, 26, 4, 28) },
      { code: 'cgi-uppercase-placeholder', severity: 'error', range: r(4, 29, 4, 31) },
    ]);
  });
  test('%S after a DLL is dll-arguments, not a placeholder', () => {
    assert.deepEqual(codes(metabase([String.raw`.x,C:\x.dll %S,1,GET`])), ['dll-arguments']);
  });
});

describe('cgi-missing-placeholder', () => {
  ruleCase(test, {
    name: 'an .exe without arguments: the range is the path',
    items: [ASP, String.raw`.cgi,[[C:\cgi\handler.exe]],1,GET,POST`],
    expected: [['cgi-missing-placeholder', 'warning']],
    fixes: [{ title: 'Add the arguments "%s" %s', preferred: false, after: [ASP, String.raw`.cgi,C:\cgi\handler.exe &quot;%s&quot; %s,1,GET,POST`] }],
  });
  ruleCase(test, {
    name: 'in a single-quoted attribute the fix writes a literal "',
    items: [ASP, String.raw`.cgi,[[C:\cgi\handler.exe]],1,GET,POST`],
    layout: { quote: "'" },
    expected: [['cgi-missing-placeholder', 'warning']],
    fixes: [{ title: 'Add the arguments "%s" %s', preferred: false, after: [ASP, String.raw`.cgi,C:\cgi\handler.exe "%s" %s,1,GET,POST`] }],
  });
  ruleCase(test, {
    name: 'a quoted .exe with other arguments: the range is the path inside the quotes',
    items: [ASP, String.raw`.cgi,&quot;[[C:\Program Files\cgi\handler.exe]]&quot; -q,1,GET,POST`],
    expected: [['cgi-missing-placeholder', 'warning']],
    fixes: [{
      title: 'Add the arguments "%s" %s', preferred: false,
      after: [ASP, String.raw`.cgi,&quot;C:\Program Files\cgi\handler.exe&quot; -q &quot;%s&quot; %s,1,GET,POST`],
    }],
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([String.raw`.x,C:\x.exe,1,GET`])), [{ code: 'cgi-missing-placeholder', severity: 'warning', range: r(4, 17, 4, 25) }]);
  });
  test('one %s is enough', () => {
    assert.deepEqual(codes(metabase([String.raw`.x,C:\x.exe %s,1,GET`])), []);
  });
  test('a DLL needs no placeholder', () => {
    assert.deepEqual(codes(metabase([String.raw`.x,C:\x.dll,1,GET`])), []);
  });
});
