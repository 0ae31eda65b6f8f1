/**
 * "Did you mean …?" for unknown names: the one candidate close enough to what was written to be
 * a likely typo, or nothing. Used by every message that names an unknown resource, action, grant,
 * config key or target language.
 */

/**
 * The candidate closest to `written` by edit distance (insertions, deletions, substitutions and
 * swaps of two neighbours each cost 1; letter case is ignored), when it is close enough — at
 * most 1 edit for names up to 4 characters, 2 up to 8, else 3 — and no other candidate is as
 * close. Returns undefined when nothing qualifies, when two candidates tie, or when `written`
 * is itself a candidate.
 */
export function findClosestName(written: string, candidates: Iterable<string>): string | undefined {
  const target = written.toLowerCase();
  const limit = target.length <= 4 ? 1 : target.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of new Set(candidates)) {
    if (candidate === written) return undefined;
    const distance = measureEditDistance(target, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/**
 * `; did you mean "x"?` for the closest candidate (shown by `render`: quoted by default, or as
 * the user would write it, `Action.Read`, `"user.*"`), or "" when there is none: the end of a
 * message about an unknown name.
 */
export function formatSuggestion(
  written: string,
  candidates: Iterable<string>,
  render: (candidate: string) => string = (candidate) => JSON.stringify(candidate),
): string {
  const closest = findClosestName(written, candidates);
  return closest === undefined ? "" : `; did you mean ${render(closest)}?`;
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `limit + 1` as soon as it is known
 * to exceed `limit` (so a long candidate list costs little).
 */
function measureEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}
