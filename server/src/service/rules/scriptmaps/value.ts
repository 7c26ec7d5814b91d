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
    if (index > 0) return { start: this.lines[index - 1].end, end: line.end, newText: '' };
    const next = this.lines[1];
    return { start: line.lineStart, end: next ? next.start : line.end, newText: '' };
  }
}

export function isBlank(line: MultiszItem): boolean {
  return line.value.text.trim() === '';
}
