/**
 * Bounds on what permgen reads, through the built CLI (issue 8, items 13–15): every hostile
 * input is a positioned error with exit 2 and nothing written — never a crash (exit 3/134) and
 * never a hang.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, copyFixture, ensureBuilt, makeRepo, runCli, snapshotTree } from "./run-cli.js";

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

describe("permission ids are bounded (below 2^17 = 131,072)", () => {
  it("a lock with nextId 2147483648 is a positioned error, exit 2, nothing written", () => {
    const dir = makeBasicRepo();
    writeLock(dir, 2147483648);
    const before = snapshotTree(dir);
    for (const command of ["generate", "check", "validate"]) {
      const run = runCli([command, "--no-cache"], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `permgen.lock.json:3:13: error PG0710: "nextId" 2147483648 is past permgen's bound of 131072 ids (ids are 0 to 131071)`,
      );
    }
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("new permissions that would need an id past the bound are an error at the pair", () => {
    const dir = makeBasicRepo();
    // Six pairs get 131067..131072: the sixth, soc.user.manage, would get 131072.
    writeLock(dir, 131_067);
    const before = snapshotTree(dir);
    const run = runCli(["generate"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^schema\/permissions\.ts:\d+:\d+: error PG0710: "soc\.user\.manage" would get id 131072, past permgen's bound: ids are 0 to 131071$/m,
    );
    expect(snapshotTree(dir)).toEqual(before);
    writeLock(dir, 131_066);
    expect(runCli(["generate"], dir).code).toBe(0);
  });
});


/** Runs the CLI with a deadline, so a regression to a blocking read fails instead of hanging. */
function runWithDeadline(args: string[], cwd: string): { code: number | null; stderr: string; timedOut: boolean } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 20_000 });
  return { code: result.status, stderr: result.stderr, timedOut: result.error !== undefined || result.signal !== null };
}

function setConfig(dir: string, edit: (config: Record<string, unknown>) => void): void {
  const file = path.join(dir, "permgen.config.json");
  const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  edit(config);
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

describe.skipIf(process.platform === "win32")("inputs must be regular files of at most 16 MiB", () => {
  const mkfifo = (file: string): void => {
    execFileSync("mkfifo", [file]);
  };

  it("a FIFO at the schema path is a positioned error at the config's schema field, never a hang", () => {
    const dir = makeBasicRepo();
    fs.mkdirSync(path.join(dir, "node_modules"));
    const schema = path.join(dir, "schema", "permissions.ts");
    fs.rmSync(schema);
    mkfifo(schema);
    for (const args of [["check"], ["check", "--no-cache"], ["generate"], ["validate"]]) {
      const run = runWithDeadline(args, dir);
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `permgen.config.json:2:13: error PG0111: schema file "schema/permissions.ts" is a FIFO (named pipe), not a regular file`,
      );
    }
    expect(fs.existsSync(path.join(dir, "generated"))).toBe(false);
  });

  it('"schema": "/dev/zero" and a link to it are refused, not read forever', () => {
    const dir = makeBasicRepo();
    setConfig(dir, (config) => {
      config["schema"] = "/dev/zero";
    });
    let run = runWithDeadline(["generate"], dir);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^permgen\.config\.json:\d+:\d+: error PG0111: schema file "(\.\.\/)*dev\/zero" is a character device, not a regular file$/m);
    setConfig(dir, (config) => {
      config["schema"] = "schema/zero.ts";
    });
    fs.symlinkSync("/dev/zero", path.join(dir, "schema", "zero.ts"));
    run = runWithDeadline(["check"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error PG0111: schema file "schema/zero.ts" is a character device, not a regular file`);
  });

  it("a FIFO at the lock path or the config path is an error at 1:1 of that file", () => {
    const dir = makeBasicRepo();
    mkfifo(path.join(dir, "permgen.lock.json"));
    let run = runWithDeadline(["generate"], dir);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "permgen.lock.json:1:1: error PG0711: the lock file is a FIFO (named pipe), not a regular file",
    );
    expect(fs.existsSync(path.join(dir, "generated"))).toBe(false);

    mkfifo(path.join(dir, "fifo.json"));
    run = runWithDeadline(["check", "--config", "fifo.json"], dir);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("fifo.json:1:1: error PG0510: the config file is a FIFO (named pipe), not a regular file");
  });

  it("a FIFO at a target path is never read: it is a file that is not permgen's (PG0602), not a hang", () => {
    const dir = makeBasicRepo();
    fs.mkdirSync(path.join(dir, "generated"));
    mkfifo(path.join(dir, "generated", "permissions.ts"));
    for (const args of [["check", "--no-cache"], ["generate"]]) {
      const run = runWithDeadline(args, dir);
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^generated\/permissions\.ts(:1:1)?: error PG0602: /m);
    }
  });

  it("a schema larger than 16 MiB is refused before it is parsed", () => {
    const dir = makeBasicRepo();
    const schema = path.join(dir, "schema", "permissions.ts");
    fs.appendFileSync(schema, `// ${"x".repeat(16 * 1024 * 1024)}\n`);
    const run = runWithDeadline(["validate"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `error PG0111: schema file "schema/permissions.ts" is larger than 16 MiB, the most permgen reads`,
    );
  });
});

describe("deep nesting in the schema", () => {
  it.each([1_000, 100_000])(
    "%i nested arrays in an ignored statement exit 2 at the opener, not 3 (stack overflow)",
    (levels) => {
      const dir = makeBasicRepo();
      const schema = path.join(dir, "schema", "permissions.ts");
      const lines = fs.readFileSync(schema, "utf8").split("\n").length;
      fs.appendFileSync(schema, `const ignored = ${"[".repeat(levels)}${"]".repeat(levels)};\n`);
      for (const command of ["generate", "check"]) {
        const run = runCli([command], dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
          `schema/permissions.ts:${lines}:${"const ignored = ".length + 65}: error PG0110: brackets nest more than 64 levels deep here; permgen does not parse a schema nested this deeply\n1 error\n`,
        );
      }
      expect(fs.existsSync(path.join(dir, "generated"))).toBe(false);
    },
  );

  it("1,000 nested arrays inside roles exit 2 with a position", () => {
    const dir = makeBasicRepo();
    const schema = path.join(dir, "schema", "permissions.ts");
    const text = fs.readFileSync(schema, "utf8");
    fs.writeFileSync(schema, text.replace(`soc_analyst: ["alert.read"]`, `soc_analyst: ${"[".repeat(1000)}${"]".repeat(1000)}`));
    const run = runCli(["validate"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^schema\/permissions\.ts:\d+:\d+: error PG0110: /m);
  });
});
