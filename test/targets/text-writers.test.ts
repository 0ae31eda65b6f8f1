/**
 * The one writer per construct and language that text from a schema or a path goes through
 * (issue 8 item 1): exact output for the characters that could end the construct, hide text or
 * break a tool. The property test (test/property/hostile-text.test.ts) runs the real tools.
 */
import { describe, expect, test } from "vitest";
import { normalizeLineTerminators, splitLines } from "../../src/model/line-terminators.js";
import { renderGoComment, renderGoLineComment } from "../../src/targets/go/go-doc.js";
import { quoteGo } from "../../src/targets/go/go-string.js";
import { renderDocstring, renderPythonLineComment, renderString } from "../../src/targets/python/render-python.js";
import { renderRustDoc, renderRustLineComment } from "../../src/targets/rust/rust-doc.js";
import { quoteRust } from "../../src/targets/rust/rust-layout.js";
import { renderSqlLineComment } from "../../src/targets/sql/render-sql.js";
import { quoteTs } from "../../src/targets/typescript/names.js";
import { escapeUnsafeChars, escapeUnsafeJson } from "../../src/targets/unsafe-chars.js";

const TERMINATORS = ["\r", "\r\n", "\n", "\u0085", "\u2028", "\u2029", "\v", "\f"];

describe("line terminators", () => {
  test("each one, CRLF included, is one line break", () => {
    for (const t of TERMINATORS) {
      expect(splitLines(`a${t}b`)).toEqual(["a", "b"]);
      expect(normalizeLineTerminators(`a${t}b`)).toBe("a\nb");
    }
  });
});

describe("unsafe characters", () => {
  test("are shown as \\uXXXX; tab, ordinary Unicode and surrogate pairs are kept", () => {
    expect(escapeUnsafeChars("a\0b\x1bc\x7fd\x9be\ufefff\u202eg\ud800h\tÜ🙂")).toBe(
      "a\\u0000b\\u001bc\\u007fd\\u009be\\ufefff\\u202eg\\ud800h\tÜ🙂",
    );
  });

  test("JSON keeps its value and shows what JSON.stringify leaves raw", () => {
    const json = escapeUnsafeJson(JSON.stringify("a\u2028b\u0085c\ufeff"));
    expect(json).toBe('"a\\u2028b\\u0085c\\ufeff"');
    expect(JSON.parse(json)).toBe("a\u2028b\u0085c\ufeff");
  });
});

describe("Go", () => {
  test("a doc comment starts a new // line at every terminator; NUL and BOM are visible", () => {
    for (const t of TERMINATORS) {
      expect(renderGoComment([`Things.${t}func init() {}`], "\t")).toEqual([
        "\t// Things.",
        "\t// func init() {}",
      ]);
    }
    expect(renderGoComment(["a\0b\ufeffc"], "\t")).toEqual(["\t// a\\u0000b\\ufeffc"]);
  });

  test("a top-level doc comment is written as gofmt prints it", () => {
    expect(
      renderGoComment(
        ["Resource is a thing.", "", "It''s ``quoted`` and ```kept```.", "", "#  Spaced", "", "[x]: https://e.x/a"],
        "",
      ),
    ).toEqual([
      "// Resource is a thing.",
      "//",
      "// It”s “quoted“ and ```kept```.",
      "//",
      "// # Spaced",
      "//",
      "// [x]:\u00a0https://e.x/a",
    ]);
    // Indented comments are never reformatted by gofmt: kept as written.
    expect(renderGoComment(["It''s"], "\t")).toEqual(["\t// It''s"]);
  });

  test("a line comment and a string literal cannot be ended by their text", () => {
    expect(renderGoLineComment("from s\nimport\r.ts")).toBe("// from s\\u000aimport\\u000d.ts");
    expect(quoteGo('a"b\\c\nd\0e\ufefff\ud800')).toBe('"a\\"b\\\\c\\nd\\u0000e\\ufefff\\ufffd"');
    expect(quoteGo("plain.value")).toBe('"plain.value"');
  });
});

describe("TypeScript", () => {
  test("a string literal keeps the exact value and shows every unsafe character", () => {
    const text = "a\u2028b\u0085c\ufeffd\u202ee\0f\ud800\"'";
    const quoted = quoteTs(text);
    expect(quoted).toBe('"a\\u2028b\\u0085c\\ufeffd\\u202ee\\u0000f\\ud800\\"\'"');
    expect(JSON.parse(quoted)).toBe(text);
  });

  test("a string literal takes the quotes prettier would: single when it holds more double quotes", () => {
    const text = 'say "hi" to \'x\' and "y" \\ \u2028';
    const quoted = quoteTs(text);
    expect(quoted).toBe("'say \"hi\" to \\'x\\' and \"y\" \\\\ \\u2028'");
    // The literal means exactly the text (evaluated as JavaScript, which TypeScript's strings are).
    expect(new Function(`return ${quoted};`)()).toBe(text);
    expect(quoteTs('1 " 1 \'')).toBe('"1 \\" 1 \'"');
  });
});

describe("Python", () => {
  test("a line comment, a string and a docstring cannot be ended by their text", () => {
    expect(renderPythonLineComment("a\nimport os #")).toBe("# a\\u000aimport os #");
    expect(renderString("a\rb\u2028c\ufeffd\ud800")).toBe('"a\\rb\\u2028c\\ufeffd\\ud800"');
    // A class docstring with a lone surrogate would fail the import: U+FFFD instead.
    expect(renderDocstring('a\rb\u2028c"""d\ud800', 1)).toEqual([
      '    """a\\rb\\u2028c\\"\\"\\"d\\ufffd"""',
    ]);
  });
});

describe("Rust", () => {
  test("doc and line comments split or show line breaks; literals escape bidi controls", () => {
    expect(renderRustDoc("    ", [["a\rb\u202ec"]])).toEqual(["    /// a", "    /// b\\u202ec"]);
    expect(renderRustLineComment("x\ny")).toBe("// x\\u000ay");
    expect(quoteRust("a\u202eb\ufeffc\u2028d\0e")).toBe('"a\\u{202e}b\\u{feff}c\\u{2028}d\\0e"');
  });
});

describe("SQL", () => {
  test("a comment cannot be ended by a CR (Postgres ends -- comments there)", () => {
    expect(renderSqlLineComment("add\rSELECT 1")).toBe("-- add\\u000dSELECT 1");
  });
});
