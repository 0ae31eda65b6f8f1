/**
 * The kill-at-every-write-step test (issue 8: "atomic writes at all kill points … keep all of
 * that"; item 10). A `generate` that changes a TypeScript file, a Markdown file, the SQL history
 * (a new migration and the manifest) and the lock is stopped dead at each file-system mutation
 * in turn: from that call on, every mutating call fails without effect, as if the process had
 * been SIGKILLed there (no cleanup runs). After each stop every file must be wholly old or
 * wholly new, and the next `generate` must succeed, remove the dead run's temporary files and
 * run lock, and leave exactly what an uninterrupted run leaves.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { check, generate } from "../../src/pipeline.js";
import { commitAll } from "../cli/run-cli.js";

const SCHEMA_V1 = `export enum Resource { Alert = "alert", User = "user" }
export enum Action { Read = "read", Manage = "manage" }
export const permissions = {
  [Resource.Alert]: [Action.Read],
  [Resource.User]: [Action.Manage],
} as const;
`;
const SCHEMA_V2 = SCHEMA_V1.replace("[Action.Read]", "[Action.Read, Action.Manage]");
const CONFIG = {
  schema: "schema/permissions.ts",
  targets: [
    { language: "typescript", out: "gen/permissions.ts" },
    { language: "markdown", out: "gen/PERMISSIONS.md" },
    { language: "sql", dialect: "sqlite", out: "db" },
  ],
};

/** The fs calls that change the disk. `openSync` only when it opens for writing. */
const MUTATORS = [
  "openSync",
  "writeFileSync",
  "writeSync",
  "renameSync",
  "rmSync",
  "unlinkSync",
  "mkdirSync",
  "rmdirSync",
  "chmodSync",
  "linkSync",
] as const;

class Killed extends Error {
  override readonly name = "Killed";
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A repository generated from v1 whose schema is now v2. */
async function makeRepoAtV1(): Promise<string> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-kill-")));
  dirs.push(dir);
  execFileSync("git", ["init", "-q", dir]);
  fs.mkdirSync(path.join(dir, "schema"));
  fs.writeFileSync(path.join(dir, "schema/permissions.ts"), SCHEMA_V1);
  fs.writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(CONFIG));
  const first = await generate({ cwd: dir, cache: false });
  expect(first.ok).toBe(true);
  // v1's migration is history: v2 appends one (an uncommitted one would be folded instead).
  commitAll(dir, "v1");
  fs.writeFileSync(path.join(dir, "schema/permissions.ts"), SCHEMA_V2);
  return dir;
}

/** Every file under `dir` outside .git, by relative path. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    if (rel === ".git" || rel.startsWith(`.git${path.sep}`)) continue;
    const file = path.join(dir, rel);
    if (fs.lstatSync(file).isFile()) files.set(rel.split(path.sep).join("/"), fs.readFileSync(file, "utf8"));
  }
  return files;
}

/**
 * Runs `action` with every mutating fs call counted; from call number `killAt` on (0-based),
 * each one throws `Killed` instead of running. Returns how many mutating calls were attempted.
 */
async function withKillAt(killAt: number, action: () => Promise<unknown>): Promise<number> {
  let calls = 0;
  const spies = MUTATORS.map((name) => {
    const real = (fs[name] as (...args: unknown[]) => unknown).bind(fs);
    return vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
      if (name === "openSync" && !/[wax+]/.test(String(args[1] ?? "r"))) return real(...args);
      if (calls++ >= killAt) throw new Killed(`killed at ${name}`);
      return real(...args);
    }) as never);
  });
  try {
    await action();
  } catch (error) {
    if (!(error instanceof Killed)) throw error;
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return calls;
}

describe("generate stopped dead at every write step", () => {
  it("leaves every file old or new, and the next run completes exactly", async () => {
    const reference = await makeRepoAtV1();
    const v1 = readTree(reference);
    const steps = await withKillAt(Number.POSITIVE_INFINITY, () => generate({ cwd: reference, cache: false }));
    const v2 = readTree(reference);
    // About 30 here: run lock, folders, temp files (open, write, fsync, chmod), renames, release.
    expect(steps).toBeGreaterThan(20);
    expect([...v2.keys()].filter((p) => !v1.has(p))).toEqual(["db/0002_add_alert_manage.sql"]);

    for (let killAt = 0; killAt < steps; killAt++) {
      const dir = await makeRepoAtV1();
      await withKillAt(killAt, () => generate({ cwd: dir, cache: false }));
      for (const [rel, content] of readTree(dir)) {
        if (/\.permgen-tmp$/.test(rel) || rel === ".permgen-run.lock") continue;
        const allowed = [v1.get(rel), v2.get(rel)].filter((c) => c !== undefined);
        expect(allowed, `step ${killAt}: ${rel}`).toContain(content);
      }
      const again = await generate({ cwd: dir, cache: false });
      expect(again.ok, `step ${killAt}: the next generate`).toBe(true);
      expect(readTree(dir), `step ${killAt}: after the next generate`).toEqual(v2);
      const checked = await check({ cwd: dir, cache: false });
      expect(checked.ok && checked.drift, `step ${killAt}: check`).toEqual([]);
    }
  }, 600_000);
});
