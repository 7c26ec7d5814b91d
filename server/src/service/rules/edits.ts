// Minimal edits to decoded text that lives in the raw text of an attribute value: only the characters that
// change are rewritten, so that the others keep their raw form (an `&#233;` stays as written), and what is
// written is encoded for the attribute's quote.

import { ENDS_WITH_CR, STARTS_WITH_LF } from '../model/multisz';
import { DecodedText, encodeAttributeText } from '../xml/entities';
import { Quote } from '../xml/tree';
import { Edit } from './finding';

/** An edit that puts `decoded` (plain text) in place of decoded [start, end) of `value`. */
export function replaceDecoded(value: DecodedText, start: number, end: number, decoded: string, quote: Quote): Edit {
  return { start: value.raw(start), end: value.raw(end), newText: decoded === '' ? '' : encodeAttributeText(decoded, quote) };
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

/** Whether an edit deletes a raw line break of `text`: it would join two lines of the file. */
export function deletesLineBreak(text: string, edit: Edit): boolean {
  return /[\r\n]/.test(text.slice(edit.start, edit.end));
}

/** Whether deleting [start, end) of `text` would put a CR (raw or referenced) right before an LF. */
export function joinsCrLf(text: string, start: number, end: number): boolean {
  return ENDS_WITH_CR.test(text.slice(Math.max(0, start - 16), start)) && STARTS_WITH_LF.test(text.slice(end, end + 16));
}

/**
 * The edits of many fixes, in document order, folded into one edit as they come (the text between them
 * kept), so that a million fixes cost one string, not a million objects. An edit that overlaps or precedes
 * what is folded is left out (the next pass of fix-all finds its finding again), and so is a removal that
 * would join a CR to an LF with the removal before it, as applyFixes leaves them.
 */
export class FoldedFix {
  private start = -1;
  private end = -1;
  private readonly parts: string[] = [];
  /** Where the run of removals that ends at `end` starts (-1 when what was folded last is not a removal). */
  private removalStart = -1;

  constructor(private readonly text: string) {}

  add(edits: readonly Edit[]): void {
    const sorted = edits.length > 1 ? [...edits].sort((a, b) => a.start - b.start) : edits;
    if (sorted.length === 0 || sorted[0].start < this.end) return;
    for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return;
    if (sorted.length === 1 && sorted[0].newText === '') {
      const e = sorted[0];
      const runStart = this.removalStart >= 0 && e.start === this.end ? this.removalStart : e.start;
      if (joinsCrLf(this.text, runStart, e.end)) return;
      this.push(e);
      this.removalStart = runStart;
      return;
    }
    for (const e of sorted) this.push(e);
    this.removalStart = -1;
  }

  private push(e: Edit): void {
    if (this.start < 0) this.start = e.start;
    else if (e.start > this.end) this.parts.push(this.text.slice(this.end, e.start));
    if (e.newText !== '') this.parts.push(e.newText);
    this.end = e.end;
  }

  /** The folded edit; undefined when nothing was folded. */
  edit(): Edit | undefined {
    return this.start < 0 ? undefined : { start: this.start, end: this.end, newText: this.parts.join('') };
  }
}
