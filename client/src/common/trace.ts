// The protocol trace, driven by the `iisMetabase.trace.server` setting alone. vscode-languageclient 10
// traces only while its trace channel's log level is Trace (the setting then merely picks messages or
// verbose), so the "IIS Metabase" channel showed nothing until "Developer: Set Log Level → Trace" and kept
// tracing after the setting went back to off. This channel reports the level the setting asks for, tells
// the client when the setting changes, and writes the trace lines into the log channel at info level, so
// that they show at the channel's default level.

import { Disposable, EventEmitter, LogLevel, LogOutputChannel, ViewColumn, workspace } from 'vscode';

const SETTING = 'iisMetabase.trace.server';

function levelOf(setting: unknown): LogLevel {
  return setting === 'messages' || setting === 'verbose' ? LogLevel.Trace : LogLevel.Off;
}

export class SettingTraceChannel implements LogOutputChannel {
  private readonly changed = new EventEmitter<LogLevel>();
  private readonly listener: Disposable;
  readonly onDidChangeLogLevel = this.changed.event;
  logLevel: LogLevel;

  constructor(private readonly log: LogOutputChannel) {
    this.logLevel = levelOf(workspace.getConfiguration().get(SETTING));
    this.listener = workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTING)) return;
      const level = levelOf(workspace.getConfiguration().get(SETTING));
      if (level === this.logLevel) return;
      this.logLevel = level;
      this.changed.fire(level);
    });
  }

  get name(): string {
    return this.log.name;
  }

  trace(message: string): void {
    if (this.logLevel === LogLevel.Trace) this.log.info(message);
  }

  debug(message: string, ...args: unknown[]): void { this.log.debug(message, ...args); }
  info(message: string, ...args: unknown[]): void { this.log.info(message, ...args); }
  warn(message: string, ...args: unknown[]): void { this.log.warn(message, ...args); }
  error(error: string | Error, ...args: unknown[]): void { this.log.error(error, ...args); }
  append(value: string): void { this.log.append(value); }
  appendLine(value: string): void { this.log.appendLine(value); }
  replace(value: string): void { this.log.replace(value); }
  clear(): void { this.log.clear(); }
  show(column?: ViewColumn | boolean, preserveFocus?: boolean): void {
    this.log.show(column as ViewColumn | undefined, preserveFocus);
  }
  hide(): void { this.log.hide(); }

  /** Leaves the log channel to its owner. */
  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
