// Edits on the items of a MULTISZ list. Items change places by their contents only: every line keeps its
// indentation and its line break where they are, so the layout (and CR, LF or CRLF, raw or referenced)
// stays, and the raw contents move whole (entities included), so the XML stays well-formed.

import { MultiszItem, isBlank } from '../model/multisz';
import { Edit } from '../rules/finding';

function content(text: string, item: MultiszItem): string {
  return text.slice(item.start, item.end);
}

/** What separates two neighbouring items: the first one's line break and the second one's indentation. */
function between(text: string, a: MultiszItem, b: MultiszItem): string {
  return text.slice(a.end, b.start);
}

/** Swaps item `i` with item `i + delta` (delta ±1). */
export function moveItem(text: string, items: MultiszItem[], i: number, delta: 1 | -1): Edit {
  const [a, b] = delta < 0 ? [items[i - 1], items[i]] : [items[i], items[i + 1]];
  return { start: a.start, end: b.end, newText: content(text, b) + between(text, a, b) + content(text, a) };
}

/**
 * Removes item `i` with its own line break (the one after it; the last item, which has none, takes the one
 * before it), so that every line that stays keeps its line break: a list may mix CRLF, LF and CR.
 */
export function removeItem(items: MultiszItem[], i: number): Edit {
  const item = items[i];
  if (i + 1 < items.length) return { start: item.start, end: items[i + 1].start, newText: '' };
  if (i > 0) return { start: items[i - 1].end, end: item.end, newText: '' };
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
 * Orders the items by `sortKey` (stably) within each run of items between blank ones: a blank item ends a
 * MULTISZ for IIS, so no item crosses one (that would change which items IIS reads), and blank lines stay
 * where they are. Undefined when every run is in order already.
 */
export function sortItems(text: string, items: MultiszItem[], sortKey: (item: MultiszItem) => string): Edit | undefined {
  const runs: MultiszItem[][] = [[]];
  for (const item of items) {
    if (isBlank(item)) runs.push([]);
    else runs[runs.length - 1].push(item);
  }
  const slots = runs.flat();
  const keys = new Map(slots.map((item) => [item, sortKey(item)]));
  const sorted = runs.flatMap((run) => [...run].sort((a, b) => compare(keys.get(a)!, keys.get(b)!)));
  const moved = slots.map((slot, k) => slot !== sorted[k]);
  const from = moved.indexOf(true);
  if (from < 0) return undefined;
  const to = moved.lastIndexOf(true);
  let newText = '';
  let at = slots[from].start;
  for (let k = from; k <= to; k++) {
    newText += text.slice(at, slots[k].start) + content(text, sorted[k]);
    at = slots[k].end;
  }
  return { start: slots[from].start, end: slots[to].end, newText };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
