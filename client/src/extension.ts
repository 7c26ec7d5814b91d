// The VS Code side: starts the bundled language server for iis-metabase documents. All checking happens
// in the server; this file only wires it into VS Code.

import * as path from 'node:path';
import { ExtensionContext, commands, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

/** The client id: VS Code reads its `<id>.trace.server` setting to trace the protocol. */
const CLIENT_ID = 'iisMetabase';
const NAME = 'IIS Metabase';
/** vscode-languageclient's own default, stated: restart a crashed server up to 4 times in 3 minutes. */
const MAX_RESTARTS = 4;

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = window.createOutputChannel(NAME, { log: true });
  const clientOptions: LanguageClientOptions = {
    // No scheme: files, untitled editors and virtual file systems alike (the server reads no files).
    documentSelector: [{ language: 'iis-metabase' }],
    synchronize: { configurationSection: CLIENT_ID },
    outputChannel,
    connectionOptions: { maxRestartCount: MAX_RESTARTS },
  };
  client = new LanguageClient(CLIENT_ID, NAME, serverOptions, clientOptions);
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand('iisMetabase.restartServer', async () => {
      if (!client) return;
      outputChannel.info('Restarting the language server');
      await client.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  await stopping?.stop();
}
