// A ScriptMaps value being checked: its items, how to turn an item's decoded range into document
// offsets, and the edits that fixes are made of.

import { MultiszItem, splitMultisz } from '../../model/multisz';
import { ScriptMapItem, Span, parseScriptMapItem } from '../../model/scriptMap';
import { Quote } from '../../xml/tree';
import { encodeAttributeText } from '../../xml/entities';
import { Edit, Finding, Fix, Related } from '../finding';
import { RuleId } from '../table';

export class ScriptMapsValue {
  readonly lines: MultiszItem[];
  /** The items that are not blank, parsed. */
  readonly items: ScriptMapItem[];
  readonly findings: Finding[] = [];

  constructor(readonly text: string, readonly start: number, readonly end: number, readonly quote: Quote) {
    this.lines = splitMultisz(text, start, end);
    this.items = this.lines.filter((line) => !isBlank(line)).map(parseScriptMapItem);
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

  report(rule: RuleId, range: Span, message: string, fixes: Fix[] = [], related?: Related[]): void {
    this.findings.push({ rule, start: range.start, end: range.end, message, fixes, related });
  }

  /** An edit that puts `decoded` (plain text) in place of a span of an item. */
  replace(item: ScriptMapItem, span: Span, decoded: string): Edit {
    const value = item.item.value;
    return { start: value.raw(span.start), end: value.raw(span.end), newText: this.encode(decoded) };
  }

  encode(decoded: string): string {
    return encodeAttributeText(decoded, this.quote);
  }

  /** An edit that deletes a line of the list with its line break, leaving the other lines as they are. */
  removeLine(line: MultiszItem): Edit {
    const index = this.lines.indexOf(line);
    const next = this.lines[index + 1];
    if (index === 0) return { start: line.lineStart, end: next ? next.start : line.end, newText: '' };
    // The line goes with the line break before it, or, where that would bring a CR and an LF together
    // (mixed line endings around a blank line), with the line break after it.
    const before = { start: this.lines[index - 1].end, end: line.end, newText: '' };
    if (!next || !this.joinsCrLf(before.start, before.end)) return before;
    const after = { start: line.lineStart, end: next.lineStart, newText: '' };
    return this.joinsCrLf(after.start, after.end) ? before : after;
  }

  /** Whether deleting [start, end) would put a CR right before an LF. */
  private joinsCrLf(start: number, end: number): boolean {
    return this.text.charCodeAt(start - 1) === 0x0d && this.text.charCodeAt(end) === 0x0a;
  }
}

export function isBlank(line: MultiszItem): boolean {
  return line.value.text.trim() === '';
}
