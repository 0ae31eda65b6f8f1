import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import type { TargetDescriptor } from "../../src/targets/target.js";
import { typescriptTarget } from "../../src/targets/typescript/descriptor.js";
import { z } from "zod";

const DIR = path.resolve("/repo/app");
const FILE = path.join(DIR, "permgen.config.json");

/** A folder target, so folder semantics are tested whatever languages are registered. */
const folderTarget: TargetDescriptor<any> = {
  language: "sqlish",
  options: z.strictObject({ language: z.literal("sqlish"), out: z.string().describe("folder") }),
  outIsFolder: true,
  checkNames: () => [],
  loadEmitter: () => Promise.reject(new Error("not used")),
};
const DESCRIPTORS = [typescriptTarget, folderTarget];

function parseLines(text: string): string[] {
  const result = parseConfig(FILE, text, DESCRIPTORS);
  return result.diagnostics.map((d) => formatDiagnostic(d, DIR));
}

describe("parseConfig", () => {
  it("resolves every path against the config file's folder and applies defaults", () => {
    const text = `{
  "$schema": "../node_modules/permgen/permgen.config.schema.json",
  "targets": [
    { "language": "typescript", "out": "src/generated/permissions.ts" },
    { "language": "sqlish", "out": "./db/migrations" }
  ]
}
`;
    const result = parseConfig(FILE, text, DESCRIPTORS);
    expect(result.diagnostics).toEqual([]);
    const config = result.config!;
    expect(config.file).toBe(FILE);
    expect(config.configDir).toBe(DIR);
    expect(config.sources).toEqual([
      {
        file: path.join(DIR, "schema", "permissions.ts"),
        path: "schema/permissions.ts",
        module: undefined,
        position: undefined,
      },
    ]);
    expect(config.lockPath).toBe(path.join(DIR, "permgen.lock.json"));
    expect(config.targets.map((t) => t.options)).toEqual([
      {
        language: "typescript",
        out: path.join(DIR, "src", "generated", "permissions.ts"),
        enumStyle: "enum",
      },
      { language: "sqlish", out: path.join(DIR, "db", "migrations") },
    ]);
    expect(config.targets.map((t) => t.outputDir)).toEqual([
      path.join(DIR, "src", "generated"),
      path.join(DIR, "db", "migrations"),
    ]);
    expect(config.targets.map((t) => [t.outText, t.outPosition])).toEqual([
      ["src/generated/permissions.ts", { line: 4, column: 40 }],
      ["./db/migrations", { line: 5, column: 36 }],
    ]);
  });

  it("normalises the schema path used in headers and remembers where it is written", () => {
    const text = `{ "schema": "./perm/../perm/schema.ts", "targets": [{ "language": "typescript", "out": "p.ts" }] }`;
    const config = parseConfig(FILE, text, DESCRIPTORS).config!;
    expect(config.sources).toEqual([
      {
        file: path.join(DIR, "perm", "schema.ts"),
        path: "perm/schema.ts",
        module: undefined,
        position: { line: 1, column: 13 },
      },
    ]);
  });

  it("reports every zod issue at the JSON node it is about, unknown keys at the key", () => {
    const text = `{
  "schema": 42,
  "colour": "blue",
  "targets": [
    {
      "language": "typescript",
      "out": 7,
      "enumStyle": "class",
      "bogus": true,
      "extra": null
    },
    { "language": "sqlish" }
  ],
  "other": 1
}
`;
    expect(parseLines(text)).toEqual([
      "permgen.config.json:2:13: error PG0503: schema: invalid input: expected string, received number",
      "permgen.config.json:7:14: error PG0503: targets[0].out: invalid input: expected string, received number",
      'permgen.config.json:8:20: error PG0503: targets[0].enumStyle: invalid option: expected one of "enum"|"const"',
      'permgen.config.json:9:7: error PG0503: targets[0].bogus: unknown key "bogus"',
      'permgen.config.json:10:7: error PG0503: targets[0].extra: unknown key "extra"',
      "permgen.config.json:12:5: error PG0503: targets[1].out: required key is missing",
      'permgen.config.json:3:3: error PG0503: colour: unknown key "colour"',
      'permgen.config.json:14:3: error PG0503: other: unknown key "other"',
    ]);
  });

  it("names the languages it knows when a target's language is unknown or missing", () => {
    const text = `{ "targets": [
  { "language": "cobol", "out": "x.cbl" },
  { "out": "y.ts" }
] }`;
    expect(parseLines(text)).toEqual([
      'permgen.config.json:2:17: error PG0503: targets[0].language: unknown language "cobol"; expected one of "typescript"|"sqlish"',
      'permgen.config.json:3:3: error PG0503: targets[1].language: required key is missing; expected one of "typescript"|"sqlish"',
    ]);
  });

  it("suggests the key or language a typo is closest to, with the target's own options", () => {
    const text = `{ "shema": "s.ts", "targets": [
  { "language": "typescrpt", "out": "x.ts" },
  { "language": "typescript", "out": "y.ts", "enumstyle": "const", "zzz": 1 }
] }`;
    expect(parseLines(text)).toEqual([
      'permgen.config.json:2:17: error PG0503: targets[0].language: unknown language "typescrpt"; expected one of "typescript"|"sqlish"; did you mean "typescript"?',
      'permgen.config.json:3:46: error PG0503: targets[1].enumstyle: unknown key "enumstyle"; did you mean "enumStyle"?',
      'permgen.config.json:3:68: error PG0503: targets[1].zzz: unknown key "zzz"',
      'permgen.config.json:1:3: error PG0503: shema: unknown key "shema"; did you mean "schema"?',
    ]);
  });

  it("requires at least one target", () => {
    expect(parseLines(`{}`)).toEqual([
      "permgen.config.json:1:1: error PG0503: targets: required key is missing",
    ]);
    expect(parseLines(`{ "targets": [] }`)).toEqual([
      "permgen.config.json:1:14: error PG0503: targets: too small: expected array to have >=1 items",
    ]);
  });

  it("reports a config that is not an object without a path", () => {
    expect(parseLines(`[1, 2]`)).toEqual([
      "permgen.config.json:1:1: error PG0503: invalid input: expected object, received array",
    ]);
  });

  it("reports a key written twice", () => {
    const text = `{ "targets": [{ "language": "typescript", "out": "a.ts", "out": "b.ts" }] }`;
    expect(parseLines(text)).toEqual([
      'permgen.config.json:1:58: error PG0503: targets[0].out: duplicate key "out"',
    ]);
  });

  it("keeps a __proto__ key as a key and reports it as unknown", () => {
    const text = `{ "__proto__": { "schema": 1 }, "targets": [{ "language": "typescript", "out": "a.ts" }] }`;
    expect(parseLines(text)).toEqual([
      'permgen.config.json:1:3: error PG0503: __proto__: unknown key "__proto__"',
    ]);
  });

  it("reports JSON syntax errors with their position", () => {
    expect(parseLines(`{\n  "targets": [],\n}\n`)).toEqual([
      "permgen.config.json:3:1: error PG0502: invalid JSON: property name expected",
    ]);
    expect(parseLines(`{\n  "schema": "a.ts"\n  "targets": []\n}`)).toEqual([
      "permgen.config.json:3:3: error PG0502: invalid JSON: comma expected",
    ]);
    expect(parseLines(`{ // note\n "targets": [] }`)).toEqual([
      "permgen.config.json:1:3: error PG0502: invalid JSON: invalid comment token",
    ]);
    expect(parseLines(``)).toEqual([
      "permgen.config.json:1:1: error PG0502: invalid JSON: value expected",
    ]);
  });

  it("refuses brackets nested past 64 levels at the first one too deep, before the recursive parser", () => {
    // 100,000 levels overflowed jsonc-parser's stack: an internal error (exit 3), not exit 2.
    const deep = `{ "schema": ${"[".repeat(100_000)}${"]".repeat(100_000)} }`;
    expect(parseLines(deep)).toEqual([
      "permgen.config.json:1:76: error PG0502: brackets nested more than 64 levels deep: a config nests a few levels",
    ]);
    // A bracket inside a string does not count.
    const inString = `{ "schema": "${"[".repeat(100)}", "targets": [{ "language": "typescript", "out": "a.ts" }] }`;
    expect(parseLines(inString)).toEqual([]);
  });

  it("reports two targets writing the same file, and a target writing the lock file", () => {
    const text = `{ "targets": [
  { "language": "typescript", "out": "gen/p.ts" },
  { "language": "typescript", "out": "./gen/../gen/p.ts", "enumStyle": "const" },
  { "language": "typescript", "out": "permgen.lock.json" }
] }`;
    expect(parseLines(text)).toEqual([
      'permgen.config.json:3:38: error PG0603: targets[1].out: "./gen/../gen/p.ts" is already written by targets[0]',
      'permgen.config.json:4:38: error PG0603: targets[2].out: "permgen.lock.json" is already written by permgen itself (the lock file)',
    ]);
  });
});
