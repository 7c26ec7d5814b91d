// The web worker entry of the language server (dist/browser/server.js, started by the web extension in
// client/src/browser.ts): the shared LSP wiring (./lsp) on the worker's message port.

import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './lsp';
import { MessageFlow } from './messages';

// The worker's global scope (this project compiles without the WebWorker library).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const flow = new MessageFlow(() => new Promise((resolve) => setTimeout(resolve, 0)));
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self), flow.options);
// Set by scripts/bundle.mjs; an unbundled build has no version.
startServer(connection, flow, { version: process.env.IIS_METABASE_VERSION ?? 'dev', transport: 'worker' });
