// A MULTISZ value being checked (ScriptMaps or another list): its lines, how to turn an item's decoded
// range into document offsets, the findings, and the edits that fixes are made of.

import { MultiszItem, Span, splitMultisz } from '../model/multisz';
import { Quote } from '../xml/tree';
import { replaceDecoded, rewriteDecoded } from './edits';
import { Edit, Finding, Fix, ItemScope, Related } from './finding';
import { RuleId } from './table';

/** An item cut into fields: whatever the list, it keeps its line. */
export interface ParsedItem {
  item: MultiszItem;
}

export class MultiszValue {
  readonly lines: MultiszItem[];
  readonly findings: Finding[] = [];

  constructor(readonly text: string, readonly start: number, readonly end: number, readonly quote: Quote) {
    this.lines = splitMultisz(text, start, end);
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

  report(rule: RuleId, range: Span, message: string, fixes: Fix[] = [], related?: Related[]): Finding {
    const finding: Finding = { rule, start: range.start, end: range.end, message, fixes, related };
    this.findings.push(finding);
    return finding;
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

export function isBlank(line: MultiszItem): boolean {
  return line.value.text.trim() === '';
}

/** Lines looked at between two yields. */
const LINES_PER_STEP = 5000;

/** item-blank, on any MULTISZ list. */
export function* checkBlankItems(value: MultiszValue): Generator<void, void, void> {
  if (value.lines.every(isBlank)) return; // an empty (or all-blank) value is an empty list
  for (const line of value.lines) {
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
 * Reads and checks every item that is not blank, as steps (a yield every ITEMS_PER_STEP items). The item's
 * own findings get its scope, so that a fix can be judged on the item alone (by `rules`, ScriptMaps' if unset).
 */
export function* checkItemsSteps<T extends ParsedItem>(
  value: MultiszValue, read: (line: MultiszItem) => T, check: (item: T) => void, rules?: ItemScope['rules'],
): Generator<void, void, void> {
  let count = 0;
  for (const line of value.lines) {
    if (isBlank(line)) continue;
    const item = read(line);
    const first = value.findings.length;
    check(item);
    if (value.findings.length > first) {
      const scope: ItemScope = { start: line.start, end: line.end, quote: value.quote, rules };
      for (let i = first; i < value.findings.length; i++) value.findings[i].item = scope;
    }
    if (++count % ITEMS_PER_STEP === 0) yield;
  }
}
