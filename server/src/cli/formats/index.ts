// The output formats by name. Each is a Reporter that writes as it goes: a file's problems are written when
// the file is done, and nothing builds the whole output in memory (a report can hold millions of problems).

import { Format } from '../args';
import { JsonReporter } from './json';
import { Counts, FileReport } from './report';
import { SarifReporter } from './sarif';
import { TextReporter } from './text';

export { Counts, FileReport, ProblemData, ProblemList, Problems, add, count, emptyCounts } from './report';

export interface FormatContext {
  color: boolean;
  version: string;
  cwd: string;
  /** Where the output goes, in pieces (a plain function: reporters keep it apart from this object). */
  write: (text: string) => void;
}

export interface Reporter {
  file(report: FileReport): void;
  /** `counts`: every problem reported, those left out by --max-problems included. */
  end(counts: Counts): void;
}

export function reporter(name: Format, context: FormatContext): Reporter {
  switch (name) {
    case 'text': return new TextReporter(context.write, context.color);
    case 'json': return new JsonReporter(context.write);
    case 'sarif': return new SarifReporter(context.write, context.version, context.cwd);
  }
}
