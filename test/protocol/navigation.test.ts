// Navigation over LSP, against the bundled server: the capabilities, each request answered as the language
// service answers it on the client's text (after an edit too), definitions as links or plain locations as
// the client asks, a refused rename answered RequestFailed with its reason, workspace symbols of every
// open document, and the outline and folding cut to their limits, which the client is told of.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ClientCapabilities, DefinitionRequest, DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, DocumentSymbolRequest,
  FoldingRangeRequest, LSPErrorCodes, PrepareRenameRequest, ReferencesRequest, RenameRequest, ResponseError, SelectionRangeRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import {
  definition, documentSymbols, foldingRanges, parseModel, prepareRename, references, rename, selectionRanges, workspaceSymbols,
} from '../../server/src/service';
import { TEXT } from '../service/navigation/fixture';
import { DEFAULT_SETTINGS, LspClient, PUSH_CLIENT } from './lspClient';
import { json } from './lsp';

const CLIENT: ClientCapabilities = {
  ...PUSH_CLIENT,
  textDocument: { ...PUSH_CLIENT.textDocument, definition: { linkSupport: true }, rename: { prepareSupport: true } },
};

const URI = 'file:///navigation/MetaBase.xml';
const CRLF = TEXT.replace(/\n/g, '\r\n');

function service(text: string, uri = URI) {
  const document = TextDocument.create(uri, 'iis-metabase', 1, text);
  return { document, model: parseModel(text), at: (needle: string, delta = 0) => document.positionAt(text.indexOf(needle) + delta) };
}

async function openDocument(client: LspClient, uri: string, text: string): Promise<void> {
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'iis-metabase', version: 1, text } });
}

describe('navigation over LSP', () => {
  let client: LspClient;
  const s = service(CRLF);
  const textDocument = { uri: URI };

  before(async () => {
    client = await LspClient.start(CLIENT);
    await openDocument(client, URI, CRLF);
  });
  after(() => client.kill());

  it('announces every navigation provider; prepareRename because the client supports it', () => {
    const c = client.initializeResult.capabilities;
    assert.deepEqual([c.documentSymbolProvider, c.workspaceSymbolProvider, c.foldingRangeProvider, c.definitionProvider, c.referencesProvider,
      c.renameProvider, c.selectionRangeProvider], [{ label: 'Metabase' }, true, true, true, true, { prepareProvider: true }, true]);
  });

  it('outline, folding and selection ranges: what the service gives for the text', async () => {
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
    assert.deepEqual(symbols, json(documentSymbols(s.document, s.model)));
    assert.equal((symbols as Array<{ name: string }>)[0].name, '/LM');
    assert.deepEqual(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument }), json(foldingRanges(s.document, s.model)));
    const positions = [s.at('app/img'), s.at('DefaultAppPool')];
    assert.deepEqual(await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument, positions }), json(selectionRanges(s.document, s.model, positions)));
    // Within the default limit (5000): nothing cut, nothing told.
    assert.deepEqual(client.resultLimits, []);
  });

  it('definition (links), references and rename', async () => {
    const position = s.at('"defaultapppool"', 2);
    const links = await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position });
    assert.deepEqual(links, json(definition(s.document, s.model, position)));
    assert.equal((links as Array<{ targetSelectionRange: { start: { line: number } } }>)[0].targetSelectionRange.start.line, 30);
    const pool = s.at('AppPools/DefaultAppPool', 10);
    assert.deepEqual(await client.connection.sendRequest(ReferencesRequest.type, { textDocument, position: pool, context: { includeDeclaration: true } }),
      json(references(s.document, s.model, pool, true)));
    const app = s.at('ROOT/app"', 6);
    assert.deepEqual(await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position: app }), json(prepareRename(s.document, s.model, app)));
    assert.deepEqual(await client.connection.sendRequest(RenameRequest.type, { textDocument, position: app, newName: 'shop' }), json(rename(s.document, s.model, app, 'shop')));
  });

  it('a refused rename: RequestFailed with the reason; prepareRename on a key that cannot be renamed too; the server stays up', async () => {
    const app = s.at('ROOT/app"', 6);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument, position: app, newName: 'a//b' }), (error: ResponseError<unknown>) => {
      assert.equal(error.code, LSPErrorCodes.RequestFailed);
      assert.equal(error.message, "'a//b' is not a valid Location: it has an empty step ('//' or a trailing '/').");
      return true;
    });
    await assert.rejects(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position: s.at('/LM/W3SVC"') }),
      (error: ResponseError<unknown>) => error.code === LSPErrorCodes.RequestFailed && /IIsWebService key/.test(error.message));
    assert.equal(client.alive, true);
  });

  it('after an edit: answered on the new text', async () => {
    const edited = CRLF.replace('ROOT/app"', 'ROOT/apps"');
    const start = CRLF.indexOf('ROOT/app"') + 8;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: s.document.positionAt(start), end: s.document.positionAt(start) }, text: 's' }],
    });
    const e = service(edited);
    // The outline and folding of version 1 (asked for above, and kept) are not given for version 2.
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), json(documentSymbols(e.document, e.model)));
    assert.deepEqual(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument }), json(foldingRanges(e.document, e.model)));
  });

  it('workspace symbols of every open document', async () => {
    const other = 'file:///navigation/other/MetaBase.xml';
    await openDocument(client, other, CRLF);
    const found = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'shop' });
    const o = service(CRLF, other);
    const e = service(CRLF.replace('ROOT/app"', 'ROOT/apps"'));
    assert.deepEqual(found, json([...workspaceSymbols(e.document, e.model, 'shop'), ...workspaceSymbols(o.document, o.model, 'shop')]));
    assert.deepEqual((found as Array<{ name: string }>).map((f) => f.name), ['Shop & Co', 'Shop & Co']);
  });

  it('bad params: InvalidParams', async () => {
    await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument, position: s.at('ROOT/app"', 6), newName: 3 }),
      (error: ResponseError<unknown>) => error.code === -32602 && /newName must be a string/.test(error.message));
    await assert.rejects(client.connection.sendRequest('workspace/symbol', {}), (error: ResponseError<unknown>) => error.code === -32602);
    await assert.rejects(client.connection.sendRequest('textDocument/selectionRange', { textDocument, positions: [{ line: -1, character: 0 }] }),
      (error: ResponseError<unknown>) => error.code === -32602 && /positions must be a list/.test(error.message));
  });
});

describe('outline and folding limits over LSP', () => {
  it('cut to iisMetabase.maxItemsComputed, folding also to the client\'s rangeLimit; the client told whenever what is cut changes', async () => {
    const client = await LspClient.start({ ...PUSH_CLIENT, textDocument: { ...PUSH_CLIENT.textDocument, foldingRange: { rangeLimit: 2 } } });
    try {
      let maxItemsComputed = 3;
      client.settingsFor = () => ({ ...DEFAULT_SETTINGS, maxItemsComputed });
      await openDocument(client, URI, TEXT);
      const s = service(TEXT);
      const textDocument = { uri: URI };
      const outline = () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
      const folding = () => client.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
      assert.deepEqual(await outline(), json(documentSymbols(s.document, s.model, { resultLimit: 3 })));
      assert.deepEqual((await outline() as Array<{ name: string }>).map((r) => r.name), ['/LM']);
      assert.deepEqual(await folding(), json(foldingRanges(s.document, s.model, { rangeLimit: 2 })));
      await folding();
      // Told once per change, in order: the outline cut, then the folding too.
      assert.deepEqual(client.resultLimits, [{ uri: URI, outline: 3 }, { uri: URI, outline: 3, folding: 2 }]);

      maxItemsComputed = 100;
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      assert.deepEqual(await outline(), json(documentSymbols(s.document, s.model)));
      assert.deepEqual(await folding(), json(foldingRanges(s.document, s.model, { rangeLimit: 2 })));
      assert.deepEqual(client.resultLimits.slice(2), [{ uri: URI, folding: 2 }]);

      // Closed and opened again: told anew.
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument });
      await openDocument(client, URI, TEXT);
      await folding();
      assert.deepEqual(client.resultLimits.slice(3), [{ uri: URI, folding: 2 }]);
    } finally {
      client.kill();
    }
  });
});

describe('navigation over LSP, a client without link support', () => {
  it('definitions are plain locations: the target key\'s Location value', async () => {
    const client = await LspClient.start(PUSH_CLIENT);
    try {
      await openDocument(client, URI, TEXT);
      const s = service(TEXT);
      const position = s.at('"defaultapppool"', 2);
      const [link] = definition(s.document, s.model, position)!;
      assert.deepEqual(await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position }),
        [{ uri: URI, range: json(link.targetSelectionRange) }]);
      assert.equal(client.initializeResult.capabilities.renameProvider, true);
    } finally {
      client.kill();
    }
  });
});

describe('workspace symbols of a huge document', () => {
  it('150,000 virtual directories: every one, where a spread into push() overflowed the stack', async () => {
    const client = await LspClient.start(PUSH_CLIENT);
    try {
      const N = 150_000;
      const keys = Array.from({ length: N }, (_, i) => `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/v${i}"\r\n\t>\r\n</IIsWebVirtualDir>`);
      await openDocument(client, URI, ['<?xml version ="1.0"?>', '<configuration>', '<MBProperty>', ...keys, '</MBProperty>', '</configuration>', ''].join('\r\n'));
      const found = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'v' }) as Array<{ name: string }>;
      assert.equal(found.length, N);
      assert.equal(found[N - 1].name, `v${N - 1}`);
    } finally {
      client.kill();
    }
  });
});
