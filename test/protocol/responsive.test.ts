// The server stays responsive while it validates a big document: it builds models in slices of about 20 ms,
// so a hover on another document is answered before the big document's diagnostics; and a build overtaken by
// a newer version is dropped, never published.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { generateText } from '../../bench/generate';
import { DEFAULT_SETTINGS, PUSH_CLIENT } from './lspClient';
import { TEXT } from './fixture';
import { Doc, Session, assertRangesInside, expectedDiagnostics } from './lsp';

const BIG_BYTES = 9_000_000;
const WAIT_MS = 60_000;

describe('responsiveness while a big document is validated', () => {
  let session: Session;
  let small: Doc;
  let big: Doc;
  let text: string;

  before(async () => {
    text = generateText({ seed: 20240601, targetBytes: BIG_BYTES, mistakeEvery: 200 });
    session = await Session.start(PUSH_CLIENT);
    small = new Doc(session, 'file:///responsive/small/MetaBase.xml');
    await small.open(TEXT);
    await small.expectInSync('small document opened');
    big = new Doc(session, 'file:///responsive/big/MetaBase.xml');
  });
  after(() => session.kill());

  /** Whether the server has published anything for the big document from `published[since]` on. */
  const bigPublished = (since: number) => session.client.published.slice(since).some((p) => p.uri === big.uri);

  /** A hover on the small document: when it was answered, and whether the big document's diagnostics had come. */
  async function hoverSmall(since: number): Promise<{ ms: number; beforeBig: boolean }> {
    const start = Date.now();
    const result = await session.hover(small.uri, { line: 5, character: 4 });
    // Messages are handled one at a time: a publish that came before this answer is in `published` now.
    const beforeBig = !bigPublished(since);
    // Line 5, character 4 is the extension `pl`: its item's field table.
    assert.notEqual(result, null);
    assert.match(JSON.stringify(result!.contents), /Extension/);
    return { ms: Date.now() - start, beforeBig };
  }

  it(`answers a hover on a small document before the diagnostics of a ${BIG_BYTES / 1e6} MB one`, async () => {
    assert.ok(text.length >= 8e6 && text.length <= 10e6, `the big metabase has ${text.length} characters`);
    const since = session.client.published.length;
    // A second hover once the server asks for the big document's settings: right after the answer it starts
    // building the model, and the hover arrives during the build.
    let duringBuild: Promise<{ ms: number; beforeBig: boolean }> | undefined;
    session.client.settingsFor = (scope) => {
      if (scope === big.uri && !duringBuild) duringBuild = new Promise((resolve) => setImmediate(resolve)).then(() => hoverSmall(since));
      return DEFAULT_SETTINGS;
    };
    try {
      const opened = Date.now();
      await big.open(text);
      const first = await hoverSmall(since);
      const { diagnostics } = await big.published(WAIT_MS);
      const total = Date.now() - opened;
      assert.ok(duringBuild, 'the server never asked for the big document\'s settings');
      const second = await duringBuild;
      console.log(`# didOpen -> publish ${total} ms; hover right after didOpen ${first.ms} ms, during the build ${second.ms} ms`);
      assert.ok(first.beforeBig, 'the hover sent right after didOpen was answered after the big document\'s diagnostics');
      assert.ok(second.beforeBig, 'the hover sent when the build started was answered after the big document\'s diagnostics');
      assertRangesInside(big.uri, text, diagnostics, 'big document');
      assert.deepEqual(diagnostics, expectedDiagnostics(big.uri, text));
    } finally {
      session.client.settingsFor = () => DEFAULT_SETTINGS;
    }
    session.assertAlive();
  });

  /** The big text with one mistake: `from` (its first occurrence) written as `to`. */
  function variant(from: string, to: string): string {
    const at = text.indexOf(from);
    assert.ok(at >= 0, `no ${from} in the big text`);
    return text.slice(0, at) + to + text.slice(at + from.length);
  }

  async function expectOnlyNewest(overtaken: number, what: string): Promise<void> {
    const { diagnostics } = await big.published(WAIT_MS);
    // One more round trip: a publish still on its way would be here by now.
    await session.hover(small.uri, { line: 0, character: 0 });
    const versions = session.client.published.filter((p) => p.uri === big.uri).map((p) => p.version);
    assert.ok(!versions.includes(overtaken), `${what}: diagnostics of the overtaken version ${overtaken} were published (versions: ${versions})`);
    assertRangesInside(big.uri, big.text, diagnostics, what);
    assert.deepEqual(diagnostics, expectedDiagnostics(big.uri, big.text), `${what}: the newest version's diagnostics`);
  }

  // The server drops a build once it has *received* a newer version, and a message that comes in during a build
  // is handled only 2-4 slices (40-80 ms) later: the reader, the message queue and the writer each wait for
  // their turn between slices, and input is read a socket buffer (~200 KB) per slice, ~12 MB/s. A 9 MB build
  // takes 5-6 slices once warm, so a change sent after a round trip may come too late to overtake it, and a
  // second 9 MB change always comes after the first one's build is done. Hence: the overtaking change is
  // small, and the build it must overtake after a round trip is twice as big.

  it('a 9 MB full change, then at once a small one: the big build is dropped, never published', async () => {
    const overtaken = big.version + 1;
    // One write: the small change is received right behind the big one, on a loaded machine too.
    await big.changeTogether([[{ text: variant(',5,GET', ',5x,GET') }], [{ text: generateText({ seed: 1, sites: 3 }) }]]);
    await expectOnlyNewest(overtaken, 'a small change right after');
    session.assertAlive();
  });

  // A build is never dropped (requests wait for one build at most, however fast edits come): it may be
  // published if it is done before the newer version is received, but never after the newer one.
  it('an 18 MB full change, then a small one once its build is under way: the small one is published last, and right', async () => {
    const twice = generateText({ seed: 3, targetBytes: 2 * BIG_BYTES });
    const since = session.client.published.length;
    await big.change([{ text: twice }]);
    // The hover is handled after the change, whose validation is scheduled with it: the build is under way.
    const during = await hoverSmall(since);
    assert.ok(during.beforeBig, 'the build finished before the hover was answered');
    await big.change([{ text: TEXT }]);
    const { diagnostics } = await big.published(WAIT_MS);
    await session.hover(small.uri, { line: 0, character: 0 });
    const versions = session.client.published.slice(since).filter((p) => p.uri === big.uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published out of order: ${versions}`);
    assert.equal(versions.at(-1), big.version);
    assert.deepEqual(diagnostics, expectedDiagnostics(big.uri, big.text));
    session.assertAlive();
  });

  it('two 9 MB full changes back to back: versions published in order, the newest last and right', async () => {
    const since = session.client.published.length;
    await big.change([{ text: variant('.asp,', 'asp,') }]);
    await big.change([{ text: variant('C:\\WINDOWS', 'C:\\WIN DOWS') }]);
    const { diagnostics } = await big.published(WAIT_MS);
    await session.hover(small.uri, { line: 0, character: 0 });
    const versions = session.client.published.slice(since).filter((p) => p.uri === big.uri).map((p) => p.version!);
    console.log(`# two 9 MB changes back to back: published versions ${versions}`);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published out of order: ${versions}`);
    assert.equal(versions.at(-1), big.version);
    assert.deepEqual(diagnostics, expectedDiagnostics(big.uri, big.text));
    session.assertAlive();
  });

  it('shuts down with exit code 0, never having exited before', async () => {
    assert.equal(await session.shutdown(), 0);
  });
});
