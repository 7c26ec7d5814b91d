// Minimal edits to decoded text that lives in the raw text of an attribute value: only the characters that
// change are rewritten, so that the others keep their raw form (an `&#233;` stays as written), and what is
// written is encoded for the attribute's quote.

import { DecodedText, encodeAttributeText } from '../xml/entities';
import { Quote } from '../xml/tree';
import { Edit } from './finding';

/** An edit that puts `decoded` (plain text) in place of decoded [start, end) of `value`. */
export function replaceDecoded(value: DecodedText, start: number, end: number, decoded: string, quote: Quote): Edit {
  return { start: value.raw(start), end: value.raw(end), newText: encodeAttributeText(decoded, quote) };
}

/** The edits that turn decoded [start, end) of `value` into `decoded`, touching only the characters that change. */
export function rewriteDecoded(value: DecodedText, start: number, end: number, decoded: string, quote: Quote): Edit[] {
  const replace = (s: number, e: number, t: string) => replaceDecoded(value, s, e, t, quote);
  const old = value.text.slice(start, end);
  const kept = decoded === '' ? -1 : old.indexOf(decoded);
  if (kept >= 0) {
    // Only characters go (white space around a verb, say): delete them, keep the rest as written.
    const edits: Edit[] = [];
    if (kept > 0) edits.push(replace(start, start + kept, ''));
    if (kept + decoded.length < old.length) edits.push(replace(start + kept + decoded.length, end, ''));
    return edits;
  }
  if (old.length !== decoded.length) {
    let prefix = 0;
    while (prefix < old.length && prefix < decoded.length && old[prefix] === decoded[prefix]) prefix++;
    let suffix = 0;
    while (suffix < old.length - prefix && suffix < decoded.length - prefix &&
      old[old.length - 1 - suffix] === decoded[decoded.length - 1 - suffix]) suffix++;
    return [replace(start + prefix, end - suffix, decoded.slice(prefix, decoded.length - suffix))];
  }
  // Same length (a change of case): one edit per run of changed characters.
  const edits: Edit[] = [];
  for (let i = 0; i < old.length; i++) {
    if (old[i] === decoded[i]) continue;
    let j = i;
    while (j < old.length && old[j] !== decoded[j]) j++;
    edits.push(replace(start + i, start + j, decoded.slice(i, j)));
    i = j;
  }
  return edits;
}
