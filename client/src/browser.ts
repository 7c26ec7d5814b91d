// The web extension (package.json `browser`: vscode.dev, github.dev, a VS Code server's web workbench):
// starts the language server bundled for the browser (dist/browser/server.js) in a web worker.

import { ExtensionContext, Uri, workspace } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { CLIENT_ID, NAME, activateClient, deactivateClient } from './common/activate';

// The web extension host's Worker (this project compiles without the DOM library).
declare class Worker {
  constructor(url: string);
  terminate(): void;
}

/** Schemes a worker can load its script from; the web extension host refuses others (vscode-remote). */
const LOADABLE = new Set(['http', 'https', 'file']);

/**
 * The server script's URL: its own where the browser can load it (vscode.dev serves extensions over
 * https), else its text, read through VS Code's file systems, as a blob (an extension of a remote server).
 */
async function serverUrl(script: Uri): Promise<string> {
  if (LOADABLE.has(script.scheme)) return script.toString(true);
  const code = await workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

export function activate(context: ExtensionContext): Promise<void> {
  const script = Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  let worker: Worker | undefined;
  // A new worker on every start: a stopped server has ended its connection and cannot be started again.
  // The transports are made here: the web extension host's Worker is a wrapper, so the client's own
  // `instanceof Worker` test fails on the worker it returns.
  const start = async () => {
    worker?.terminate();
    worker = new Worker(await serverUrl(script));
    // The transports take a DOM Worker, a type this project does not compile with.
    const port = worker as never;
    return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
  };
  return activateClient(context, 'web worker', (options) => new LanguageClient(CLIENT_ID, NAME, start, options));
}

export const deactivate = deactivateClient;
