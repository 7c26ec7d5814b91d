// The bundled server over stdio with a client that pulls diagnostics (textDocument/diagnostic).

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification, DocumentDiagnosticReport, DocumentDiagnosticRequest, HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS, LspClient, PULL_CLIENT } from './lspClient';
import { EXTENSION, FLAGS, TEXT, VERB, range, summary } from './fixture';

let counter = 0;
const newUri = () => `file:///pull/site${++counter}/MetaBase.xml`;

describe('language server, pulled diagnostics', () => {
  let client: LspClient;

  before(async () => { client = await LspClient.start(PULL_CLIENT); });
  after(() => client.kill());

  async function open(uri: string): Promise<void> {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'iis-metabase', version: 1, text: TEXT },
    });
  }

  function pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  }

  function full(report: DocumentDiagnosticReport) {
    assert.equal(report.kind, 'full', JSON.stringify(report));
    return report;
  }

  it('declares pull diagnostics to a client that has them', () => {
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
  });

  it('answers pulls after opening and after each change, and pushes nothing', async () => {
    const uri = newUri();
    await open(uri);
    const first = full(await pull(uri));
    assert.deepEqual(summary(first.items), [['flags-not-a-number', FLAGS], ['extension-missing-dot', EXTENSION], ['verb-case', VERB]]);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 }, contentChanges: [{ range: FLAGS, text: '5' }],
    });
    const second = full(await pull(uri, first.resultId));
    assert.deepEqual(summary(second.items), [['extension-missing-dot', EXTENSION], ['verb-case', VERB]]);
    assert.notEqual(second.resultId, first.resultId);
    // A request after the pulls: had the server pushed, the notification would have arrived by now.
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.published, []);
  });

  it('keeps the report of the last save under validate: onSave, and asks for a refresh on save', async () => {
    const uri = newUri();
    client.settingsFor = (scope) => (scope === uri ? { ...DEFAULT_SETTINGS, validate: 'onSave' } : DEFAULT_SETTINGS);
    try {
      await open(uri);
      const opened = full(await pull(uri));
      assert.equal(opened.items.length, 3);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 }, contentChanges: [{ range: EXTENSION, text: '.pl' }],
      });
      assert.deepEqual(await pull(uri, opened.resultId), { kind: 'unchanged', resultId: opened.resultId });
      const refreshes = client.refreshRequests;
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
      await client.waitFor('a diagnostic refresh request', () => (client.refreshRequests > refreshes ? true : undefined));
      const saved = full(await pull(uri, opened.resultId));
      assert.deepEqual(summary(saved.items), [['flags-not-a-number', FLAGS], ['verb-case', range(5, 48, 51)]]);
    } finally {
      client.settingsFor = () => DEFAULT_SETTINGS;
    }
  });

  it('asks for a refresh when the settings change, then reports with the new ones', async () => {
    const uri = newUri();
    await open(uri);
    full(await pull(uri));
    const refreshes = client.refreshRequests;
    client.settingsFor = () => ({ ...DEFAULT_SETTINGS, rules: { 'flags-not-a-number': 'off', 'verb-case': 'error' } });
    try {
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await client.waitFor('a diagnostic refresh request', () => (client.refreshRequests > refreshes ? true : undefined));
      const report = full(await pull(uri));
      assert.deepEqual(report.items.map((d) => [d.code, d.severity]), [['extension-missing-dot', 2], ['verb-case', 1]]);
    } finally {
      client.settingsFor = () => DEFAULT_SETTINGS;
    }
  });

  it('reports nothing for a document that is not open', async () => {
    assert.deepEqual(await pull('file:///pull/never/MetaBase.xml'), { kind: 'full', items: [] });
  });
});
