// The Node entry of the language server: creates the connection on the transport named on the command
// line (--node-ipc for VS Code, --stdio or --socket=<port> for other clients) and starts the shared LSP
// wiring (./lsp, which a browser entry reuses) on it.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp';
import { MessageFlow } from './messages';
import { describe } from './diagnostics';
import { HeapWatch, SERVER_HEAP_SHARES } from './node/heapWatch';
import { collectBefore } from './node/collect';

const TRANSPORTS = ['--node-ipc', '--stdio', '--socket=', '--pipe='];
const transport = process.argv.slice(2).find((arg) => TRANSPORTS.some((t) => arg === t || (t.endsWith('=') && arg.startsWith(t))));

if (!transport) {
  // createConnection would throw, and Node would print the line of minified source it threw from.
  process.stderr.write([
    'iis-metabase-language-server: the Language Server Protocol server for IIS 6 MetaBase.xml.',
    'Usage: iis-metabase-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>',
    '',
  ].join('\n'));
  process.exit(2);
}

const flow = new MessageFlow(() => new Promise((resolve) => setImmediate(resolve)));
const connection = createConnection(ProposedFeatures.all, flow.options);
const log = (message: string) => connection.console.error(message);
process.on('uncaughtException', (error) => log(`Uncaught exception: ${describe(error)}`));
process.on('unhandledRejection', (reason) => log(`Unhandled rejection: ${describe(reason)}`));

// Set by scripts/bundle.mjs; an unbundled build has no version.
startServer(connection, flow, { version: process.env.IIS_METABASE_VERSION ?? 'dev', transport: transport.replace(/^--|=.*$/g, '') }, {
  watch: () => new HeapWatch(SERVER_HEAP_SHARES),
  collect: collectBefore,
});
