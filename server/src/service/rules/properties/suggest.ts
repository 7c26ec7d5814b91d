// "Did you mean": the names nearest to a misspelt one, ignoring case (a case-only difference is nearest of
// all). Bounded: only names within two edits (one for short names) count, candidates are bucketed by
// length, and the distance is computed in a band that stops as soon as it exceeds the bound, so one lookup
// costs about (names of similar length) x (length) x 5 steps, whatever the input.

/** Names of the same lower-cased length together, so that a lookup reads only the lengths within reach. */
export class NameIndex {
  private readonly byLength = new Map<number, Array<{ name: string; lower: string }>>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const bucket = this.byLength.get(name.length);
      const entry = { name, lower: name.toLowerCase() };
      if (bucket) bucket.push(entry);
      else this.byLength.set(name.length, [entry]);
    }
  }

  /**
   * The nearest names (at most `limit`, nearest first; among equals those `preferred`, then in index order);
   * none when nothing is close.
   */
  nearest(word: string, preferred: (name: string) => boolean = () => false, limit = 3): string[] {
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
    return found.slice(0, limit).map((f) => f.name);
  }
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions) of a
 * and b, or bound + 1 when it is larger than `bound`. Only cells within `bound` of the diagonal are filled.
 */
export function boundedDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const over = bound + 1;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(over); // row i - 2
  let previous = new Array<number>(width).fill(over); // row i - 1
  for (let j = 0; j <= Math.min(b.length, bound); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(width).fill(over);
    if (i <= bound) current[0] = i;
    let best = current[0];
    const from = Math.max(1, i - bound);
    const to = Math.min(b.length, i + bound);
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current[j] = Math.min(d, over);
      if (current[j] < best) best = current[j];
    }
    if (best > bound) return over;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], over);
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
