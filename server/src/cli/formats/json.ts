// The machine format: one flat array of problems over all files, lines and columns 1-based (end exclusive).

import { FileReport, messageText, oneBased, severityName } from './report';

export function formatJson(reports: readonly FileReport[]): string {
  const problems = reports.flatMap((report) => report.diagnostics.map((d) => {
    const start = oneBased(d.range.start);
    const end = oneBased(d.range.end);
    return {
      file: report.path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: severityName(d),
      code: d.code,
      message: messageText(d),
    };
  }));
  return `${JSON.stringify(problems, null, 2)}\n`;
}
