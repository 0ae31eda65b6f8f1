/**
 * The nesting bound the schema reader checks before TypeScript parses (issue 8, item 14).
 */
import { describe, expect, test } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { findDeepNesting, MAX_SCHEMA_NESTING } from "../../src/schema/check-nesting.js";
import { readSchema } from "../../src/schema/read-schema.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

const FILE = "/repo/schema/permissions.ts";

function errors(text: string): string[] {
  return readSchema(FILE, text).diagnostics.map((d) => formatDiagnostic(d, "/repo"));
}

describe("findDeepNesting", () => {
  test("allows the bound and reports the first opener past it", () => {
    const at = (n: number, open: string, close: string) => `const x = ${open.repeat(n)}${close.repeat(n)};`;
    expect(findDeepNesting(at(MAX_SCHEMA_NESTING, "[", "]"))).toBeUndefined();
    expect(findDeepNesting(at(MAX_SCHEMA_NESTING + 1, "[", "]"))).toEqual({
      offset: "const x = ".length + MAX_SCHEMA_NESTING,
      depth: MAX_SCHEMA_NESTING + 1,
    });
    expect(findDeepNesting(`type T = ${"A<".repeat(100)}1${">".repeat(100)};`)?.depth).toBe(MAX_SCHEMA_NESTING + 1);
  });

  test("does not count brackets in strings, comments, templates and regular expressions", () => {
    const many = "[".repeat(200);
    const text = [
      `const a = "${many}";`,
      `// ${many}`,
      `/* ${many} */`,
      "const b = `" + many + "${ 1 }" + many + "`;",
      `const c = /${"\\[".repeat(200)}/;`,
      `const d = x < y; const e = ${"1 < 2 && ".repeat(200)}true;`,
      `const f = ${"a < b && ".repeat(200)}true;`,
    ].join("\n");
    expect(findDeepNesting(text)).toBeUndefined();
  });

  test("sequential brackets never add up", () => {
    expect(findDeepNesting("const x = [];\n".repeat(10_000) + "if (a < b) { f(x[0]); }\n".repeat(1_000))).toBeUndefined();
  });
});

describe("readSchema with deep nesting", () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

  test.each([1_000, 100_000])("%i nested arrays in an ignored statement are PG0110 at the opener", (n) => {
    const text = `${REFERENCE_SCHEMA}\nconst ignored = ${deep(n)};\n`;
    const line = REFERENCE_SCHEMA.split("\n").length + 1;
    const column = "const ignored = ".length + MAX_SCHEMA_NESTING + 1;
    expect(errors(text)).toEqual([
      `schema/permissions.ts:${line}:${column}: error PG0110: brackets nest more than 64 levels deep here; permgen does not parse a schema nested this deeply`,
    ]);
  });

  test.each([1_000, 100_000])("%i nested arrays inside permissions are PG0110 too", (n) => {
    const text = REFERENCE_SCHEMA.replace("[Resource.User]: [Action.Manage]", `[Resource.User]: ${deep(n)}`);
    expect(errors(text)).toEqual([
      expect.stringMatching(/^schema\/permissions\.ts:\d+:\d+: error PG0110: brackets nest more than 64 levels deep/),
    ]);
  });

  test("a deep recursion the bracket bound does not count (a long arrow chain) is PG0110, not a crash", () => {
    const text = `${REFERENCE_SCHEMA}\nconst f = ${"x => ".repeat(100_000)}1;\n`;
    expect(errors(text)).toEqual([
      "schema/permissions.ts:1:1: error PG0110: the schema nests expressions too deeply to be parsed (the parser ran out of stack); simplify it",
    ]);
  });

  test("the reference schema and ordinary nesting read cleanly", () => {
    expect(errors(`${REFERENCE_SCHEMA}\ntype T = { a: [{ b: Array<Map<string, Set<number>>> }] };\n`)).toEqual([]);
  });
});
