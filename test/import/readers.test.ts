/**
 * The source readers of `permgen import` on shapes the CLI tests do not cover, and on hostile
 * input: nesting deep enough to overflow a recursive walk must be an error at its place, never
 * a crash; a Rust variant with two different values is refused, not resolved.
 */
import { describe, expect, test } from "vitest";
import { loadGrammar } from "../../src/import/load-grammar.js";
import { readJsonKeyList } from "../../src/import/read-key-list.js";
import { readPython, readPythonModules } from "../../src/import/read-python.js";
import { readRust } from "../../src/import/read-rust.js";
import { readTypeScript } from "../../src/import/read-typescript.js";
import type { SourceReading } from "../../src/import/imported-vocabulary.js";

function problems(reading: SourceReading): string[] {
  return reading.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

describe("Python reader", () => {
  test("(str, Enum) members, string group keys, `|` unions and names bound to sets", async () => {
    const source = [
      "from enum import Enum",
      "class Perm(str, Enum):",
      '    A = "alert.read"',
      '    #: Acknowledge an alert.',
      '    B = "alert.ack"',
      '    C = "case.read"',
      '    """Read a case."""',
      "READ = frozenset({Perm.A, Perm.C})",
      "GROUPS = {",
      '    "viewer": READ,',
      '    "triage": READ | {Perm.B},',
      '    "nobody": frozenset(),',
      "}",
      "",
    ].join("\n");
    const reading = readPython(await loadGrammar("python"), "/x.py", source);
    expect(problems(reading)).toEqual([]);
    expect(reading.permissions.map((p) => [p.key, p.doc])).toEqual([
      ["alert.read", undefined],
      ["alert.ack", "Acknowledge an alert."],
      ["case.read", "Read a case."],
    ]);
    expect(reading.roles.map((r) => [r.name, r.grants.map((g) => (g.kind === "all" ? "*" : g.key))])).toEqual([
      ["viewer", ["alert.read", "case.read"]],
      ["triage", ["alert.read", "case.read", "alert.ack"]],
      ["nobody", []],
    ]);
  });

  test("modules given together see each other's enums and names: groups in another module", async () => {
    const permissions = 'import enum\nclass Permission(enum.StrEnum):\n    A = "alert.read"\n    B = "alert.ack"\nALL_PERMISSIONS = tuple(Permission)\n';
    const groups = [
      "import enum",
      "from .permissions import ALL_PERMISSIONS, Permission",
      "class Group(enum.StrEnum):",
      '    VIEWER = "viewer"',
      '    LEAD = "lead"',
      "GROUPS = {Group.VIEWER: {Permission.A}, Group.LEAD: frozenset(ALL_PERMISSIONS)}",
      "",
    ].join("\n");
    const [first, second] = readPythonModules(await loadGrammar("python"), [
      { file: "/permissions.py", text: permissions },
      { file: "/groups.py", text: groups },
    ]);
    expect(first?.permissions.map((p) => p.key)).toEqual(["alert.read", "alert.ack"]);
    expect(second?.diagnostics).toEqual([]);
    expect(second?.permissions).toEqual([]);
    expect(second?.roles.map((r) => [r.name, r.grants.map((g) => (g.kind === "all" ? "*" : g.key))])).toEqual([
      ["viewer", ["alert.read"]],
      ["lead", ["*"]],
    ]);
  });

  test("a dict from permission members to integers gives ids; one with any other value does not", async () => {
    const source = [
      "import enum",
      "class P(enum.StrEnum):",
      '    A = "alert.read"',
      '    B = "alert.ack"',
      "PERMISSION_IDS = {P.A: 7, P.B: 0}",
      'LABELS = {P.A: "Read", P.B: 1}',
      "",
    ].join("\n");
    const reading = readPython(await loadGrammar("python"), "/x.py", source);
    expect(problems(reading)).toEqual([]);
    expect(reading.ids.map((i) => [i.key, i.id, `${i.at.line}:${i.at.column}`])).toEqual([
      ["alert.read", 7, "5:24"],
      ["alert.ack", 0, "5:32"],
    ]);
  });

  test("100,000 nested brackets in a group are one error at the depth bound, not a crash", async () => {
    const source = `import enum\nclass P(enum.StrEnum):\n    A = "a.b"\nG = {"x": ${"(".repeat(100_000)}{P.A}${")".repeat(100_000)}}\n`;
    const reading = readPython(await loadGrammar("python"), "/x.py", source);
    expect(problems(reading)).toEqual(["4:76 PG0905"]);
  });

  test("names that refer to each other in a loop are an error", async () => {
    const source = 'import enum\nclass P(enum.StrEnum):\n    A = "a.b"\nX = Y\nY = X | {P.A}\nG = {"g": X}\n';
    const reading = readPython(await loadGrammar("python"), "/x.py", source);
    expect(reading.diagnostics.map((d) => d.code)).toContain("PG0905");
  });
});

describe("Rust reader", () => {
  test("serde and as_str disagreeing on a variant is an error at the arm", async () => {
    const source = [
      "pub enum P {",
      '    #[serde(rename = "alert.read")]',
      "    A,",
      "}",
      "impl P {",
      "    fn as_str(&self) -> &str {",
      "        match self {",
      '            P::A => "alert.view",',
      "        }",
      "    }",
      "}",
      "",
    ].join("\n");
    const reading = readRust(await loadGrammar("rust"), "/p.rs", source);
    expect(problems(reading)).toEqual(["8:21 PG0905"]);
    expect(reading.diagnostics[0]?.message).toBe('P::A is "alert.read" for serde but "alert.view" here; make them agree first');
  });

  test("Resource and Action enums without a pairs array are nothing to import (no cartesian product)", async () => {
    const source = 'enum Resource { #[serde(rename = "alert")] Alert }\nenum Action { #[serde(rename = "read")] Read }\n';
    const reading = readRust(await loadGrammar("rust"), "/p.rs", source);
    expect(reading.diagnostics.map((d) => d.code)).toEqual(["PG0903"]);
  });
});

describe("TypeScript and JSON readers", () => {
  test("deep nesting is refused before the parser recurses", () => {
    const ts = readTypeScript("/p.ts", `export const P = ${"{a:".repeat(5000)}"x.y"${"}".repeat(5000)} as const;\n`);
    expect(problems(ts)).toEqual(["1:210 PG0905"]);
    const json = readJsonKeyList("/k.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(problems(json)).toEqual(["1:65 PG0905"]);
  });

  test("a spread and a computed name in an `as const` object of keys are errors", () => {
    const source = 'const BASE = {};\nexport const P = {\n  ...BASE,\n  [k]: "a.b",\n  ok: "alert.read",\n} as const;\n';
    expect(problems(readTypeScript("/p.ts", source))).toEqual(["3:3 PG0905", "4:3 PG0905"]);
  });
});
