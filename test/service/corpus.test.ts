// The real MetaBase.xml written by IIS 6: no error, and (today) no warning either.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { check, fixAllEdits, hoverAt, hoverMarkdown, withEol } from './helpers';

const REAL = 'test/fixtures/iis-written/MetaBase.xml';

function readReal(): string {
  const raw = readFileSync(REAL, 'utf8');
  assert.equal(raw.charCodeAt(0), 0xfeff, 'IIS writes a BOM');
  return raw.slice(1);
}

describe('the real corpus', () => {
  for (const eol of ['LF', 'CRLF', 'CR'] as const) {
    test(`no diagnostic at all [${eol}]`, () => {
      const text = withEol(readReal().replace(/\r\n?/g, '\n'), eol);
      const found = check(text);
      assert.deepEqual(found.filter((f) => f.severity === 'error'), [], 'no error');
      assert.deepEqual(found, [], 'no warning or information either');
    });
  }
  test('with the U+FEFF left in the text', () => {
    assert.deepEqual(check(`\ufeff${readReal()}`), []);
  });
  test('fix-all has nothing to do', () => {
    assert.deepEqual(fixAllEdits(readReal()), []);
  });
  test('it holds the ScriptMaps of /LM/W3SVC, and the hover on it works', () => {
    const text = readReal();
    const i = text.indexOf('ScriptMaps=');
    assert.ok(i > 0);
    assert.match(hoverMarkdown(hoverAt(text, i)), /IIsWebService `\/LM\/W3SVC`/);
  });
});

describe('what installers write (a reconstructed metabase, see its NOTICE.md)', () => {
  const INSTALLERS = 'test/fixtures/installer-written/MetaBase.xml';
  test('no error and no warning; only advice', () => {
    const raw = readFileSync(INSTALLERS, 'utf8');
    assert.equal(raw.charCodeAt(0), 0xfeff);
    const found = check(raw.slice(1));
    assert.deepEqual(found.filter((f) => f.severity !== 'information').map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`), []);
    assert.deepEqual([...new Set(found.map((f) => f.code))].sort(), ['scriptmaps-override-drops', 'unquoted-dll-path', 'verbs-missing']);
  });
});
