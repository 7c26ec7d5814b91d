// The desktop extension (package.json `main`): starts the bundled language server as a Node process over
// IPC. All checking happens in the server; ./common wires it into VS Code.

import { ExtensionContext } from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CLIENT_ID, NAME, activateClient, deactivateClient } from './common/activate';

/** The Node client, with the exit of a stopped server said as what it is, not as news. */
class NodeClient extends LanguageClient {
  override info(message: string, data?: unknown, showNotification?: boolean): void {
    // Logged on every deliberate stop and restart, where it reads like an event of note.
    if (message === 'Server process exited successfully') this.debug('The previous server process ended', data, false);
    else super.info(message, data, showNotification);
  }
}

export function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateClient(context, 'Node process, IPC', (options) => new NodeClient(CLIENT_ID, NAME, serverOptions, options));
}

export const deactivate = deactivateClient;
