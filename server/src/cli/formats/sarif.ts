// SARIF 2.1.0, for code-scanning services. Every rule of the table is listed; results refer to them by id
// and index. Paths under the working folder are relative to %SRCROOT%; others are absolute file URIs.

import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, Severity, docsUrl } from '../../service';
import { FileReport, messageText, oneBased, severityName } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note' };

export function formatSarif(reports: readonly FileReport[], version: string, cwd: string): string {
  const ruleIndex = new Map<string, number>(RULES.map((rule, index) => [rule.id, index]));
  const results = reports.flatMap((report) => report.diagnostics.map((d) => {
    const start = oneBased(d.range.start);
    const end = oneBased(d.range.end);
    return {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(String(d.code)),
      level: LEVEL[severityName(d)],
      message: { text: messageText(d) },
      locations: [{
        physicalLocation: {
          artifactLocation: artifactLocation(report.path, cwd),
          region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
        },
      }],
    };
  }));
  const log = {
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
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
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
