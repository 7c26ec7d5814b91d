// fix-all: the preferred fix of every enabled finding, applied per key until none is left.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver-types';
import { codeActions, parseModel, validate } from '../../server/src/service';
import { ASP, Eol, IDC, URI, codes, doc, fixAllEdits, fixAllText, metabase, wrapKeys } from './helpers';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'MetaBase.xml');

function readExample(): string {
  const raw = readFileSync(EXAMPLE, 'utf8');
  assert.equal(raw.charCodeAt(0), 0xfeff, 'the example starts with a BOM');
  return raw.slice(1);
}

/** Replaces each literal `before` (which must occur exactly once) by its `after`. */
function edit(text: string, changes: Array<[string, string]>): string {
  for (const [before, after] of changes) {
    assert.equal(text.split(before).length, 2, `exactly one '${before}'`);
    text = text.replace(before, after);
  }
  return text;
}

describe('fix-all on examples/MetaBase.xml', () => {
  const EXPECTED_CHANGES: Array<[string, string]> = [
    [String.raw`.pl,C:\Program Files\Perl\bin\perl.exe %s %s,5,GET,HEAD,POST`, String.raw`.pl,&quot;C:\Program Files\Perl\bin\perl.exe&quot; %s %s,5,GET,HEAD,POST`],
    [String.raw`.shtml,C:\WINDOWS\system32\inetsrv\ssinc.dll,5,get,HEAD,POST,`, String.raw`.shtml,C:\WINDOWS\system32\inetsrv\ssinc.dll,5,GET,HEAD,POST`],
    [String.raw`rb,C:\Ruby\bin\ruby.exe &quot;%S&quot;,1,GET,HEAD,POST`, String.raw`.rb,C:\Ruby\bin\ruby.exe &quot;%s&quot;,1,GET,HEAD,POST`],
    [String.raw`.cfm,C:\CFusion\bin\iscf.dll,5,GET, HEAD, POST`, String.raw`.cfm,C:\CFusion\bin\iscf.dll,5,GET,HEAD,POST`],
  ];

  test('the diagnostics of the example', () => {
    // The checks across keys flag the processors that the example's WebSvcExtRestrictionList does not allow (404.2)
    // and the lists that drop inherited mappings.
    assert.deepEqual(codes(readExample()), [
      'scriptmap-not-allowed', 'scriptmap-not-allowed', 'scriptmap-not-allowed', 'scriptmaps-override-drops',
      'scriptmap-not-allowed', 'scriptmap-not-allowed', 'unquoted-exe-path', 'scriptmap-not-allowed',
      'flags-not-a-number', 'scriptmap-not-allowed', 'verb-case', 'verb-empty', 'scriptmap-not-allowed',
      'flags-unknown-bits', 'extension-missing-dot', 'scriptmap-not-allowed', 'cgi-uppercase-placeholder',
      'extension-duplicate', 'scriptmaps-override-drops', 'scriptmap-not-allowed', 'unquoted-dll-path', 'verbs-missing',
      'scriptmap-not-allowed', 'scriptmaps-override-drops', 'scriptmap-not-allowed', 'verb-spaces', 'verb-spaces',
    ]);
  });
  test('the whole text after fix-all', () => {
    const text = readExample();
    assert.equal(fixAllText(text), edit(text, EXPECTED_CHANGES));
  });
  test('what fix-all leaves: the findings without a safe fix', () => {
    assert.deepEqual(codes(fixAllText(readExample())), [
      'scriptmap-not-allowed', 'scriptmap-not-allowed', 'scriptmap-not-allowed', 'scriptmaps-override-drops',
      'scriptmap-not-allowed', 'scriptmap-not-allowed', 'scriptmap-not-allowed', 'flags-not-a-number',
      'scriptmap-not-allowed', 'scriptmap-not-allowed', 'flags-unknown-bits', 'scriptmap-not-allowed',
      'extension-duplicate', 'scriptmaps-override-drops', 'scriptmap-not-allowed', 'unquoted-dll-path', 'verbs-missing',
      'scriptmap-not-allowed', 'scriptmaps-override-drops', 'scriptmap-not-allowed',
    ]);
  });
  test('idempotent: fix-all on the result gives no edit', () => {
    assert.deepEqual(fixAllEdits(fixAllText(readExample())), []);
  });
  test('CRLF is kept: no lone LF or CR appears', () => {
    const after = fixAllText(readExample());
    assert.equal(after.replace(/\r\n/g, '').match(/[\r\n]/), null);
  });
  test('one edit per key that changes', () => {
    assert.equal(fixAllEdits(readExample()).length, 2);
  });
  test('the same on the example with LF line endings', () => {
    const text = readExample().replace(/\r\n/g, '\n');
    assert.equal(fixAllText(text), edit(text, EXPECTED_CHANGES));
  });
});

describe('fix-all on inline documents', () => {
  const BEFORE = [ASP, String.raw`pl,C:\Program Files\x\perl.exe %s %s,5,get, HEAD,`, String.raw`.cgi,C:\cgi\x.exe &quot;%S&quot; %s,1,GET,GET`];
  const AFTER = [ASP, String.raw`.pl,&quot;C:\Program Files\x\perl.exe&quot; %s %s,5,GET,HEAD`, String.raw`.cgi,C:\cgi\x.exe &quot;%s&quot; %s,1,GET`];
  for (const eol of ['LF', 'CRLF', 'CR'] as Eol[]) {
    for (const bom of [false, true]) {
      test(`several fixes in one item and in one list [${eol}${bom ? ', BOM' : ''}]`, () => {
        const text = metabase(BEFORE, { eol, bom });
        const after = fixAllText(text);
        assert.equal(after, metabase(AFTER, { eol, bom }));
        assert.deepEqual(codes(after), []);
        assert.deepEqual(fixAllEdits(after), []);
      });
    }
  }
  test('in a single-quoted attribute, quotes are written literally', () => {
    assert.equal(
      fixAllText(metabase([String.raw`.pl,C:\Program Files\x\perl.exe %s %s,5,GET`], { quote: "'" })),
      metabase([String.raw`.pl,"C:\Program Files\x\perl.exe" %s %s,5,GET`], { quote: "'" }),
    );
  });
  test('a rule set to off is not fixed', () => {
    const settings = { rules: { 'extension-missing-dot': 'off' as const, 'unquoted-exe-path': 'off' as const } };
    assert.equal(fixAllText(metabase(BEFORE), settings), metabase([
      ASP, String.raw`pl,C:\Program Files\x\perl.exe %s %s,5,GET,HEAD`, String.raw`.cgi,C:\cgi\x.exe &quot;%s&quot; %s,1,GET`,
    ]));
  });
  test('verb-case off: the verbs fix of another verb rule does not change the case either', () => {
    const text = metabase(BEFORE);
    const settings = { rules: { 'extension-missing-dot': 'off' as const, 'verb-case': 'off' as const } };
    assert.equal(fixAllText(text, settings), metabase([
      ASP, String.raw`pl,&quot;C:\Program Files\x\perl.exe&quot; %s %s,5,get,HEAD`, String.raw`.cgi,C:\cgi\x.exe &quot;%s&quot; %s,1,GET`,
    ]));
  });
  test('every rule of a key off: no edit', () => {
    const text = metabase([String.raw`pl,C:\a.dll,1,GET`]);
    assert.deepEqual(fixAllEdits(text, { rules: { 'extension-missing-dot': 'off' } }), []);
  });
  test('several keys, one not well-formed: the others are fixed', () => {
    const text = wrapKeys([
      '<IIsWebService\tLocation ="/LM/W3SVC"',
      `\t\tScriptMaps="${ASP}`,
      '\t\t\tidc,C:\\WINDOWS\\system32\\inetsrv\\httpodbc.dll,5,GET,POST"',
      '\t>',
      '</IIsWebService>',
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
      '\t\tServerComment="a & b"',
      '\t>',
      '</IIsWebServer>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
      `\t\tScriptMaps="${ASP.replace('GET,HEAD', 'GET, HEAD')}"`,
      '\t>',
      '</IIsWebVirtualDir>',
    ]);
    assert.equal(fixAllText(text), wrapKeys([
      '<IIsWebService\tLocation ="/LM/W3SVC"',
      `\t\tScriptMaps="${ASP}`,
      `\t\t\t${IDC}"`,
      '\t>',
      '</IIsWebService>',
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
      '\t\tServerComment="a & b"',
      '\t>',
      '</IIsWebServer>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
      `\t\tScriptMaps="${ASP}"`,
      '\t>',
      '</IIsWebVirtualDir>',
    ]));
  });
  test('a clean document: no edit', () => {
    assert.deepEqual(fixAllEdits(metabase([ASP, IDC])), []);
  });
});

describe('fix-all as a code action', () => {
  const text = metabase([ASP, String.raw`pl,C:\a.dll,1,get`]);
  const d = doc(text);
  const model = parseModel(text);
  const whole = { start: { line: 0, character: 0 }, end: d.positionAt(text.length) };
  test(`only ['source.fixAll.iis-metabase']: one action with the fix-all edits`, () => {
    const actions = codeActions(d, model, whole, ['source.fixAll.iis-metabase']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.iis-metabase');
    assert.deepEqual(actions[0].edit?.changes?.[URI], fixAllEdits(text));
  });
  test(`only ['source.fixAll'] includes it too; only ['quickfix'] does not`, () => {
    assert.deepEqual(codeActions(d, model, whole, [CodeActionKind.SourceFixAll]).map((a) => a.kind), ['source.fixAll.iis-metabase']);
    assert.ok(codeActions(d, model, whole, [CodeActionKind.QuickFix]).every((a) => a.kind === 'quickfix'));
  });
  test('without only: the quick fixes of the range, then fix-all', () => {
    const range = validate(d, model)[0].range;
    assert.deepEqual(codeActions(d, model, range, undefined).map((a) => [a.kind, a.title]), [
      ['quickfix', "Write '.pl'"],
      ['source.fixAll.iis-metabase', 'Fix all auto-fixable metabase problems'],
    ]);
  });
  test('nothing to fix: no fix-all action', () => {
    const clean = metabase([ASP]);
    const cd = doc(clean);
    assert.deepEqual(codeActions(cd, parseModel(clean), whole, ['source.fixAll.iis-metabase']), []);
  });
});
