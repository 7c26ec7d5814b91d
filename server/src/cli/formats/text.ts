// The human format, after eslint's "stylish": per file a header, then one aligned row per problem
// (`line:col  severity  message  rule-id`), and at the end one summary line. Nothing at all when clean.
// Messages are padded to at most MESSAGE_WIDTH, and control characters (line breaks included) in messages
// and paths are shown as symbols, so that one row stays one line and no file can drive the terminal.

import { printable } from '../../service/quote';
import { Counts, FileReport, Problems, messageText, oneBased, severityName } from './report';

/** Wider messages are not padded, nor do they widen the column for the others. */
export const MESSAGE_WIDTH = 120;

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

export class TextReporter {
  private readonly paint: ReturnType<typeof palette>;
  private started = false;

  constructor(private readonly write: (text: string) => void, color: boolean) {
    this.paint = palette(color);
  }

  file(report: FileReport): void {
    if (report.diagnostics.length === 0 && !report.omitted) return;
    this.write(`${this.started ? '' : '\n'}${this.paint.underline(printable(report.path))}\n`);
    this.started = true;
    this.table(report.diagnostics);
    if (report.omitted) this.write(`  ${this.paint.dim(`\u2026 ${plural(report.omitted, 'more problem')} not shown (--max-problems)`)}\n`);
    this.write('\n');
  }

  end(counts: Counts): void {
    const total = counts.errors + counts.warnings + counts.infos;
    if (total === 0) return;
    const summary = `\u2716 ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ` +
      `${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')})`;
    const tone = counts.errors ? this.paint.error : counts.warnings ? this.paint.warning : this.paint.info;
    this.write(`${this.paint.bold(tone(summary))}\n`);
  }

  private table(diagnostics: Problems): void {
    let lineWidth = 0;
    let columnWidth = 0;
    let severityWidth = 0;
    let messageWidth = 0;
    for (const d of diagnostics) {
      const { line, column } = oneBased(d.range.start);
      lineWidth = Math.max(lineWidth, String(line).length);
      columnWidth = Math.max(columnWidth, String(column).length);
      severityWidth = Math.max(severityWidth, LABEL[severityName(d)].length);
      const length = messageText(d).length;
      if (length <= MESSAGE_WIDTH) messageWidth = Math.max(messageWidth, length);
    }
    const paint = this.paint;
    for (const d of diagnostics) {
      const { line, column } = oneBased(d.range.start);
      const severity = severityName(d);
      const label = LABEL[severity];
      const tone = severity === 'error' ? paint.error : severity === 'warning' ? paint.warning : paint.info;
      const message = printable(messageText(d));
      const col = String(column);
      this.write(`  ${paint.dim(`${String(line).padStart(lineWidth)}:${col}`)}${' '.repeat(columnWidth - col.length)}` +
        `  ${tone(label)}${' '.repeat(severityWidth - label.length)}` +
        `  ${message.padEnd(messageWidth)}  ${paint.dim(printable(String(d.code ?? '')))}\n`);
    }
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
