import assert from 'node:assert/strict';
import {
  chmodSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB, metabase, runCli, runCliWithoutPrivileges, tempDir } from './helpers';

const SHTML_FIXED = SHTML_LOWER_VERB.replace(',get,', ',GET,');
const SPACED_VERBS = '.cfm,C:\\CFusion\\bin\\iscf.dll,5,GET, HEAD, POST';
const PERL_UNQUOTED = '.pl,C:\\Program Files\\Perl\\bin\\perl.exe %s %s,5,GET,HEAD,POST';

test('--fix rewrites the fixable items only, keeps BOM and CRLF, reports what remains', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'MetaBase.xml');
  writeFileSync(file, metabase([ASP, PERL_UNQUOTED, PHP_BAD_FLAGS, SHTML_LOWER_VERB, SPACED_VERBS]));
  const result = runCli(['--fix', 'MetaBase.xml'], dir);
  assert.equal(readFileSync(file, 'utf8'), metabase([
    ASP,
    '.pl,&quot;C:\\Program Files\\Perl\\bin\\perl.exe&quot; %s %s,5,GET,HEAD,POST',
    PHP_BAD_FLAGS,
    SHTML_FIXED,
    '.cfm,C:\\CFusion\\bin\\iscf.dll,5,GET,HEAD,POST',
  ]));
  assert.equal(result.stdout, '\nMetaBase.xml\n' +
    "  7:43  error  the flags '5x' are not a decimal number: IIS cannot read the item and answers HTTP 500  flags-not-a-number\n\n" +
    '\u2716 1 problem (1 error, 0 warnings, 0 infos)\n');
  assert.equal(result.status, 1);
  assert.deepEqual(readdirSync(dir), ['MetaBase.xml']);
});

test('--fix exits 0 when every problem was fixed; a file without BOM stays without', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'a.xml');
  writeFileSync(file, metabase([ASP, SHTML_LOWER_VERB], { bom: false, eol: '\n' }));
  assert.deepEqual(runCli(['--fix', 'a.xml'], dir), { status: 0, stdout: '', stderr: '' });
  assert.equal(readFileSync(file, 'utf8'), metabase([ASP, SHTML_FIXED], { bom: false, eol: '\n' }));
});

test('--fix replaces the file by a rename and keeps its mode', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'a.xml');
  writeFileSync(file, metabase([ASP, SHTML_LOWER_VERB]));
  chmodSync(file, 0o640);
  const before = statSync(file);
  runCli(['--fix', 'a.xml'], dir);
  const after = statSync(file);
  assert.notEqual(after.ino, before.ino);
  assert.equal(after.mode & 0o7777, 0o640);
  assert.deepEqual(readdirSync(dir), ['a.xml']);
});

test('--fix leaves a file with nothing to fix untouched: same bytes, same mtime', (t) => {
  const dir = tempDir(t);
  const clean = join(dir, 'clean.xml');
  const unfixable = join(dir, 'unfixable.xml');
  const turnedOff = join(dir, 'off.xml');
  writeFileSync(clean, metabase([ASP]));
  writeFileSync(unfixable, metabase([ASP, PHP_BAD_FLAGS]));
  writeFileSync(turnedOff, metabase([ASP, SHTML_LOWER_VERB]));
  const past = new Date('2003-04-24T12:00:00Z');
  for (const file of [clean, unfixable, turnedOff]) utimesSync(file, past, past);
  runCli(['--fix', '--rule', 'verb-case=off', 'clean.xml', 'unfixable.xml', 'off.xml'], dir);
  for (const file of [clean, unfixable, turnedOff]) assert.equal(statSync(file).mtimeMs, past.getTime(), file);
  assert.equal(readFileSync(clean, 'utf8'), metabase([ASP]));
  assert.equal(readFileSync(unfixable, 'utf8'), metabase([ASP, PHP_BAD_FLAGS]));
  assert.equal(readFileSync(turnedOff, 'utf8'), metabase([ASP, SHTML_LOWER_VERB]));
  assert.deepEqual(readdirSync(dir).sort(), ['clean.xml', 'off.xml', 'unfixable.xml']);
});

test('--fix through a symbolic link writes the target and keeps the link', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'real.xml'), metabase([ASP, SHTML_LOWER_VERB]));
  symlinkSync('real.xml', join(dir, 'link.xml'));
  runCli(['--fix', 'link.xml'], dir);
  assert.ok(lstatSync(join(dir, 'link.xml')).isSymbolicLink());
  assert.equal(readlinkSync(join(dir, 'link.xml')), 'real.xml');
  assert.equal(readFileSync(join(dir, 'real.xml'), 'utf8'), metabase([ASP, SHTML_FIXED]));
});

test('a file that is not valid UTF-8 is neither linted nor fixed: one message naming the byte, exit 2', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'a.xml');
  // A trailing comment '<!--\xff-->' holds a byte that is not UTF-8.
  const comment = Buffer.from([0x3c, 0x21, 0x2d, 0x2d, 0xff, 0x2d, 0x2d, 0x3e]);
  const text = Buffer.from(metabase([ASP, SHTML_LOWER_VERB]));
  const bytes = Buffer.concat([text, comment]);
  writeFileSync(file, bytes);
  // The byte is the comment's fifth character, on the text's last line.
  const lines = text.toString().split(/\r\n|\r|\n/);
  const lastLine = lines.length;
  const lastColumn = lines[lines.length - 1].length + 5;
  const result = runCli(['--fix', 'a.xml'], dir);
  assert.deepEqual(readFileSync(file), bytes);
  assert.deepEqual(result, {
    status: 2, stdout: '', stderr: `metabase-lint: cannot read 'a.xml': it is not valid UTF-8: byte 0xff at offset ${text.length + 4} (line ${lastLine}, column ${lastColumn})\n`,
  });
});

test('--fix that cannot write keeps the original and leaves no temporary file', (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'a.xml');
    writeFileSync(file, metabase([ASP, SHTML_LOWER_VERB]));
    chmodSync(dir, 0o555);
    const result = runCliWithoutPrivileges(['--fix', 'a.xml'], dir);
    chmodSync(dir, 0o755);
    assert.match(result.stderr, /^metabase-lint: cannot write 'a\.xml': EACCES: permission denied\n$/);
    assert.equal(result.status, 2);
    assert.equal(readFileSync(file, 'utf8'), metabase([ASP, SHTML_LOWER_VERB]));
    assert.deepEqual(readdirSync(dir), ['a.xml']);
  });
