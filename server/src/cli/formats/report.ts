// What every output format is given: the diagnostics of each linted file.

import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { Severity } from '../../service';

export interface FileReport {
  /** As the user named it (or as the glob found it). */
  path: string;
  /** Sorted by position. */
  diagnostics: Diagnostic[];
  /** How many more problems --max-problems left out. */
  omitted?: number;
}

/** LSP 3.18 allows markup in a message; the service writes plain text. */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function severityName(diagnostic: Diagnostic): Severity {
  switch (diagnostic.severity) {
    case DiagnosticSeverity.Error: return 'error';
    case DiagnosticSeverity.Warning: return 'warning';
    default: return 'information';
  }
}

/** The 1-based line and column of an LSP position (columns count UTF-16 code units). */
export function oneBased(position: { line: number; character: number }): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 };
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function emptyCounts(): Counts {
  return { errors: 0, warnings: 0, infos: 0 };
}

/** Adds the severities of `diagnostics` to `counts`. */
export function count(counts: Counts, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) {
    const severity = severityName(diagnostic);
    if (severity === 'error') counts.errors++;
    else if (severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
}

/** Adds `more` to `counts`. */
export function add(counts: Counts, more: Counts): void {
  counts.errors += more.errors;
  counts.warnings += more.warnings;
  counts.infos += more.infos;
}
