// A MULTISZ value being checked (ScriptMaps or another list): its lines, how to turn an item's decoded
// range into document offsets, the findings, and the edits that fixes are made of.

import { detach } from '../model/detach';
import { ItemMemo } from '../model/memo';
import { MultiszItem, Span, isBlank, splitMultisz } from '../model/multisz';
import { DecodedText } from '../xml/entities';
import { Quote } from '../xml/tree';
import { FoldedFix, replaceDecoded, rewriteDecoded } from './edits';
import { Edit, Finding, Fix, ItemScope, Related } from './finding';
import { RuleId } from './table';

/** An item cut into fields: whatever the list, it keeps its line. */
export interface ParsedItem {
  item: MultiszItem;
}

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

export class MultiszValue {
  readonly lines: MultiszItem[];
  readonly findings: Finding[] = [];

  /** Findings reported so far per rule: of the item being checked (see checkItem), and of the value. */
  // Made at the first report (most values and items have none).
  private itemCounts?: Map<RuleId, number>;
  private valueCounts?: Map<RuleId, number>;
  private omitted?: Map<RuleId, Omitted>;
  private inItem = false;

  /**
   * With `focus` (a range of the document), only the findings that touch it are kept, and only the items that
   * touch it are checked in full (see checkItemsSteps): what a code action on one finding needs.
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
    // A new map only after an item that reported (most report nothing).
    if (this.itemCounts?.size) this.itemCounts = undefined;
    check();
    this.flushOmitted();
    this.inItem = false;
  }

  /** Whether the item checked last reported `rule` (in the focus or not). */
  itemReported(rule: RuleId): boolean {
    return this.itemCounts?.has(rule) ?? false;
  }

  /** Sums up the omitted findings of the list rules; call once, after the last item. */
  finish(): void {
    this.flushOmitted();
  }

  /** Document range of a span of an item; an empty span stands for the separator next to it. */
  range(item: ParsedItem, span: Span, separator = ','): Span {
    const value = item.item.value;
    if (span.start < span.end) return { start: value.raw(span.start), end: value.raw(span.end) };
    const text = value.text;
    const at = span.start > 0 && text[span.start - 1] === separator ? span.start - 1 : text[span.start] === separator ? span.start : -1;
    if (at < 0) return { start: item.item.start, end: item.item.end };
    return { start: value.raw(at), end: value.raw(at + 1) };
  }

  /** The whole item's content. */
  itemRange(item: ParsedItem): Span {
    return { start: item.item.start, end: item.item.end };
  }

  /** Reports a finding; undefined when it is one too many of its rule (see FINDINGS_PER_RULE). */
  report(rule: RuleId, range: Span, message: string, fixes: Fix[] = [], related?: Related[]): Finding | undefined {
    const counts = this.inItem ? (this.itemCounts ??= new Map<RuleId, number>()) : (this.valueCounts ??= new Map<RuleId, number>());
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
    this.omitted ??= new Map();
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
    if (!this.omitted) return;
    for (const [rule, { count, start, end, fix }] of this.omitted) {
      if (!this.inFocus({ start, end })) continue;
      const edit = fix.edit();
      const fixes = edit ? [{ title: `Fix these ${count} the same way`, edits: [edit], preferred: true }] : [];
      this.findings.push({ rule, start, end, fixes, message: `${count} more ${rule} findings ${this.inItem ? 'in this item' : 'in this list'}, not listed one by one` });
    }
    this.omitted = undefined;
  }

  /** An edit that puts `decoded` (plain text) in place of a span of an item. */
  replace(item: ParsedItem, span: Span, decoded: string): Edit {
    return replaceDecoded(item.item.value, span.start, span.end, decoded, this.quote);
  }

  /**
   * The edits that turn a span of an item into `decoded`, touching only the characters that change, so that
   * the others keep their raw form (an `&#233;` stays as written).
   */
  rewrite(item: ParsedItem, span: Span, decoded: string): Edit[] {
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

/** Lines looked at between two yields. */
const LINES_PER_STEP = 5000;

/** item-blank, on any MULTISZ list. */
export function* checkBlankItems(value: MultiszValue): Generator<void, void, void> {
  if (value.lines.every(isBlank)) return; // an empty (or all-blank) value is an empty list
  // Indexed loops: a for-of in a generator allocates a result per line.
  for (let i = 0; i < value.lines.length; i++) {
    const line = value.lines[i];
    if (line.index % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
    if (!isBlank(line)) continue;
    // An empty line has no characters of its own: point at the whole line break before it (or after it).
    const index = line.index;
    const range = line.end > line.lineStart ? { start: line.lineStart, end: line.end }
      : index > 0 ? { start: value.lines[index - 1].end, end: line.lineStart }
        : { start: line.lineStart, end: value.lines[1]?.lineStart ?? line.lineStart };
    const removal = value.removeLine(line);
    value.report('item-blank', range,
      'blank item: an empty string ends a MULTISZ list, so IIS may ignore the items after it',
      removal ? [{ title: 'Remove the blank item', edits: [removal], preferred: true }] : []);
  }
}

/** Items checked between two yields: a 160,000-item value must not hold a server for long. */
const ITEMS_PER_STEP = 1000;
/**
 * Findings made between two yields at most (a few items past it): an item can have thousands, and what
 * drives the steps may look at the memory they take (see the CLI's modelOf).
 */
const FINDINGS_PER_STEP = 10_000;

/** What a list adds to the item loop: see checkItemsSteps. */
export interface ItemHooks<T> {
  /** How an item's fix is judged on the item alone (ScriptMaps' if unset). */
  rules?: ItemScope['rules'];
  /** The check of an item outside the value's focus (none if unset): what the list's own checks need of it. */
  outside?: (item: T) => void;
  /** Whether the item checked last is no item of the list at all: its fixes are then not preferred. */
  fragment?: () => boolean;
  /** Items already checked, by text (used without a focus): see ItemMemos. */
  memo?: ItemMemos<T>;
}

/** A fix that the list's own check may still withdraw (one that would make a duplicate), with what it writes. */
export interface PendingFix {
  finding: Finding;
  fix: Fix;
}

/** What an item's text alone decides: the item, its findings (offsets relative to its start), its pending fixes. */
export interface MemoEntry<T> {
  item: T;
  findings: Finding[];
  /** Each pending fix of the item: its finding's and its own place, and the entry it was. */
  pending: Array<[finding: number, fix: number, entry: PendingFix]>;
}

/** How a list memoises its items: see ItemMemo. */
export interface ItemMemos<T> {
  /** One memo per quote: fixes are encoded for the attribute's quote. */
  memos: Record<Quote, ItemMemo<MemoEntry<T>>>;
  /** Reads `line` as the item of another line of the same text (what `read` does, without parsing). */
  move(item: T, line: MultiszItem): T;
  /** The value's pending fixes, which an item's findings add to. */
  pending?: PendingFix[];
}
/**
 * Reads and checks every item that is not blank, as steps (a yield every ITEMS_PER_STEP items). The item's
 * own findings get its scope, so that a fix can be judged on the item alone. With a focus, the items outside
 * it get only `hooks.outside`.
 */
export function* checkItemsSteps<T extends ParsedItem>(
  value: MultiszValue, read: (line: MultiszItem) => T, check: (item: T) => void, hooks: ItemHooks<T> = {},
): Generator<void, void, void> {
  let count = 0;
  let found = value.findings.length;
  const memos = value.focus ? undefined : hooks.memo;
  for (let i = 0; i < value.lines.length; i++) {
    const line = value.lines[i];
    if (isBlank(line)) continue;
    if (++count === ITEMS_PER_STEP || value.findings.length - found >= FINDINGS_PER_STEP) {
      count = 0;
      found = value.findings.length;
      yield;
    }
    const memo = memos?.memos[value.quote];
    // Keyed by the raw text: the same raw text decodes to the same item, at the same offsets from its start.
    const raw = memo && (line.value.isPlain ? line.value.text : value.text.slice(line.start, line.end));
    if (!memo?.accepts(raw!)) {
      checkItem(value, line, read(line), check, hooks);
      continue;
    }
    const entry = memo.get(raw!);
    if (entry) {
      memos!.move(entry.item, line);
      // Most items have no finding: nothing more to place.
      if (entry.findings.length === 0) continue;
      const scope = itemScope(value, line, hooks.rules);
      const findings = entry.findings.map((f) => moveFinding(f, line.start, scope));
      for (const f of findings) value.findings.push(f);
      for (const [at, fix, pending] of entry.pending) memos!.pending!.push({ ...pending, finding: findings[at], fix: findings[at].fixes[fix] });
      continue;
    }
    if (!memo.admits) {
      checkItem(value, line, read(line), check, hooks);
      continue;
    }
    // A plain item is read from a copy of its text, so that what the memo keeps holds no slice of the
    // document; a decoded text is a string of its own already (joined from its parts).
    const key = detach(raw!);
    const first = value.findings.length;
    const item = read(line.value.isPlain ? { ...line, value: DecodedText.plain(key, line.start) } : line);
    checkItem(value, line, item, check, hooks);
    const findings = value.findings.slice(first);
    memo.set(key, { item, findings: findings.map((f) => moveFinding(f, -line.start, f.item)), pending: findings.length ? pendingOf(memos!, findings) : [] });
  }
}

/** The pending fixes of an item's findings (reported last, so at the end of the list). */
function pendingOf(memos: ItemMemos<unknown>, findings: Finding[]): MemoEntry<unknown>['pending'] {
  const refs: MemoEntry<unknown>['pending'] = [];
  const all = memos.pending ?? [];
  for (let i = all.length - 1; i >= 0; i--) {
    const at = findings.indexOf(all[i].finding);
    if (at < 0) break;
    refs.unshift([at, all[i].finding.fixes.indexOf(all[i].fix), all[i]]);
  }
  return refs;
}

function checkItem<T extends ParsedItem>(value: MultiszValue, line: MultiszItem, item: T, check: (item: T) => void, hooks: ItemHooks<T>): void {
  const first = value.findings.length;
  const outside = hooks.outside;
  if (value.inFocus(line)) value.checkItem(() => check(item));
  else if (outside) value.checkItem(() => outside(item));
  if (value.findings.length > first) {
    const scope = itemScope(value, line, hooks.rules);
    const fragment = hooks.fragment?.() ?? false;
    for (let i = first; i < value.findings.length; i++) {
      const finding = value.findings[i];
      finding.item = scope;
      // In place: a list's own check may still withdraw a fix by identity.
      if (fragment) for (const fix of finding.fixes) delete fix.preferred;
    }
  }
}

function itemScope(value: MultiszValue, line: MultiszItem, rules: ItemScope['rules']): ItemScope {
  return { start: line.start, end: line.end, quote: value.quote, rules };
}

/**
 * Copies of a value's findings with every offset moved by `delta`; the findings of one item keep sharing one
 * scope (fix-all judges an item's fixes together by it).
 */
export function moveFindings(findings: readonly Finding[], delta: number): Finding[] {
  if (findings.length === 0) return [];
  const scopes = new Map<ItemScope, ItemScope>();
  return findings.map((f) => {
    let scope = f.item && scopes.get(f.item);
    if (f.item && !scope) scopes.set(f.item, (scope = { ...f.item, start: f.item.start + delta, end: f.item.end + delta }));
    return moveFinding(f, delta, scope);
  });
}

/** A copy of `f` with every offset moved by `delta`, and `scope` for its item. */
function moveFinding(f: Finding, delta: number, scope: ItemScope | undefined): Finding {
  const moved: Finding = {
    ...f, start: f.start + delta, end: f.end + delta,
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) })),
  };
  if (f.related) moved.related = f.related.map((r) => ({ ...r, start: r.start + delta, end: r.end + delta }));
  if (f.item) moved.item = scope;
  return moved;
}
