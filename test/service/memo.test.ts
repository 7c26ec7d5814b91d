// The item memos (model/memo.ts) are a pure cache: with them off, every finding, fix and fact is the same.
// Documents are checked with the memos off, then on twice (cold, then warm: items met in earlier documents,
// at other offsets, come from the memo), and everything compared exactly.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateText } from '../../bench/generate';
import { fixAll, parseModel } from '../../server/src/service';
import { setMemos } from '../../server/src/service/model/memo';
import { checkSegment } from '../../server/src/service/rules';
import { keyFacts } from '../../server/src/service/rules/cross/facts';
import { iisSchemaFacts } from '../../server/src/service/schema';
import { scanSegment } from '../../server/src/service/xml/scanner';
import { INITIAL_STATE } from '../../server/src/service/xml/tree';
import { documentArb, scriptMapsDocumentArb } from '../fuzz/arbitraries';
import { key, list, withEol, wrapKeys } from './helpers';

/** Every segment's findings with their fixes, the model's findings (related segments by start), each key's facts, fix-all's edits. */
function everything(text: string): unknown {
  const facts = iisSchemaFacts();
  const segments: unknown[] = [];
  let state = INITIAL_STATE;
  for (let pos = 0; pos < text.length;) {
    const segment = scanSegment(text, pos, state);
    segments.push(checkSegment(text, segment, facts));
    pos = segment.end;
    state = segment.after;
  }
  const model = parseModel(text);
  const stored = model.segments.map((s) => ({
    findings: s.findings, keyFindings: s.keyFindings,
    crossFindings: s.crossFindings.map((f) => ({ ...f, related: f.related?.map((r) => ({ ...r, segment: r.segment.start })) })),
  }));
  const edits = fixAll(TextDocument.create('file:///m.xml', 'iis-metabase', 1, text), model);
  const keys = model.segments.filter((s) => s.key).map((s) => keyFacts(text, s, facts));
  return { segments, stored, keys, edits };
}

function compare(texts: string[]): void {
  try {
    setMemos(false);
    const expected = texts.map(everything);
    setMemos(true);
    for (const pass of ['cold', 'warm']) {
      texts.forEach((text, i) => assert.deepStrictEqual(everything(text), expected[i], `${pass} memo, document ${i}:\n${text}`));
    }
  } finally {
    setMemos(true);
  }
}

/** A metabase with one virtual directory per list, in the layout IIS writes (CRLF). */
function lists(...values: string[][]): string {
  const keys = values.flatMap((items, i) => key('IIsWebVirtualDir', `/LM/W3SVC/1/ROOT/v${i}`, `ScriptMaps="${list(...items)}"`));
  return withEol(wrapKeys(keys), 'CRLF');
}

const ASP = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';
const SSI = '.shtm,C:\\WINDOWS\\system32\\inetsrv\\ssinc.dll,5,GET,POST';
const PERL = '.pl,&quot;C:\\Perl\\bin\\perl.exe&quot; &quot;%s&quot; %s,5,GET,HEAD,POST';
const PERL_BAD = '.plx,&quot;C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,5x,get';

describe('item memos', () => {
  it('change nothing on lists of known items in new combinations: duplicates, entities, blanks, references', () => {
    // Each list after the first is new as a whole, made of items met before: the rules must still see
    // what only the whole list shows (a duplicate extension, a blank item, a line break written `&#10;`).
    compare([lists(
      [ASP, SSI, PERL, PERL_BAD],
      [SSI, ASP],
      [ASP, PERL, ASP],
      [PERL, SSI, PERL.toUpperCase()],
      [ASP, '', SSI],
      [PERL_BAD, ASP, PERL_BAD],
      [`${ASP}&#10;${SSI}`, PERL],
      [`   ${ASP}`, SSI],
      [PERL, `${SSI} `],
      [PERL_BAD],
    )]);
  });

  it('change nothing on the IIS-written metabase and a generated one (items repeated at many offsets)', () => {
    compare([
      readFileSync('test/fixtures/iis-written/MetaBase.xml', 'utf8'), readFileSync('examples/MetaBase.xml', 'utf8'),
      generateText({ seed: 7, targetBytes: 300_000, mistakeEvery: 3 }),
    ]);
  });

  it('change nothing on random metabases with faults, and on random ScriptMaps lists', () => {
    const seed = 20261128;
    compare(fc.sample(documentArb({ faults: true }), { seed, numRuns: 150 }).map((d) => d.text));
    compare(fc.sample(scriptMapsDocumentArb(), { seed, numRuns: 300 }).map((d) => d.text));
  });
});
