/**
 * normalizeLineEndings skips its regular expression when the text has no CR (the fast path for
 * emitted output); over random text with CR, LF and other characters it must give exactly what
 * the regular expression alone gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeLineEndings } from "../../src/output/format.js";

const general = (text: string): string => text.replace(/\r\n?/g, "\n");

const piece = fc.oneof(
  fc.constantFrom("\r", "\n", "\r\n", "\n\r", "\r\r", "\u2028", "\u0085", "a", " "),
  fc.string({ unit: "binary", maxLength: 6 }),
);
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(""));

describe("normalizeLineEndings", () => {
  it("agrees with the general replacement on random text", () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(normalizeLineEndings(input)).toBe(general(input));
      }),
      { numRuns: 2000 },
    );
  });

  it("returns LF-only text unchanged and converts CRLF and lone CR", () => {
    expect(normalizeLineEndings("a\nb\n")).toBe("a\nb\n");
    expect(normalizeLineEndings("")).toBe("");
    expect(normalizeLineEndings("a\r\nb\rc\n\r")).toBe("a\nb\nc\n\n");
  });
});
