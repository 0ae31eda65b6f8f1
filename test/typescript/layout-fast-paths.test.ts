/**
 * The TypeScript layout's fast paths (src/targets/typescript/prettier-layout.ts) agree with the
 * general code they stand for: `fitsJoined` of a `measureJoined` list answers what `fits`
 * answers for the joined text, with the same doubts, and `brokenListOf` prints what
 * `brokenList` prints for the rendered items, across `LineBuffer` chunk boundaries (2,048
 * lines). The lists of every permission are measured and printed by these; `fits` and the
 * array-joining `brokenList` of before issue 16 (below) are the reference.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  brokenList,
  brokenListOf,
  pad,
  fits,
  fitsJoined,
  Layout,
  measureJoined,
} from "../../src/targets/typescript/prettier-layout.js";

const seed =
  process.env.PERMGEN_PROPERTY_SEED === undefined ? undefined : Number(process.env.PERMGEN_PROPERTY_SEED);
const options = seed === undefined ? { numRuns: 300 } : { numRuns: 300, seed };

// Printable ASCII mostly, now and then a character only prettier can measure.
const part = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "é", "漢字", "\t", "🎉", '"a.b"') },
);

/** prettier-layout.ts `brokenList` before issue 16: one array of every line, joined. */
function referenceBrokenList(open: string, items: readonly string[], close: string, indent: number): string {
  const parts = [open];
  for (const item of items) parts.push(`${item},`);
  parts.push(`${pad(indent)}${close}`);
  return parts.join("\n");
}

describe("the TypeScript layout's fast paths agree with the general code", () => {
  it("fitsJoined is fits of the joined text, doubts included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        part,
        fc.array(part, { maxLength: 12 }),
        fc.constantFrom(", ", " | ", "", "·"),
        part,
        (indent, prefix, items, separator, suffix) => {
          const fast = new Layout();
          const general = new Layout();
          const text = `${prefix}${items.join(separator)}${suffix}`;
          const measured = measureJoined(items, separator);
          expect(fitsJoined(fast, indent, prefix, measured, suffix)).toBe(fits(general, indent, text));
          expect(fast.doubts).toEqual(general.doubts);
        },
      ),
      options,
    );
  });

  it("brokenListOf and brokenList print what one joined array of the lines gives", () => {
    const items = fc.oneof(
      { weight: 5, arbitrary: fc.array(fc.string({ maxLength: 6 }), { maxLength: 6 }) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 2040, max: 4200 })
          .map((n) => Array.from({ length: n }, (_, i) => `i${i}`)),
      },
    );
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 6 }), (list, indent) => {
        const render = (item: string, index: number): string => `  [${item}, ${index}]`;
        const reference = referenceBrokenList("open([", list.map(render), "]);", indent);
        expect(brokenListOf("open([", list, render, "]);", indent)).toBe(reference);
        expect(brokenList("open([", list.map(render), "]);", indent)).toBe(reference);
      }),
      { ...options, numRuns: 60 },
    );
  });
});
