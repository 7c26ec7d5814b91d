// The language server's LSP wiring: a thin layer over the language service in ./service, on any
// connection (Node's in ./server.ts, a web worker's in a browser entry). It reads no files and uses no
// Node-only API: every text comes from the client, every log line goes through the connection.

import {
  CodeAction, CodeActionKind, Connection, ErrorCodes, Hover, InitializeResult, ResponseError, TextDocumentSyncKind,
} from 'vscode-languageserver';
import { FIX_ALL_KIND, codeActions, hover } from './service';
import { DocumentStore } from './documents';
import { PullDiagnostics, PushDiagnostics, describe } from './diagnostics';
import { SettingsCache } from './settings';

export interface ServerInfo {
  version: string;
  /** How the client talks to the server (stdio, node-ipc, socket, worker), for the log. */
  transport: string;
}

/** Wires the language service to `connection` and starts listening. */
export function startServer(connection: Connection, info: ServerInfo): void {
  const documents = new DocumentStore();
  let settings = new SettingsCache(undefined);
  let pulling = false;
  let canRefreshPulls = false;

  const log = (message: string) => connection.console.error(message);

  let push!: PushDiagnostics;
  let pull!: PullDiagnostics;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    settings = new SettingsCache(capabilities.workspace?.configuration
      ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'iisMetabase' })
      : undefined);
    pulling = capabilities.textDocument?.diagnostic !== undefined;
    canRefreshPulls = capabilities.workspace?.diagnostics?.refreshSupport === true;
    push = new PushDiagnostics(documents, settings, (uri, version, diagnostics) => {
      void connection.sendDiagnostics({ uri, version, diagnostics });
    }, log);
    pull = new PullDiagnostics(documents, settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        diagnosticProvider: pulling ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: 'iis-metabase-language-server', version: info.version },
    };
  });

  /** Runs a notification handler; an exception is logged, never fatal. */
  function notification<P>(name: string, handler: (params: P) => void | Promise<void>): (params: P) => Promise<void> {
    return async (params) => {
      try {
        await handler(params);
      } catch (error) {
        log(`${name} failed: ${describe(error)}`);
      }
    };
  }

  /** Runs a request handler; an exception is logged and answered with an InternalError. */
  function request<P, R>(name: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R | ResponseError<never>> {
    return async (params) => {
      try {
        return await handler(params);
      } catch (error) {
        log(`${name} failed: ${describe(error)}`);
        return new ResponseError<never>(ErrorCodes.InternalError, `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  function revalidateAll(): void {
    if (pulling) {
      for (const open of documents.all()) pull.invalidate(open.uri);
      if (canRefreshPulls) void connection.languages.diagnostics.refresh();
    } else {
      for (const open of documents.all()) push.schedule(open.uri);
    }
  }

  connection.onDidOpenTextDocument(notification('didOpen', ({ textDocument: d }) => {
    documents.open(d.uri, d.languageId, d.version, d.text);
    settings.forget(d.uri);
    if (pulling) pull.invalidate(d.uri);
    else push.schedule(d.uri);
  }));

  connection.onDidChangeTextDocument(notification('didChange', async ({ textDocument: d, contentChanges }) => {
    const open = documents.get(d.uri);
    if (!open) throw new Error(`didChange for a document that is not open: ${d.uri}`);
    open.applyChanges(contentChanges, d.version);
    if (pulling) return; // the client pulls after a change
    if ((await settings.get(d.uri)).validate === 'onType') push.schedule(d.uri);
  }));

  connection.onDidSaveTextDocument(notification('didSave', ({ textDocument: d }) => {
    if (!documents.get(d.uri)) return;
    if (pulling) {
      pull.invalidate(d.uri);
      if (canRefreshPulls) void connection.languages.diagnostics.refresh();
    } else {
      push.schedule(d.uri);
    }
  }));

  connection.onDidCloseTextDocument(notification('didClose', ({ textDocument: d }) => {
    documents.close(d.uri);
    settings.forget(d.uri);
    if (pulling) pull.closed(d.uri);
    else push.closed(d.uri);
  }));

  connection.onDidChangeConfiguration(notification('didChangeConfiguration', ({ settings: pushed }) => {
    settings.changed(pushed);
    revalidateAll();
  }));

  connection.languages.diagnostics.on(request('textDocument/diagnostic', (params) =>
    pull.pull(params.textDocument.uri, params.previousResultId)));

  connection.onCodeAction(request('textDocument/codeAction', async (params): Promise<CodeAction[] | null> => {
    const open = documents.get(params.textDocument.uri);
    if (!open) return null;
    const current = await settings.get(open.uri);
    if (!current.enable) return [];
    const model = await open.model();
    return codeActions(open.document, model, params.range, params.context.only, current);
  }));

  connection.onHover(request('textDocument/hover', async (params): Promise<Hover | null> => {
    const open = documents.get(params.textDocument.uri);
    if (!open) return null;
    const current = await settings.get(open.uri);
    if (!current.enable) return null;
    const model = await open.model();
    return hover(open.document, model, params.position, current);
  }));

  connection.listen();
  }
