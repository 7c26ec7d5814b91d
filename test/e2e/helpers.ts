// What the suites in a real VS Code share: the desktop one (../extension.test.ts, Node extension host) and
// the web one (web/web.test.ts, web worker extension host). Nothing here may use a Node module or global:
// the web suite is bundled for a web worker, where neither node:assert nor util exist.

import * as vscode from 'vscode';

/** The few assertions the helpers need. */
export const check: {
  ok(value: unknown, message: string): asserts value;
  equal<T>(actual: T, expected: T, message: string): void;
} = {
  ok(value, message) {
    if (!value) throw new Error(message);
  },
  equal(actual, expected, message) {
    if (actual !== expected) throw new Error(`${message}: expected ${String(expected)}, got ${String(actual)}`);
  },
};

export const EXTENSION_ID = 'iis-metabase.iis-metabase';
export const LANGUAGE_ID = 'iis-metabase';
export const SOURCE = 'iis-metabase';
export const FIX_ALL = 'source.fixAll.iis-metabase';
export const DOCS = 'https://github.com/iis-metabase/iis-metabase/blob/main/docs/rules/';
/** How long any single wait may take (a cold extension host on 2 cores needs a few seconds at most). */
export const WAIT_MS = 30_000;

export type Severity = 'error' | 'warning' | 'information' | 'hint';
/** [line, character, endLine, endCharacter, code, severity], all positions 0-based. */
export type Expected = [number, number, number, number, string, Severity];

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  check.ok(folder, 'the runner must open a workspace folder (a copy of test/e2e/workspace)');
  return folder.uri;
}

export function fixture(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

const sleepTick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Re-runs `probe` on every diagnostics change and every 50 ms until it returns something other than
 * undefined, and returns that. Past the deadline, fails with `what` and, if given, `lastSeen()`.
 */
export async function waitFor<T>(
  what: string, probe: () => T | undefined | Promise<T | undefined>,
  lastSeen?: () => string, timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let changed: () => void = () => undefined;
  const subscription = vscode.languages.onDidChangeDiagnostics(() => changed());
  let lastError: unknown;
  try {
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (error) {
        lastError = error;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      // Poll interval, cut short by any diagnostics change; not a fixed wait for something to happen.
      await Promise.race([sleepTick(Math.min(50, left)), new Promise<void>((resolve) => { changed = resolve; })]);
    }
  } finally {
    subscription.dispose();
  }
  const seen = lastSeen ? `; last seen: ${lastSeen()}` : '';
  const error = lastError ? `; last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}${error}`);
}

export function severityName(severity: vscode.DiagnosticSeverity): Severity {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error: return 'error';
    case vscode.DiagnosticSeverity.Warning: return 'warning';
    case vscode.DiagnosticSeverity.Information: return 'information';
    default: return 'hint';
  }
}

/** `d.code` is a string, or `{ value, target }` when the server sends a codeDescription. */
export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code === undefined) return '(none)';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start) || codeOf(a).localeCompare(codeOf(b)));
}

export function summary(diagnostics: vscode.Diagnostic[]): Expected[] {
  return diagnostics.map((d) => [
    d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, codeOf(d), severityName(d.severity),
  ]);
}

/** Waits until the document's iis-metabase diagnostics are exactly `expected`; fails with a diff otherwise. */
export async function expectDiagnostics(uri: vscode.Uri, expected: Expected[], what: string): Promise<vscode.Diagnostic[]> {
  let last: Expected[] = [];
  try {
    return await waitFor(what, () => {
      const diagnostics = ours(uri);
      last = summary(diagnostics);
      return JSON.stringify(last) === JSON.stringify(expected) ? diagnostics : undefined;
    }, () => JSON.stringify(last));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${vscode.workspace.asRelativePath(uri)}: expected ${JSON.stringify(expected)}`, { cause: error });
  }
}

/** Opens a fixture in a pinned editor tab (pulled diagnostics are only requested for visible documents). */
export async function show(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixture(relative));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export function findDiagnostic(uri: vscode.Uri, code: string): vscode.Diagnostic {
  const found = ours(uri).find((d) => codeOf(d) === code);
  check.ok(found, `no ${code} diagnostic in ${vscode.workspace.asRelativePath(uri)}: ${JSON.stringify(summary(ours(uri)))}`);
  return found;
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const result = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider', uri, range, kind);
  return (result ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

export async function apply(action: vscode.CodeAction): Promise<void> {
  check.ok(action.edit, `the code action '${action.title}' carries no edit`);
  check.equal(await vscode.workspace.applyEdit(action.edit), true, `applyEdit of '${action.title}' failed`);
}

/** Replaces the only occurrence of `search` on line `line` (0-based). */
export async function replaceOnLine(document: vscode.TextDocument, line: number, search: string, replacement: string): Promise<void> {
  const text = document.lineAt(line).text;
  const at = text.indexOf(search);
  check.ok(at >= 0 && text.indexOf(search, at + 1) < 0, `'${search}' must occur once on line ${line}: ${text}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(line, at, line, at + search.length), replacement);
  check.equal(await vscode.workspace.applyEdit(edit), true, `edit of line ${line} failed`);
}

export async function hoverAt(uri: vscode.Uri, line: number, character: number): Promise<{ markdown: string; range?: vscode.Range }> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider', uri, new vscode.Position(line, character)) ?? [];
  const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n');
  return { markdown, range: hovers[0]?.range };
}

export function rangeOf(range: vscode.Range | undefined): number[] | undefined {
  return range && [range.start.line, range.start.character, range.end.line, range.end.character];
}
