// A scripted LSP client for the protocol tests: starts the bundled server (dist/server.js --stdio), answers
// workspace/configuration with settings the test controls, and records what the server sends.

import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  ClientCapabilities, ConfigurationParams, ConfigurationRequest, DiagnosticRefreshRequest, InitializeRequest, InitializeResult,
  InitializedNotification, LogMessageNotification, LogMessageParams, MessageType, ProtocolConnection,
  PublishDiagnosticsNotification, PublishDiagnosticsParams, ShowMessageNotification, ShowMessageParams, StreamMessageReader, StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { RESULT_LIMIT_NOTIFICATION, ResultLimitParams } from '../../server/src/resultLimit';

/** out/test/protocol → the repository root. */
export const SERVER = join(__dirname, '..', '..', '..', 'dist', 'server.js');

const WAIT_MS = 5000;

export const DEFAULT_SETTINGS = { enable: true, validate: 'onType', rules: {} };

/** Capabilities of a client that takes pushed diagnostics and serves scoped settings. */
export const PUSH_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

/** The same client, pulling diagnostics (textDocument/diagnostic) instead. */
export const PULL_CLIENT: ClientCapabilities = {
  workspace: { ...PUSH_CLIENT.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...PUSH_CLIENT.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

export class LspClient {
  /** The `iisMetabase` section that workspace/configuration answers with, per scope uri. */
  settingsFor: (scopeUri: string | undefined) => unknown = () => DEFAULT_SETTINGS;
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  /** window/showMessage notifications. */
  readonly shown: ShowMessageParams[] = [];
  /** iisMetabase/resultLimit notifications: what is cut of the outline and folding. */
  readonly resultLimits: ResultLimitParams[] = [];
  refreshRequests = 0;
  private listeners: Array<() => void> = [];
  private stderr = '';
  private readonly exited: Promise<number | null>;

  /** What the server answered to initialize. */
  initializeResult!: InitializeResult;

  private constructor(readonly server: ChildProcess, readonly connection: ProtocolConnection) {
    server.stderr!.on('data', (chunk) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'iisMetabase' ? this.settingsFor(item.scopeUri) : null));
    });
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
      this.changed();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.changed();
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.shown.push(params);
      this.changed();
    });
    connection.onNotification(RESULT_LIMIT_NOTIFICATION, (params: ResultLimitParams) => {
      this.resultLimits.push(params);
      this.changed();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.changed();
    });
  }

  /** `node`: options for Node before the server's script (`--max-old-space-size=128`). */
  static async start(capabilities: ClientCapabilities, initializationOptions?: unknown, node: string[] = []): Promise<LspClient> {
    const server = spawn(process.execPath, [...node, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const client = new LspClient(server, connection);
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, capabilities, workspaceFolders: null, initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves once `ready()` returns a value; checked after every message the server sends. */
  waitFor<T>(what: string, ready: () => T | undefined, waitMs = WAIT_MS): Promise<T> {
    const now = ready();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`timed out waiting for ${what}; server stderr: ${this.stderr || '(none)'}`));
      }, waitMs);
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve(value);
      };
      this.listeners.push(check);
    });
  }

  /**
   * The diagnostics published for `version` of `uri` (undefined: after closing), the first one from
   * `published[since]` on.
   */
  diagnosticsFor(uri: string, version: number | undefined, since = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics of ${uri} version ${version}`,
      () => this.published.slice(since).find((p) => p.uri === uri && p.version === version));
  }

  errorLogged(containing: string): Promise<LogMessageParams> {
    return this.waitFor(`an error log containing '${containing}'`,
      () => this.logs.find((l) => l.type === MessageType.Error && l.message.includes(containing)));
  }

  /**
   * Sends notifications in one write to the server's input, so that it reads them together: the server then
   * receives the last one before it can finish handling the first, however loaded the machine. Call it when
   * no message of the connection is still being written.
   */
  notifyTogether(notifications: Array<{ method: string; params: unknown }>): Promise<void> {
    const frames = notifications.map(({ method, params }) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method, params }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    return new Promise((resolve, reject) => this.server.stdin!.write(Buffer.concat(frames), (error) => (error ? reject(error) : resolve())));
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends a server that a failed test left running. */
  kill(): void {
    if (this.server.exitCode === null) this.server.kill();
    this.connection.dispose();
  }

  get alive(): boolean {
    return this.server.exitCode === null && this.server.signalCode === null;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
