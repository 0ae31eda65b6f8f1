/**
 * The diff's fast paths against the general ones they stand beside (src/output/diff.ts):
 * splitLines against the look-behind split it replaced; countLines against splitLines; the
 * stage-1 skip (a line-count difference past MYERS_MAX_EDIT_LENGTH + 2) only where jsdiff's
 * bounded Myers gives up anyway, so renderFileDiff prints what it printed before; and
 * findAnchors against the object-per-line version it replaced, on random line sequences.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countLines,
  findAnchors,
  MYERS_MAX_EDIT_LENGTH,
  renderFileDiff,
  renderLinePatch,
  splitLines,
} from "../../src/output/diff.js";

const piece = fc.oneof(fc.constantFrom("\n", "\r\n", "\r", "a", "b", "ab\n", ""), fc.string({ unit: "binary", maxLength: 4 }));
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(""));

/** The anchors as diff.ts found them before (an object per distinct line). */
function referenceAnchors(a: readonly string[], b: readonly string[], aLo: number, aHi: number, bLo: number, bHi: number): [number, number][] {
  const seen = new Map<string, { inA: number; inB: number; at: number; bAt: number }>();
  for (let i = aLo; i < aHi; i++) {
    const line = a[i] as string;
    const entry = seen.get(line);
    if (entry === undefined) seen.set(line, { inA: 1, inB: 0, at: i, bAt: -1 });
    else entry.inA++;
  }
  for (let j = bLo; j < bHi; j++) {
    const entry = seen.get(b[j] as string);
    if (entry === undefined) continue;
    entry.inB++;
    entry.bAt = j;
  }
  const pairs: [number, number][] = [];
  for (let i = aLo; i < aHi; i++) {
    const entry = seen.get(a[i] as string);
    if (entry !== undefined && entry.inA === 1 && entry.inB === 1) pairs.push([i, entry.bAt]);
  }
  return pairs;
}

describe("diff fast paths", () => {
  it("splitLines and countLines agree with the look-behind split", () => {
    fc.assert(
      fc.property(text, (t) => {
        const expected = t === "" ? [] : t.split(/(?<=\n)/);
        expect(splitLines(t)).toEqual(expected);
        expect(countLines(t)).toBe(expected.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("finds the anchors the object-per-line version found", () => {
    const lines = fc.array(fc.constantFrom("a\n", "b\n", "c\n", "d\n", "e\n", "f", "g\n"), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, fc.nat(5), fc.nat(5), (a, b, cutA, cutB) => {
        const aLo = Math.min(cutA, a.length);
        const bLo = Math.min(cutB, b.length);
        const pairs = referenceAnchors(a, b, aLo, a.length, bLo, b.length);
        const flat = findAnchors(a, b, aLo, a.length, bLo, b.length);
        const anchors = Array.from({ length: flat.length / 2 }, (_, k) => [flat[2 * k], flat[2 * k + 1]]);
        // The anchors are the longest run of pairs increasing in b; every one is a pair.
        for (const anchor of anchors) expect(pairs).toContainEqual(anchor);
        const unique = (xs: readonly string[], lo: number, x: string) => xs.slice(lo).filter((y) => y === x).length === 1;
        for (const [i, j] of pairs) expect(unique(a, aLo, a[i] as string) && unique(b, bLo, b[j] as string)).toBe(true);
        expect(findAnchorsFromPairs(pairs)).toEqual(anchors);
      }),
      { numRuns: 1000 },
    );
  });

  it("skips stage 1 only where jsdiff's bounded Myers gives up", () => {
    const line = fc.constantFrom("x\n", "y\n", "z\r\n", "w");
    const lines = (min: number) => fc.array(line, { minLength: min, maxLength: min + 40 }).map((l) => l.join(""));
    fc.assert(
      fc.property(lines(0), lines(MYERS_MAX_EDIT_LENGTH), (before, after) => {
        const options = { context: 3, headerOptions: FILE_HEADERS_ONLY, maxEditLength: MYERS_MAX_EDIT_LENGTH };
        const minimal = createTwoFilesPatch("f", "f", before, after, "", "", options);
        const expected = minimal ?? renderLinePatch("f", "f", before, after);
        expect(renderFileDiff("f", before, after)).toBe(expected);
        if (Math.abs(countLines(before) - countLines(after)) > MYERS_MAX_EDIT_LENGTH + 2) expect(minimal).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });
});

/** The longest run of `pairs` increasing in b, as findAnchors picks it (patience sorting). */
function findAnchorsFromPairs(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous = new Array<number>(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const bj = (pairs[k] as [number, number])[1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[tails[mid] as number] as [number, number])[1] < bj) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1] as number;
    tails[lo] = k;
  }
  const result: [number, number][] = [];
  for (let k = tails.length > 0 ? (tails[tails.length - 1] as number) : -1; k >= 0; k = previous[k] as number) {
    result.push(pairs[k] as [number, number]);
  }
  return result.reverse();
}
