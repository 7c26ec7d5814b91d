// A ScriptMaps value being checked: its items, how to turn an item's decoded range into document
// offsets, and the edits that fixes are made of.

import { MultiszItem, splitMultisz } from '../../model/multisz';
import { ScriptMapItem, Span, parseScriptMapItem } from '../../model/scriptMap';
import { Quote } from '../../xml/tree';
import { FoldedFix, replaceDecoded, rewriteDecoded } from '../edits';
import { Edit, Finding, Fix, Related } from '../finding';
import { RuleId } from '../table';

/**
 * The findings of one rule reported one by one in an item (and, for the rules about the list, in a value):
 * past this, the rest become one finding that counts them, over their range, with one fix that applies all
 * their preferred fixes. A value of a million empty verbs is then a thousand findings, not a million.
 */
export const FINDINGS_PER_RULE = 1000;

/** The findings of one rule past FINDINGS_PER_RULE, folded as they come. */
interface Omitted {
  count: number;
  start: number;
  end: number;
  fix: FoldedFix;
}

export class ScriptMapsValue {
  readonly lines: MultiszItem[];
  /** The items that are not blank, parsed (as the checks go: see readItem). */
  readonly items: ScriptMapItem[] = [];
  readonly findings: Finding[] = [];
  /** Fixes that write a new extension, which the duplicate check may still withdraw (see offerExtension). */
  readonly extensionFixes: Array<{ finding: Finding; fix: Fix; from: string; to: string }> = [];

  /** Findings reported so far per rule: of the item being checked (see checkItem), and of the value. */
  private itemCounts = new Map<RuleId, number>();
  private readonly valueCounts = new Map<RuleId, number>();
  private readonly omitted = new Map<RuleId, Omitted>();
  private inItem = false;

  /**
   * With `focus` (a range of the document), only the findings that touch it are kept, and only the items that
   * touch it are checked in full (see checkScriptMapsSteps): what a code action on one finding needs.
   */
  constructor(readonly text: string, readonly start: number, readonly end: number, readonly quote: Quote, readonly focus?: Span) {
    this.lines = splitMultisz(text, start, end);
  }

  /** Whether [start, end] touches the focus (always, without one). */
  inFocus(span: Span): boolean {
    return !this.focus || !(span.end < this.focus.start || span.start > this.focus.end);
  }

  /** Runs `check` (the rules of one item): what it reports counts per item, then its omitted findings are summed up. */
  checkItem(check: () => void): void {
    this.inItem = true;
    this.itemCounts = new Map();
    check();
    this.flushOmitted();
    this.inItem = false;
  }

  /** Whether the item checked last reported `rule` (in the focus or not). */
  itemReported(rule: RuleId): boolean {
    return this.itemCounts.has(rule);
  }

  /** Sums up the omitted findings of the list rules; call once, after the last item. */
  finish(): void {
    this.flushOmitted();
  }

  /** Parses a line that is not blank into the next item. */
  readItem(line: MultiszItem): ScriptMapItem {
    const item = parseScriptMapItem(line);
    this.items.push(item);
    return item;
  }

  /** Document range of a span of an item; an empty span stands for the comma next to it. */
  range(item: ScriptMapItem, span: Span): Span {
    const value = item.item.value;
    if (span.start < span.end) return { start: value.raw(span.start), end: value.raw(span.end) };
    const text = value.text;
    const at = span.start > 0 && text[span.start - 1] === ',' ? span.start - 1 : text[span.start] === ',' ? span.start : -1;
    if (at < 0) return { start: item.item.start, end: item.item.end };
    return { start: value.raw(at), end: value.raw(at + 1) };
  }

  /** The whole item's content. */
  itemRange(item: ScriptMapItem): Span {
    return { start: item.item.start, end: item.item.end };
  }

  /** Reports a finding; undefined when it is one too many of its rule (see FINDINGS_PER_RULE). */
  report(rule: RuleId, range: Span, message: string, fixes: Fix[] = [], related?: Related[]): Finding | undefined {
    const counts = this.inItem ? this.itemCounts : this.valueCounts;
    const count = (counts.get(rule) ?? 0) + 1;
    counts.set(rule, count);
    if (count > FINDINGS_PER_RULE) {
      this.omit(rule, range, fixes.find((f) => f.preferred));
      return undefined;
    }
    const finding: Finding = { rule, start: range.start, end: range.end, message, fixes, related };
    // Outside the focus it is still returned: an extension fix elsewhere can withdraw one inside it.
    if (this.inFocus(range)) this.findings.push(finding);
    return finding;
  }

  private omit(rule: RuleId, range: Span, preferred: Fix | undefined): void {
    let omitted = this.omitted.get(rule);
    if (!omitted) {
      omitted = { count: 0, start: range.start, end: range.end, fix: new FoldedFix(this.text) };
      this.omitted.set(rule, omitted);
    }
    omitted.count++;
    omitted.start = Math.min(omitted.start, range.start);
    omitted.end = Math.max(omitted.end, range.end);
    if (preferred) omitted.fix.add(preferred.edits);
  }

  private flushOmitted(): void {
    for (const [rule, { count, start, end, fix }] of this.omitted) {
      if (!this.inFocus({ start, end })) continue;
      const edit = fix.edit();
      const fixes = edit ? [{ title: `Fix these ${count} the same way`, edits: [edit], preferred: true }] : [];
      this.findings.push({ rule, start, end, fixes, message: `${count} more ${rule} findings ${this.inItem ? 'in this item' : 'in this list'}, not listed one by one` });
    }
    this.omitted.clear();
  }

  /** Reports a finding whose fix writes the extension `to` in place of `from`: kept only if no other item maps it. */
  reportWithNewExtension(rule: RuleId, range: Span, message: string, fix: Fix, from: string, to: string): void {
    // Dots alone ('. ' trimmed) name no extension: such a fix would only hide the finding.
    if (/^\.*$/.test(to)) {
      this.report(rule, range, message);
      return;
    }
    const finding = this.report(rule, range, message, [fix]);
    if (finding) this.extensionFixes.push({ finding, fix, from, to });
  }

  /** An edit that puts `decoded` (plain text) in place of a span of an item. */
  replace(item: ScriptMapItem, span: Span, decoded: string): Edit {
    return replaceDecoded(item.item.value, span.start, span.end, decoded, this.quote);
  }

  /**
   * The edits that turn a span of an item into `decoded`, touching only the characters that change, so that
   * the others keep their raw form (an `&#233;` stays as written).
   */
  rewrite(item: ScriptMapItem, span: Span, decoded: string): Edit[] {
    return rewriteDecoded(item.item.value, span.start, span.end, decoded, this.quote);
  }

  /**
   * An edit that deletes a line of the list with one line break, written as it is in the file, leaving the
   * other lines as they are; undefined when every such edit would bring a CR and an LF together (and so
   * take a blank line with it).
   */
  removeLine(line: MultiszItem): Edit | undefined {
    const index = line.index;
    const next = this.lines[index + 1];
    if (index === 0) return { start: line.lineStart, end: next ? next.start : line.end, newText: '' };
    // The line goes with the line break before it, or, where that would bring a CR and an LF together
    // (mixed line endings around a blank line), with the line break after it.
    const previous = this.lines[index - 1];
    const before = { start: previous.end, end: line.end, newText: '' };
    // What precedes `previous.end` is a line break only when the previous line is empty.
    const crBefore = previous.lineStart === previous.end && this.lines[index - 2]?.lineBreak === 'cr';
    if (!next || !(crBefore && line.lineBreak === 'lf')) return before;
    const lfAfter = next.lineStart === next.end && next.lineBreak === 'lf';
    return previous.lineBreak === 'cr' && lfAfter ? undefined : { start: line.lineStart, end: next.lineStart, newText: '' };
  }
}

export function isBlank(line: MultiszItem): boolean {
  return line.value.text.trim() === '';
}
