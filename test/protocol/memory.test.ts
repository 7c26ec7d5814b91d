// A document whose findings would not fit in memory: the server gives it up with a message and reads it
// without rules, instead of running out of memory and aborting (which ends every open document's service).
// First through the document store with a watch that says when, then through the real server in a small heap.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CodeLensRequest, DefinitionRequest, DocumentSymbolRequest, HoverRequest, ShowMessageParams } from 'vscode-languageserver-protocol';
import { DocumentStore, MemoryGuard } from '../../server/src/documents';
import { validate } from '../../server/src/service';
import { LspClient, PUSH_CLIENT } from './lspClient';

/** One key whose ScriptMaps has `n` items, each with a relative processor and flags that are no number. */
function dense(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `.e${i},x${i},y`).join('\r\n\t\t\t');
  return '<?xml version ="1.0"?>\r\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\r\n<MBProperty>\r\n' +
    `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\r\n\t\tScriptMaps="${items}"\r\n\t>\r\n</IIsWebVirtualDir>\r\n` +
    '</MBProperty>\r\n</configuration>\r\n';
}

const BAD = dense(3);

/** A guard whose watch says "exceeded" after `after` looks, in every reading while `tripping` holds. */
function fakeGuard(after: number) {
  const state = { tripping: true, watches: 0, looks: 0, gaveUp: [] as string[] };
  const guard: MemoryGuard = {
    watch: () => {
      state.watches++;
      let looks = 0;
      return { limitMb: 123, exceeded: () => (state.looks++, state.tripping && ++looks > after) };
    },
    gaveUp: (_uri, message) => { state.gaveUp.push(message); },
  };
  return { guard, state };
}

async function findingsOf(store: DocumentStore, uri: string): Promise<number> {
  const { document, model } = await store.get(uri)!.snapshot();
  return validate(document, model).length;
}

describe('a document given up by the memory watch', () => {
  it('is read without rules, said once, and checked again after its whole text is replaced', async () => {
    const { guard, state } = fakeGuard(0);
    const store = new DocumentStore(undefined, guard);
    const open = store.open('file:///c%3A/inetpub/Meta%20Base.xml', 'iis-metabase', 1, BAD);
    const { model } = await open.snapshot();
    assert.equal(await findingsOf(store, open.uri), 0);
    // Read all the same: its key is in the index (the outline, hovers and completion work on it).
    assert.equal(model.index.keysAt('/lm/w3svc/1/root').length, 1);
    assert.deepEqual(state.gaveUp, ['Meta Base.xml is not checked: its problems need more memory than the language server has (123 MB). ' +
      'Its keys are read without their rules until it is opened again; the command line checks it with more memory: ' +
      'NODE_OPTIONS=--max-old-space-size=<megabytes> metabase-lint <file>']);

    // An edit: still unchecked, no new watch, no new message.
    open.applyChanges([{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } }, text: 'x' }], 2);
    assert.equal(await findingsOf(store, open.uri), 0);
    assert.equal(state.watches, 1);
    assert.equal(state.gaveUp.length, 1);

    // The whole text replaced: checked again (this watch never trips).
    state.tripping = false;
    open.applyChanges([{ text: BAD }], 3);
    assert.ok(await findingsOf(store, open.uri) >= 6);
    assert.equal(state.watches, 2);
    assert.ok(state.looks > 1, 'the watch is asked between the steps');
    assert.equal(state.gaveUp.length, 1);
  });

  it('is checked again when the schema facts change (rebuild), and when it is opened again', async () => {
    const { guard, state } = fakeGuard(0);
    const store = new DocumentStore(undefined, guard);
    const open = store.open('file:///m.xml', 'iis-metabase', 1, BAD);
    assert.equal(await findingsOf(store, open.uri), 0);
    state.tripping = false;
    open.rebuild();
    assert.ok(await findingsOf(store, open.uri) >= 6);
    store.close(open.uri);
    state.tripping = true;
    store.open('file:///m.xml', 'iis-metabase', 1, BAD);
    assert.equal(await findingsOf(store, 'file:///m.xml'), 0);
    assert.equal(state.gaveUp.length, 2);
  });

  it('keeps the model it had while the checked reading that fails is under way, and answers from the unchecked one after', async () => {
    const { guard, state } = fakeGuard(2);
    state.tripping = false;
    const store = new DocumentStore(undefined, guard);
    const open = store.open('file:///m.xml', 'iis-metabase', 1, BAD);
    const first = await open.snapshot();
    assert.ok(validate(first.document, first.model).length >= 6);
    state.tripping = true;
    open.applyChanges([{ text: dense(2000) }], 2);
    const after = await open.snapshot();
    assert.equal(after.document.version, 2);
    assert.equal(validate(after.document, after.model).length, 0);
    assert.equal(state.gaveUp.length, 1);
  });
});

describe('the server in a 128 MB heap, with a document of 1.2 million problems', () => {
  it('gives the document up with a warning, publishes no diagnostic for it, and goes on serving', { timeout: 120_000 }, async () => {
    const client = await LspClient.start(PUSH_CLIENT, undefined, ['--max-old-space-size=128']);
    try {
      const big = 'file:///big.xml';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'iis-metabase', version: 1, text: dense(400_000) } });
      const shown: ShowMessageParams = await client.waitFor('the warning', () => client.shown[0], 100_000);
      assert.match(shown.message, /^big\.xml is not checked: its problems need more memory than the language server has \(\d+ MB\)\./);
      assert.deepEqual((await client.diagnosticsFor(big, 1)).diagnostics, []);
      // Still read: the outline has its key, and the key's hover answers, without what reads across keys (the
      // effective ScriptMaps would read the whole list: in this heap, too much); no lens, no definition.
      const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: big } });
      assert.equal(symbols?.length, 1);
      const onKey = { textDocument: { uri: big }, position: { line: 3, character: 3 } };
      const hover = await client.connection.sendRequest(HoverRequest.type, onKey);
      assert.match(JSON.stringify(hover), /IIsWebVirtualDir/);
      assert.doesNotMatch(JSON.stringify(hover), /Effective ScriptMaps/);
      assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: big } }) ?? [], []);
      assert.deepEqual(await client.connection.sendRequest(DefinitionRequest.type, onKey) ?? [], []);
      // Other documents are checked as before.
      const small = 'file:///small.xml';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'iis-metabase', version: 1, text: BAD } });
      assert.ok((await client.diagnosticsFor(small, 1)).diagnostics.length >= 6);
      assert.ok(client.alive);
      assert.equal(client.shown.length, 1);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });
});
