/**
 * The behaviour table (table.json, schema permissions.ts) replayed against every target's
 * generated guards: each must answer every row as the table says. Other languages add their
 * replay here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import { pythonTarget } from "../../src/targets/python/descriptor.js";
import { typescriptTarget } from "../../src/targets/typescript/descriptor.js";
import { modelFromSource } from "../helpers/model.js";
import { describeWithPython, runPython, writeTempFiles } from "../python/python-tools.js";
import { filesOf } from "../helpers/emit-result.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA = readFileSync(path.join(HERE, "permissions.ts"), "utf8");
const CONTEXT = { lockBefore: undefined, lock: EMPTY_LOCK, existingFiles: new Map() };

/** One row of the table. */
interface Row {
  readonly note?: string;
  readonly granted: readonly string[] | null;
  readonly roles?: readonly string[];
  readonly resource: string;
  readonly action: string;
  readonly allowed: boolean;
}

const TABLE = JSON.parse(readFileSync(path.join(HERE, "table.json"), "utf8")) as {
  rows: readonly Row[];
};

/** Rows whose answer differs from the table, readable in a failure message. */
function findMismatches(answers: readonly boolean[]): string[] {
  expect(answers.length).toBe(TABLE.rows.length);
  return TABLE.rows.flatMap((row, i) =>
    answers[i] === row.allowed
      ? []
      : [`row ${i} (${row.note ?? ""}): got ${answers[i]}, table says ${row.allowed}`],
  );
}

describe("behaviour table", () => {
  test("the table covers both answers, roles and null grants", () => {
    const rows = TABLE.rows;
    expect(rows.some((r) => r.allowed) && rows.some((r) => !r.allowed)).toBe(true);
    expect(rows.some((r) => r.roles !== undefined)).toBe(true);
    expect(rows.some((r) => r.granted === null)).toBe(true);
  });
});

describeWithPython("behaviour table: Python", () => {
  test("the generated Python module answers every row as the table says", async () => {
    const emit = await pythonTarget.loadEmitter();
    const [file] = filesOf(emit(
      modelFromSource(SCHEMA),
      { language: "python", out: "/x/permission_taxonomy.py", fastapi: true },
      CONTEXT,
    ));
    const dir = writeTempFiles({ "permission_taxonomy.py": file!.content });
    const result = runPython([
      path.join(HERE, "replay_python.py"),
      dir,
      path.join(HERE, "table.json"),
    ]);
    expect(result.stderr).toBe("");
    const answers = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => line === "true");
    expect(findMismatches(answers)).toEqual([]);
  });
});

/** The generated TypeScript module as untyped code sees it. */
interface TypeScriptGuards {
  hasPermission(granted: unknown, resource: unknown, action: unknown): boolean;
  permissionsOfRoles(roles: unknown): Iterable<string>;
}

describe("behaviour table: TypeScript", () => {
  test("the generated TypeScript module answers every row as the table says", async () => {
    const emit = await typescriptTarget.loadEmitter();
    const [file] = filesOf(emit(
      modelFromSource(SCHEMA),
      { language: "typescript", out: "/x/permissions.ts", enumStyle: "enum" },
      CONTEXT,
    ));
    const js = ts.transpileModule(file!.content, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-behaviour-"));
    writeFileSync(path.join(dir, "permissions.mjs"), js);
    const guards = (await import(
      pathToFileURL(path.join(dir, "permissions.mjs")).href
    )) as TypeScriptGuards;
    const answers = TABLE.rows.map((row) => {
      const granted =
        row.roles === undefined
          ? row.granted
          : [...(row.granted ?? []), ...guards.permissionsOfRoles(row.roles)];
      try {
        return guards.hasPermission(granted, row.resource, row.action) === true;
      } catch {
        return false;
      }
    });
    expect(findMismatches(answers)).toEqual([]);
  });
});
