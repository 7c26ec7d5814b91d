// The human format, after eslint's "stylish": per file a header, then one aligned row per problem
// (`line:col  severity  message  rule-id`), and at the end one summary line. Nothing at all when clean.

import { Diagnostic } from 'vscode-languageserver-types';
import { FileReport, countBySeverity, messageText, oneBased, severityName } from './report';

type Paint = (text: string) => string;

const ansi = (open: number, close: number): Paint => (text) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain: Paint = (text) => text;

function palette(color: boolean) {
  return {
    underline: color ? ansi(4, 24) : plain,
    dim: color ? ansi(2, 22) : plain,
    error: color ? ansi(31, 39) : plain,
    warning: color ? ansi(33, 39) : plain,
    info: color ? ansi(34, 39) : plain,
    bold: color ? ansi(1, 22) : plain,
  };
}

const LABEL = { error: 'error', warning: 'warning', information: 'info' } as const;

export function formatText(reports: readonly FileReport[], color: boolean): string {
  const paint = palette(color);
  const counts = countBySeverity(reports);
  const total = counts.errors + counts.warnings + counts.infos;
  if (total === 0) return '';
  let output = '\n';
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    output += `${paint.underline(report.path)}\n${table(report.diagnostics, paint)}\n\n`;
  }
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ` +
    `${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')})`;
  const tone = counts.errors ? paint.error : counts.warnings ? paint.warning : paint.info;
  return `${output}${paint.bold(tone(summary))}\n`;
}

function table(diagnostics: readonly Diagnostic[], paint: ReturnType<typeof palette>): string {
  const rows = diagnostics.map((d) => {
    const { line, column } = oneBased(d.range.start);
    const severity = severityName(d);
    return { line: String(line), column: String(column), severity, message: messageText(d), rule: String(d.code ?? '') };
  });
  const width = (key: 'line' | 'column' | 'message') => Math.max(...rows.map((r) => r[key].length));
  const lineWidth = width('line');
  const columnWidth = width('column');
  const severityWidth = Math.max(...rows.map((r) => LABEL[r.severity].length));
  const messageWidth = width('message');
  return rows.map((r) => {
    const label = LABEL[r.severity];
    const tone = r.severity === 'error' ? paint.error : r.severity === 'warning' ? paint.warning : paint.info;
    return `  ${paint.dim(`${r.line.padStart(lineWidth)}:${r.column}`)}${' '.repeat(columnWidth - r.column.length)}` +
      `  ${tone(label)}${' '.repeat(severityWidth - label.length)}` +
      `  ${r.message.padEnd(messageWidth)}  ${paint.dim(r.rule)}`;
  }).join('\n');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
