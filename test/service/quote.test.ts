// Text of the document as messages quote it (service/quote.ts): whole when short, else cut at SHOWN with
// its length said, never inside a surrogate pair, and with control characters as symbols.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHOWN, clip, printable, quoted } from '../../server/src/service/quote';

test('a short text is shown as it is, an empty one too', () => {
  assert.equal(quoted('.asp'), "'.asp'");
  assert.equal(clip('/LM/W3SVC/1/ROOT'), '/LM/W3SVC/1/ROOT');
  assert.equal(quoted(''), "''");
  assert.equal(clip(''), '');
  assert.equal(quoted('IIsWebServer', '<', '>'), '<IIsWebServer>');
});

test('a text of SHOWN characters is whole; one more and it is cut, with its length after the quotes', () => {
  const path = `C:\\${'x'.repeat(SHOWN - 3)}`;
  assert.equal(quoted(path), `'${path}'`);
  assert.equal(quoted(`${path}y`), `'${path}...' (101 characters)`);
  assert.equal(clip(`${path}y`), `${path}... (101 characters)`);
  assert.equal(quoted('a'.repeat(100_000), '</', '>'), `</${'a'.repeat(SHOWN)}...> (100,000 characters)`);
});

test('the longest paths that IIS and its installers write are shown whole', () => {
  const frontPage = 'C:\\Program Files\\Common Files\\Microsoft Shared\\Web Server Extensions\\50\\isapi\\_vti_aut\\author.dll';
  assert.equal(quoted(frontPage), `'${frontPage}'`);
});

test('a surrogate pair at the cut is kept whole or left out, never cut in half', () => {
  const emoji = '\u{1F600}';
  // The pair would straddle the cut: it is left out.
  assert.equal(clip(`${'a'.repeat(SHOWN - 1)}${emoji}b`), `${'a'.repeat(SHOWN - 1)}... (${SHOWN + 2} characters)`);
  // The pair ends at the cut: it is kept.
  assert.equal(clip(`${'a'.repeat(SHOWN - 2)}${emoji}b`), `${'a'.repeat(SHOWN - 2)}${emoji}... (${SHOWN + 1} characters)`);
  // Text made of pairs only.
  const cut = clip(emoji.repeat(SHOWN));
  assert.equal(cut, `${emoji.repeat(SHOWN / 2)}... (${2 * SHOWN} characters)`);
});

test('control characters are shown as symbols, so that a message stays one line', () => {
  assert.equal(quoted('5\tx'), "'5\u2409x'");
  assert.equal(clip('a\r\nb'), 'a\u240d\u240ab');
  assert.equal(quoted('\u202eexe.txt'), "'<U+202E>exe.txt'");
  assert.equal(printable('one\r\ntwo\tthree\x1b[31m\x7f\x85\u2028\u202eend\u2066'),
    'one\u240d\u240atwo\u2409three\u241b[31m\u2421<U+0085><U+2028><U+202E>end<U+2066>');
});

test('symbols that take more room than their character still fit in SHOWN', () => {
  assert.equal(clip('\u202e'.repeat(SHOWN)), `${'<U+202E>'.repeat(Math.floor(SHOWN / 8))}... (${SHOWN} characters)`);
});
