// What the desktop (../node.ts) and the web (../browser.ts) extension share: the client options, the
// "IIS Metabase" output channel and what it says, the trace, the restart command, the status of the outline
// and folding limits. Each entry only says how the server is started: a Node process over IPC, or a web worker.

import { ExtensionContext, LogOutputChannel, TextDocument, commands, env, window, workspace } from 'vscode';
import {
  BaseLanguageClient, DidChangeConfigurationNotification, LanguageClientOptions, State,
} from 'vscode-languageclient';
import { SCHEMA_FILE, SCHEMA_NOTIFICATION, SchemaParams, findSchema } from './schema';
import { SettingTraceChannel } from './trace';
import { registerCopyCommand } from './copy';
import { registerLimitStatus } from './limits';

/** The client id: VS Code reads its `<id>.trace.server` setting to trace the protocol. */
export const CLIENT_ID = 'iisMetabase';
export const NAME = 'IIS Metabase';
const LANGUAGE = 'iis-metabase';
/** vscode-languageclient's own default, stated: restart a crashed server up to 4 times in 3 minutes. */
const MAX_RESTARTS = 4;

export type CreateClient = (options: LanguageClientOptions) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;

/** Starts the client that `create` makes; `transport` names how it reaches the server, for the log. */
export async function activateClient(context: ExtensionContext, transport: string, create: CreateClient): Promise<void> {
  const log = window.createOutputChannel(NAME, { log: true });
  const trace = new SettingTraceChannel(log);
  // Read again by a restarted server, so kept current.
  const initializationOptions: { schema: SchemaParams } = { schema: await findSchema(LANGUAGE) };
  const started = create({
    initializationOptions,
    // Any scheme: files, untitled editors, vscode-vfs (github.dev), vscode-test-web: the server reads no files.
    documentSelector: [{ language: LANGUAGE }],
    outputChannel: log,
    traceOutputChannel: trace,
    connectionOptions: { maxRestartCount: MAX_RESTARTS },
  });
  client = started;
  const schemaWatcher = workspace.createFileSystemWatcher(`**/${SCHEMA_FILE}`);
  const sendSchema = async () => {
    const schema = await findSchema(LANGUAGE);
    if (schema.text === initializationOptions.schema.text && schema.uri === initializationOptions.schema.uri) return;
    initializationOptions.schema = schema;
    if (schema.uri) log.info(`Schema: ${schema.uri}`);
    if (started.isRunning()) await started.sendNotification(SCHEMA_NOTIFICATION, schema);
  };
  let restarting = false;
  let starts = 0;
  context.subscriptions.push(
    log, trace, schemaWatcher,
    schemaWatcher.onDidCreate(sendSchema), schemaWatcher.onDidChange(sendSchema), schemaWatcher.onDidDelete(sendSchema),
    // A metabase opened outside the workspace folders may have a schema beside it.
    workspace.onDidOpenTextDocument((document) => { if (document.languageId === LANGUAGE) void sendSchema(); }),
    // The server pulls its settings (workspace/configuration); this tells it to pull again.
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(CLIENT_ID) && started.isRunning()) {
        void started.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      }
    }),
    started.onDidChangeState(({ newState }) => {
      if (newState !== State.Running) return;
      starts++;
      const info = started.initializeResult?.serverInfo;
      const server = `${info?.name ?? 'language server'} ${info?.version ?? '(no version)'}`;
      const why = starts === 1 ? '' : restarting ? ', restarted on request' : ', restarted after it stopped';
      log.info(`${server} running (${transport}${why})`);
      restarting = false;
      logSettings(log);
    }),
    registerCopyCommand(),
    ...registerCopyCommands(started, log),
    registerLimitStatus(started, LANGUAGE),
    commands.registerCommand('iisMetabase.restartServer', async () => {
      restarting = true;
      log.info('Restarting the language server on request');
      await started.stop();
      await started.start();
    }),
  );
  await started.start();
}

/** The server's "Copy as ..." commands (server/src/service/export/actions.ts): the same ids, request and targets. */
const COPY_COMMANDS = [
  ['iisMetabase.copyAsHandlers', 'handlers', 'IIS 7+ handlers'],
  ['iisMetabase.copyAsAppcmd', 'appcmd', 'appcmd commands'],
  ['iisMetabase.copyKeyAsAdsutil', 'adsutil', 'adsutil.vbs commands'],
] as const;

/**
 * Each copies the key at the given position (a code action passes it), else at the cursor of the active
 * editor; it resolves to the text copied (undefined when there is no web key there).
 */
function registerCopyCommands(client: BaseLanguageClient, log: LogOutputChannel) {
  return COPY_COMMANDS.map(([id, to, what]) => commands.registerCommand(id, async (uri?: string, position?: { line: number; character: number }) => {
    const editor = window.activeTextEditor;
    const target = uri ?? editor?.document.uri.toString();
    const at = position ?? (editor && { line: editor.selection.active.line, character: editor.selection.active.character });
    if (!target || !at) return undefined;
    const result = await client.sendRequest<{ location: string; text: string } | null>('iisMetabase/export', { uri: target, position: at, to });
    if (!result) {
      void window.showWarningMessage('Put the cursor in a web key (a key under /LM/W3SVC) to copy it.');
      return undefined;
    }
    await env.clipboard.writeText(result.text);
    log.info(`Copied ${result.location} as ${what}`);
    void window.showInformationMessage(`Copied ${result.location} as ${what}.`);
    return result.text;
  }));
}

/** The settings in force for the first open metabase: what a bug report needs. */
function logSettings(log: LogOutputChannel): void {
  const document = workspace.textDocuments.find((d: TextDocument) => d.languageId === LANGUAGE);
  if (!document) return;
  const config = workspace.getConfiguration(CLIENT_ID, document.uri);
  const changed = Object.entries(config.get<Record<string, string>>('rules') ?? {})
    .filter(([id, value]) => config.inspect(`rules.${id}`)?.defaultValue !== value)
    .map(([id, value]) => `${id}=${value}`);
  log.info(`Settings for ${workspace.asRelativePath(document.uri)}: enable=${config.get<boolean>('enable')}, ` +
    `validate=${config.get<string>('validate')}, trace.server=${config.get<string>('trace.server')}, ` +
    `rules: ${changed.length ? changed.join(', ') : 'all at their defaults'}`);
}

export async function deactivateClient(): Promise<void> {
  const stopping = client;
  client = undefined;
  await stopping?.stop();
}
