/**
 * pyright in strict mode (Python 3.11, `/usr/bin/python3`'s packages, so it sees fastapi) on
 * consumer code: an undeclared (resource, action) pair must be an error at exactly its line, a
 * declared one must pass. The golden modules themselves are checked by golden-python.test.ts.
 */
import { expect, test } from "vitest";
import { CONSUMER_LINES, writeConsumerProject } from "./consumer.js";
import { describeWithPyright, runPyrightStrict } from "./python-tools.js";

function checkConsumer(
  extraLines: readonly string[],
): { line: number; rule: string | undefined }[] {
  const dir = writeConsumerProject(extraLines);
  return runPyrightStrict(dir, ["consumer.py"])
    .filter((f) => f.severity === "error")
    .map((f) => ({ line: f.line, rule: f.rule }));
}

describeWithPyright("pyright strict", () => {
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
