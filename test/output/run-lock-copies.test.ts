/**
 * One process may hold several copies of permgen's modules: the ES modules of dist/ (the API's
 * facade, `permgen lock`) and the pipeline bundle (dist/bundle/pipeline.cjs), which the API's
 * generate and check run. A run lock one copy holds must stop the other copy's runs (PG0606),
 * as it did when there was one copy (src/output/process-wide.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, copyFixture, ensureBuilt, makeRepo } from "../cli/run-cli.js";

const repos: string[] = [];
beforeAll(() => {
  ensureBuilt();
});
afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the run lock across module copies", () => {
  it("a lock taken through dist/'s run-lock module stops the bundled generate and check", async () => {
    const dir = makeRepo();
    repos.push(dir);
    copyFixture("basic", dir);
    const runLock = (await import(path.join(ROOT, "dist/output/run-lock.js"))) as typeof import("../../src/output/run-lock.js");
    const api = (await import(path.join(ROOT, "dist/index.js"))) as typeof import("../../src/index.js");
    expect(fs.existsSync(path.join(ROOT, "dist/bundle/pipeline.cjs"))).toBe(true);
    const taken = runLock.acquireRunLock(path.join(dir, "permgen.config.json"), "lock");
    if (!taken.ok) throw new Error("the lock could not be taken");
    try {
      const generated = await api.generate({ cwd: dir, cache: false });
      expect(generated.ok ? [] : generated.diagnostics.map((d) => d.code)).toEqual(["PG0606"]);
      const checked = await api.check({ cwd: dir });
      expect(checked.ok ? [] : checked.diagnostics.map((d) => d.code)).toEqual(["PG0606"]);
    } finally {
      taken.lock.release();
    }
    expect(fs.existsSync(path.join(dir, ".permgen-run.lock"))).toBe(false);
    expect((await api.generate({ cwd: dir })).ok).toBe(true);
  });
});
