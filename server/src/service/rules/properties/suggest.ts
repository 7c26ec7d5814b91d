// "Did you mean": the names nearest to a misspelt one, ignoring case (a case-only difference is nearest of
// all). Bounded: only names within two edits (one for short names) count, candidates are bucketed by
// length, and the distance is computed in a band that stops as soon as it exceeds the bound, so one lookup
// costs about (names of similar length) x (length) x 5 steps, whatever the input.

import { detach } from '../../model/detach';
import { ItemMemo } from '../../model/memo';

/** How nearest orders names at the same distance: those `preferred` first. `name` tells orders apart (a key type). */
export interface NameOrder {
  name: string;
  preferred: (name: string) => boolean;
}

/** The answers of every index, by index, order and word: the same misspelling is usually made on many keys. */
const ANSWERS = new ItemMemo<readonly string[]>();
let indexes = 0;

/** Names of the same lower-cased length together, so that a lookup reads only the lengths within reach. */
export class NameIndex {
  private readonly byLength = new Map<number, Array<{ name: string; lower: string }>>();
  private readonly id = indexes++;

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const bucket = this.byLength.get(name.length);
      const entry = { name, lower: name.toLowerCase() };
      if (bucket) bucket.push(entry);
      else this.byLength.set(name.length, [entry]);
    }
  }

  /**
   * The nearest names (at most three, nearest first; among equals those the order prefers, then in index
   * order); none when nothing is close.
   */
  nearest(word: string, order?: NameOrder): readonly string[] {
    const key = `${this.id}\0${order?.name ?? ''}\0${word}`;
    if (!ANSWERS.accepts(key)) return this.compute(word, order?.preferred);
    let found = ANSWERS.get(key);
    if (found === undefined) {
      found = this.compute(word, order?.preferred);
      // The word is a slice of the document.
      ANSWERS.set(detach(key), found);
    }
    return found;
  }

  private compute(word: string, preferred: (name: string) => boolean = () => false): string[] {
    const lower = word.toLowerCase();
    const bound = word.length <= 4 ? 1 : 2;
    const found: Array<{ name: string; distance: number }> = [];
    for (let length = word.length - bound; length <= word.length + bound; length++) {
      for (const entry of this.byLength.get(length) ?? []) {
        if (entry.name === word) continue;
        const distance = boundedDistance(lower, entry.lower, bound);
        if (distance <= bound) found.push({ name: entry.name, distance });
      }
    }
    found.sort((a, b) => a.distance - b.distance || Number(preferred(b.name)) - Number(preferred(a.name)));
    return found.slice(0, 3).map((f) => f.name);
  }
}

/** The three rows boundedDistance reads, kept from call to call (a lookup computes a distance per name of a similar length). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions) of a
 * and b, or bound + 1 when it is larger than `bound`. Only the cells within `bound` of the diagonal are
 * computed, and each row writes `bound + 1` just outside its band: the next rows read no other cell.
 */
export function boundedDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const over = bound + 1;
  const n = b.length;
  if (rows[0].length < n + 2) rows = rows.map(() => new Int32Array(2 * n + 2));
  let before = rows[0]; // row i - 2
  let previous = rows[1]; // row i - 1
  let current = rows[2];
  for (let j = 0; j <= Math.min(n, bound); j++) previous[j] = j;
  previous[Math.min(n, bound) + 1] = over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - bound);
    const to = Math.min(n, i + bound);
    current[0] = i <= bound ? i : over;
    current[from - 1] = from === 1 ? current[0] : over;
    current[to + 1] = over;
    let best = from === 1 ? current[0] : over;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2] + 1);
      if (d > over) d = over;
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > bound) return over;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[n], over);
}

/**
 * How the nearest names of a misspelt `word` read: the message's hint ("names" or "key types" naming what
 * is case-sensitive), and whether the first is evidently meant (only the case differs, or it is the only one near).
 */
export function didYouMean(word: string, nearest: readonly string[], what: string): { hint: string; evident: boolean } {
  const caseOnly = nearest.length > 0 && nearest[0].toLowerCase() === word.toLowerCase();
  const hint = caseOnly ? `; ${what} are case-sensitive: did you mean ${nearest[0]}?` : nearest.length ? `; did you mean ${nearest.join(' or ')}?` : '';
  return { hint, evident: caseOnly || nearest.length === 1 };
}
