// Schema facts: the committed table is what the generator makes of the committed MBSchema.xml, and the
// facts say what schema.md says of IIS 6's schema.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SchemaError, buildFacts, factsFromSchema, iisSchemaFacts, parseSchema } from '../../server/src/service/schema';
import { SCHEMA_TABLE } from '../../server/src/service/schema/facts.generated';
import { GENERATED_PATH, SCHEMA_PATH, renderTable } from '../../scripts/schema/render';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA_TEXT = readFileSync(join(ROOT, SCHEMA_PATH), 'utf8');
const facts = iisSchemaFacts();
const count = <T>(list: readonly T[], keep: (x: T) => boolean) => list.filter(keep).length;

describe('the generated table', () => {
  test('is what the generator makes of the committed MBSchema.xml (fix: npm run schema)', () => {
    assert.equal(readFileSync(join(ROOT, GENERATED_PATH), 'utf8'), renderTable(parseSchema(SCHEMA_TEXT)));
  });
  test('a user schema goes through the same parser: the same facts as the table', () => {
    assert.deepEqual(parseSchema(SCHEMA_TEXT), SCHEMA_TABLE);
    assert.deepEqual(factsFromSchema(SCHEMA_TEXT).property('AccessFlags'), facts.property('AccessFlags'));
  });
});

describe('IIS 6 schema facts', () => {
  test('507 properties, 64 key types (8 hidden), 84 flag names', () => {
    assert.equal(facts.properties.length, 507);
    assert.equal(facts.keyTypes.length, 64);
    // schema.md counts 10 HIDDEN collections: these 8 and the base classes MetabaseBaseClass and IIsConfigObject.
    assert.deepEqual(facts.keyTypes.filter((k) => k.hidden).map((k) => k.name), [
      'IIS_FTP_TEMPLATE', 'IIS_FTP_TEMPLATESETTINGS', 'IIS_WEB_TEMPLATE', 'IIS_WEB_TEMPLATESETTINGS', 'IIS_ADMIN',
      'IIS_EVENTMANAGER', 'IIS_ROOT', 'IIS_Global',
    ]);
    assert.equal(facts.properties.reduce((n, p) => n + p.flags.length, 0), 84);
  });
  test('types, attributes and MetaFlags as schema.md counts them', () => {
    const types: Record<string, number> = {};
    for (const p of facts.properties) types[p.type] = (types[p.type] ?? 0) + 1;
    assert.deepEqual(types, { DWORD: 211, STRING: 153, BOOL: 98, MULTISZ: 32, BINARY: 5, EXPANDSZ: 4, IPSECLIST: 2, NTACL: 1, MIMEMAP: 1 });
    assert.equal(count(facts.properties, (p) => p.inherit), 426);
    assert.equal(count(facts.properties, (p) => p.metaFlags.includes('CASEINSENSITIVE')), 99);
    assert.deepEqual(facts.properties.filter((p) => p.metaFlags.includes('PRIMARYKEY')).map((p) => p.name), ['KeyType']);
  });
  test('the SECURE properties', () => {
    assert.deepEqual(facts.properties.filter((p) => p.secure).map((p) => p.name).sort(), [
      'ADConnectionsPassword', 'AdminACL', 'AdminACLBin', 'AnonymousUserPass', 'FeedPassword', 'ImapDsPassword',
      'LogOdbcPassword', 'Pop3DsPassword', 'RoutePassword', 'SmtpDsPassword', 'UNCPassword', 'WAMUserPass',
    ]);
  });
  test('ScriptMaps: 6014, MULTISZ, INHERIT, MD_SCRIPT_MAPS, on the five web key types', () => {
    assert.deepEqual(facts.property('ScriptMaps'), {
      name: 'ScriptMaps', id: 6014, type: 'MULTISZ', userType: 'IIS_MD_UT_FILE', attributes: ['INHERIT'], metaFlags: [],
      inherit: true, secure: false, default: '', flags: [], constant: 'MD_SCRIPT_MAPS',
      keyTypes: ['IIsWebService', 'IIsWebServer', 'IIsWebFile', 'IIsWebDirectory', 'IIsWebVirtualDir'],
    });
    assert.equal(facts.propertyById(6014), facts.property('ScriptMaps'));
  });
  test('WebSvcExtRestrictionList and ApplicationDependencies only on IIsWebService', () => {
    assert.deepEqual(facts.property('WebSvcExtRestrictionList')?.keyTypes, ['IIsWebService']);
    assert.deepEqual(facts.property('ApplicationDependencies')?.keyTypes, ['IIsWebService']);
  });
  test("AccessFlags' flags, in schema order, and its default", () => {
    const p = facts.property('AccessFlags')!;
    assert.deepEqual([p.id, p.type, p.default], [6016, 'DWORD', 'AccessRead']);
    assert.deepEqual(p.flags.map((f) => [f.name, f.value, f.id]), [
      ['AccessExecute', 4, 6209], ['AccessSource', 16, 6282], ['AccessRead', 1, 6207], ['AccessWrite', 2, 6208],
      ['AccessScript', 512, 6211], ['AccessNoRemoteExecute', 8192, 6232], ['AccessNoRemoteRead', 4096, 6231],
      ['AccessNoRemoteWrite', 1024, 6230], ['AccessNoRemoteScript', 16384, 6233], ['AccessNoPhysicalDir', 32768, 6308],
    ]);
  });
  test('the eleven flag-set DWORDs', () => {
    assert.deepEqual(facts.properties.filter((p) => p.flags.length).map((p) => p.name).sort(), [
      'AccessFlags', 'AccessSSLFlags', 'AspAppServiceFlags', 'AuthFlags', 'AuthPersistence', 'DirBrowseFlags',
      'FilterFlags', 'LogEventOnRecycle', 'LogExtFileFlags', 'PasswordChangeFlags', 'ServerConfigFlags',
    ]);
  });
  test('a range only where the schema gives a non-zero bound', () => {
    const ranged = facts.properties.filter((p) => p.min !== undefined || p.max !== undefined);
    assert.equal(ranged.length, 32);
    assert.deepEqual([facts.property('AppPoolQueueLength')?.min, facts.property('AppPoolQueueLength')?.max], [10, 65535]);
    assert.deepEqual([facts.property('MaxProcesses')?.min, facts.property('MaxProcesses')?.max], [1, undefined]);
    assert.equal('min' in facts.property('AllowKeepAlive')! || 'max' in facts.property('AllowKeepAlive')!, false);
  });
  test('key types: property counts, children, placement', () => {
    const size = (name: string) => facts.keyType(name)?.properties.size;
    assert.deepEqual(['IIsWebService', 'IIsWebServer', 'IIsWebVirtualDir', 'IIsWebDirectory', 'IIsWebFile', 'IIsApplicationPool'].map(size),
      [159, 146, 111, 107, 53, 41]);
    assert.equal(facts.keyTypes.reduce((n, k) => n + k.properties.size, 0), 1674);
    assert.equal(new Set(facts.keyTypes.flatMap((k) => [...k.properties])).size, 502);
    assert.deepEqual(facts.keyType('IIsWebServer')?.children, ['IIsObject', 'IIsCertMapper', 'IIsFilters', 'IIsWebVirtualDir']);
    assert.deepEqual(facts.keyType('IIsWebFile')?.children, []);
    assert.equal(facts.allows('IIsWebVirtualDir', 'ScriptMaps'), true);
    assert.equal(facts.allows('IIsFtpServer', 'ScriptMaps'), false);
    assert.equal(facts.allows('IIsConfigObject', 'ScriptMaps'), true, 'an untyped key may hold any property');
    assert.equal(facts.allows('IIsConfigObject', 'NoSuchProperty'), false);
    assert.equal(facts.allows('NoSuchKeyType', 'ScriptMaps'), false);
  });
  test('names are exact; ignoring case is a separate lookup', () => {
    assert.equal(facts.property('scriptmaps'), undefined);
    assert.equal(facts.propertyIgnoringCase('scriptmaps')?.name, 'ScriptMaps');
    assert.equal(facts.keyType('iiswebserver'), undefined);
  });
});

describe('a bad schema', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['not XML', '<MetaData>', /^MBSchema\.xml is not well-formed XML: .* \(line 1, column \d+\)$/],
    ['empty', '', /^MBSchema\.xml is empty$/],
    ['white space and a BOM only', '\uFEFF \r\n\t', /^MBSchema\.xml is empty$/],
    ['no root element: no position', '<?xml version="1.0"?>\n<!-- nothing -->\n', /^MBSchema\.xml is not well-formed XML: Start tag expected\.$/],
    ['an inverted range', '<MetaData><DatabaseMeta InternalName="METABASE"><Collection InternalName="IIsConfigObject"><Property InternalName="Weird" ID="70000" Type="DWORD" StartingNumber="10" EndingNumber="5"/></Collection></DatabaseMeta></MetaData>', /^MBSchema\.xml: Weird has StartingNumber="10" above its EndingNumber="5"$/],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><MetaData/>', /DOCTYPE is not allowed/],
    ['no IIsConfigObject', '<MetaData><DatabaseMeta InternalName="METABASE"/></MetaData>', /has no <Collection InternalName="IIsConfigObject">/],
    ['an ID that is not a number', '<MetaData><DatabaseMeta InternalName="METABASE"><Collection InternalName="IIsConfigObject"><Property InternalName="A" ID="x" Type="DWORD"/></Collection></DatabaseMeta></MetaData>', /A has ID="x", not a number/],
    ['a property defined twice', '<MetaData><DatabaseMeta InternalName="METABASE"><Collection InternalName="IIsConfigObject"><Property InternalName="A" ID="1" Type="DWORD"/><Property InternalName="A" ID="2" Type="DWORD"/></Collection></DatabaseMeta></MetaData>', /the property A is defined twice/],
    ['an ID defined twice', '<MetaData><DatabaseMeta InternalName="METABASE"><Collection InternalName="IIsConfigObject"><Property InternalName="A" ID="1" Type="DWORD"/><Property InternalName="B" ID="1" Type="DWORD"/></Collection></DatabaseMeta></MetaData>', /the ID 1 is defined twice/],
    ['a key type inheriting an unknown property', '<MetaData><DatabaseMeta InternalName="METABASE"><Collection InternalName="IIsConfigObject"/><Collection InternalName="K"><Property InheritsPropertiesFrom="IIsConfigObject:Nope"/></Collection></DatabaseMeta></MetaData>', /K inherits IIsConfigObject:Nope, which IIsConfigObject does not define/],
  ];
  for (const [name, text, message] of cases) {
    test(`${name}: a SchemaError with a clear message`, () => {
      assert.throws(() => parseSchema(text), (e: unknown) => e instanceof SchemaError && message.test(e.message));
    });
  }
  test('a minimal user schema with an extra property', () => {
    const user = buildFacts(parseSchema('<MetaData><DatabaseMeta InternalName="METABASE"><Collection InternalName="IIsConfigObject"><Property InternalName="MyProp" ID="70000" Type="DWORD" Attributes="INHERIT" StartingNumber="1" EndingNumber="9"/></Collection><Collection InternalName="MyKey" MetaFlags="HIDDEN" ContainerClassList="MyKey"><Property InheritsPropertiesFrom="IIsConfigObject:MyProp"/></Collection></DatabaseMeta></MetaData>'));
    assert.deepEqual(user.property('MyProp'), {
      name: 'MyProp', id: 70000, type: 'DWORD', userType: '', attributes: ['INHERIT'], metaFlags: [], inherit: true, secure: false,
      min: 1, max: 9, flags: [], keyTypes: ['MyKey'],
    });
    assert.deepEqual(user.keyType('MyKey'), { name: 'MyKey', hidden: true, children: ['MyKey'], properties: new Set(['MyProp']) });
  });
});
