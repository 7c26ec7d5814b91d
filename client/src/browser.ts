// The web extension (package.json `browser`: vscode.dev, github.dev, a VS Code server's web workbench):
// starts the language server bundled for the browser (dist/browser/server.js) in a web worker.

import { ExtensionContext, Uri } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { CLIENT_ID, NAME, activateClient, deactivateClient } from './common/activate';

// The web extension host's Worker (this project compiles without the DOM library).
declare class Worker {
  constructor(url: string);
  terminate(): void;
}

export function activate(context: ExtensionContext): Promise<void> {
  const url = Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js').toString(true);
  let worker: Worker | undefined;
  // A new worker on every start: a stopped server has ended its connection and cannot be started again.
  const start = () => {
    worker?.terminate();
    worker = new Worker(url);
    return Promise.resolve(worker);
  };
  return activateClient(context, 'web worker', (options) => new LanguageClient(CLIENT_ID, NAME, start, options));
}

export const deactivate = deactivateClient;
