// checklist: python checker
/**
 * mypy in strict mode (Debian's mypy, run as `/usr/bin/python3 -m mypy` so it sees
 * python3-fastapi; Python 3.11) on every committed Python module — the goldens of
 * test/golden/<case>/expected/ — and on consumer code: an undeclared
 * (resource, action) pair must be an error at exactly its line, a declared one must pass. The
 * same checks as pyright.test.ts, for the other type checker the overloads promise to satisfy.
 *
 * Debian 12's mypy is 1.0.1. It handles what the modules use (enum.StrEnum members in
 * `Literal[...]`, `@overload`, `Final`, `MappingProxyType`) with no error code disabled.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { listExpectedFiles } from "../golden/golden-files.js";
import { removeTempFiles, writeTempFiles as writeTempTree } from "../helpers/tools.js";
import { CONSUMER_LINES, writeConsumerProject } from "./consumer.js";
import { describeWithMypy, runMypyStrict, writeTempFiles } from "./python-tools.js";

/** One mypy cache for this file's runs, so fastapi's packages are analysed once. */
let cacheDir: string | undefined;
function mypyCache(): string {
  cacheDir ??= writeTempTree("permgen-mypy-cache-", {});
  return cacheDir;
}
afterAll(() => {
  if (cacheDir !== undefined) removeTempFiles(cacheDir);
});

/** mypy's errors (notes dropped) on the consumer plus `extraLines`, as line and error code. */
function checkConsumer(
  extraLines: readonly string[],
): { line: number; code: string | undefined }[] {
  const dir = writeConsumerProject(extraLines);
  try {
    return runMypyStrict(dir, ["consumer.py"], mypyCache())
      .filter((f) => f.severity === "error")
      .map((f) => ({ line: f.line, code: f.code }));
  } finally {
    removeTempFiles(dir);
  }
}

describeWithMypy("mypy strict", () => {
  test("every golden module has zero findings (one mypy run, fastapi visible)", () => {
    // Every golden case writes permissions.py; a flat, unique module name per file lets one
    // folder (and one mypy run, which refuses duplicate module names) hold them all.
    const golden = listExpectedFiles(".py").map((g) => ({
      name: `golden_${g.rel.replace(/\.py$/, "").replace(/[^A-Za-z0-9]/g, "_")}.py`,
      rel: `test/golden/${g.rel}`,
      file: g.file,
    }));
    const all = golden;
    expect(golden.length).toBeGreaterThan(0);
    expect(new Set(all.map((f) => f.name)).size).toBe(all.length);

    const byName = new Map(all.map((f) => [f.name, f.rel]));
    const dir = writeTempFiles(
      Object.fromEntries(all.map((f) => [f.name, readFileSync(f.file, "utf8")])),
    );
    try {
      const names = all.map((f) => f.name);
      const findings = runMypyStrict(dir, names, mypyCache()).map((finding) => ({
        ...finding,
        file: byName.get(path.basename(finding.file)) ?? finding.file,
      }));
      expect(findings).toEqual([]);
    } finally {
      removeTempFiles(dir);
    }
  });

  test("mypy sees fastapi's types (a misuse of Depends is an error)", () => {
    // Guards the zero-findings tests: were fastapi unresolved, --strict would report it, but
    // this also proves its signatures are checked rather than treated as Any.
    const line = CONSUMER_LINES.length + 1;
    expect(checkConsumer(["x: int = Depends(1)"])).toEqual([{ line, code: "arg-type" }]);
  });

  test("declared pairs type-check in a FastAPI consumer", () => {
    expect(checkConsumer([])).toEqual([]);
  });

  test("require_permission with an undeclared pair is an error at that line", () => {
    const line = CONSUMER_LINES.length + 1;
    const errors = checkConsumer(["require_permission(Resource.USER, Action.READ)"]);
    expect(errors.length).toBeGreaterThan(0);
    expect([...new Set(errors.map((e) => e.line))]).toEqual([line]);
    expect(errors.map((e) => e.code)).toContain("call-overload");
  });

  test("check_permission with an undeclared pair is an error at that line", () => {
    const line = CONSUMER_LINES.length + 2;
    const errors = checkConsumer([
      "check_permission([], Resource.ALERT, Action.READ)",
      "check_permission([], Resource.ALERT, Action.MANAGE)",
    ]);
    expect(errors.length).toBeGreaterThan(0);
    expect([...new Set(errors.map((e) => e.line))]).toEqual([line]);
    expect(errors.map((e) => e.code)).toContain("call-overload");
  });

  test("a pair built from plain strings is rejected too", () => {
    const line = CONSUMER_LINES.length + 1;
    const errors = checkConsumer(['require_permission("alert", "read")']);
    expect([...new Set(errors.map((e) => e.line))]).toEqual([line]);
  });
});
