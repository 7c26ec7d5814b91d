// The language service: pure functions over a text document and its model, returning LSP types. The
// language server, the CLI and the tests all call these; none of them holds transport code.

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Range, TextEdit,
} from 'vscode-languageserver-types';
import * as model from './model/document';
import { ModelSegment, PartedText, StoredFinding, TextChange, segmentAt } from './model/document';
import { checkEnding } from './model/ending';
import { forgetDiagnostics, rememberDiagnostics, reusedDiagnostics } from './model/diagnosticMemo';
import { TextCharacters } from './model/summary';
import { SchemaFacts, iisSchemaFacts } from './schema';
import { checkSegment } from './rules';
import { RuleChecker, checkerFor } from './rules/checker';
import { CrossContext, crossFindingsOf } from './rules/cross';
import { joinsCrLf } from './rules/edits';
import { Edit, Finding, Fix, ItemScope } from './rules/finding';
import { itemRules } from './rules/scriptmaps';
import { checkMigration } from './rules/migration';
import { RULES_BY_ID, RuleId, Severity, SeveritySetting, docsUrl } from './rules/table';
import { scanSegment } from './xml/scanner';
import { keepsWellFormed } from './xml/wellFormed';

export const SOURCE = 'iis-metabase';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

export interface MetabaseSettings {
  /** Severity overrides by rule id. */
  rules: Partial<Record<string, SeveritySetting>>;
  /** The migration-readiness rules (rule group 'migration'): off unless this is true. */
  migration?: boolean;
}

export const DEFAULT_SETTINGS: MetabaseSettings = { rules: {} };

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/** The model of a document, built with the rules and the schema facts in use. */
export type MetabaseModel = model.MetabaseModel<RuleChecker>;
export type ModelSteps = model.ModelSteps<RuleChecker>;

/** The model of `text`, checked against `facts` (IIS 6's own schema unless a user's is given). */
export function parseModel(text: string, facts: SchemaFacts = iisSchemaFacts()): MetabaseModel {
  return model.parseModel(text, checkerFor(facts));
}

/** `checked` false: the keys are read and no rule runs (see checkerFor). */
export function parseSteps(text: string, facts: SchemaFacts = iisSchemaFacts(), checked = true): ModelSteps {
  return model.parseSteps(text, checkerFor(facts, checked));
}

/** The model of `text` after `change`, with the facts the old model was built with. */
export function updateModel(old: MetabaseModel, text: string | PartedText, change: TextChange): MetabaseModel {
  return model.updateModel(old, text, change, old.checker);
}

/** The same as steps; other facts than the old model's, or checks turned on or off, read the text anew. */
export function updateSteps(
  old: MetabaseModel, text: string | PartedText, change: TextChange, facts: SchemaFacts = old.checker.facts, checked = true,
): ModelSteps {
  return model.updateSteps(old, text, change, checkerFor(facts, checked));
}

export function severityOf(rule: RuleId, settings: MetabaseSettings): SeveritySetting {
  const known = RULES_BY_ID.get(rule)!;
  if (known.group === 'migration' && !settings.migration) return 'off';
  return settings.rules[rule] ?? known.severity;
}

export function validate(document: TextDocument, model: MetabaseModel, settings: MetabaseSettings = DEFAULT_SETTINGS): Diagnostic[] {
  return Array.from(eachDiagnostic(document, model, settings, true));
}

/** The diagnostics one validation keeps for the next at most (a file can have millions; a server shows a thousand). */
const MAX_REMEMBERED = 100_000;

/**
 * The diagnostics of validate, one at a time (a report of millions of problems need not be held at once).
 * `remember`: keep each segment's diagnostics for the next validation of a later version (see
 * diagnosticMemo); a reader that validates once (the CLI) keeps none.
 */
export function* eachDiagnostic(document: TextDocument, model: MetabaseModel, settings: MetabaseSettings, remember: boolean): Generator<Diagnostic, void, void> {
  let remembered = 0;
  const migration = settings.migration ? migrationBySegment(document.getText(), model) : undefined;
  // Without the migration rules only the segments with findings have diagnostics (a few hundred of 60,000 keys).
  const segments = migration ? model.segments : [...model.flagged].sort((a, b) => a.start - b.start);
  const text = charactersOf(document);
  for (const segment of segments) {
    const own = migration?.get(segment);
    const reused = own || !remember ? undefined : reusedDiagnostics(document, text, model, segment, settings);
    if (reused) {
      remembered += reused.length;
      yield* reused;
      continue;
    }
    const all = segment.keyFindings.length || segment.crossFindings.length || own
      ? [
        ...segment.findings, ...segment.keyFindings.map((f) => placed(f, segment.start)),
        ...segment.crossFindings.map((f) => placed(f, segment.start)), ...own ?? [],
      ]
      : segment.findings;
    // Rules report in rule order; a reader (and the CLI) wants document order.
    const findings = all.length > 1 ? [...all].sort((a, b) => a.start - b.start || a.end - b.end) : all;
    if (own || !remember) {
      for (const finding of findings) {
        const diagnostic = toDiagnostic(document, finding, segment.start, settings);
        if (diagnostic) yield diagnostic;
      }
      continue;
    }
    const made: Diagnostic[] = [];
    const madeFrom: StoredFinding[] = [];
    for (const finding of findings) {
      const diagnostic = toDiagnostic(document, finding, segment.start, settings);
      if (!diagnostic) continue;
      made.push(diagnostic);
      madeFrom.push(finding);
    }
    yield* made;
    if (remembered + made.length > MAX_REMEMBERED) forgetDiagnostics(segment);
    else {
      remembered += made.length;
      rememberDiagnostics(document, text, model, segment, settings, made, madeFrom);
    }
  }
  // A model read without rules (see checkerFor) reports nothing, this neither.
  const ending = model.checker.checked ? checkEnding(model, lengthOf(document)) : undefined;
  const diagnostic = ending && toDiagnostic(document, ending, 0, settings);
  if (diagnostic) yield diagnostic;
}

/**
 * A document's characters and slices: its own reader when it has one (a parted text, not joined for this: see
 * PartedText; joining 45 MB costs 35-60 ms).
 */
export function charactersOf(document: TextDocument): TextCharacters {
  const parted = document as TextDocument & Partial<TextCharacters>;
  return typeof parted.charCodeAt === 'function' && typeof parted.slice === 'function' ? parted as TextCharacters : document.getText();
}

function lengthOf(document: TextDocument): number {
  const parted = document as TextDocument & Partial<PartedText>;
  return typeof parted.length === 'number' ? parted.length : document.getText().length;
}

/** The findings of the migration-readiness group, by segment, relative to their segment's start. */
function migrationBySegment(text: string, model: MetabaseModel): Map<ModelSegment, StoredFinding[]> {
  const bySegment = new Map<ModelSegment, StoredFinding[]>();
  for (const f of checkMigration(text, model, model.checker.facts)) {
    const segment = model.segments[segmentAt(model, f.start)];
    const base = segment.start;
    const stored: StoredFinding = {
      rule: f.rule, start: f.start - base, end: f.end - base, message: f.message,
      related: f.related?.map((r) => ({ start: r.start - base, end: r.end - base, message: r.message })),
    };
    const list = bySegment.get(segment);
    if (list) list.push(stored);
    else bySegment.set(segment, [stored]);
  }
  return bySegment;
}

/** A finding of the document pass with its related information made relative to its own segment's start. */
export function placed(f: model.KeyFinding, base: number): StoredFinding {
  return {
    rule: f.rule, start: f.start, end: f.end, message: f.message,
    related: f.related?.map((r) => ({ start: r.segment.start + r.start - base, end: r.segment.start + r.end - base, message: r.message })),
  };
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

/** The findings, with their fixes, of the segments that `[start, end]` touches (of ScriptMaps, those that touch it), each with its segment. */
export function findingsIn(document: TextDocument, model: MetabaseModel, start: number, end: number): Array<Finding & { segment: ModelSegment }> {
  const text = document.getText();
  const findings: Array<Finding & { segment: ModelSegment }> = [];
  for (let i = segmentAt(model, start); i < model.segments.length && model.segments[i].start <= end; i++) {
    const segment = model.segments[i];
    if (segment.crossFindings.length) {
      for (const finding of crossFindingsOf(new CrossContext(text, model.index, model.checker.facts), segment)) findings.push({ ...finding, segment });
    }
    if (segment.findings.length === 0) continue;
    const focus = { start, end };
    for (const finding of checkSegment(text, scanSegment(text, segment.start, segment.before), model.checker.facts, focus)) findings.push({ ...finding, segment });
  }
  return findings;
}

/** Whether the key a fix rewrites (its own, or another key for a fix across keys) stays well-formed for fast-xml-parser once the fix is applied. */
function fixKeepsWellFormed(text: string, model: MetabaseModel, fix: Fix): boolean {
  const segment = model.segments[segmentAt(model, fix.edits[0].start)];
  if (fix.edits.some((e) => e.start < segment.start || e.end > segment.end)) return false;
  const edits = fix.edits.map((e) => ({ ...e, start: e.start - segment.start, end: e.end - segment.start }));
  return keepsWellFormed(applyEdits(text.slice(segment.start, segment.end), edits).trim());
}

/**
 * How many characters of items the quick fixes of one request may check again: a selection over a
 * 20,000-verb item would otherwise check the item once per fix. Fix-all judges the fixes of an item together.
 */
const QUICK_FIX_BUDGET = 1_000_000;

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
    const judge = new FixJudge(document.getText(), settings, QUICK_FIX_BUDGET);
    for (const finding of findingsIn(document, model, start, end)) {
      if (finding.end < start || finding.start > end) continue;
      const diagnostic = toDiagnostic(document, finding, 0, settings);
      if (!diagnostic) continue;
      for (const fix of finding.fixes) {
        if (finding.item && !judge.keeps(finding.item, [finding.rule], [fix])) continue;
        if (!fixKeepsWellFormed(document.getText(), model, fix)) continue;
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

/**
 * Fix-all loops until nothing changes. Each pass applies every preferred fix that does not clash with
 * another and merges adjacent removals, so real input settles in two or three passes; the bound only
 * stops a pair of fixes that would undo each other for ever.
 */
const MAX_FIX_PASSES = 64;

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
      const findings = checkSegment(current, scanSegment(current, 0, segment.before), model.checker.facts).filter((f) => severityOf(f.rule, settings) !== 'off');
      const next = applyFixes(current, safeFixes(current, findings, settings));
      if (next === current) break;
      current = next;
    }
    if (current !== original && keepsWellFormed(current.trim())) edits.push(minimalEdit(document, segment.start, original, current));
  }
  return edits;
}

/**
 * The preferred fixes of the findings, less those that would leave their item with a new finding as
 * severe as the ones fixed. The fixes of one item are judged together on that item alone (linear in the
 * key); when together they fail, the first half is tried, and so on, and the rest waits for the next pass.
 */
function safeFixes(text: string, findings: Finding[], settings: MetabaseSettings): Fix[] {
  const fixes: Fix[] = [];
  const byItem = new Map<ItemScope, { fixes: Fix[]; rules: RuleId[] }>();
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix) continue;
    if (!finding.item) {
      fixes.push(fix);
      continue;
    }
    const group = byItem.get(finding.item) ?? { fixes: [], rules: [] };
    byItem.set(finding.item, group);
    group.fixes.push(fix);
    group.rules.push(finding.rule);
  }
  const judge = new FixJudge(text, settings);
  for (const [scope, group] of byItem) {
    for (let n = group.fixes.length; n > 0; n = n === 1 ? 0 : Math.ceil(n / 2)) {
      const chosen = n === group.fixes.length ? group.fixes : group.fixes.slice(0, n);
      if (!judge.keeps(scope, group.rules, chosen)) continue;
      for (const fix of chosen) fixes.push(fix);
      break;
    }
  }
  return fixes;
}

const RANK: Record<SeveritySetting, number> = { off: -1, information: 0, warning: 1, error: 2 };

/**
 * Judges fixes by what they leave on their item: a fix that cuts the item in two or empties it, or that
 * gives it a finding it did not have as severe as the least severe one it fixes, is declined. Only the
 * item is checked again, so judging every fix of a key stays linear in the key.
 */
class FixJudge {
  private readonly before = new Map<ItemScope, Set<RuleId>>();
  private readonly verdicts = new Map<Fix, boolean>();

  /** Characters of items checked again so far, against `budget`. */
  private spent = 0;

  constructor(private readonly text: string, private readonly settings: MetabaseSettings, private readonly budget = Infinity) {}

  keeps(scope: ItemScope, rules: RuleId[], fixes: Fix[]): boolean {
    const single = fixes.length === 1 ? fixes[0] : undefined;
    const known = single && this.verdicts.get(single);
    if (known !== undefined) return known;
    const verdict = this.judge(scope, rules, fixes);
    if (single) this.verdicts.set(single, verdict);
    return verdict;
  }

  private judge(scope: ItemScope, rules: RuleId[], fixes: Fix[]): boolean {
    const shifted: Fix[] = [];
    for (const fix of fixes) {
      // A fix that reaches past the item removes it: the rules about the list judge that.
      if (fix.edits.some((e) => e.start < scope.start || e.end > scope.end)) return true;
      shifted.push({ ...fix, edits: fix.edits.map((e) => ({ start: e.start - scope.start, end: e.end - scope.start, newText: e.newText })) });
    }
    // Past the budget a fix is declined rather than offered unjudged; the first is always judged, so that
    // a finding in an item longer than the budget (a million commas) still gets its fix.
    const size = scope.end - scope.start;
    if (this.spent > 0 && this.spent + size > this.budget) return false;
    this.spent += size;
    const raw = this.text.slice(scope.start, scope.end);
    let before = this.before.get(scope);
    if (!before) {
      before = (scope.rules ?? itemRules)(raw, scope.quote) ?? new Set();
      this.before.set(scope, before);
    }
    const after = (scope.rules ?? itemRules)(applyFixes(raw, shifted), scope.quote);
    if (!after) return false;
    let level = Infinity;
    for (const rule of rules) level = Math.min(level, RANK[severityOf(rule, this.settings)]);
    for (const rule of after) {
      if (!before.has(rule) && RANK[severityOf(rule, this.settings)] >= level) return false;
    }
    return true;
  }
}

interface Placed {
  fix: Fix;
  start: number;
  end: number;
}

/**
 * Applies, in document order, the fixes that do not touch an earlier one; the others wait for the next
 * pass. Removals that touch or overlap (a run of blank items, of empty verbs) are merged into one, so that
 * a run of any length goes in one pass, unless the merged removal would bring a CR before an LF.
 */
export function applyFixes(text: string, fixes: Fix[]): string {
  const ordered: Placed[] = [];
  for (const fix of fixes) {
    if (fix.edits.length === 0) continue;
    let start = Infinity;
    let end = -Infinity;
    for (const e of fix.edits) {
      if (e.start < start) start = e.start;
      if (e.end > end) end = e.end;
    }
    ordered.push({ fix, start, end });
  }
  ordered.sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: Edit[] = [];
  let last: Edit | undefined; // the last removal taken, while it may still grow
  let lastEnd = -1;
  for (const { fix, start, end } of ordered) {
    if (start > lastEnd) {
      taken.push(...fix.edits);
      last = isRemoval(fix) ? { ...fix.edits[0] } : undefined;
      if (last) taken[taken.length - 1] = last;
      lastEnd = end;
    } else if (last && isRemoval(fix) && !joinsCrLf(text, last.start, Math.max(end, last.end))) {
      last.end = Math.max(end, last.end);
      lastEnd = last.end;
    }
  }
  return applyEdits(text, taken);
}

function isRemoval(fix: Fix): boolean {
  return fix.edits.length === 1 && fix.edits[0].newText === '';
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
