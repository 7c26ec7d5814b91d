// Selection ranges (expand selection): a ScriptMaps field, then its item, the value, the attribute and the
// key element. Items are the lines of a list value (MULTISZ, MIMEMAP, or a <Custom> list); fields are
// those of a ScriptMaps item; a <Custom> child (and its Value attribute) sits between its value and the key.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, SelectionRange } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { SCRIPT_MAPS, SCRIPT_MAPS_ID } from '../model/key';
import { splitMultisz } from '../model/multisz';
import { parseScriptMapItem } from '../model/scriptMap';
import { KeySegment, Span, attributes, customType, isListType, isNamed, keyAt, keySpan, range, within } from './keys';

/** What holds a value: its own span and the attribute's (or the <Custom>'s), and what the value is. */
interface Holder {
  outer: Span;
  /** In a <Custom>: its `Value="…"` attribute, between the value and the element. */
  attribute?: Span;
  value: Span;
  list: boolean;
  scriptMaps: boolean;
}

export function selectionRanges(document: TextDocument, model: MetabaseModel, positions: Position[]): SelectionRange[] {
  const text = document.getText();
  return positions.map((position) => {
    const offset = document.offsetAt(position);
    const segment = keyAt(text, model, offset);
    const spans: Span[] = segment ? [keySpan(text, segment), ...inner(text, model, segment, offset)] : [{ start: offset, end: offset }];
    let selection: SelectionRange | undefined;
    let last: Span | undefined;
    for (const span of spans) {
      if (last && span.start === last.start && span.end === last.end) continue;
      selection = selection ? { range: range(document, span), parent: selection } : { range: range(document, span) };
      last = span;
    }
    return selection!;
  });
}

/** The spans inside the key that hold `offset`, outermost first. */
function inner(text: string, model: MetabaseModel, segment: KeySegment, offset: number): Span[] {
  const holder = holderAt(text, model, segment, offset);
  if (!holder) return [];
  const spans = [holder.outer];
  if (holder.attribute && within(offset, holder.attribute)) spans.push(holder.attribute);
  if (!within(offset, holder.value)) return spans;
  spans.push(holder.value);
  if (!holder.list) return spans;
  const item = splitMultisz(text, holder.value.start, holder.value.end).find((i) => offset >= i.start && offset <= i.end);
  if (!item || item.start === item.end) return spans;
  spans.push({ start: item.start, end: item.end });
  if (!holder.scriptMaps) return spans;
  const field = [...parseScriptMapItem(item).fields].map((f) => ({ start: item.value.raw(f.start), end: item.value.raw(f.end) })).find((f) => within(offset, f));
  if (field) spans.push(field);
  return spans;
}

function holderAt(text: string, model: MetabaseModel, segment: KeySegment, offset: number): Holder | undefined {
  const facts = model.checker.facts;
  const location = segment.key.location;
  if (location) {
    const value = { start: segment.start + location.start, end: segment.start + location.end };
    const outer = { start: text.lastIndexOf('Location', value.start), end: value.end + 1 };
    if (outer.start >= segment.start && within(offset, outer)) return { outer, value, list: false, scriptMaps: false };
  }
  for (const a of attributes(segment)) {
    const outer = { start: a.nameStart, end: a.valueEnd + 1 };
    if (!within(offset, outer)) continue;
    const name = text.slice(a.nameStart, a.nameEnd);
    const scriptMaps = isNamed(text, a, SCRIPT_MAPS);
    return { outer, value: { start: a.valueStart, end: a.valueEnd }, list: isListType(facts.property(name)?.type), scriptMaps };
  }
  const c = segment.key.customs;
  const base = segment.start;
  for (let i = 0; i < c.length; i += 6) {
    const outer = { start: base + c[i], end: base + c[i + 1] };
    if (!within(offset, outer)) continue;
    if (c[i + 4] < 0) return { outer, value: outer, list: false, scriptMaps: false };
    const scriptMaps = c[i + 2] >= 0 && text.slice(base + c[i + 2], base + c[i + 3]).trim() === SCRIPT_MAPS_ID;
    const value = { start: base + c[i + 4], end: base + c[i + 5] };
    const attribute = { start: text.lastIndexOf('Value', value.start), end: value.end + 1 };
    return { outer, attribute, value, list: isListType(customType(text, facts, base, c[i + 2], c[i + 3])), scriptMaps };
  }
  return undefined;
}
