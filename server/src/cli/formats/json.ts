// The machine format: one flat array of problems over all files, lines and columns 1-based (end exclusive).
// Written one problem at a time, laid out as JSON.stringify(problems, null, 2) would.

import { Diagnostic } from 'vscode-languageserver-types';
import { FileReport, messageText, oneBased, severityName } from './report';

export class JsonReporter {
  private first = true;

  constructor(private readonly write: (text: string) => void) {}

  file(report: FileReport): void {
    for (const diagnostic of report.diagnostics) {
      this.write(this.first ? '[\n  ' : ',\n  ');
      this.first = false;
      this.write(JSON.stringify(problem(report.path, diagnostic), null, 2).replace(/\n/g, '\n  '));
    }
  }

  end(): void {
    this.write(this.first ? '[]\n' : '\n]\n');
  }
}

function problem(file: string, d: Diagnostic) {
  const start = oneBased(d.range.start);
  const end = oneBased(d.range.end);
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: severityName(d),
    code: d.code,
    message: messageText(d),
  };
}
