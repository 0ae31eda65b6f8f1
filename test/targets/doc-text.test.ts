import { describe, expect, test } from "vitest";
import { convertToPascalCase, convertToUpperSnakeCase } from "../../src/targets/case.js";
import {
  formatDeprecation,
  joinDeprecationReason,
  splitDocLines,
} from "../../src/targets/doc-text.js";
import { buildDocLines } from "../../src/targets/go/go-doc.js";
import { renderVariantDoc } from "../../src/targets/rust/rust-doc.js";

describe("splitDocLines", () => {
  test("breaks at every line terminator, a lone CR included, CRLF counting once", () => {
    const terminators = ["\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\v", "\f"];
    for (const terminator of terminators) {
      expect(splitDocLines(`a${terminator}b`), JSON.stringify(terminator)).toEqual(["a", "b"]);
    }
    expect(splitDocLines("a\r\n\r\nb")).toEqual(["a", "", "b"]);
  });

  test("trims lines, drops blank lines at either end and collapses runs of them", () => {
    expect(splitDocLines("\n  a  \r\n\n\n b\rc \n\n")).toEqual(["a", "", "b", "c"]);
    expect(splitDocLines("   ")).toEqual([]);
    expect(splitDocLines(undefined)).toEqual([]);
  });

  test("writes unsafe characters as visible \\uXXXX text", () => {
    expect(splitDocLines("a\u0000b\ufeffc\u202ed")).toEqual(["a\\u0000b\\ufeffc\\u202ed"]);
  });

  test("Go and Rust comments read the same lines from a lone CR", () => {
    const doc = { description: "first\rsecond", deprecated: undefined };
    expect(buildDocLines("X is x.", doc)).toEqual(["X is x.", "", "first", "second"]);
    expect(renderVariantDoc("", "X.", doc)).toEqual(["/// first", "/// second", "///", "/// X."]);
  });
});

describe("deprecation wording", () => {
  const words = { prefix: "Deprecated: ", withoutReason: "Deprecated." };

  test("puts the prefix before a reason and says the bare note without one", () => {
    expect(formatDeprecation("use b", words)).toBe("Deprecated: use b");
    expect(formatDeprecation("", words)).toBe("Deprecated.");
  });

  test("a reason on one line joins its lines with spaces and drops paragraph breaks", () => {
    expect(joinDeprecationReason("use b\r\n\ninstead")).toBe("use b instead");
    expect(joinDeprecationReason("")).toBe("");
  });

  test("Go keeps its fallback sentence for a reason that is only whitespace", () => {
    const doc = { description: undefined, deprecated: "  " };
    expect(buildDocLines("X is x.", doc)).toEqual([
      "X is x.",
      "",
      "Deprecated: marked @deprecated in the schema.",
    ]);
  });
});

describe("case conversion", () => {
  test("PascalCase splits at dots and underscores and drops empty words", () => {
    expect(convertToPascalCase("engagement.member_x")).toBe("EngagementMemberX");
    expect(convertToPascalCase("a__b.c2_3d")).toBe("ABC23d");
    expect(convertToPascalCase("a__b_")).toBe("AB");
    expect(convertToPascalCase("rt_lead")).toBe("RtLead");
  });

  test("UPPER_SNAKE turns dots into underscores and keeps runs of them", () => {
    expect(convertToUpperSnakeCase("engagement.member.manage")).toBe("ENGAGEMENT_MEMBER_MANAGE");
    expect(convertToUpperSnakeCase("a__b")).toBe("A__B");
  });
});
