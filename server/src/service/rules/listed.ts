// A list of names in one message, lens title or hover, capped so that the text stays short whatever the
// input: K keys that each name M items would otherwise give output of size K × M.

/** The most names one message lists. */
export const MAX_NAMED = 10;

/**
 * `a, b, c`, or the first MAX_NAMED names and `and 79,990 more`. `total`: how many there are when `names`
 * holds only the first ones.
 */
export function listed(names: readonly string[], total = names.length): string {
  const shown = names.slice(0, MAX_NAMED);
  return total > shown.length ? `${shown.join(', ')}, and ${(total - shown.length).toLocaleString('en-US')} more` : shown.join(', ');
}
