// Protocol hygiene against the real server process: the life cycle (before initialize, after shutdown, a
// second initialize), malformed params and didChange positions, a client whose workspace/configuration
// fails or never answers, the hover's content format, the diagnostics cap, the lazily resolved fix-all,
// the start log, and the bin without a transport argument.

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
  CodeAction, CodeActionRequest, CodeActionResolveRequest, ConfigurationRequest, DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification, DocumentDiagnosticRequest, ErrorCodes, HoverRequest, InitializeRequest, InitializedNotification,
  MessageType, ResponseError, StreamMessageReader, StreamMessageWriter, createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS, LspClient, PULL_CLIENT, PUSH_CLIENT, SERVER } from './lspClient';
import { EXTENSION, FLAGS, TEXT, VERB } from './fixture';

const URI = 'file:///hygiene/MetaBase.xml';
const open = (client: LspClient, text = TEXT, uri = URI) => client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
  textDocument: { uri, languageId: 'iis-metabase', version: 1, text },
});

/** The error code a request fails with; undefined when it is answered. */
async function failure(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as ResponseError<unknown>).code;
  }
}

/** The answers, by id, of a server given these JSON-RPC messages as raw bytes (then shut down). */
async function rawAnswers(messages: object[]): Promise<Map<number, Record<string, unknown>>> {
  const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const answers = new Map<number, Record<string, unknown>>();
  const expected = messages.filter((m) => 'id' in m).length;
  let buffer = Buffer.alloc(0);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${answers.size} of ${expected} answers`)), 20_000);
    server.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const head = buffer.indexOf('\r\n\r\n');
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, head).toString())?.[1]);
        if (head < 0 || buffer.length < head + 4 + length) break;
        const message = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString());
        buffer = buffer.subarray(head + 4 + length);
        if (typeof message.id === 'number' && !('method' in message)) answers.set(message.id, message);
      }
      if (answers.size === expected) {
        clearTimeout(timer);
        resolve();
      }
    });
    for (const m of messages) {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }));
      server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      server.stdin.write(body);
    }
  }).finally(() => server.kill());
  return answers;
}

/** A server with a raw connection, before initialize. */
function rawServer() {
  const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
  /** The orderly end: shutdown, exit, and exit code 0. */
  const shutDown = async () => {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  };
  const dispose = () => {
    server.kill();
    connection.dispose();
  };
  return { server, connection, shutDown, dispose };
}

describe('protocol hygiene: life cycle', () => {
  it('before initialize: a request gets -32002, a didOpen is ignored and breaks nothing after initialize', async () => {
    const { server, connection, shutDown, dispose } = rawServer();
    try {
      assert.equal(await failure(connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 0 } })),
        ErrorCodes.ServerNotInitialized);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'iis-metabase', version: 1, text: TEXT } });
      const logs: string[] = [];
      connection.onNotification('window/logMessage', (p: { type: number; message: string }) => { if (p.type === MessageType.Error) logs.push(p.message); });
      connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => DEFAULT_SETTINGS));
      await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: PUSH_CLIENT, workspaceFolders: null });
      await connection.sendNotification(InitializedNotification.type, {});
      // The document was never opened for the server: a hover on it is null, and the server lives.
      assert.equal(await connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 4, character: 56 } }), null);
      assert.deepEqual(logs, []);
      assert.equal(server.exitCode, null);
      await shutDown();
    } finally {
      dispose();
    }
  });

  it('an initialize without params or capabilities gets -32602, and a proper one afterwards works', async () => {
    const { connection, shutDown, dispose } = rawServer();
    try {
      for (const params of [null, {}, { processId: null, rootUri: null }, { capabilities: 'all' }, [1]]) {
        const answer = connection.sendRequest('initialize', params);
        assert.equal(await failure(answer), ErrorCodes.InvalidParams, JSON.stringify(params));
        await answer.catch((error: ResponseError<unknown>) => assert.match(error.message, /capabilities/));
      }
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: PUSH_CLIENT, workspaceFolders: null });
      assert.equal(result.capabilities.hoverProvider, true);
      await shutDown();
    } finally {
      dispose();
    }
  });

  it('a second initialize is refused; after shutdown requests get -32600', async () => {
    const client = await LspClient.start(PUSH_CLIENT);
    try {
      assert.equal(await failure(client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: null, capabilities: PUSH_CLIENT, workspaceFolders: null,
      })), ErrorCodes.InvalidRequest);
      await open(client);
      await client.diagnosticsFor(URI, 1);
      await client.connection.sendRequest('shutdown');
      assert.equal(await failure(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: FLAGS.start })),
        ErrorCodes.InvalidRequest);
      assert.equal(await failure(client.connection.sendRequest('shutdown')), ErrorCodes.InvalidRequest, 'a second shutdown');
      await client.connection.sendNotification('exit');
    } finally {
      client.kill();
    }
  });

  it('logs its version and transport on start, and the settings in force for the first document', async () => {
    const client = await LspClient.start(PUSH_CLIENT);
    try {
      await client.waitFor('the start line', () => client.logs.find((l) => /^iis-metabase-language-server \S+ on stdio; diagnostics pushed\.$/.test(l.message)));
      await open(client);
      const line = await client.waitFor('the settings line', () => client.logs.find((l) => l.message.startsWith(`Settings in force for ${URI}: `)));
      assert.deepEqual(JSON.parse(line.message.slice(`Settings in force for ${URI}: `.length)),
        { enable: true, validate: 'onType', maxNumberOfProblems: 1000, maxItemsComputed: 5000, scriptMapsLens: true, rules: {}, migration: false });
      assert.equal(line.type, MessageType.Info);
    } finally {
      client.kill();
    }
  });

  it('without a transport argument: a short usage message and a non-zero exit', () => {
    const result = spawnSync(process.execPath, [SERVER], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^iis-metabase-language-server: .*\nUsage: iis-metabase-language-server --stdio \| --node-ipc/);
    assert.ok(result.stderr.length < 400, `${result.stderr.length} characters on stderr`);
  });
});

describe('protocol hygiene: params', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start(PUSH_CLIENT);
    await open(client);
    await client.diagnosticsFor(URI, 1);
  });
  after(() => client.kill());

  it('a request without textDocument, position, range or context gets -32602', async () => {
    const c = client.connection;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.equal(await failure(c.sendRequest(CodeActionRequest.method, { textDocument: { uri: URI }, range })), ErrorCodes.InvalidParams);
    assert.equal(await failure(c.sendRequest(CodeActionRequest.method, { textDocument: { uri: URI }, context: { diagnostics: [] } })), ErrorCodes.InvalidParams);
    assert.equal(await failure(c.sendRequest(CodeActionRequest.method, { range, context: { diagnostics: [] } })), ErrorCodes.InvalidParams);
    assert.equal(await failure(c.sendRequest(HoverRequest.method, { textDocument: { uri: URI } })), ErrorCodes.InvalidParams);
    assert.equal(await failure(c.sendRequest(HoverRequest.method, { textDocument: { uri: URI }, position: { line: -1, character: 0 } })), ErrorCodes.InvalidParams);
    assert.equal(await failure(c.sendRequest(HoverRequest.method, { position: { line: 0, character: 0 } })), ErrorCodes.InvalidParams);
    assert.equal(await failure(c.sendRequest(DocumentDiagnosticRequest.method, {})), ErrorCodes.InvalidParams);
    assert.equal(client.logs.filter((l) => l.type === MessageType.Error).length, 0);
  });

  // Issue 8 (rev8): the library read `params.workDoneToken` before any handler ran, and answered -32603.
  // Written raw: vscode-jsonrpc's client would send `[null]`, not `null`.
  it('every request with params null (or not an object) gets -32602, checked in one place', async () => {
    const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/codeLens', 'textDocument/diagnostic',
      'textDocument/documentSymbol', 'workspace/symbol', 'textDocument/foldingRange', 'textDocument/definition', 'textDocument/references',
      'textDocument/prepareRename', 'textDocument/rename', 'textDocument/selectionRange', 'codeAction/resolve', 'iisMetabase/export'];
    const requests = methods.flatMap((method) => [null, 5, 'x'].map((params) => ({ method, params })));
    const answers = await rawAnswers([
      { id: 0, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } },
      { method: 'initialized', params: {} },
      ...requests.map((r, i) => ({ id: i + 1, ...r })),
    ]);
    assert.deepEqual(requests.map((r, i) => [r.method, r.params, (answers.get(i + 1)?.error as { code?: number } | undefined)?.code]),
      requests.map((r) => [r.method, r.params, ErrorCodes.InvalidParams]));
  });

  // Issue 8 (rev8): a didOpen with text null was stored, and workspace/symbol then failed for every document.
  for (const [name, bad] of [
    ['text: null', { text: null }], ['text: 12345', { text: 12345 }], ['uri: 12', { uri: 12 }], ['version: 1.5', { version: 1.5 }],
    ['languageId: null', { languageId: null }],
  ] as const) {
    it(`a didOpen with ${name} is refused with a log line; the other documents keep working`, async () => {
      const logs = client.logs.length;
      const badUri = 'file:///hygiene/bad/MetaBase.xml';
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: Object.assign({ uri: badUri, languageId: 'iis-metabase', version: 1, text: TEXT }, bad),
      } as never);
      await client.waitFor('the refusal', () => client.logs.slice(logs).find((l) => l.type === MessageType.Error && l.message.includes('didOpen refused')));
      const symbols = await client.connection.sendRequest<Array<{ location: { uri: string } }>>('workspace/symbol', { query: '' });
      assert.deepEqual([...new Set(symbols.map((s) => s.location.uri))], [URI]);
      assert.equal(await client.connection.sendRequest(HoverRequest.method, { textDocument: { uri: badUri }, position: { line: 0, character: 0 } }), null);
      assert.notEqual(await client.connection.sendRequest(HoverRequest.method, { textDocument: { uri: URI }, position: FLAGS.start }), null);
    });
  }

  for (const [name, position] of [
    ['line: 1.5', { line: 1.5, character: 0 }], ['null', null], ['no character', { line: 4 }],
    ['a negative character', { line: 4, character: -1 }], ['a string line', { line: '4', character: 0 }],
  ] as const) {
    it(`a didChange position with ${name} is refused with a log line; the next valid edit lands on the right line`, async () => {
      const version = client.published.filter((p) => p.uri === URI).at(-1)!.version!;
      const logs = client.logs.length;
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version: version + 1 },
        contentChanges: [{ range: { start: position, end: { line: 4, character: 0 } }, text: 'X\r\n' }],
      } as never);
      await client.waitFor('the refusal', () => client.logs.slice(logs).find((l) => l.type === MessageType.Error && l.message.includes('didChange refused')));
      // Fix the flags `5x` of line 4 (a valid edit): its diagnostic goes, the others stay on their lines.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version: version + 2 },
        contentChanges: [{ range: FLAGS, text: '5' }],
      });
      const { diagnostics } = await client.diagnosticsFor(URI, version + 2);
      assert.deepEqual(diagnostics.map((d) => d.range), [EXTENSION, VERB]);
      // And back, for the next case.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version: version + 3 },
        contentChanges: [{ range: { start: FLAGS.start, end: { line: 4, character: 56 } }, text: '5x' }],
      });
      assert.deepEqual((await client.diagnosticsFor(URI, version + 3)).diagnostics.map((d) => d.range), [FLAGS, EXTENSION, VERB]);
    });
  }
});

describe('protocol hygiene: workspace/configuration that fails', () => {
  for (const [name, answer] of [
    ['answers with an error', () => new ResponseError(ErrorCodes.InternalError, 'no settings here')],
    ['never answers', () => new Promise(() => {})],
  ] as const) {
    it(`a client that ${name}: the defaults, said once in the log; diagnostics, hovers and code actions work`, async () => {
      const client = await LspClient.start(PUSH_CLIENT);
      try {
        client.connection.onRequest(ConfigurationRequest.type, answer as never);
        await open(client);
        await open(client, TEXT, `${URI}.2`);
        const { diagnostics } = await client.diagnosticsFor(URI, 1);
        assert.deepEqual(diagnostics.map((d) => d.range), [FLAGS, EXTENSION, VERB]);
        await client.diagnosticsFor(`${URI}.2`, 1);
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: FLAGS.start });
        assert.equal(hover?.range?.start.line, FLAGS.start.line);
        const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: FLAGS, context: { diagnostics: [] } });
        assert.ok(actions!.length >= 1);
        const said = client.logs.filter((l) => l.message.includes('using the default settings'));
        assert.equal(said.length, 1, said.map((l) => l.message).join('\n'));
      } finally {
        client.kill();
      }
    });
  }
});

describe('protocol hygiene: hover content format', () => {
  it('plaintext for a client that asks for it: no markdown marks, tables as aligned text', async () => {
    const client = await LspClient.start({ ...PUSH_CLIENT, textDocument: { ...PUSH_CLIENT.textDocument, hover: { contentFormat: ['plaintext'] } } });
    try {
      await open(client);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 4, character: 20 } });
      const contents = hover!.contents as { kind: string; value: string };
      assert.equal(contents.kind, 'plaintext');
      assert.doesNotMatch(contents.value, /\*\*|`|^\s*\|/m);
      assert.match(contents.value, /^Extension +\.asp$/m);
    } finally {
      client.kill();
    }
  });
});

/** `n` items with a lower-case verb (a warning each) and, every tenth, flags `5x` (an error). */
function manyFindings(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `.e${i},C:\\x.dll,${i % 10 === 9 ? '5x' : '5'},get`);
  return `<?xml version="1.0"?>\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\n<MBProperty>\n` +
    `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT"\n\tScriptMaps="${items.join('\n')}"\n>\n</IIsWebVirtualDir>\n</MBProperty>\n</configuration>\n`;
}

describe('diagnostics cap (iisMetabase.maxNumberOfProblems)', () => {
  for (const client of [PUSH_CLIENT, PULL_CLIENT]) {
    const pulling = client === PULL_CLIENT;
    it(`${pulling ? 'pulled' : 'pushed'}: at most the setting's number, errors first, plus one summary at the first left out`, async () => {
      const server = await LspClient.start(client);
      try {
        server.settingsFor = () => ({ ...DEFAULT_SETTINGS, maxNumberOfProblems: 30 });
        await open(server, manyFindings(200));
        const diagnostics = pulling
          ? ((await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: URI } })) as unknown as { items: never[] }).items
          : (await server.diagnosticsFor(URI, 1)).diagnostics;
        // 200 warnings and 20 errors: all 20 errors, the first 10 warnings, and the summary after line 14's warning.
        assert.equal(diagnostics.length, 31);
        const severities = diagnostics.map((d: { severity?: number }) => d.severity);
        assert.equal(severities.filter((s) => s === 1).length, 20);
        assert.equal(severities.filter((s) => s === 2).length, 10);
        const summary = diagnostics.find((d: { severity?: number }) => d.severity === 3) as unknown as { message: string; range: { start: { line: number } } };
        assert.equal(summary.message, '190 more problems not shown (iisMetabase.maxNumberOfProblems is 30); metabase-lint reports them all.');
        // Item i is on line 4 + i; warnings of items 0..9 are kept, item 10's verb is the first left out.
        assert.equal(summary.range.start.line, 14);
        const lines = diagnostics.map((d: { range: { start: { line: number } } }) => d.range.start.line);
        assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'document order');
      } finally {
        server.kill();
      }
    });
  }
});

describe('fix-all in the lightbulb: resolved when chosen', () => {
  const RESOLVING = {
    ...PUSH_CLIENT,
    textDocument: { ...PUSH_CLIENT.textDocument, codeAction: { ...PUSH_CLIENT.textDocument!.codeAction, resolveSupport: { properties: ['edit'] } } },
  };
  it('no `only`: fix-all without an edit, with data; codeAction/resolve adds the edit; asked by kind it comes whole', async () => {
    const client = await LspClient.start(RESOLVING);
    try {
      await open(client);
      await client.diagnosticsFor(URI, 1);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: URI }, range: FLAGS, context: { diagnostics: [] },
      })) as CodeAction[];
      const lazy = actions.find((a) => a.kind === 'source.fixAll.iis-metabase')!;
      assert.equal(lazy.edit, undefined);
      assert.deepEqual(lazy.data, { uri: URI, version: 1 });
      const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, lazy);
      const onSave = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: URI }, range: FLAGS, context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      assert.equal(onSave.length, 1);
      assert.ok(onSave[0].edit && (onSave[0].edit.changes![URI]).length > 0);
      assert.deepEqual(resolved.edit, onSave[0].edit);
    } finally {
      client.kill();
    }
  });
});
