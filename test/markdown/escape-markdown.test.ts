/** Escaping schema text for Markdown: exact results, and properties over arbitrary text. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  escapeMarkdownText,
  renderCodeCell,
  renderCodeSpan,
  renderHtmlComment,
  renderTableRow,
} from "../../src/targets/markdown/escape-markdown.js";

describe("escapeMarkdownText", () => {
  test("leaves ordinary prose as it is", () => {
    expect(escapeMarkdownText("Security alerts raised by detections, e.g. soc_analyst's.")).toBe(
      "Security alerts raised by detections, e.g. soc_analyst's.",
    );
  });

  test("escapes a pipe so it cannot end a table cell", () => {
    expect(escapeMarkdownText("read | write")).toBe("read \\| write");
  });

  test("escapes backticks so no code span forms", () => {
    expect(escapeMarkdownText("use `alert.read` here")).toBe("use \\`alert.read\\` here");
  });

  test("turns HTML into text: <script> cannot run or hide", () => {
    expect(escapeMarkdownText("<script>alert(1)</script>")).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt;",
    );
    expect(escapeMarkdownText("&amp; <!-- x -->")).toBe("&amp;amp; &lt;!-- x --&gt;");
  });

  test("turns every kind of line break into <br>, keeping one source line", () => {
    expect(escapeMarkdownText("one\ntwo\r\nthree\rfour\n\nfive")).toBe(
      "one<br>two<br>three<br>four<br><br>five",
    );
  });

  test("escapes backslashes first, so an escaped pipe in the text stays a literal pipe", () => {
    expect(escapeMarkdownText("a\\|b\\")).toBe("a\\\\\\|b\\\\");
  });

  test("escapes emphasis, links and strikethrough, but not an underscore inside a word", () => {
    expect(escapeMarkdownText("*bold* _it_ [link](x) ~~gone~~ rt_lead")).toBe(
      "\\*bold\\* \\_it\\_ \\[link\\](x) \\~\\~gone\\~\\~ rt_lead",
    );
  });

  test("escapes what would start a heading, list, rule or numbered item", () => {
    expect(escapeMarkdownText("# Title")).toBe("\\# Title");
    expect(escapeMarkdownText("- item")).toBe("\\- item");
    expect(escapeMarkdownText("+ item")).toBe("\\+ item");
    expect(escapeMarkdownText("===")).toBe("\\===");
    expect(escapeMarkdownText("2024. A year")).toBe("2024\\. A year");
    expect(escapeMarkdownText("3) three")).toBe("3\\) three");
    expect(escapeMarkdownText("> quote")).toBe("&gt; quote");
    expect(escapeMarkdownText("see # and - later")).toBe("see # and - later");
  });

  test("never yields a line break, a raw < or an unescaped pipe, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        const escaped = escapeMarkdownText(text);
        expect(escaped).not.toMatch(/[\n\r]/);
        expect(escaped.replaceAll("<br>", "")).not.toContain("<");
        // Every pipe is preceded by an odd number of backslashes: escaped, not a delimiter.
        for (const match of escaped.matchAll(/(\\*)\|/g)) {
          expect((match[1] ?? "").length % 2).toBe(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("renderCodeSpan", () => {
  test("fences a value with one backtick", () => {
    expect(renderCodeSpan("engagement.member")).toBe("`engagement.member`");
  });

  test("uses a longer fence, padded, when the text holds backticks", () => {
    expect(renderCodeSpan("a`b")).toBe("``a`b``");
    expect(renderCodeSpan("`x``")).toBe("``` `x`` ```");
  });
});

describe("renderTableRow", () => {
  test("writes cells between pipes, an empty cell without trailing or doubled spaces", () => {
    expect(renderTableRow(["a", "", "c"])).toBe("| a | | c |");
    expect(renderTableRow(["a", ""])).toBe("| a | |");
  });
});

describe("text that could leave its construct (issue 8 item 1)", () => {
  test("every line terminator is a <br>, unsafe characters are visible", () => {
    expect(escapeMarkdownText("a\u2028b\u0085c\vd\fe\rf\0g\ufeffh\u202ei")).toBe(
      "a<br>b<br>c<br>d<br>e<br>f\\\\u0000g\\\\ufeffh\\\\u202ei",
    );
  });

  test("a code span stays on its line; in a table cell a pipe cannot split the cell", () => {
    expect(renderCodeSpan("a\nb|c")).toBe("`a\\u000ab|c`");
    expect(renderCodeCell("a\nb|c")).toBe("`a\\u000ab\\|c`");
  });

  test("an HTML comment cannot be ended by the text inside it", () => {
    expect(renderHtmlComment("x --> y --!> z\n")).toBe("<!-- x --&gt; y --!&gt; z\\u000a -->");
  });
});
