/**
 * Schema error cases: each `test/errors/<case>/` holding a schema `permissions.ts` also holds
 * `expected.txt`, the exact diagnostics the schema reader and model builder report for it,
 * sorted and formatted as the CLI prints them (paths relative to the case folder), one per
 * line. Cases holding a `repo/` instead (config, lock and output problems) run only through
 * the command line: see errors-cli.test.ts, which also checks every code has a case.
 *
 * `PERMGEN_UPDATE_ERRORS=1 npx vitest run test/errors` rewrites the expected files; review the
 * diff before committing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { formatDiagnostic, sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import { loadModel } from "../../src/model/load-model.js";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const UPDATE = process.env["PERMGEN_UPDATE_ERRORS"] === "1";
const CASES = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, entry.name, "permissions.ts")))
  .map((entry) => entry.name)
  .sort();

/** Runs the reader and the model builder on a case's schema and formats what they report. */
function reportCase(caseName: string): { text: string; codes: string[]; hasModel: boolean } {
  const caseDir = path.join(ROOT, caseName);
  const schemaFile = path.join(caseDir, "permissions.ts");
  const text = readFileSync(schemaFile, "utf8");
  const result = loadModel({
    schemas: [{ file: schemaFile, path: "permissions.ts", module: undefined, text }],
    lock: EMPTY_LOCK,
  });
  const sorted = sortDiagnostics(result.diagnostics);
  return {
    text: sorted.map((d) => `${formatDiagnostic(d, caseDir)}\n`).join(""),
    codes: sorted.map((d) => d.code),
    hasModel: result.model !== undefined,
  };
}

describe("error cases", () => {
  test.each(CASES)("%s reports exactly its expected diagnostics", (caseName) => {
    const actual = reportCase(caseName);
    const expectedFile = path.join(ROOT, caseName, "expected.txt");
    if (UPDATE) writeFileSync(expectedFile, actual.text);
    const expected = readFileSync(expectedFile, "utf8");
    expect(expected).not.toBe("");
    expect(actual.text).toBe(expected);
    expect(actual.hasModel).toBe(false);
  });

  test("one run reports errors of many kinds at once", () => {
    const codes = new Set(reportCase("many-errors").codes);
    expect(codes.size).toBeGreaterThanOrEqual(10);
  });
});
