// metabase-lint with a user's schema: --schema FILE, or an MBSchema.xml beside the linted file; a schema
// that cannot be used is an error message and exit 2, never a crash.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, REPO, metabase, runCli, tempDir } from './helpers';

const IIS_SCHEMA = readFileSync(join(REPO, 'test/fixtures/schema/MBSchema.xml'), 'utf8');
const FTP_SERVER = /(<Collection\s+InternalName ="IIsFtpServer"[^>]*>)/;

/** IIS's schema, extended so that an FTP site may hold ScriptMaps (what a server's own schema may do). */
const EXTENDED = IIS_SCHEMA.replace(FTP_SERVER, '$1\n\t\t\t<Property InheritsPropertiesFrom ="IIsConfigObject:ScriptMaps"/>');

/** ScriptMaps on an FTP site: IIS's schema does not allow it there. */
const FTP = metabase([ASP]).replace('<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '<IIsFtpServer\tLocation ="/LM/MSFTPSVC/1"')
  .replace('</IIsWebVirtualDir>', '</IIsFtpServer>');

const codes = (stdout: string) => (JSON.parse(stdout) as Array<{ code: string }>).map((p) => p.code);

test('the extended schema differs from IIS 6\'s only where the test says', () => {
  assert.notEqual(EXTENDED, IIS_SCHEMA);
});

test('--schema: a schema that lets a key type hold a property makes it allowed there', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FTP);
  writeFileSync(join(dir, 'extended.xml'), EXTENDED);
  assert.deepEqual(codes(runCli(['--format=json', 'MetaBase.xml'], dir).stdout), ['scriptmaps-placement']);
  assert.deepEqual(runCli(['--format=json', '--schema', 'extended.xml', 'MetaBase.xml'], dir), { status: 0, stdout: '[]\n', stderr: '' });
});

test('an MBSchema.xml beside the linted file is used; --schema wins over it', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FTP);
  writeFileSync(join(dir, 'MBSchema.xml'), EXTENDED);
  writeFileSync(join(dir, 'iis.xml'), IIS_SCHEMA);
  assert.deepEqual(runCli(['--format=json', 'MetaBase.xml'], dir), { status: 0, stdout: '[]\n', stderr: '' });
  assert.deepEqual(codes(runCli(['--format=json', '--schema=iis.xml', 'MetaBase.xml'], dir).stdout), ['scriptmaps-placement']);
});

test('--schema with a broken schema: a message naming the file and the fault, exit 2, nothing linted', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FTP);
  writeFileSync(join(dir, 'broken.xml'), IIS_SCHEMA.slice(0, 5000));
  const result = runCli(['--schema', 'broken.xml', 'MetaBase.xml'], dir);
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^metabase-lint: cannot use the schema 'broken\.xml': MBSchema\.xml is not well-formed XML: .+\(line \d+, column \d+\)\n$/);
  const missing = runCli(['--schema', 'nowhere.xml', 'MetaBase.xml'], dir);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^metabase-lint: cannot read 'nowhere\.xml': /);
  const noValue = runCli(['MetaBase.xml', '--schema'], dir);
  assert.equal(noValue.status, 2);
  assert.match(noValue.stderr, /option '--schema' needs a value/);
});

test('a broken MBSchema.xml beside the file: said once, IIS 6\'s schema used, exit 2', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FTP);
  writeFileSync(join(dir, 'metabase_copy.xml'), FTP);
  writeFileSync(join(dir, 'MBSchema.xml'), '<MetaData><DatabaseMeta InternalName="METABASE"/></MetaData>');
  const result = runCli(['--format=json', 'MetaBase.xml', 'metabase_copy.xml'], dir);
  assert.equal(result.status, 2);
  assert.deepEqual(codes(result.stdout), ['scriptmaps-placement', 'scriptmaps-placement']);
  assert.equal(result.stderr, "metabase-lint: cannot use the schema 'MBSchema.xml': MBSchema.xml has no <Collection InternalName=\"IIsConfigObject\"> in <DatabaseMeta InternalName=\"METABASE\">; IIS 6's own schema is used instead\n");
});

test('an MBSchema.xml beside the file that is a FIFO, a link to /dev/zero, a directory or a dangling link: refused at once, exit 2', (t) => {
  const make: Array<[string, (path: string) => void, string]> = [
    ['fifo', (path) => execFileSync('mkfifo', [path]), 'it is not a regular file (a FIFO)'],
    ['zero', (path) => symlinkSync('/dev/zero', path), 'it is not a regular file (a character device)'],
    ['directory', (path) => mkdirSync(path), 'it is not a regular file (a directory)'],
    ['dangling', (path) => symlinkSync('nowhere.xml', path), 'no such file or directory'],
  ];
  for (const [name, create, fault] of make) {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'MetaBase.xml'), FTP);
    create(join(dir, 'MBSchema.xml'));
    const result = runCli(['--format=json', 'MetaBase.xml'], dir);
    assert.equal(result.status, 2, name);
    assert.deepEqual(codes(result.stdout), ['scriptmaps-placement'], name);
    assert.match(result.stderr, /^metabase-lint: cannot read 'MBSchema\.xml': (.+); IIS 6's own schema is used instead\n$/, name);
    assert.ok(result.stderr.includes(fault), `${name}: ${result.stderr}`);
  }
});

test('an empty MBSchema.xml beside the file: said so, with no position', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FTP);
  writeFileSync(join(dir, 'MBSchema.xml'), '');
  const result = runCli(['--format=json', 'MetaBase.xml'], dir);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, "metabase-lint: cannot use the schema 'MBSchema.xml': MBSchema.xml is empty; IIS 6's own schema is used instead\n");
});

test('--schema twice: exit 2, nothing linted, both named', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FTP);
  writeFileSync(join(dir, 'a.xml'), EXTENDED);
  writeFileSync(join(dir, 'b.xml'), IIS_SCHEMA);
  for (const args of [['--schema', 'a.xml', '--schema', 'b.xml'], ['--schema=a.xml', '--schema=a.xml']]) {
    const result = runCli([...args, 'MetaBase.xml'], dir);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^metabase-lint: --schema given twice \('a\.xml' and '[ab]\.xml'\): one schema checks every file \(see metabase-lint --help\)\n$/);
  }
});

test('a schema whose range is inverted (StartingNumber above EndingNumber) is refused, exit 2', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), FTP);
  writeFileSync(join(dir, 'inverted.xml'), IIS_SCHEMA.replace(/(<Property\s+InternalName ="AppPoolQueueLength"[^>]*?)StartingNumber="10"/, '$1StartingNumber="70000"'));
  const result = runCli(['--schema', 'inverted.xml', 'MetaBase.xml'], dir);
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^metabase-lint: cannot use the schema 'inverted\.xml': MBSchema\.xml: AppPoolQueueLength has StartingNumber="70000" above its EndingNumber="65535"\n$/);
});

test('a property of the schema that no key type lists: the message says so', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'MetaBase.xml'), metabase([ASP]).replace('ScriptMaps=', 'MyProp="1"\n\t\tScriptMaps='));
  writeFileSync(join(dir, 'MBSchema.xml'), IIS_SCHEMA.replace(/(<Collection\s+InternalName ="IIsConfigObject"[^>]*>)/,
    '$1\n\t\t\t<Property InternalName ="MyProp" ID ="70000" Type ="DWORD" UserType ="IIS_MD_UT_SERVER" Attributes ="INHERIT"/>'));
  const result = runCli(['--format=json', 'MetaBase.xml'], dir);
  assert.equal(result.stderr, '');
  assert.deepEqual((JSON.parse(result.stdout) as Array<{ code: string; message: string }>).map((p) => [p.code, p.message]), [['property-not-allowed',
    'the metabase schema does not allow MyProp on IIsWebVirtualDir keys; no key type of the schema lists it, so only untyped keys may hold it']]);
});
