/**
 * The modules golden (test/golden/modules/) replayed through a behaviour table of its own
 * (test/behaviour/modules-table.json): the committed TypeScript, Python, Go and Rust outputs of
 * a three-module vocabulary — keys qualified by module, roles merged across module files, root
 * roles granting whole modules — must answer every row as the table says. The same replay
 * programs as the shared table's (test/<language>/*-replay.ts), run on the golden files as
 * committed, so what is replayed is exactly what the golden tests compare and compile.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { parseRowAnswers, type Row } from "../behaviour/table.js";
import { readGoldenFile } from "../golden/golden-files.js";
import { runCommand, removeTempFiles, writeTempFiles as writeTempTree } from "../helpers/tools.js";
import { REPLAY_TEST } from "../go/go-replay.js";
import { createGoModule, describeWithGo, removeGoModule, runGoTool } from "../go/go-toolchain.js";
import { describeWithPython, runPython, writeTempFiles } from "../python/python-tools.js";
import { renderBehaviourProgram } from "../rust/rust-replay.js";
import { describeWithRustc, removeRustFiles, runRustc, writeRustFiles } from "../rust/rust-toolchain.js";
import { transpileToModule } from "../typescript/compile.js";

const TABLE_FILE = fileURLToPath(new URL("../behaviour/modules-table.json", import.meta.url));
const ROWS: readonly Row[] = (JSON.parse(readFileSync(TABLE_FILE, "utf8")) as { rows: Row[] }).rows;
const CASE = "modules";
const PYTHON_REPLAY = fileURLToPath(new URL("../behaviour/replay_python.py", import.meta.url));

/** Checks one replay's answers: one per row, each as the table says. */
function expectAnswers(answers: readonly boolean[]): void {
  expect(answers).toHaveLength(ROWS.length);
  const wrong = answers.flatMap((answer, i) =>
    answer === ROWS[i]?.allowed ? [] : [`row ${i} (${ROWS[i]?.note}): got ${String(answer)}`],
  );
  expect(wrong).toEqual([]);
}

describe("modules behaviour table", () => {
  test("covers both answers, module-qualified keys, merged roles and root roles", () => {
    expect(ROWS.some((r) => r.allowed) && ROWS.some((r) => !r.allowed)).toBe(true);
    expect(ROWS.filter((r) => r.roles !== undefined).length).toBeGreaterThan(3);
    expect(ROWS.some((r) => r.granted === null)).toBe(true);
  });

  test("the TypeScript golden answers every row", async () => {
    const dir = writeTempTree("permgen-modules-ts-", {
      "permissions.mjs": transpileToModule(readGoldenFile(`${CASE}/expected/permissions.ts`)),
    });
    try {
      const guards = (await import(pathToFileURL(path.join(dir, "permissions.mjs")).href)) as {
        hasPermission(granted: unknown, resource: unknown, action: unknown): boolean;
        permissionsOfRoles(roles: unknown): Iterable<string>;
      };
      expectAnswers(
        ROWS.map((row) => {
          const granted =
            row.roles === undefined ? row.granted : [...(row.granted ?? []), ...guards.permissionsOfRoles(row.roles)];
          try {
            return guards.hasPermission(granted, row.resource, row.action) === true;
          } catch {
            return false;
          }
        }),
      );
    } finally {
      removeTempFiles(dir);
    }
  });
});

describeWithPython("modules behaviour table: python3", () => {
  test("the Python golden answers every row", () => {
    const dir = writeTempFiles({ "permission_taxonomy.py": readGoldenFile(`${CASE}/expected/permissions.py`) });
    try {
      const run = runPython([PYTHON_REPLAY, dir, TABLE_FILE]);
      expect(run.stderr).toBe("");
      expectAnswers(parseRowAnswers(run.stdout));
    } finally {
      removeTempFiles(dir);
    }
  });
});

describeWithGo("modules behaviour table: go", () => {
  test("the Go golden answers every row", () => {
    const source = readGoldenFile(`${CASE}/expected/permissions.go`).replace(/^package \w+$/m, "package behaviour");
    const root = createGoModule({
      "behaviour/permissions.go": source,
      "behaviour/replay_test.go": REPLAY_TEST,
      "behaviour/testdata/table.json": readFileSync(TABLE_FILE, "utf8"),
    });
    try {
      const run = runGoTool("go", ["test", "-count=1", "-v", "./behaviour"], root);
      expect(run.stderr).toBe("");
      expectAnswers(parseRowAnswers(run.stdout));
    } finally {
      removeGoModule(root);
    }
  });
});

describeWithRustc("modules behaviour table: rustc", () => {
  test("the Rust golden answers every row", () => {
    const dir = writeRustFiles({
      "permissions.rs": readGoldenFile(`${CASE}/expected/permissions.rs`),
      "replay.rs": renderBehaviourProgram(ROWS),
    });
    try {
      const binary = path.join(dir, "replay");
      const compile = runRustc(["--edition", "2021", "-D", "warnings", "-o", binary, path.join(dir, "replay.rs")], dir);
      expect(compile.stderr).toBe("");
      const run = runCommand(binary, [], { cwd: dir });
      expect(run.stderr).toBe("");
      expectAnswers(parseRowAnswers(run.stdout));
    } finally {
      removeRustFiles(dir);
    }
  });
});
