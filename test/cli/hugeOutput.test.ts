// Output that cannot crash: many problems, huge messages, messages with control characters, a full disk.
// The reporters write piece by piece; the process-level tests check what a user gets.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { JsonReporter } from '../../server/src/cli/formats/json';
import { SarifReporter } from '../../server/src/cli/formats/sarif';
import { TextReporter } from '../../server/src/cli/formats/text';
import { CLI, runCli, tempDir, unknownAttributeKeys } from './helpers';

/** A metabase whose ScriptMaps are `items`, one per line starting on line 5 (no BOM, LF). */
function scriptMaps(items: string[]): string {
  return '<?xml version ="1.0"?>\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\n<MBProperty>\n' +
    `<IIsWebVirtualDir Location ="/LM/W3SVC/1/ROOT"\n${items.map((item, i) => (i === 0 ? 'ScriptMaps="' : '') + item).join('\n')}"\n>\n` +
    '</IIsWebVirtualDir>\n</MBProperty>\n</configuration>\n';
}

/** `count` items with a lower-case verb: one verb-case warning each, on lines 5 ... */
function lowerVerbs(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `.e${i},C:\\x\\e.dll,1,get`);
}

test('text: 150,000 problems in one file are all printed, aligned, with the summary', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), scriptMaps(lowerVerbs(150_000)));
  const result = runCli(['a.xml'], dir);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  const lines = result.stdout.split('\n');
  assert.equal(lines.length, 150_000 + 5);
  assert.equal(lines[2], '       5:30  warning  HTTP methods are case-sensitive: \'get\' does not match GET requests  verb-case');
  assert.equal(lines.at(-4), '  150004:23  warning  HTTP methods are case-sensitive: \'get\' does not match GET requests  verb-case');
  assert.equal(lines.at(-2), '\u2716 150000 problems (0 errors, 150000 warnings, 0 infos)');
});

test('text: a 200 KB field is quoted cut short, and its row does not widen the others', (t) => {
  const dir = tempDir(t);
  const flags = `5${'x'.repeat(200_000)}`;
  writeFileSync(join(dir, 'a.xml'), scriptMaps([`.php,C:\\x\\php.exe %s,${flags},GET`, ...lowerVerbs(3_000)]));
  const result = runCli(['a.xml'], dir);
  assert.equal(result.status, 1);
  const rows = result.stdout.split('\n').filter((line) => line.startsWith('  '));
  assert.equal(rows.length, 3_001);
  assert.equal(rows[0], `     5:34  error    the flags '${flags.slice(0, 100)}...' (200,001 characters) are not a decimal number: IIS cannot read the item and answers HTTP 500` +
    '  flags-not-a-number');
  assert.equal(rows[1], '     6:18  warning  HTTP methods are case-sensitive: \'get\' does not match GET requests  verb-case');
});

test('a character reference for a control character in a field is shown as a symbol in the message, in every format', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), scriptMaps(['.php,C:\\x\\php.exe %s,5&#9;x,GET']));
  const message = "the flags '5\u2409x' are not a decimal number: IIS cannot read the item and answers HTTP 500";
  assert.equal(runCli(['a.xml'], dir).stdout.split('\n')[2], `  5:34  error  ${message}  flags-not-a-number`);
  assert.equal(JSON.parse(runCli(['--format', 'json', 'a.xml'], dir).stdout)[0].message, message);
});

const at = (line: number, message: string): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
  severity: DiagnosticSeverity.Error,
  code: 'flags-not-a-number',
  message,
});

test('text: a 200 KB message is printed once, whole, and does not widen the other rows', () => {
  // The service cuts the text it quotes (service/quote.ts); the reporter does not count on it.
  let output = '';
  const text = new TextReporter((piece) => { output += piece; }, false);
  const huge = `the flags '5${'x'.repeat(200_000)}' are not a decimal number`;
  text.file({ path: 'a.xml', diagnostics: [at(4, huge), at(5, 'short')] });
  const rows = output.split('\n').filter((line) => line.startsWith('  '));
  const first = `  5:1  error  ${huge}  flags-not-a-number`;
  // Not assert.equal: a failure would print 200 KB twice.
  assert.ok(rows[0] === first, `first row: ${rows[0].length} characters, expected ${first.length}`);
  assert.equal(rows[1], '  6:1  error  short  flags-not-a-number');
});

test('text: line breaks and other control characters in messages and paths are shown as symbols', () => {
  let output = '';
  const text = new TextReporter((piece) => { output += piece; }, false);
  text.file({ path: 'a\nb.xml', diagnostics: [at(0, 'one\r\ntwo\tthree\x1b[31m\x7f\x85\u2028\u202eend\u2066')] });
  text.end({ errors: 1, warnings: 0, infos: 0 });
  assert.equal(output, '\na\u240ab.xml\n  1:1  error  one\u240d\u240atwo\u2409three\u241b[31m\u2421<U+0085><U+2028><U+202E>end<U+2066>  flags-not-a-number\n\n' +
    '\u2716 1 problem (1 error, 0 warnings, 0 infos)\n');
});

test('json and sarif: messages with line breaks stay valid JSON and keep their text', () => {
  const message = 'one\r\ntwo\n\u2028"three"\x00';
  let json = '';
  const jsonReporter = new JsonReporter((piece) => { json += piece; });
  jsonReporter.file({ path: 'a.xml', diagnostics: [at(0, message), at(1, message)] });
  jsonReporter.end();
  assert.deepEqual(JSON.parse(json).map((p: { message: string; line: number }) => `${p.line} ${p.message}`),
    [`1 ${message}`, `2 ${message}`]);
  let sarif = '';
  const sarifReporter = new SarifReporter((piece) => { sarif += piece; }, '1.0.0', '/work');
  sarifReporter.file({ path: 'a.xml', diagnostics: [at(0, message)] });
  sarifReporter.file({ path: 'b.xml', diagnostics: [at(1, message)] });
  sarifReporter.end();
  const results = JSON.parse(sarif).runs[0].results;
  assert.deepEqual(results.map((r: { message: { text: string } }) => r.message.text), [message, message]);
  assert.deepEqual(results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
    r.locations[0].physicalLocation.artifactLocation.uri), ['a.xml', 'b.xml']);
});

test('sarif and json: an empty report is still a whole document', () => {
  let sarif = '';
  const sarifReporter = new SarifReporter((piece) => { sarif += piece; }, '1.0.0', '/work');
  sarifReporter.end();
  assert.deepEqual(JSON.parse(sarif).runs[0].results, []);
  let json = '';
  new JsonReporter((piece) => { json += piece; }).end();
  assert.equal(json, '[]\n');
});

test('sarif: 100,000 results are written in small pieces, and the log parses', () => {
  // The log is checked line by line: the layout around the results, then each result. The million-result
  // log through the CLI is the slow test at the end.
  const diagnostics = Array.from({ length: 100_000 }, (_, i) => at(i, 'm'));
  let largest = 0;
  let layout = '';
  let line = '';
  let results = 0;
  const take = (complete: string) => {
    if (/^ {6}\{/.test(complete)) {
      JSON.parse(complete.replace(/,$/, ''));
      results++;
    } else layout += `${complete}\n`;
  };
  const sarif = new SarifReporter((piece) => {
    largest = Math.max(largest, piece.length);
    const lines = (line + piece).split('\n');
    line = lines.pop() ?? '';
    for (const complete of lines) take(complete);
  }, '1.0.0', '/work');
  sarif.file({ path: 'a.xml', diagnostics });
  sarif.end();
  take(line);
  assert.equal(results, 100_000);
  assert.deepEqual(JSON.parse(layout).runs[0].results, []);
  assert.ok(largest < 100_000, `largest piece ${largest}`);
});

for (const args of [[], ['--format', 'sarif'], ['--format', 'json'], ['--jobs', '2', 'b.xml'], ['--fix']]) {
  test(`output to a full disk exits 2 with one line that says so, never 1 nor a stack (${args.join(' ') || 'text'})`, (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'a.xml'), scriptMaps(lowerVerbs(3_000)));
    writeFileSync(join(dir, 'b.xml'), scriptMaps(lowerVerbs(3)));
    const full = openSync('/dev/full', 'w');
    t.after(() => closeSync(full));
    const result = spawnSync(process.execPath, [CLI, 'a.xml', ...args], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    assert.equal(result.stderr, 'metabase-lint: cannot write the output: ENOSPC: no space left on device, write\n');
    assert.equal(result.status, 2);
    // --fix still fixes: the run ends as it would have.
    if (args.includes('--fix')) assert.doesNotMatch(readFileSync(join(dir, 'a.xml'), 'utf8'), /,get/);
  });
}

for (const jobs of ['1', '2']) {
  test(`messages that cannot be written (stderr on a full disk) are dropped: the run ends as it would have (--jobs ${jobs})`, (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'bad.xml'), Buffer.from([0x3c, 0xff, 0xfe, 0x00, 0x3e]));
    writeFileSync(join(dir, 'a.xml'), scriptMaps(lowerVerbs(3)));
    const full = openSync('/dev/full', 'w');
    t.after(() => closeSync(full));
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, '--jobs', jobs, ...args], { cwd: dir, stdio: ['ignore', 'pipe', full], encoding: 'utf8' });
    // A file that cannot be read or decoded: exit 2 with nothing said, the other file still reported and fixed.
    const result = run(['bad.xml', 'a.xml']);
    assert.equal(result.status, 2);
    assert.match(result.stdout, /a\.xml/);
    assert.equal(run(['--fix', 'bad.xml', 'a.xml']).status, 2);
    assert.doesNotMatch(readFileSync(join(dir, 'a.xml'), 'utf8'), /,get/);
    assert.equal(run(['--bogus']).status, 2);
  });
}

/** A metabase of `keys` keys of unknownAttributeKeys: 100 property-unknown warnings a key. */
function unknownNames(keys: number): string {
  return '<?xml version ="1.0"?>\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\n<MBProperty>\n' +
    `${unknownAttributeKeys(keys)}</MBProperty>\n</configuration>\n`;
}

/** The CLI in a heap of `megabytes`, its output read through a pipe. */
function runInHeap(megabytes: number, args: string[], cwd: string) {
  return spawnSync(process.execPath, [`--max-old-space-size=${megabytes}`, CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: Infinity, timeout: 60_000 });
}

test('piped output is written as it is made: 300,000 SARIF results through a pipe fit in a 192 MB heap', (t) => {
  // Held until the pipe took it (Node's pipes are asynchronous), the 100 MB log ran the heap out and the process aborted.
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), unknownNames(3_000));
  const result = runInHeap(192, ['--format', 'sarif', 'a.xml'], dir);
  assert.equal(result.signal, null);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.equal(JSON.parse(result.stdout).runs[0].results.length, 300_000);
});

test('a reader that stops early: the rest of the output is dropped, not held (300,000 SARIF results in a 192 MB heap)', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), unknownNames(3_000));
  const child = spawn(process.execPath, ['--max-old-space-size=192', CLI, '--format', 'sarif', 'a.xml'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  // As `| head -c 100` does: the first piece is read, then the pipe is closed.
  child.stdout.once('data', () => child.stdout.destroy());
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (c, s) => done([c, s])));
  assert.equal(signal, null, stderr.slice(0, 300));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('a file whose problems do not fit in memory is given up with a message, and the next files are linted', (t) => {
  // The heap then holds the garbage of the file given up: the next one is judged by what it needs itself.
  const dir = tempDir(t);
  writeFileSync(join(dir, 'big.xml'), unknownNames(10_000));
  writeFileSync(join(dir, 'mid.xml'), unknownNames(600));
  writeFileSync(join(dir, 'small.xml'), scriptMaps(lowerVerbs(3)));
  const result = runInHeap(96, ['big.xml', 'mid.xml', 'small.xml'], dir);
  assert.match(result.stderr, /^metabase-lint: cannot lint 'big\.xml': it needs more memory than Node has \(\d+ MB; more is given with NODE_OPTIONS=--max-old-space-size=<megabytes>\)\n$/);
  assert.equal(result.status, 2);
  assert.match(result.stdout, /^\nmid\.xml\n +4:50 +warning/);
  assert.match(result.stdout, /\nsmall\.xml\n {2}5:30 {2}warning/);
  assert.match(result.stdout, /\u2716 60003 problems \(0 errors, 60003 warnings, 0 infos\)\n$/);
});

// A million problems of one list through the process take about 20 s and 2.8 GB (the list is read whole): run with METABASE_LINT_SLOW_TESTS=1.
test('sarif: 1,000,000 problems through the CLI give a valid log', { skip: !process.env.METABASE_LINT_SLOW_TESTS }, (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.xml'), scriptMaps(lowerVerbs(1_000_000)));
  const out = openSync(join(dir, 'log.sarif'), 'w');
  const result = spawnSync(process.execPath, [CLI, '--format', 'sarif', 'a.xml'], { cwd: dir, stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
  closeSync(out);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  // An independent parser that takes a 300 MB document.
  const count = spawnSync('python3', ['-c', "import json,sys; print(len(json.load(open(sys.argv[1]))['runs'][0]['results']))",
    join(dir, 'log.sarif')], { encoding: 'utf8' });
  assert.equal(count.stdout, '1000000\n');
});
