// metabase-lint from arguments to exit code, with the process's streams and environment passed in.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { USAGE, UsageError, parseArgs, Options } from './args';
import { FileError, expandPatterns } from './files';
import { FileReport, countBySeverity, format } from './formats';
import { lintFile } from './lintFile';
import { packageVersion } from './version';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export function run(argv: readonly string[], io: Io): number {
  const fail = (message: string) => io.stderr(`metabase-lint: ${message}\n`);
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    fail(`${error.message} (see metabase-lint --help)`);
    return EXIT_USAGE;
  }
  if (options.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  let files: string[];
  try {
    files = expandPatterns(options.patterns);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    fail(error.message);
    return EXIT_USAGE;
  }

  const settings = { rules: options.rules };
  const reports: FileReport[] = [];
  let unreadable = false;
  const refuse = (message: string) => {
    fail(message);
    unreadable = true;
  };
  for (const file of files) {
    try {
      reports.push(lintFile(file, options.fix, settings, refuse));
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      refuse(error.message);
    }
  }

  const shown = options.quiet ? reports.map(errorsOnly) : reports;
  const color = options.color ?? (io.isTTY && !io.env.NO_COLOR);
  io.stdout(format(options.format, shown, { color, version: packageVersion(), cwd: io.cwd }));

  const counts = countBySeverity(reports);
  if (unreadable) return EXIT_USAGE;
  if (counts.errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && counts.warnings > options.maxWarnings) {
    fail(`too many warnings (${counts.warnings}; --max-warnings is ${options.maxWarnings})`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

function errorsOnly(report: FileReport): FileReport {
  return { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error) };
}
