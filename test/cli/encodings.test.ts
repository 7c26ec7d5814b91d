// The encodings metabases come in: UTF-8 with or without BOM, UTF-16 LE or BE with a BOM. --fix writes the
// bytes back in the same encoding; a file that cannot be decoded gets one message and exit 2.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB, metabase, runCli, tempDir } from './helpers';

const BEFORE = metabase([ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB], { bom: false });
const AFTER = metabase([ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB.replace(',get,', ',GET,')], { bom: false });

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return order === 'be' ? bytes.swap16() : bytes;
}

for (const order of ['le', 'be'] as const) {
  test(`UTF-16 ${order.toUpperCase()} with a BOM: linted like UTF-8, fixed byte for byte in the same encoding`, (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'a.xml');
    writeFileSync(file, utf16(BEFORE, order));
    const lint = runCli(['--format', 'json', 'a.xml'], dir);
    assert.deepEqual(JSON.parse(lint.stdout).map((p: { line: number; column: number; code: string }) => `${p.line}:${p.column} ${p.code}`),
      ['6:43 flags-not-a-number', '7:51 verb-case']);
    const fix = runCli(['--fix', '--format', 'json', 'a.xml'], dir);
    assert.equal(fix.stderr, '');
    assert.deepEqual(readFileSync(file), utf16(AFTER, order));
  });
}

test('UTF-8 with and without BOM: --fix keeps each as it was', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'bom.xml'), `\uFEFF${BEFORE}`);
  writeFileSync(join(dir, 'plain.xml'), BEFORE);
  runCli(['--fix', 'bom.xml', 'plain.xml'], dir);
  assert.deepEqual(readFileSync(join(dir, 'bom.xml')), Buffer.from(`\uFEFF${AFTER}`));
  assert.deepEqual(readFileSync(join(dir, 'plain.xml')), Buffer.from(AFTER));
});

/** Line and column (1-based) of an offset of an ASCII text, as an editor shows them. */
function lineColumn(text: string, offset: number): string {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `line ${lines.length}, column ${lines[lines.length - 1].length + 1}`;
}

test('files that cannot be decoded: one message naming the problem, exit 2, the file untouched', (t) => {
  const dir = tempDir(t);
  const cases: [string, Buffer, string][] = [
    ['noBom16.xml', Buffer.from(BEFORE, 'utf16le'),
      'it contains NUL bytes: UTF-16 without a byte order mark? Save it as UTF-8 or as UTF-16 with a BOM'],
    ['odd16.xml', Buffer.concat([utf16(BEFORE, 'le'), Buffer.from([0x20])]),
      `it is not valid UTF-16LE: an odd number of bytes (${utf16(BEFORE, 'le').length + 1} with the BOM)`],
    ['surrogate16.xml', Buffer.concat([utf16(BEFORE, 'be'), Buffer.from([0xd8, 0x00, 0x00, 0x41])]), 'it is not valid UTF-16BE'],
    ['latin1.xml', Buffer.from(BEFORE.replace('C:\\PHP', 'C:\\Pr\xfcfung'), 'latin1'),
      `it is not valid UTF-8 (and has no byte order mark): byte 0xfc at offset ${BEFORE.indexOf('C:\\PHP') + 5} (${lineColumn(BEFORE, BEFORE.indexOf('C:\\PHP') + 5)})`],
    ['lead.xml', Buffer.concat([Buffer.from(BEFORE.slice(0, BEFORE.indexOf('C:\\PHP'))), Buffer.from([0xc3, 0x28]), Buffer.from(BEFORE.slice(BEFORE.indexOf('C:\\PHP')))]),
      `it is not valid UTF-8 (and has no byte order mark): byte 0xc3 at offset ${BEFORE.indexOf('C:\\PHP')} (${lineColumn(BEFORE, BEFORE.indexOf('C:\\PHP'))})`],
    ['cut.xml', Buffer.concat([Buffer.from(`\uFEFF${BEFORE}`), Buffer.from([0xe2, 0x82])]),
      'it is not valid UTF-8: a character is cut off at the end'],
    ['utf32le.xml', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...BEFORE].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0]))]),
      'it is UTF-32 (its byte order mark says so): save it as UTF-8 or as UTF-16 with a BOM'],
    ['utf32be.xml', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...[...BEFORE].map((c) => Buffer.from([0, 0, 0, c.charCodeAt(0)]))]),
      'it is UTF-32 (its byte order mark says so): save it as UTF-8 or as UTF-16 with a BOM'],
  ];
  for (const [name, bytes, reason] of cases) {
    writeFileSync(join(dir, name), bytes);
    assert.deepEqual(runCli(['--fix', name], dir), { status: 2, stdout: '', stderr: `metabase-lint: cannot read '${name}': ${reason}\n` }, name);
    assert.deepEqual(readFileSync(join(dir, name)), bytes, name);
  }
});
