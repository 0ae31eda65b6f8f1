import { describe, expect, test } from "vitest";
import { parseJsDoc } from "../../src/schema/parse-jsdoc.js";

describe("parseJsDoc", () => {
  test("a one-line comment is the description", () => {
    expect(parseJsDoc("/** Security alerts. */")).toEqual({
      description: "Security alerts.",
      deprecated: undefined,
    });
  });

  test("strips stars, keeps paragraphs and indentation inside the text", () => {
    expect(
      parseJsDoc(`/**
   * First line.
   * Second line.
   *
   *   indented example
   */`),
    ).toEqual({
      description: "First line.\nSecond line.\n\n  indented example",
      deprecated: undefined,
    });
  });

  test("@deprecated with and without a reason, other tags ignored", () => {
    expect(parseJsDoc("/** @deprecated */")).toEqual({ description: undefined, deprecated: "" });
    expect(
      parseJsDoc(`/**
 * Old alerts.
 * @see https://example.com
 * @deprecated use incidents;
 *   they group alerts.
 * @since 2.0
 */`),
    ).toEqual({ description: "Old alerts.", deprecated: "use incidents;\n  they group alerts." });
  });

  test("an @ inside a line is text, not a tag", () => {
    expect(parseJsDoc("/** Mail ops@example.com, not @deprecated. */")).toEqual({
      description: "Mail ops@example.com, not @deprecated.",
      deprecated: undefined,
    });
  });

  test("an empty comment documents nothing; CRLF lines are split", () => {
    expect(parseJsDoc("/** */")).toEqual({ description: undefined, deprecated: undefined });
    expect(parseJsDoc("/**\r\n * A.\r\n * B.\r\n */")).toEqual({
      description: "A.\nB.",
      deprecated: undefined,
    });
  });
});

describe("line terminators (issue 8 item 1)", () => {
  test("every line terminator is read as one newline, once, when the schema is read", () => {
    for (const sep of ["\r", "\r\n", "\n", "\u0085", "\u2028", "\u2029", "\v", "\f"]) {
      expect(parseJsDoc(`/** One.${sep}Two.${sep}@deprecated Old.${sep}Gone. */`)).toEqual({
        description: "One.\nTwo.",
        deprecated: "Old.\nGone.",
      });
    }
  });
});
