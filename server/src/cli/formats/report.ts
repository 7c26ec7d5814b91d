// What every output format is given: the diagnostics of each linted file.

import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { RULES, Severity } from '../../service';

export interface FileReport {
  /** As the user named it (or as the glob found it). */
  path: string;
  /** Sorted by position. */
  diagnostics: Problems;
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

/** Adds the severity of `diagnostic` to `counts`. */
export function count(counts: Counts, diagnostic: Diagnostic): void {
  const severity = severityName(diagnostic);
  if (severity === 'error') counts.errors++;
  else if (severity === 'warning') counts.warnings++;
  else counts.infos++;
}

/** Adds `more` to `counts`. */
export function add(counts: Counts, more: Counts): void {
  counts.errors += more.errors;
  counts.warnings += more.warnings;
  counts.infos += more.infos;
}

/** What a format reads of a file's problems, in order, as many times as it needs: an array, or a ProblemList. */
export interface Problems extends Iterable<Diagnostic> {
  readonly length: number;
}

const RULE_INDEX = new Map<string, number>(RULES.map((rule, i) => [rule.id, i]));

/** A ProblemList as plain data, to cross to another thread (its arrays are transferred, not copied). */
export interface ProblemData {
  length: number;
  positions: Int32Array;
  kinds: Uint16Array;
  messages: string[];
}

/**
 * A file's problems kept small: positions, rule and severity in typed arrays, the message shared with the
 * finding it came from. A Diagnostic object per problem took about 360 bytes, and a file can have millions
 * of problems; iterated, each is a Diagnostic again (made then, and dropped once printed).
 */
export class ProblemList implements Problems {
  length = 0;
  /** Start line and character, end line and character, per problem. */
  private positions = new Int32Array(64);
  /** Per problem, the rule's index in RULES times 8, plus the severity. */
  private kinds = new Uint16Array(16);
  private messages: string[] = [];

  static fromData(data: ProblemData): ProblemList {
    const list = new ProblemList();
    Object.assign(list, data);
    return list;
  }

  /** The list as plain data, its arrays cut to its length (the list is not to be used after). */
  toData(): ProblemData {
    return { length: this.length, positions: this.positions.slice(0, 4 * this.length), kinds: this.kinds.slice(0, this.length), messages: this.messages };
  }

  push(d: Diagnostic): void {
    const n = this.length;
    if (n === this.kinds.length) {
      this.positions = grown(this.positions, 8 * n);
      this.kinds = grown(this.kinds, 2 * n);
    }
    const { start, end } = d.range;
    const p = this.positions;
    p[4 * n] = start.line;
    p[4 * n + 1] = start.character;
    p[4 * n + 2] = end.line;
    p[4 * n + 3] = end.character;
    this.kinds[n] = 8 * RULE_INDEX.get(String(d.code))! + (d.severity ?? DiagnosticSeverity.Error);
    this.messages.push(messageText(d));
    this.length = n + 1;
  }

  *[Symbol.iterator](): Iterator<Diagnostic> {
    const p = this.positions;
    for (let i = 0; i < this.length; i++) {
      const kind = this.kinds[i];
      yield {
        range: { start: { line: p[4 * i], character: p[4 * i + 1] }, end: { line: p[4 * i + 2], character: p[4 * i + 3] } },
        severity: (kind & 7) as DiagnosticSeverity,
        code: RULES[kind >> 3].id,
        message: this.messages[i],
      };
    }
  }
}

function grown<T extends Int32Array | Uint16Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
