// The inheritance module: effective values of INHERIT properties along the Location path, the key each
// comes from, ScriptMaps item by item, and what an own list drops and adds.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseModel } from '../../server/src/service';
import {
  ancestry, effectiveScriptMaps, effectiveValue, extensionKey, scriptMapsOverride,
} from '../../server/src/service/model/inheritance';
import { locationPath } from '../../server/src/service/model/summary';
import { iisSchemaFacts } from '../../server/src/service/schema';
import { key, list, wrapKeys } from './helpers';

const facts = iisSchemaFacts();

const ASP = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';
const ASPX = '.aspx,C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG';
const ASMX = '.asmx,C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG';
const PHP = '.php,C:\\php\\php-cgi.exe,1';

const TEXT = wrapKeys([
  ...key('IIsWebService', '/LM/W3SVC', `ScriptMaps="${list(ASP, ASPX, ASMX)}"`, 'AccessFlags="AccessRead | AccessScript"'),
  ...key('IIsWebServer', '/LM/W3SVC/1', 'ServerBindings=":80:"'),
  ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AccessFlags="AccessRead"'),
  ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/php', `ScriptMaps="${list(ASP, PHP, '.ASPX,C:\\other.dll,1')}"`),
  ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/php', 'AccessFlags="AccessExecute"'),
  '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/perl"',
  '\t>',
  '\t<Custom Name="ScriptMaps" ID="6014" Value=".pl,C:\\perl.exe %s %s,5" Type="MULTISZ" UserType="IIS_MD_UT_FILE" Attributes="INHERIT"/>',
  '</IIsWebDirectory>',
]);

const model = parseModel(TEXT);
const at = (offset: number) => TEXT.slice(offset, TEXT.indexOf('"', offset));

describe('inheritance', () => {
  test('ancestry: the first key of each present Location, nearest first, from a Location that is not in the file', () => {
    const path = [...ancestry(model, '/lm/w3svc/1/root/php/sub/x.asp')].map((k) => locationPath(TEXT, k.start, k.key!));
    assert.deepEqual(path, ['/LM/W3SVC/1/ROOT/php', '/LM/W3SVC/1/ROOT', '/LM/W3SVC/1', '/LM/W3SVC']);
  });

  test('an inherited AccessFlags comes from the nearest key that sets it; a duplicated Location counts by its first key', () => {
    const root = effectiveValue(TEXT, model, facts, '/LM/W3SVC/1/ROOT/sub', 'AccessFlags')!;
    assert.equal(root.value, 'AccessRead');
    assert.equal(root.origin!.location, '/LM/W3SVC/1/ROOT');
    assert.equal(at(root.origin!.valueStart), 'AccessRead');
    // The second /LM/W3SVC/1/ROOT/php key's AccessExecute is not read.
    assert.equal(effectiveValue(TEXT, model, facts, '/LM/W3SVC/1/ROOT/php', 'AccessFlags')!.origin!.location, '/LM/W3SVC/1/ROOT');
    assert.equal(effectiveValue(TEXT, model, facts, '/LM/W3SVC/1', 'AccessFlags')!.origin!.location, '/LM/W3SVC');
  });

  test('no key sets it: the schema default, no origin; a property that does not inherit is not looked for above', () => {
    assert.deepEqual(effectiveValue(TEXT, model, facts, '/LM/W3SVC/1/ROOT', 'AuthFlags'), { property: facts.property('AuthFlags'), value: facts.property('AuthFlags')!.default });
    const bindings = effectiveValue(TEXT, model, facts, '/LM/W3SVC/1/ROOT', 'ServerBindings')!;
    assert.equal(bindings.origin, undefined);
    assert.equal(effectiveValue(TEXT, model, facts, '/LM/W3SVC/1', 'ServerBindings')!.value, ':80:');
    assert.equal(effectiveValue(TEXT, model, facts, '/LM/W3SVC/1', 'NoSuchProperty'), undefined);
  });

  test('effective ScriptMaps: the whole list of the nearest key that sets one, a <Custom ID="6014"> included', () => {
    const inherited = effectiveScriptMaps(TEXT, model, facts, '/LM/W3SVC/1/ROOT');
    assert.deepEqual(inherited.items.map((i) => extensionKey(i.item)), ['.asp', '.aspx', '.asmx']);
    assert.ok(inherited.items.every((i) => i.origin.location === '/LM/W3SVC'));
    const own = effectiveScriptMaps(TEXT, model, facts, '/LM/W3SVC/1/ROOT/php/deeper');
    assert.deepEqual(own.items.map((i) => i.item.extension.text), ['.asp', '.php', '.ASPX']);
    assert.equal(own.origin!.location, '/LM/W3SVC/1/ROOT/php');
    const custom = effectiveScriptMaps(TEXT, model, facts, '/LM/W3SVC/1/ROOT/perl');
    assert.equal(custom.origin!.custom, true);
    assert.equal(at(custom.origin!.valueStart), '.pl,C:\\perl.exe %s %s,5');
    assert.deepEqual(effectiveScriptMaps(TEXT, model, facts, '/LM/MSFTPSVC/1').items, []);
  });

  test('an own list against the list it replaces: dropped, added and changed extensions', () => {
    const o = scriptMapsOverride(TEXT, model, facts, '/LM/W3SVC/1/ROOT/php')!;
    assert.deepEqual([o.dropped, o.added, o.changed], [['.asmx'], ['.php'], ['.ASPX']]);
    assert.equal(o.inherited.origin!.location, '/LM/W3SVC');
    assert.equal(scriptMapsOverride(TEXT, model, facts, '/LM/W3SVC/1/ROOT'), undefined);
    // The service's own list replaces nothing.
    assert.equal(scriptMapsOverride(TEXT, model, facts, '/LM/W3SVC'), undefined);
  });
});
