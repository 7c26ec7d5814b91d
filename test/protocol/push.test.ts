// The bundled server over stdio with a client that takes pushed diagnostics.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction, CodeActionRequest, DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, DidSaveTextDocumentNotification, HoverRequest,
  TextDocumentContentChangeEvent, TextDocumentSyncKind,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS, LspClient, PUSH_CLIENT } from './lspClient';
import { EXTENSION, FLAGS, LINES, TEXT, VERB, range, summary } from './fixture';

const { version: VERSION } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

let counter = 0;
/** A fresh document uri per test: tests share one server but never a document. */
const newUri = () => `file:///sites/test${++counter}/MetaBase.xml`;

describe('language server, pushed diagnostics', () => {
  let client: LspClient;

  before(async () => { client = await LspClient.start(PUSH_CLIENT); });
  after(() => client.kill());

  async function open(uri: string, text = TEXT): Promise<void> {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'iis-metabase', version: 1, text },
    });
  }

  async function change(uri: string, version: number, ...contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  it('publishes the findings of an opened document with their exact ranges', async () => {
    const uri = newUri();
    await open(uri);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(summary(diagnostics), [['flags-not-a-number', FLAGS], ['extension-missing-dot', EXTENSION], ['verb-case', VERB]]);
    assert.deepEqual(diagnostics.map((d) => d.severity), [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
    assert.equal(diagnostics[0].source, 'iis-metabase');
    assert.equal(diagnostics[0].codeDescription?.href, 'https://github.com/iis-metabase/iis-metabase/blob/main/docs/rules/flags-not-a-number.md');
    assert.deepEqual(client.configurationRequests.at(-1)?.items, [{ scopeUri: uri, section: 'iisMetabase' }]);
  });

  it('follows an incremental change that fixes the flags', async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    await change(uri, 2, { range: FLAGS, text: '5' });
    const { diagnostics } = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(summary(diagnostics), [['extension-missing-dot', EXTENSION], ['verb-case', VERB]]);
  });

  it('combines several changes of one notification, applied in order', async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    // Each range is in the text left by the change before it: the second one sits one line lower.
    await change(uri, 2,
      { range: range(5, 3, 3), text: '.' },
      { range: range(3, 0, 0), text: '<!-- edited -->\r\n' },
      { range: range(5, 56, 57), text: '' });
    const { diagnostics } = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(summary(diagnostics), [['verb-case', range(6, 48, 51)]]);
  });

  it('takes a full-text change', async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    await change(uri, 2, { text: TEXT.replace('pl,', '.pl,') });
    const { diagnostics } = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(summary(diagnostics), [['flags-not-a-number', FLAGS], ['verb-case', range(5, 48, 51)]]);
  });

  it('never publishes an older version after a newer one during a burst of edits', async () => {
    const uri = newUri();
    await open(uri);
    const since = client.published.length;
    const edits: Promise<void>[] = [];
    // Twenty keystrokes, each typing one more 'y' after the flags '5x'.
    for (let i = 0; i < 20; i++) edits.push(change(uri, i + 2, { range: range(4, 57 + i, 57 + i), text: 'y' }));
    await Promise.all(edits);
    const last = await client.diagnosticsFor(uri, 21, since);
    assert.deepEqual(summary(last.diagnostics), [['flags-not-a-number', range(4, 55, 77)], ['extension-missing-dot', EXTENSION], ['verb-case', VERB]]);
    const versions = client.published.slice(since).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions ${versions}`);
  });

  it('offers a quick fix whose edit repairs the item', async () => {
    const uri = newUri();
    await open(uri);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const missingDot = diagnostics.find((d) => d.code === 'extension-missing-dot')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: missingDot.range, context: { diagnostics: [missingDot], only: ['quickfix'] },
    }) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [["Write '.pl'", 'quickfix']]);
    assert.equal(applyEdit(uri, actions[0]), TEXT.replace('\tpl,', '\t.pl,'));
  });

  it('fixes all fixable findings with source.fixAll.iis-metabase', async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: range(0, 0, 0), context: { diagnostics: [], only: ['source.fixAll.iis-metabase'] },
    }) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.iis-metabase']);
    const expected = [...LINES];
    expected[5] = '\t\t\t.pl,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,5,GET,HEAD,POST"';
    assert.equal(applyEdit(uri, actions[0]), expected.join('\r\n'));
  });

  it('answers a hover on an item with its fields and the rule at the cursor', async () => {
    const uri = newUri();
    await open(uri);
    const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 4 } });
    // The item's whole content: from after the indentation to before the closing quote.
    assert.deepEqual(result?.range, range(5, 3, LINES[5].length - 1));
    const markdown = (result?.contents as { kind: string; value: string }).value;
    assert.ok(markdown.includes('| Extension | `pl` |'), markdown);
    assert.ok(markdown.includes('| Flags | 5 = MD_SCRIPTMAPFLAG_SCRIPT (1) + MD_SCRIPTMAPFLAG_CHECK_PATH_INFO (4) |'), markdown);
    assert.ok(markdown.includes('**extension-missing-dot** (warning)'), markdown);
  });

  it('re-reads the settings on didChangeConfiguration and drops a rule set to off', async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    const since = client.published.length;
    const asked = client.configurationRequests.length;
    client.settingsFor = (scope) => (scope === uri ? { ...DEFAULT_SETTINGS, rules: { 'verb-case': 'off' } } : DEFAULT_SETTINGS);
    try {
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const { diagnostics } = await client.diagnosticsFor(uri, 1, since);
      assert.deepEqual(summary(diagnostics), [['flags-not-a-number', FLAGS], ['extension-missing-dot', EXTENSION]]);
      assert.ok(client.configurationRequests.slice(asked).some((r) => r.items[0].scopeUri === uri));
    } finally {
      client.settingsFor = () => DEFAULT_SETTINGS;
    }
  });

  it('validates on save only, when told so', async () => {
    const uri = newUri();
    client.settingsFor = (scope) => (scope === uri ? { ...DEFAULT_SETTINGS, validate: 'onSave' } : DEFAULT_SETTINGS);
    try {
      await open(uri);
      await client.diagnosticsFor(uri, 1);
      await change(uri, 2, { range: FLAGS, text: '5' });
      await change(uri, 3, { range: EXTENSION, text: '.pl' });
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
      const { diagnostics } = await client.diagnosticsFor(uri, 3);
      assert.deepEqual(summary(diagnostics), [['verb-case', range(5, 48, 51)]]);
      assert.equal(client.published.filter((p) => p.uri === uri && p.version === 2).length, 0);
    } finally {
      client.settingsFor = () => DEFAULT_SETTINGS;
    }
  });

  it('publishes nothing but an empty list when disabled', async () => {
    const uri = newUri();
    client.settingsFor = (scope) => (scope === uri ? { ...DEFAULT_SETTINGS, enable: false } : DEFAULT_SETTINGS);
    try {
      await open(uri);
      assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);
    } finally {
      client.settingsFor = () => DEFAULT_SETTINGS;
    }
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    assert.deepEqual((await client.diagnosticsFor(uri, undefined)).diagnostics, []);
  });

  it('answers null for a document that was never opened, and keeps running', async () => {
    const uri = 'file:///never/opened/MetaBase.xml';
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: range(0, 0, 0), context: { diagnostics: [] },
    });
    assert.equal(actions, null);
    assert.ok(client.alive);
  });

  it('logs a failing notification handler and keeps serving', async () => {
    const uri = 'file:///never/opened/either/MetaBase.xml';
    await change(uri, 2, { range: range(0, 0, 0), text: 'x' });
    const log = await client.errorLogged('didChange failed');
    assert.match(log.message, /not open: file:\/\/\/never\/opened\/either\/MetaBase\.xml/);
    const other = newUri();
    await open(other);
    assert.equal((await client.diagnosticsFor(other, 1)).diagnostics.length, 3);
    assert.ok(client.alive);
  });

  function applyEdit(uri: string, action: CodeAction): string {
    const edits = action.edit?.changes?.[uri];
    assert.ok(edits, `no edit for ${uri} in ${JSON.stringify(action)}`);
    return TextDocument.applyEdits(TextDocument.create(uri, 'iis-metabase', 1, TEXT), edits);
  }
});

describe('language server lifecycle', () => {
  it('declares incremental sync, its code action kinds, hover, and no pull diagnostics to a client without them', async () => {
    const client = await LspClient.start(PUSH_CLIENT);
    try {
      const { capabilities, serverInfo } = client.initializeResult;
      assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } });
      assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.iis-metabase', 'refactor.rewrite', 'refactor'], resolveProvider: true });
      assert.deepEqual(capabilities.completionProvider, { triggerCharacters: ['<', ' ', '"', "'", '|', ',', '/'] });
      assert.equal(capabilities.hoverProvider, true);
      assert.equal(capabilities.diagnosticProvider, undefined);
      assert.deepEqual(serverInfo, { name: 'iis-metabase-language-server', version: VERSION });
    } finally {
      client.kill();
    }
  });

  it('exits with 0 after shutdown and exit', async () => {
    const client = await LspClient.start(PUSH_CLIENT);
    try {
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });
});
