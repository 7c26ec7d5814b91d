// The language server's LSP wiring: a thin layer over the language service in ./service, on any
// connection (Node's in ./server.ts, a web worker's in a browser entry). It reads no files and uses no
// Node-only API: every text comes from the client, every log line goes through the connection.

import {
  CodeAction, CodeActionKind, CodeLens, CompletionList, Connection, ErrorCodes, Hover, InitializeError, InitializeResult, MarkupKind,
  MessageType, ResponseError, ShowMessageNotification, TextDocumentSyncKind,
} from 'vscode-languageserver';
import { Navigation } from './navigation';
import {
  COMPLETION_TRIGGERS, FIX_ALL_KIND, LIST_ACTION_KINDS, MetabaseModel, codeActions, completion, fixAll, hover, listActions, scriptMapsLenses,
} from './service';
import { DocumentStore, MappedView, MemoryGuard, hoverThrough } from './documents';
import { MALFORMED_INITIALIZE, MALFORMED_PARAMS, MessageFlow } from './messages';
import { PullDiagnostics, PushDiagnostics, describe } from './diagnostics';
import { ServerSettings, SettingsCache } from './settings';
import { SchemaError, factsFromSchema, iisSchemaFacts } from './service/schema';
import { InvalidParams, checkCodeActionParams, checkExportParams, checkHoverParams, checkOpenParams, checkResolveData, checkTextDocumentParams } from './params';
import { EXPORT_REQUEST, ExportParams, exportActions, exportAt } from './service/export/actions';
import { RESULT_LIMIT_NOTIFICATION } from './resultLimit';

/** The client sends a user's MBSchema.xml (the server reads no files): at initialize and on change. */
export const SCHEMA_NOTIFICATION = 'iisMetabase/schema';

export interface SchemaParams {
  /** The text of the MBSchema.xml in use; null or absent: IIS 6's own schema. */
  text?: string | null;
  /** Where it came from, for messages. */
  uri?: string;
}

export interface ServerInfo {
  version: string;
  /** How the client talks to the server (stdio, node-ipc, socket, worker), for the log. */
  transport: string;
}

/** Where the server is in the protocol's life: requests are refused before initialize and after shutdown. */
type State = 'new' | 'running' | 'shutDown';

/**
 * Wires the language service to `connection` and starts listening. `memory`: a watch of the memory one reading
 * of a document takes (Node's heap, see heapWatch.ts), and a garbage collection before a big text is read
 * (node/collect.ts); without them, nothing stops a reading before memory runs out.
 */
export function startServer(connection: Connection, flow: MessageFlow, info: ServerInfo, memory?: Pick<MemoryGuard, 'watch' | 'collect'>): void {
  // Builds pause for the messages waiting: edits and hovers go ahead of a model being built.
  const documents = new DocumentStore(flow.drain, memory && {
    ...memory,
    gaveUp: (_uri, message) => {
      log(message);
      // The diagnostics waiting for the reading get those of the document read without rules: none.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    },
  });
  let settings = new SettingsCache(undefined);
  let state: State = 'new';
  let pulling = false;
  let canRefreshPulls = false;
  let hoverFormat: MarkupKind = MarkupKind.Markdown;
  let resolvesEdits = false;
  let settingsLogged = false;

  const log = (message: string) => connection.console.error(message);
  const tell = (message: string) => connection.console.info(message);

  let push!: PushDiagnostics;
  let pull!: PullDiagnostics;
  const navigation = new Navigation(documents, async (uri) => (await settings.get(uri)).maxItemsComputed, (params) => {
    void connection.sendNotification(RESULT_LIMIT_NOTIFICATION, params);
  });

  connection.onInitialize((params): InitializeResult | ResponseError<InitializeError> => {
    if (state !== 'new') return new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.', { retry: false });
    state = 'running';
    const capabilities = params.capabilities;
    let fellBack = false;
    settings = new SettingsCache(capabilities.workspace?.configuration
      ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'iisMetabase' })
      : undefined, (reason) => {
      if (fellBack) return;
      fellBack = true;
      log(`${reason}: using the default settings (said once).`);
    });
    pulling = capabilities.textDocument?.diagnostic !== undefined;
    canRefreshPulls = capabilities.workspace?.diagnostics?.refreshSupport === true;
    const formats = capabilities.textDocument?.hover?.contentFormat;
    // The client's order is its preference; markdown when it names neither.
    hoverFormat = formats?.find((f) => f === MarkupKind.Markdown || f === MarkupKind.PlainText) ?? MarkupKind.Markdown;
    resolvesEdits = capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    const options = params.initializationOptions as { schema?: SchemaParams } | undefined;
    if (options?.schema) useSchema(options.schema);
    push = new PushDiagnostics(documents, settings, (uri, version, diagnostics) => {
      void connection.sendDiagnostics({ uri, version, diagnostics });
    }, log, flow.drain);
    pull = new PullDiagnostics(documents, settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, ...LIST_ACTION_KINDS], resolveProvider: true },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        diagnosticProvider: pulling ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        ...navigation.capabilities(capabilities),
      },
      serverInfo: { name: 'iis-metabase-language-server', version: info.version },
    };
  });

  connection.onRequest(MALFORMED_INITIALIZE, () =>
    new ResponseError(ErrorCodes.InvalidParams, 'initialize: params must be an object with the client\'s capabilities'));

  connection.onInitialized(() => {
    tell(`iis-metabase-language-server ${info.version} on ${info.transport}; diagnostics ${pulling ? 'pulled' : 'pushed'}.`);
  });

  connection.onShutdown(() => {
    if (state === 'shutDown') return new ResponseError<void>(ErrorCodes.InvalidRequest, 'The server is shut down.');
    state = 'shutDown';
    return undefined;
  });

  /** The settings for `uri`; the first document's are logged once, so that the log says what is in force. */
  async function settingsFor(uri: string): Promise<ServerSettings> {
    const current = await settings.get(uri);
    if (!settingsLogged) {
      settingsLogged = true;
      tell(`Settings in force for ${uri}: ${JSON.stringify(current)}`);
    }
    return current;
  }

  /** Runs a notification handler once initialized; an exception is logged, never fatal. */
  function notification<P>(name: string, handler: (params: P) => void | Promise<void>): (params: P) => Promise<void> {
    return async (params) => {
      if (state !== 'running') return; // before initialize or after shutdown: ignored, as the protocol says
      try {
        await handler(params);
      } catch (error) {
        log(`${name} failed: ${describe(error)}`);
      }
    };
  }

  /** Runs a request handler: refused outside the running state, bad params answered with InvalidParams, exceptions with InternalError. */
  function request<P, R>(name: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R | ResponseError<never>> {
    return async (params) => {
      if (state === 'new') return new ResponseError<never>(ErrorCodes.ServerNotInitialized, 'The server is not initialized.');
      if (state === 'shutDown') return new ResponseError<never>(ErrorCodes.InvalidRequest, 'The server is shut down.');
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof InvalidParams) return new ResponseError<never>(ErrorCodes.InvalidParams, `${name}: ${error.message}`);
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

  connection.onRequest(MALFORMED_PARAMS, ({ method }: { method: string }) => request(method, () => {
    throw new InvalidParams('params must be an object');
  })(undefined));

  connection.onDidOpenTextDocument(notification('didOpen', (params) => {
    const d = checkOpenParams(params);
    documents.open(d.uri, d.languageId, d.version, d.text);
    settings.forget(d.uri);
    void settingsFor(d.uri);
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
    navigation.closed(d.uri);
    settings.forget(d.uri);
    if (pulling) pull.closed(d.uri);
    else push.closed(d.uri);
  }));

  connection.onNotification(SCHEMA_NOTIFICATION, notification(SCHEMA_NOTIFICATION, (params: SchemaParams) => {
    useSchema(params ?? {});
    revalidateAll();
  }));

  let badSchema: string | undefined;

  /** Builds the facts of a user's schema; a schema that cannot be used is reported once, and IIS 6's is used. */
  function useSchema({ text, uri }: SchemaParams): void {
    if (typeof text !== 'string') {
      documents.useFacts(iisSchemaFacts());
      return;
    }
    try {
      documents.useFacts(factsFromSchema(text));
      badSchema = undefined;
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      documents.useFacts(iisSchemaFacts());
      const message = `The schema ${uri ?? 'MBSchema.xml'} cannot be used (${error.message}); IIS 6's own schema is used instead.`;
      if (message === badSchema) return;
      badSchema = message;
      log(message);
      // A notification, not showWarningMessage's request: nothing to answer, and every client shows it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
  }

  connection.onDidChangeConfiguration(notification('didChangeConfiguration', ({ settings: pushed }) => {
    settings.changed(pushed);
    revalidateAll();
  }));

  connection.languages.diagnostics.on(request('textDocument/diagnostic', (params) => {
    checkTextDocumentParams(params);
    return pull.pull(params.textDocument.uri, params.previousResultId);
  }));

  // Code actions wait for the current version: their edits carry none.
  connection.onCodeAction(request('textDocument/codeAction', async (params): Promise<CodeAction[] | null> => {
    checkCodeActionParams(params);
    const open = documents.get(params.textDocument.uri);
    if (!open) return null;
    const current = await settings.get(open.uri);
    if (!current.enable) return [];
    const { document, model } = await open.currentSnapshot();
    if (!readsLists(model)) return [];
    // The lightbulb (no `only`) lists fix-all without computing it, unless the client cannot resolve it.
    const data = resolvesEdits ? { uri: document.uri, version: document.version } : undefined;
    const actions = [
      ...codeActions(document, model, params.range, params.context.only, current, data),
      ...listActions(document, model, params.range, params.context.only),
    ];
    // The "Copy as ..." commands of a key only in the lightbulb (never on save, which asks for kinds).
    return params.context.only ? actions : [...actions, ...exportActions(document, model, params.range)];
  }));

  connection.onRequest(EXPORT_REQUEST, request(EXPORT_REQUEST, async (params: ExportParams) => {
    checkExportParams(params);
    const open = documents.get(params.uri);
    if (!open) return null;
    const { document, model } = await open.currentSnapshot();
    if (!readsLists(model)) return null;
    return exportAt(document, model, params.position, params.to) ?? null;
  }));

  connection.onCodeActionResolve(request('codeAction/resolve', async (action): Promise<CodeAction> => {
    if (action.kind !== FIX_ALL_KIND || action.edit) return action;
    const { uri, version } = checkResolveData(action.data);
    const open = documents.get(uri);
    if (!open) return action;
    const current = await settings.get(uri);
    const { document, model } = await open.currentSnapshot();
    // Edited since the action was listed: its edit would be computed on another text; the client asks again.
    if (document.version !== version) return action;
    const edits = fixAll(document, model, current);
    return { ...action, edit: { changes: { [uri]: edits } } };
  }));

  // Completion reads the current text around the cursor; the keys of the file (pools, Locations) come
  // from the last model built, so that a keystroke in a 45 MB file need not wait for its build.
  connection.onCompletion(request('textDocument/completion', async (params): Promise<CompletionList | null> => {
    checkHoverParams(params);
    const open = documents.get(params.textDocument.uri);
    if (!open) return null;
    if (!(await settings.get(open.uri)).enable) return null;
    const view = open.latest();
    const { document, model } = view?.snapshot ?? await open.currentSnapshot();
    const current = view?.current ?? document;
    return completion(current, model, params.position, params.context?.triggerCharacter, document);
  }));

  connection.onHover(request('textDocument/hover', async (params): Promise<Hover | null> => {
    checkHoverParams(params);
    const open = documents.get(params.textDocument.uri);
    if (!open) return null;
    const current = await settings.get(open.uri);
    if (!current.enable) return null;
    const answer = (view: MappedView | undefined) => view && hoverThrough(view, params.position, (document, model, position) =>
      (readsLists(model) ? hover(document, model, position, current, hoverFormat) : null));
    // Under a flood of edits the last model built answers at once, unless the hover is where the edits are:
    // then it waits for the build under way, and gives no hover if the edits still touch it.
    const now = answer(open.latest());
    if (now !== undefined) return now;
    await open.snapshot();
    return answer(open.latest()) ?? null;
  }));

  navigation.listen(connection, request);

  // The ScriptMaps a key's list replaces (service/inheritance), computed on the current version.
  connection.onCodeLens(request('textDocument/codeLens', async (params): Promise<CodeLens[] | null> => {
    checkTextDocumentParams(params);
    const open = documents.get(params.textDocument.uri);
    if (!open) return null;
    const current = await settings.get(open.uri);
    if (!current.enable || !current.scriptMapsLens) return [];
    const { document, model } = await open.currentSnapshot();
    return readsLists(model) ? scriptMapsLenses(document, model) : [];
  }));

  connection.listen();
}

/**
 * Whether requests may read the model's lists whole (a hover or a lightbulb on one item reads its list, the
 * lens every list): not for a document given up as too big to check (see OpenDocument), which read them
 * without rules because its memory would not hold them.
 */
function readsLists(model: MetabaseModel): boolean {
  return model.checker.checked;
}
