// The language service: pure functions over a text document and its model, returning LSP types. The
// language server, the CLI and the tests all call these; none of them holds transport code.

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Range, TextEdit,
} from 'vscode-languageserver-types';
import { MetabaseModel, ModelSegment, StoredFinding, segmentAt } from './model/document';
import { checkEnding } from './model/ending';
import { checkSegment } from './rules';
import { Edit, Finding, Fix } from './rules/finding';
import { RULES_BY_ID, RuleId, Severity, SeveritySetting, docsUrl } from './rules/table';
import { scanSegment } from './xml/scanner';
import { keepsWellFormed } from './xml/wellFormed';

export const SOURCE = 'iis-metabase';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

export interface MetabaseSettings {
  /** Severity overrides by rule id. */
  rules: Partial<Record<string, SeveritySetting>>;
}

export const DEFAULT_SETTINGS: MetabaseSettings = { rules: {} };

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export function severityOf(rule: RuleId, settings: MetabaseSettings): SeveritySetting {
  return settings.rules[rule] ?? RULES_BY_ID.get(rule)!.severity;
}

export function validate(document: TextDocument, model: MetabaseModel, settings: MetabaseSettings = DEFAULT_SETTINGS): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const segment of model.segments) {
    // Rules report in rule order; a reader (and the CLI) wants document order.
    const findings = segment.findings.length > 1 ? [...segment.findings].sort((a, b) => a.start - b.start || a.end - b.end) : segment.findings;
    for (const finding of findings) {
      const diagnostic = toDiagnostic(document, finding, segment.start, settings);
      if (diagnostic) diagnostics.push(diagnostic);
    }
  }
  const ending = checkEnding(model, document.getText().length);
  const diagnostic = ending && toDiagnostic(document, ending, 0, settings);
  if (diagnostic) diagnostics.push(diagnostic);
  return diagnostics;
}

function toDiagnostic(document: TextDocument, finding: StoredFinding | Finding, base: number, settings: MetabaseSettings): Diagnostic | undefined {
  const severity = severityOf(finding.rule, settings);
  if (severity === 'off') return undefined;
  const diagnostic: Diagnostic = {
    range: rangeOf(document, base + finding.start, base + finding.end),
    severity: SEVERITY[severity],
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    source: SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: document.uri, range: rangeOf(document, base + r.start, base + r.end) },
      message: r.message,
    }));
  }
  return diagnostic;
}

export function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** The findings, with their fixes, of the segments that `[start, end]` touches, each with its segment. */
export function findingsIn(document: TextDocument, model: MetabaseModel, start: number, end: number): Array<Finding & { segment: ModelSegment }> {
  const text = document.getText();
  const findings: Array<Finding & { segment: ModelSegment }> = [];
  for (let i = segmentAt(model, start); i < model.segments.length && model.segments[i].start <= end; i++) {
    const segment = model.segments[i];
    if (segment.findings.length === 0) continue;
    for (const finding of checkSegment(text, scanSegment(text, segment.start, segment.before))) findings.push({ ...finding, segment });
  }
  return findings;
}

/** Whether the key a fix rewrites stays well-formed for fast-xml-parser once the fix is applied. */
function fixKeepsWellFormed(text: string, segment: ModelSegment, fix: Fix): boolean {
  const edits = fix.edits.map((e) => ({ ...e, start: e.start - segment.start, end: e.end - segment.start }));
  return keepsWellFormed(applyEdits(text.slice(segment.start, segment.end), edits).trim());
}

export const FIX_ALL_TITLE = 'Fix all auto-fixable metabase problems';

/**
 * The quick fixes in `range` and the fix-all action. With `resolveData` the fix-all action that the
 * lightbulb lists (no `only`) carries that data instead of its edit, which `codeAction/resolve` computes
 * if it is chosen; asked for by kind (on save) it comes with its edit.
 */
export function codeActions(
  document: TextDocument, model: MetabaseModel, range: Range, only: string[] | undefined,
  settings: MetabaseSettings = DEFAULT_SETTINGS, resolveData?: unknown,
): CodeAction[] {
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    for (const finding of findingsIn(document, model, start, end)) {
      if (finding.end < start || finding.start > end) continue;
      const diagnostic = toDiagnostic(document, finding, 0, settings);
      if (!diagnostic) continue;
      for (const fix of finding.fixes) {
        if (!fixKeepsWellFormed(document.getText(), finding.segment, fix)) continue;
        actions.push({
          title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
          isPreferred: fix.preferred, edit: { changes: { [document.uri]: toTextEdits(document, fix.edits) } },
        });
      }
    }
  }
  const fixAllWanted = only ? wants(FIX_ALL_KIND) : actions.length > 0;
  if (fixAllWanted && !only && resolveData !== undefined) {
    actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data: resolveData });
  } else if (fixAllWanted) {
    const edits = fixAll(document, model, settings);
    if (edits.length) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } });
  }
  return actions;
}

function toTextEdits(document: TextDocument, edits: Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: rangeOf(document, e.start, e.end), newText: e.newText }));
}

const MAX_FIX_PASSES = 8;

/**
 * The preferred fix of every enabled finding, applied until none is left. Fixes are made per key: each key
 * is fixed in isolation, pass after pass (one fix can reveal the next), and becomes at most one edit.
 */
export function fixAll(document: TextDocument, model: MetabaseModel, settings: MetabaseSettings = DEFAULT_SETTINGS): TextEdit[] {
  const text = document.getText();
  const edits: TextEdit[] = [];
  for (const segment of model.segments) {
    if (!segment.isKey || !segment.findings.some((f) => severityOf(f.rule, settings) !== 'off')) continue;
    const original = text.slice(segment.start, segment.end);
    let current = original;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const fixes = checkSegment(current, scanSegment(current, 0, segment.before))
        .filter((f) => severityOf(f.rule, settings) !== 'off')
        .map((f) => f.fixes.find((fix) => fix.preferred))
        .filter((fix): fix is Fix => fix !== undefined);
      const next = applyFixes(current, fixes);
      if (next === current) break;
      current = next;
    }
    if (current !== original && keepsWellFormed(current.trim())) edits.push(minimalEdit(document, segment.start, original, current));
  }
  return edits;
}

/** Applies, in document order, the fixes that do not touch an earlier one; the others wait for the next pass. */
export function applyFixes(text: string, fixes: Fix[]): string {
  const span = (fix: Fix) => ({
    start: Math.min(...fix.edits.map((e) => e.start)), end: Math.max(...fix.edits.map((e) => e.end)),
  });
  const ordered = fixes.map((fix) => ({ fix, ...span(fix) })).sort((a, b) => a.start - b.start);
  const taken: Edit[] = [];
  let lastEnd = -1;
  for (const { fix, start, end } of ordered) {
    if (start <= lastEnd) continue;
    taken.push(...fix.edits);
    lastEnd = end;
  }
  return applyEdits(text, taken);
}

/** Applies edits that do not overlap, in one pass over the text. */
export function applyEdits(text: string, edits: Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function minimalEdit(document: TextDocument, base: number, before: string, after: string): TextEdit {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  // An LSP position cannot stand between CR and LF or inside a surrogate pair: widen to whole units.
  while (prefix > 0 && splits(before, prefix)) prefix--;
  while (suffix > 0 && splits(before, before.length - suffix)) suffix--;
  return {
    range: rangeOf(document, base + prefix, base + before.length - suffix),
    newText: after.slice(prefix, after.length - suffix),
  };
}

/** Whether offset `i` falls inside a CRLF or a surrogate pair of `text`. */
function splits(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return (before === 0x0d && after === 0x0a) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}
