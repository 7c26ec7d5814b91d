// SARIF 2.1.0, for code-scanning services. Every rule of the table is listed; results refer to them by id
// and index. Paths under the working folder are relative to %SRCROOT%; others are absolute file URIs.
// The log is written around its results array, one result at a time and one result per line (a log can
// hold millions of them: indenting each would double its size).

import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-types';
import { RULES, Severity, docsUrl } from '../../service';
import { FileReport, messageText, oneBased, severityName } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** Stands for the results in the log's layout; the log is cut there. */
const RESULTS = '"results": []';
/** runs[0].results[i] is three levels deep. */
const RESULT_INDENT = '      ';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note' };
const RULE_INDEX = new Map<string, number>(RULES.map((rule, index) => [rule.id, index]));

export class SarifReporter {
  private readonly tail: string;
  private first = true;

  constructor(private readonly write: (text: string) => void, version: string, private readonly cwd: string) {
    const layout = JSON.stringify(log(version, cwd), null, 2);
    const cut = layout.lastIndexOf(RESULTS);
    write(layout.slice(0, cut + RESULTS.length - 1));
    this.tail = layout.slice(cut + RESULTS.length - 1);
  }

  file(report: FileReport): void {
    const artifact = artifactLocation(report.path, this.cwd);
    for (const diagnostic of report.diagnostics) {
      this.write(`${this.first ? '' : ','}\n${RESULT_INDENT}`);
      this.first = false;
      this.write(JSON.stringify(result(diagnostic, artifact)));
    }
  }

  end(): void {
    this.write(`${this.first ? '' : `\n${RESULT_INDENT.slice(2)}`}${this.tail}\n`);
  }
}

function log(version: string, cwd: string) {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'metabase-lint',
          version,
          rules: RULES.map((rule) => ({
            id: rule.id,
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.consequence },
            helpUri: docsUrl(rule.id),
            defaultConfiguration: { level: LEVEL[rule.severity] },
          })),
        },
      },
      originalUriBaseIds: { [SRCROOT]: { uri: folderUri(cwd) } },
      columnKind: 'utf16CodeUnits',
      results: [],
    }],
  };
}

function result(d: Diagnostic, artifact: ReturnType<typeof artifactLocation>) {
  const start = oneBased(d.range.start);
  const end = oneBased(d.range.end);
  return {
    ruleId: d.code,
    ruleIndex: RULE_INDEX.get(String(d.code)),
    level: LEVEL[severityName(d)],
    message: { text: messageText(d) },
    locations: [{
      physicalLocation: {
        artifactLocation: artifact,
        region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
      },
    }],
  };
}

function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { uri: pathToFileURL(absolute).href };
  return { uri: inside.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
