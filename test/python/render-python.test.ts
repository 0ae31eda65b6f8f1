/**
 * The black-style rendering helpers: exact lines, and string/docstring literals that Python
 * reads back as the original text.
 */
import { describe, expect, test } from "vitest";
import {
  bracket,
  display,
  explodedDisplay,
  renderAssignment,
  renderDocstring,
  renderExpression,
  renderString,
} from "../../src/targets/python/render-python.js";
import { describeWithPython, runPython } from "./python-tools.js";

describe("renderString", () => {
  test("double quotes unless single quotes need fewer escapes", () => {
    expect(renderString("alert.read")).toBe('"alert.read"');
    expect(renderString('say "hi"')).toBe(`'say "hi"'`);
    expect(renderString(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(renderString("a\\b\nc\u0000")).toBe('"a\\\\b\\nc\\x00"');
  });
});

describe("renderDocstring", () => {
  test("one line stays on one line; several lines end with the quotes on their own", () => {
    expect(renderDocstring("Alerts.", 1)).toEqual(['    """Alerts."""']);
    expect(renderDocstring("Alerts.\n\nMore  \ntext.", 1)).toEqual([
      '    """Alerts.',
      "",
      "    More",
      "    text.",
      '    """',
    ]);
  });

  test("quotes at either end are padded, triple quotes and backslashes escaped", () => {
    expect(renderDocstring('"Quoted"', 0)).toEqual(['""" "Quoted" """']);
    expect(renderDocstring('a """b""" \\c', 0)).toEqual(['"""a \\"\\"\\"b\\"\\"\\" \\\\c"""']);
  });
});

describe("renderExpression", () => {
  test("fits on one line when it can", () => {
    expect(renderExpression(bracket("f(", ["a", "b"], ")"), 0)).toEqual(["f(a, b)"]);
  });

  test("a call too long for one line puts its arguments on one line of their own", () => {
    const args = ["x".repeat(41), "y".repeat(41)];
    expect(renderExpression(bracket("call(", args, ")"), 0)).toEqual([
      "call(",
      `    ${args[0]}, ${args[1]}`,
      ")",
    ]);
  });

  test("then one per line with a trailing comma", () => {
    const args = ["x".repeat(50), "y".repeat(50)];
    expect(renderExpression(bracket("call(", args, ")"), 1, ",")).toEqual([
      "    call(",
      `        ${args[0]},`,
      `        ${args[1]},`,
      "    ),",
    ]);
  });

  test("a display that must split puts one item per line, as black does", () => {
    const items = ["x".repeat(45), "y".repeat(45)];
    expect(renderExpression(display("(", items, ")"), 0)).toEqual([
      "(",
      `    ${items[0]},`,
      `    ${items[1]},`,
      ")",
    ]);
  });

  test("an exploded display stays exploded, a single argument is not followed by a comma", () => {
    expect(
      renderExpression(bracket("frozenset(", [explodedDisplay("{", ["a"], "}")], ")"), 0),
    ).toEqual(["frozenset(", "    {", "        a,", "    }", ")"]);
    expect(renderExpression(bracket("frozenset(", [], ")"), 0)).toEqual(["frozenset()"]);
  });
});

describe("renderAssignment", () => {
  test("a long value goes in parentheses when that makes it fit, else stays long", () => {
    expect(renderAssignment("A", '"a"', 1)).toEqual(['    A = "a"']);
    const value = `"${"v".repeat(70)}"`;
    expect(renderAssignment("NAME_OF_TWENTY_CHARS", value, 1)).toEqual([
      "    NAME_OF_TWENTY_CHARS = (",
      `        ${value}`,
      "    )",
    ]);
    const huge = `"${"v".repeat(90)}"`;
    expect(renderAssignment("N", huge, 1)).toEqual([`    N = ${huge}`]);
  });
});

const TRICKY_TEXTS = [
  "plain",
  'double "quotes"',
  "single 'quotes'",
  `both ' and "`,
  'ends with a quote"',
  '"starts with a quote',
  'triple """ quotes and """"',
  "back\\slash and trailing backslash\\",
  "tab\there, nul \u0000, bell \u0007, del \u007f",
  "line\u2028separator and \u0085 next line",
  "unicode: é ß 漢字 🙂",
  "multi\nline\n\nwith blank",
];

describeWithPython("literals Python reads back", () => {
  test("strings and docstrings round-trip through the Python parser", () => {
    const source = TRICKY_TEXTS.flatMap((text, i) => [
      `S${i} = ${renderString(text)}`,
      `def d${i}() -> None:`,
      ...renderDocstring(text, 1),
    ]).join("\n");
    const code = [
      "import json, sys",
      "ns = {}",
      "exec(compile(sys.stdin.read(), 'gen', 'exec'), ns)",
      `print(json.dumps([[ns[f"S{i}"], ns[f"d{i}"].__doc__] for i in range(${TRICKY_TEXTS.length})]))`,
    ].join("\n");
    const result = runPythonWithInput(code, source);
    expect(result.stderr).toBe("");
    const pairs = JSON.parse(result.stdout) as [string, string][];
    expect(pairs.map(([s]) => s)).toEqual(TRICKY_TEXTS);
    // A docstring reads back as its source text: black's padding around edge quotes, the
    // lines after the first indented, the closing quotes on a line of their own.
    expect(pairs.map(([, d]) => d)).toEqual(
      TRICKY_TEXTS.map((t) => {
        let doc = t;
        if (doc.startsWith('"')) doc = ` ${doc}`;
        if (doc.endsWith('"')) doc = `${doc} `;
        const lines = doc.split("\n");
        if (lines.length === 1) return doc;
        return `${lines.map((l, i) => (i === 0 || l === "" ? l : `    ${l}`)).join("\n")}\n    `;
      }),
    );
  });
});

function runPythonWithInput(code: string, input: string): { stdout: string; stderr: string } {
  const result = runPython([
    "-c",
    `import sys; sys.stdin = __import__("io").StringIO(${JSON.stringify(input)})\n${code}`,
  ]);
  return result;
}
