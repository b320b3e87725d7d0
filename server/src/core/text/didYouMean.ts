/**
 * "Did you mean …?" for misspelt keys, rule ids, tags and authors. Bounded: a word is only ever compared with
 * candidates of about its own length, over a band of the distance table, so a megabyte-long key costs no more than a
 * short one.
 */

/** The largest distance that still counts as a misspelling: short words need a closer match (`toc` is not `tag`). */
function maxDistanceFor(word: string): number {
  return word.length <= 5 ? 1 : 2;
}

export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const max = maxDistanceFor(word);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    // A candidate whose length differs by more than the allowed distance can never be within it.
    if (Math.abs(candidate.length - word.length) > max) continue;
    const score = editDistance(word, candidate, max);
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best !== undefined && bestScore <= max ? best : undefined;
}

/**
 * Edit distance where swapping two neighbouring letters counts as one edit (`titel` is one edit from `title`): the
 * optimal string alignment distance. With `max`, only the diagonal band of width `max` is computed and any distance
 * above `max` is returned as `max + 1`: time O(length × max), memory O(length).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  const width = b.length + 1;
  // Three rows (i - 2, i - 1, i) of the table, cells outside the band hold `over` (or Infinity when unbounded).
  let before = new Array<number>(width).fill(over);
  let previous = new Array<number>(width).fill(over);
  let current = new Array<number>(width).fill(over);
  for (let j = 0; j < width && j <= max; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current.fill(over);
    if (i <= max) current[0] = i;
    let rowMin = current[0];
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = Math.min(d, over);
      if (current[j] < rowMin) rowMin = current[j];
    }
    // A cell depends on the two rows above it: once both are over the limit, every later one is too.
    if (rowMin > max && previousMin > max) return over;
    previousMin = rowMin;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length], over);
}
