/**
 * The role matrix's fast path (`matrixRowRenderer` in src/targets/markdown/emit-markdown.ts:
 * the marks after the key rendered once per distinct bitmask of roles and reused) gives every
 * row exactly as the general code does, `renderTableRow(renderMatrixRow(...))`, for up to 30
 * roles (masks) and beyond (the general code itself), keys that need escaping included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Permission } from "../../src/model/model.js";
import { matrixRowRenderer, renderMatrixRow } from "../../src/targets/markdown/emit-markdown.js";
import { renderTableRow } from "../../src/targets/markdown/escape-markdown.js";

const seed =
  process.env.PERMGEN_PROPERTY_SEED === undefined ? undefined : Number(process.env.PERMGEN_PROPERTY_SEED);
const options = seed === undefined ? { numRuns: 200 } : { numRuns: 200, seed };

const key = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_.]{0,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom("a|b", "`x`", "c\u202ed", "") },
);

describe("the Markdown role matrix's fast path agrees with the general code", () => {
  it("matrixRowRenderer is renderTableRow of renderMatrixRow", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 34 }),
        fc.array(key, { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 34 * 12, maxLength: 34 * 12 }),
        (roles, keys, bits) => {
          const permissions = keys.map((k) => ({ key: k }) as unknown as Permission);
          const held = Array.from({ length: roles }, (_, r) =>
            Uint8Array.from(keys, (_, i) => (bits[r * 12 + i] === true ? 1 : 0)),
          );
          const fast = matrixRowRenderer(held);
          // Twice over: the second pass reads the marks cached by the first.
          for (let pass = 0; pass < 2; pass++) {
            permissions.forEach((p, i) => {
              expect(fast(p, i)).toBe(renderTableRow(renderMatrixRow(p, i, held)));
            });
          }
        },
      ),
      options,
    );
  });
});
