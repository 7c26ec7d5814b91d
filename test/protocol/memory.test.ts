// A document whose findings would not fit in memory: the server gives it up with a message and reads it
// without rules, instead of running out of memory and aborting (which ends every open document's service).
// First through the document store with a watch that says when, then through the real server in a small heap.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CodeActionRequest, CodeLensRequest, DefinitionRequest, DocumentSymbolRequest, HoverRequest, ShowMessageParams } from 'vscode-languageserver-protocol';
import { DocumentStore, MemoryGuard } from '../../server/src/documents';
import {
  DEFAULT_SETTINGS, codeActions, completion, definition, documentSymbols, fixAll, foldingRanges, hover, prepareRename, references, selectionRanges, validate,
  workspaceSymbols,
} from '../../server/src/service';
import { LspClient, PUSH_CLIENT } from './lspClient';
import { collectBefore } from '../../server/src/node/collect';

/**
 * One key whose ScriptMaps has `n` items, each with a relative processor and flags that are no number. The
 * comments on the line of <MBProperty> (a segment each) make even a small document read in several steps,
 * between which the watch is asked (a step reads 64 segments, fewer with findings).
 */
function dense(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `.e${i},x${i},y`).join('\r\n\t\t\t');
  return '<?xml version ="1.0"?>\r\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\r\n<MBProperty>' + '<!---->'.repeat(200) + '\r\n' +
    `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\r\n\t\tScriptMaps="${items}"\r\n\t>\r\n</IIsWebVirtualDir>\r\n` +
    '</MBProperty>\r\n</configuration>\r\n';
}

const BAD = dense(3);

/** BAD with `n` keys more, each without a problem: a text that takes several time slices to read. */
function withKeys(n: number): string {
  const keys = Array.from({ length: n }, (_, i) => `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/v${i}"\r\n\t\tPath="C:\\v${i}"\r\n\t>\r\n</IIsWebVirtualDir>\r\n`);
  return BAD.replace('</MBProperty>', `${keys.join('')}</MBProperty>`);
}

/** A guard whose watches say "exceeded" after `after` looks, for the next `state.trips` readings (one at first). */
function fakeGuard(after: number) {
  const state = { trips: 1, watches: 0, looks: 0, gaveUp: [] as string[] };
  const guard: MemoryGuard = {
    watch: () => {
      state.watches++;
      let looks = 0;
      return {
        limitMb: 123,
        restart: () => undefined,
        exceeded: () => {
          state.looks++;
          if (state.trips === 0 || ++looks <= after) return false;
          state.trips--;
          return true;
        },
      };
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
    assert.deepEqual(state.gaveUp, ['Meta Base.xml is not checked: checking it needs more memory than the language server has (123 MB). ' +
      'Its keys are read without their rules until it is opened again or made less than half as long; the command line checks it ' +
      'with more memory: NODE_OPTIONS=--max-old-space-size=<megabytes> metabase-lint <file>']);

    // An edit: still unchecked, no new watch, no new message.
    open.applyChanges([{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } }, text: 'x' }], 2);
    assert.equal(await findingsOf(store, open.uri), 0);
    assert.equal((await open.snapshot()).model.checker.checked, false);
    assert.equal(state.gaveUp.length, 1);

    // The whole text replaced: checked again (this watch never trips).
    state.trips = 0;
    open.applyChanges([{ text: BAD }], 3);
    assert.ok(await findingsOf(store, open.uri) >= 6);
    assert.ok(state.looks > 1, 'the watch is asked between the steps');
    assert.equal(state.gaveUp.length, 1);
  });

  it('still goes from an AppPoolId to its pool: a lookup of one key, not a whole list', async () => {
    const { guard } = fakeGuard(0);
    const store = new DocumentStore(undefined, guard);
    const text = BAD.replace('<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\r\n', '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\r\n\t\tAppPoolId="Pool1"\r\n')
      .replace('</MBProperty>', '<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/Pool1"\r\n\t>\r\n</IIsApplicationPool>\r\n</MBProperty>');
    const { document, model } = await store.open('file:///m.xml', 'iis-metabase', 1, text).snapshot();
    assert.equal(model.checker.checked, false);
    const links = definition(document, model, { line: 4, character: 15 });
    assert.equal(links?.length, 1);
    assert.equal(document.getText().slice(document.offsetAt(links[0].targetRange.start)).split('\t')[0], '<IIsApplicationPool');
  });

  it('is not read at all when even its keys do not fit, and every request answers without failing', async () => {
    const { guard, state } = fakeGuard(0);
    state.trips = 2;
    const store = new DocumentStore(undefined, guard);
    const open = store.open('file:///m.xml', 'iis-metabase', 1, BAD);
    const { document, model } = await open.snapshot();
    assert.equal(state.gaveUp.length, 2);
    assert.match(state.gaveUp[1], /^m\.xml is not read: even its keys need more memory than the language server has \(123 MB\)\. Nothing is answered on it until/);
    assert.equal(model.segments.length, 0);
    assert.deepEqual(validate(document, model), []);
    const lines = document.getText().split('\n').length;
    for (let line = 0; line < lines; line++) {
      for (const character of [0, 3, 14, 20]) {
        const at = { line, character };
        hover(document, model, at, DEFAULT_SETTINGS);
        completion(document, model, at);
        definition(document, model, at);
        references(document, model, at, true);
        prepareRename(document, model, at);
        selectionRanges(document, model, [at]);
        codeActions(document, model, { start: at, end: at }, undefined, DEFAULT_SETTINGS);
      }
    }
    assert.deepEqual(documentSymbols(document, model), []);
    assert.deepEqual(foldingRanges(document, model), []);
    assert.deepEqual(workspaceSymbols(document, model, ''), []);
    assert.deepEqual(fixAll(document, model), []);
    // Edits keep it unread (no new message); the text made less than half as long is checked again.
    open.applyChanges([{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } }, text: 'x' }], 2);
    assert.equal((await open.snapshot()).model.segments.length, 0);
    assert.equal(state.gaveUp.length, 2);
    state.trips = 0;
    open.applyChanges([{ range: { start: { line: 1, character: 0 }, end: { line: 10, character: 0 } }, text: '' }], 3);
    const small = await open.snapshot();
    assert.equal(small.model.checker.checked, true);
  });

  it('is checked again when the schema facts change (rebuild), and when it is opened again', async () => {
    const { guard, state } = fakeGuard(0);
    const store = new DocumentStore(undefined, guard);
    const open = store.open('file:///m.xml', 'iis-metabase', 1, BAD);
    assert.equal(await findingsOf(store, open.uri), 0);
    state.trips = 0;
    open.rebuild();
    assert.ok(await findingsOf(store, open.uri) >= 6);
    store.close(open.uri);
    state.trips = 1;
    store.open('file:///m.xml', 'iis-metabase', 1, BAD);
    assert.equal(await findingsOf(store, 'file:///m.xml'), 0);
    assert.equal(state.gaveUp.length, 2);
  });

  it('drops the model an update given up was changing, and is checked again once its text is less than half as long', async () => {
    const { guard, state } = fakeGuard(2);
    state.trips = 0;
    const store = new DocumentStore(undefined, guard);
    const open = store.open('file:///m.xml', 'iis-metabase', 1, BAD);
    const first = await open.snapshot();
    assert.ok(validate(first.document, first.model).length >= 6);
    // A paste of 2,000 items (an incremental change: an update of the model, given up after a few steps).
    state.trips = 1;
    const items = Array.from({ length: 2000 }, (_, i) => `\r\n\t\t\t.p${i},y${i},z`).join('');
    open.applyChanges([{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } }, text: items }], 2);
    const after = await open.snapshot();
    assert.equal(after.document.version, 2);
    assert.notEqual(after.model, first.model);
    assert.equal(validate(after.document, after.model).length, 0);
    assert.equal(state.gaveUp.length, 1);
    // The paste undone: checked again (the watch trips no more), without reopening.
    state.trips = 0;
    open.applyChanges([{ range: { start: { line: 4, character: 14 }, end: { line: 4 + 2000, character: `\t\t\t.p1999,y1999,z`.length } }, text: '' }], 3);
    const undone = await open.snapshot();
    assert.equal(undone.document.getText(), BAD);
    assert.equal(validate(undone.document, undone.model).length, validate(first.document, first.model).length);
    assert.equal(state.gaveUp.length, 1);
  });
});

describe('documents read at the same moment', () => {
  it('the longest text is given up when the heap fills, not the document whose reading looked first', async () => {
    // The heap fills once both readings are under way (at the second pause between time slices), and is free
    // again once a document is given up.
    let full = false;
    let pauses = 0;
    let restarts = 0;
    const gaveUp: string[] = [];
    const guard: MemoryGuard = {
      watch: () => ({ limitMb: 123, restart: () => { restarts++; }, exceeded: () => full }),
      gaveUp: (uri) => { gaveUp.push(uri); full = false; },
    };
    const pause = () => {
      if (++pauses === 2) full = true;
      return new Promise<void>((resolve) => setImmediate(resolve));
    };
    const store = new DocumentStore(pause, guard);
    // Each takes several time slices; the shorter one starts first, so it is the first to look at the full heap.
    const shorter = store.open('file:///shorter.xml', 'iis-metabase', 1, withKeys(12_000));
    const longer = store.open('file:///longer.xml', 'iis-metabase', 1, dense(120_000));
    const [a, b] = await Promise.all([shorter.snapshot(), longer.snapshot()]);
    assert.ok(pauses >= 3, `${pauses} pauses`);
    assert.deepEqual(gaveUp, ['file:///longer.xml']);
    assert.ok(restarts >= 1, 'the shorter reading is judged anew');
    assert.ok(validate(a.document, a.model).length >= 6);
    assert.equal(validate(b.document, b.model).length, 0);
  });
});

describe('an update given up midway', () => {
  it('serves no model until the text is read anew: the update may have changed the last model in part', async () => {
    // 12,000 keys, so that the reading anew takes several time slices.
    const text = withKeys(12_000);
    let tripped = 0;
    for (let after = 1; after <= 12; after++) {
      const { guard, state } = fakeGuard(after);
      state.trips = 0;
      const seen: unknown[] = [];
      // Between two time slices: what a request would be answered from, once the update was given up.
      const pause = async () => {
        if (state.gaveUp.length) seen.push(store.get('file:///m.xml')!.latest());
        await new Promise((resolve) => setImmediate(resolve));
      };
      const store = new DocumentStore(pause, guard);
      const open = store.open('file:///m.xml', 'iis-metabase', 1, text);
      await open.snapshot();
      state.trips = 1;
      open.applyChanges([{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } }, text: 'x' }], 2);
      const snapshot = await open.snapshot();
      // An update of fewer steps than `after` is not given up.
      if (state.gaveUp.length === 0) continue;
      tripped++;
      assert.equal(snapshot.model.checker.checked, false);
      assert.ok(seen.length > 0, 'the reading anew pauses');
      assert.ok(seen.every((view) => view === undefined), `a model was served while the text was read anew (after ${after} looks)`);
    }
    assert.ok(tripped >= 1, `given up ${tripped} times`);
  });
});

describe('the server in a 128 MB heap, with a document of 1.2 million problems', () => {
  it('gives the document up with a warning, publishes no diagnostic for it, and goes on serving', { timeout: 120_000 }, async () => {
    const client = await LspClient.start(PUSH_CLIENT, undefined, ['--max-old-space-size=128']);
    try {
      const big = 'file:///big.xml';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'iis-metabase', version: 1, text: dense(400_000) } });
      const shown: ShowMessageParams = await client.waitFor('the warning', () => client.shown[0], 100_000);
      assert.match(shown.message, /^big\.xml is not checked: checking it needs more memory than the language server has \(\d+ MB\)\./);
      assert.deepEqual((await client.diagnosticsFor(big, 1)).diagnostics, []);
      // Still read: the outline has its key, and the key's hover answers, without what reads across keys (the
      // effective ScriptMaps would read the whole list: in this heap, too much); no lens, no definition.
      const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: big } });
      assert.equal(symbols?.length, 1);
      // What reads a whole list answers nothing: hovers (an item's reads its list), code actions, lenses, definitions.
      const at = (line: number, character: number) => ({ textDocument: { uri: big }, position: { line, character } });
      for (const [line, character] of [[3, 3], [3, 30], [4, 5], [5, 6], [200_000, 6]]) {
        assert.equal(await client.connection.sendRequest(HoverRequest.type, at(line, character)), null);
      }
      const item = { start: { line: 5, character: 4 }, end: { line: 5, character: 4 } };
      assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: big }, range: item, context: { diagnostics: [] } }), []);
      assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: big } }) ?? [], []);
      assert.deepEqual(await client.connection.sendRequest(DefinitionRequest.type, at(3, 3)) ?? [], []);
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

describe('the garbage of the message that brought a big text', () => {
  it('is collected before a whole text is read (opened, or replaced whole), not before an update', async () => {
    const { guard, state } = fakeGuard(0);
    state.trips = 0;
    const lengths: number[] = [];
    const store = new DocumentStore(undefined, { ...guard, collect: (length) => { lengths.push(length); } });
    const open = store.open('file:///m.xml', 'iis-metabase', 1, BAD);
    await open.snapshot();
    open.applyChanges([{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } }, text: 'x' }], 2);
    await open.snapshot();
    const longer = `${BAD}<!-- -->`;
    open.applyChanges([{ text: longer }], 3);
    await open.snapshot();
    assert.deepEqual(lengths, [BAD.length, longer.length]);
  });

  it('is collected by collectBefore for a text of 8 million characters, which a watch would otherwise count as the reading\'s', async () => {
    const ref = new WeakRef({ list: new Array(1000).fill(0) });
    // A WeakRef's target is kept until the end of the task that made it.
    await new Promise((resolve) => setImmediate(resolve));
    collectBefore(8_000_000);
    assert.equal(ref.deref(), undefined);
  });

  it('the real server, which collects it through V8\'s flag set at run time, reads and checks a text of 8 million characters', { timeout: 60_000 }, async () => {
    const client = await LspClient.start(PUSH_CLIENT);
    try {
      const text = withKeys(85_000);
      assert.ok(text.length >= 8_000_000, `${text.length} characters`);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///big.xml', languageId: 'iis-metabase', version: 1, text } });
      assert.ok((await client.diagnosticsFor('file:///big.xml', 1)).diagnostics.length >= 6);
      assert.deepEqual(client.shown, []);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });
});
