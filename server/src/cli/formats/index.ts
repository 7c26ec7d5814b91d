// The output formats by name.

import { Format } from '../args';
import { formatJson } from './json';
import { FileReport } from './report';
import { formatSarif } from './sarif';
import { formatText } from './text';

export { FileReport, countBySeverity } from './report';

export interface FormatContext {
  color: boolean;
  version: string;
  cwd: string;
}

export function format(name: Format, reports: readonly FileReport[], context: FormatContext): string {
  switch (name) {
    case 'text': return formatText(reports, context.color);
    case 'json': return formatJson(reports);
    case 'sarif': return formatSarif(reports, context.version, context.cwd);
  }
}
