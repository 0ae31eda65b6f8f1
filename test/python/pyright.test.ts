/**
 * pyright in strict mode (Python 3.11, `/usr/bin/python3`'s packages, so it sees fastapi) on the
 * committed golden modules, and on consumer code: an undeclared (resource, action) pair must
 * be an error at exactly its line, a declared one must pass.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { renderPythonModule } from "../../src/targets/python/emit-python.js";
import { modelFromSource } from "../helpers/model.js";
import { GOLDEN_CASES } from "./golden-cases.js";
import { CONTRACT_SCHEMA } from "./python-schemas.js";
import { describeWithPyright, runPyrightStrict, writeTempFiles } from "./python-tools.js";

const EXPECTED = new URL("./expected/", import.meta.url);

/** A consumer module using the CONTRACT example's generated module, line by line. */
const CONSUMER_LINES = [
  "from fastapi import Depends, FastAPI",
  "",
  "from permission_taxonomy import (",
  "    Action,",
  "    Permission,",
  "    Resource,",
  "    check_permission,",
  "    has_permission,",
  "    permission_key,",
  "    require_permission,",
  ")",
  "",
  "app = FastAPI()",
  "",
  "",
  '@app.get("/alerts", dependencies=[Depends(require_permission(Resource.ALERT, Action.READ))])',
  "def list_alerts() -> None:",
  "    check_permission([Permission.ALERT_READ], Resource.ALERT, Action.ACKNOWLEDGE)",
  "    check_permission(None, Resource.ENGAGEMENT_MEMBER, Action.MANAGE)",
  "    has_permission({'soc.user.manage'}, Resource.USER, Action.READ)",
  "    permission_key(Resource.USER, Action.READ)",
];

function checkConsumer(
  extraLines: readonly string[],
): { line: number; rule: string | undefined }[] {
  const module = renderPythonModule(modelFromSource(CONTRACT_SCHEMA), { fastapi: true });
  const consumer = [...CONSUMER_LINES, ...extraLines, ""].join("\n");
  const dir = writeTempFiles({ "permission_taxonomy.py": module, "consumer.py": consumer });
  return runPyrightStrict(dir, ["consumer.py"])
    .filter((f) => f.severity === "error")
    .map((f) => ({ line: f.line, rule: f.rule }));
}

describeWithPyright("pyright strict", () => {
  test("every golden module has zero findings", () => {
    const files = Object.fromEntries(
      GOLDEN_CASES.map((g) => [
        g.file,
        readFileSync(fileURLToPath(new URL(g.file, EXPECTED)), "utf8"),
      ]),
    );
    const dir = writeTempFiles(files);
    const findings = runPyrightStrict(dir, Object.keys(files));
    expect(findings).toEqual([]);
  });

  test("declared pairs type-check in a FastAPI consumer", () => {
    expect(checkConsumer([])).toEqual([]);
  });

  test("require_permission with an undeclared pair is an error at that line", () => {
    const line = CONSUMER_LINES.length + 1;
    const errors = checkConsumer(["require_permission(Resource.USER, Action.READ)"]);
    expect(errors.length).toBeGreaterThan(0);
    expect([...new Set(errors.map((e) => e.line))]).toEqual([line]);
    expect(errors.map((e) => e.rule)).toContain("reportCallIssue");
  });

  test("check_permission with an undeclared pair is an error at that line", () => {
    const line = CONSUMER_LINES.length + 2;
    const errors = checkConsumer([
      "check_permission([], Resource.ALERT, Action.READ)",
      "check_permission([], Resource.ALERT, Action.MANAGE)",
    ]);
    expect([...new Set(errors.map((e) => e.line))]).toEqual([line]);
  });

  test("a pair built from plain strings is rejected too", () => {
    const line = CONSUMER_LINES.length + 1;
    const errors = checkConsumer(['require_permission("alert", "read")']);
    expect([...new Set(errors.map((e) => e.line))]).toEqual([line]);
  });
});
