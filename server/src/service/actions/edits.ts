// Edits on the items of a MULTISZ list. Items change places by their contents only: every line keeps its
// indentation and its line break where they are, so the layout (and CR, LF or CRLF, raw or referenced)
// stays, and the raw contents move whole (entities included), so the XML stays well-formed.

import { MultiszItem } from '../model/multisz';
import { Edit } from '../rules/finding';

function content(text: string, item: MultiszItem): string {
  return text.slice(item.start, item.end);
}

/** What separates two neighbouring items: the first one's line break and the second one's indentation. */
function between(text: string, a: MultiszItem, b: MultiszItem): string {
  return text.slice(a.end, b.start);
}

export function isBlank(item: MultiszItem): boolean {
  return item.value.text.trim() === '';
}

/** Swaps item `i` with item `i + delta` (delta ±1). */
export function moveItem(text: string, items: MultiszItem[], i: number, delta: 1 | -1): Edit {
  const [a, b] = delta < 0 ? [items[i - 1], items[i]] : [items[i], items[i + 1]];
  return { start: a.start, end: b.end, newText: content(text, b) + between(text, a, b) + content(text, a) };
}

/** Removes item `i` with one line break: the one before it, or for the first item the one after it. */
export function removeItem(items: MultiszItem[], i: number): Edit {
  const item = items[i];
  if (i > 0) return { start: items[i - 1].end, end: item.end, newText: '' };
  if (items.length > 1) return { start: item.start, end: items[1].start, newText: '' };
  return { start: item.start, end: item.end, newText: '' };
}

/** Writes a copy of item `i` after it, on a line laid out as its neighbours' are. */
export function duplicateItem(text: string, items: MultiszItem[], i: number, eol: string): Edit {
  const item = items[i];
  const separator = i + 1 < items.length ? between(text, item, items[i + 1])
    : i > 0 ? between(text, items[i - 1], item)
      : `${eol}\t\t\t`;
  return { start: item.end, end: item.end, newText: separator + content(text, item) };
}

/**
 * Orders the items that are not blank by `sortKey` (stably) into the places of the items that are not
 * blank: a blank item ends a MULTISZ for IIS, so blank lines stay where they are. Undefined when the
 * items are in order already.
 */
export function sortItems(text: string, items: MultiszItem[], sortKey: (item: MultiszItem) => string): Edit | undefined {
  const slots = items.filter((item) => !isBlank(item));
  if (slots.length < 2) return undefined;
  const keys = new Map(slots.map((item) => [item, sortKey(item)]));
  const sorted = [...slots].sort((a, b) => compare(keys.get(a)!, keys.get(b)!));
  if (sorted.every((item, k) => item === slots[k])) return undefined;
  const first = slots[0];
  const last = slots[slots.length - 1];
  let newText = '';
  let at = first.start;
  slots.forEach((slot, k) => {
    newText += text.slice(at, slot.start) + content(text, sorted[k]);
    at = slot.end;
  });
  return { start: first.start, end: last.end, newText };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
