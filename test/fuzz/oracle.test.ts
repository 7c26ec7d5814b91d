// Every quick fix and fix-all, judged by the independent oracle (saxes + items cut from the raw text) on
// hostile documents (test/fuzz/hostile.ts). `npm run fuzz` runs the same property for as long as it is given.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mutatedOracleProperty, oracleProperty, propertyOracleProperty } from './hostile';
import { readFileSync } from 'node:fs';
import { checkFixes, checkWrittenSeparators } from './checks';
import { judgeFix, judgeFixAll, judgePropertyFix } from './oracle';

const SEED = 20261128;

describe('the independent oracle judges every fix', () => {
  it('on hostile ScriptMaps lists: no fix splits or merges items, touches another field, item or attribute, or breaks the XML', () => {
    const counts = { cases: 0, fixes: 0 };
    fc.assert(oracleProperty(counts), { seed: SEED, numRuns: 300 });
    console.log(`# oracle: ${counts.cases} documents, ${counts.fixes} fixes judged`);
  });

  it('on hostile property values and names: each fix changes one attribute, its name or its value, and nothing else', () => {
    const counts = { cases: 0, fixes: 0 };
    fc.assert(propertyOracleProperty(counts), { seed: SEED, numRuns: 300 });
    console.log(`# property oracle: ${counts.cases} documents, ${counts.fixes} fixes judged`);
  });

  it('on mutated hostile documents that are still well-formed', () => {
    const counts = { cases: 0, fixes: 0, mutations: 0 };
    fc.assert(mutatedOracleProperty(counts), { seed: SEED, numRuns: 100 });
    console.log(`# oracle: ${counts.mutations} mutations, ${counts.cases} documents judged, ${counts.fixes} fixes judged`);
  });

  it('catches what it must: a fix that writes a line break into a field, or touches another item', () => {
    const before = '<a ScriptMaps=".a,C:\\a.dll,x&#10;.b,C:\\b.dll,5"/>';
    const at = before.indexOf('x&');
    const split = before.replace('x&', '5\n,&');
    assert.throws(() => judgeFix(before, split, 'Set flags to 5', at, [{ start: at, end: at + 1, newText: '5\n,' }]), /split or merged/);
    const other = before.replace('x&#10;.b', '5&#10;.c');
    assert.throws(() => judgeFix(before, other, 'Set flags to 5', at, [{ start: at, end: at + 8, newText: '5&#10;.c' }]), /changed another item/);
  });

  it('catches a property fix that changes a second attribute, or both the name and the value', () => {
    const before = '<a AuthFlags="AuthNTML" Path="x"/>';
    const edit = (from: string, to: string) => ({ start: before.indexOf(from), end: before.indexOf(from) + from.length, newText: to });
    assert.throws(() => judgePropertyFix(before, '<a AuthFlags="AuthNTLM" Path="y"/>', 'Change to AuthNTLM', [edit('AuthNTML" Path="x', 'AuthNTLM" Path="y')]), /exactly one attribute/);
    assert.throws(() => judgePropertyFix(before, '<a AuthFlag="AuthNTLM" Path="x"/>', 'Change', [edit('AuthFlags="AuthNTML', 'AuthFlag="AuthNTLM')]), /both the name and the value/);
    assert.equal(judgePropertyFix(before, '<a AuthFlags="AuthNTLM" Path="x"/>', 'Change to AuthNTLM', [edit('AuthNTML', 'AuthNTLM')]).value, 'AuthNTLM');
  });

  it('judges a fix to a <Custom> attribute that is no list as a property fix (the fuzz case: a NEL before the Name)', () => {
    const before = '<a><Custom Name="\u0085ScriptMaps" ID="6014" Value=".a,C:\\a.dll,1" Type="MULTISZ"/></a>';
    const at = before.indexOf('\u0085');
    const edit = { start: at, end: at + 1, newText: '' };
    judgeFix(before, before.replace('\u0085', ''), 'Change to ScriptMaps', at, [edit]);
    assert.throws(() => judgeFix(before, before.replace('\u0085', '').replace('MULTISZ', 'STRING'), 'Change to ScriptMaps', at, [edit]), /after its edit/);
  });

  it('lets a fix add a line written as the value writes its lines (examples/MetaBase.xml: Allow ... in WebSvcExtRestrictionList), and no other', () => {
    checkFixes(readFileSync('examples/MetaBase.xml', 'utf8').replace(/^\uFEFF/, ''));
    const crlf = '<a L="0,*.dll&#xD;&#xA;0,*.exe"/>';
    checkWrittenSeparators(crlf, '0,*.dll&#xD;&#xA;0,*.exe', '&#xD;&#xA;1,x.dll,1,x,x', 'allow');
    assert.throws(() => checkWrittenSeparators(crlf, '0,*.dll&#xD;&#xA;0,*.exe', '&#xA;1,x.dll,1,x,x', 'allow'), /writes the line break/);
    assert.throws(() => checkWrittenSeparators('<?xml?>\r<a L="0,*.exe"/>', '0,*.exe', '\n\t\t\t1,x.dll,1,x,x', 'allow'), /not the document's/);
  });

  it('lets the removal of a repeated item of any list take its line (mimemap-duplicate, as extension-duplicate)', () => {
    checkFixes(['<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', '<IIsMimeMap\tLocation ="/LM/MimeMap"',
      '\t\tMimeMap=".a,text/plain', '\t\t\t.b,text/html', '\t\t\t.a,text/html"', '\t>', '</IIsMimeMap>', '</MBProperty>', '</configuration>', ''].join('\n'));
  });

  it('lets fix-all remove a blank item of another MULTISZ <Custom> (HttpErrors), and catches a split there', () => {
    const before = '<a><Custom Name="HttpErrors" ID="6008" Value=".x,C:\\a.dll,x&#10;" Type="MULTISZ"/></a>';
    judgeFixAll(before, before.replace('&#10;', ''));
    assert.throws(() => judgeFixAll(before, before.replace('a.dll', 'a&#10;.dll')), /split an item/);
  });

  it("lets fix-all fix a <Custom>'s Name (the fuzz case: 'ScriptMap,s'), never its name and value at once", () => {
    const before = '<a><Custom Name="ScriptMap,s" ID="6014" Value=".a,C:\\a.dll,1" Type="MULTISZ"/><b Path="x"/></a>';
    judgeFixAll(before, before.replace('ScriptMap,s', 'ScriptMaps'));
    assert.throws(() => judgeFixAll(before, before.replace('Path="x"', 'Pat="y"')), /both the name and the value/);
  });

  it('catches a fix on one field that rewrites the verbs, and fix-all that drops an item that is neither blank nor repeated', () => {
    const before = String.raw`<a ScriptMaps=".a,C:\a.dll,x,get&#13;&#10;.b,C:\b.dll,5"/>`;
    const at = before.indexOf('x,');
    const verbs = before.replace('x,get', '5,GET');
    assert.throws(() => judgeFix(before, verbs, 'Set flags to 5', at, [{ start: at, end: at + 5, newText: '5,GET' }]), /changed another field/);
    assert.throws(() => judgeFixAll(before, before.replace(String.raw`&#13;&#10;.b,C:\b.dll,5`, '')), /removed more items/);
    assert.throws(() => judgeFixAll(before, before.replace(String.raw`C:\a`, String.raw`C:&#10;\a`)), /split an item/);
  });
});
