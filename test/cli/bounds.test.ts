/**
 * Bounds on what permgen reads, through the built CLI (issue 8, items 13–15): every hostile
 * input is a positioned error with exit 2 and nothing written — never a crash (exit 3/134) and
 * never a hang.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, ensureBuilt, makeRepo, runCli, snapshotTree } from "./run-cli.js";

const repos: string[] = [];

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

function makeBasicRepo(): string {
  const dir = makeRepo();
  repos.push(dir);
  copyFixture("basic", dir);
  return dir;
}

function writeLock(dir: string, nextId: number, permissions: Record<string, number> = {}): void {
  fs.writeFileSync(
    path.join(dir, "permgen.lock.json"),
    `{\n  "version": 1,\n  "nextId": ${nextId},\n  "permissions": ${JSON.stringify(permissions)}\n}\n`,
  );
}

describe("permission ids are bounded (below 65,536)", () => {
  it("a lock with nextId 2147483648 is a positioned error, exit 2, nothing written", () => {
    const dir = makeBasicRepo();
    writeLock(dir, 2147483648);
    const before = snapshotTree(dir);
    for (const command of ["generate", "check", "validate"]) {
      const run = runCli([command, "--no-cache"], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `permgen.lock.json:3:13: error PG0710: "nextId" 2147483648 is past permgen's bound of 65536 ids (ids are 0 to 65535)`,
      );
    }
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("new permissions that would need an id past the bound are an error at the pair", () => {
    const dir = makeBasicRepo();
    // Six pairs get 65531..65536: the sixth, soc.user.manage, would get 65536.
    writeLock(dir, 65531);
    const before = snapshotTree(dir);
    const run = runCli(["generate"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^schema\/permissions\.ts:\d+:\d+: error PG0710: "soc\.user\.manage" would get id 65536, past permgen's bound: ids are 0 to 65535$/m,
    );
    expect(snapshotTree(dir)).toEqual(before);
    writeLock(dir, 65530);
    expect(runCli(["generate"], dir).code).toBe(0);
  });
});

