/**
 * The verdict cache's stat fingerprints (issue 16): a warm check takes a file's recorded
 * sha256 when its stamp (device, inode, size, mtime and ctime in ns) is unchanged, and reads
 * it otherwise. An edit that keeps the size and the mtime, or a same-size file renamed over
 * the output (what editors and git checkout do), must still be seen; a rewrite with the same
 * bytes keeps the answer and is stamped again.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, ensureBuilt, makeRepo, runCli } from "./run-cli.js";

const repos: string[] = [];
const GENERATED = "generated/permissions.ts";

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

function readEntry(dir: string): { files: unknown[]; stamps: { path: string; stat: string }[] } {
  const cacheDir = path.join(dir, "node_modules", ".cache", "permgen");
  const [name] = fs.readdirSync(cacheDir).filter((n) => n.startsWith("state-"));
  return JSON.parse(fs.readFileSync(path.join(cacheDir, name ?? ""), "utf8")) as ReturnType<typeof readEntry>;
}

function check(dir: string): { code: number | null; cached: boolean } {
  const run = runCli(["check", "--debug"], dir);
  return { code: run.code, cached: /timings: cache /.test(run.stderr) };
}

/** A generated repository whose every output, the schema and the lock carry proven stamps. */
async function makeStampedRepo(): Promise<string> {
  const dir = makeRepo();
  repos.push(dir);
  copyFixture("basic", dir);
  fs.mkdirSync(path.join(dir, "node_modules"));
  expect(runCli(["generate"], dir).code).toBe(0);
  await settle();
  // Files written in the same timestamp tick as the entry are hashed once, then stamped.
  expect(check(dir)).toEqual({ code: 0, cached: true });
  const entry = readEntry(dir);
  // Every output and the lock as outputs, the schema and the lock as inputs.
  expect(entry.stamps).toHaveLength(entry.files.length + 2);
  return dir;
}

/** The file with one character changed: same size. */
function sameSizeEdit(text: string): string {
  const at = text.indexOf("export");
  return `${text.slice(0, at)}Export${text.slice(at + "export".length)}`;
}

describe("the verdict cache's stat fingerprints", () => {
  it("sees an edit that keeps the size and the mtime (to the nanosecond)", async () => {
    const dir = await makeStampedRepo();
    const file = path.join(dir, GENERATED);
    const reference = path.join(dir, "reference");
    execFileSync("cp", ["-p", file, reference]);
    const before = fs.statSync(file, { bigint: true });
    fs.writeFileSync(file, sameSizeEdit(fs.readFileSync(file, "utf8")));
    execFileSync("touch", ["-r", reference, file]);
    const after = fs.statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(check(dir)).toEqual({ code: 1, cached: false });
  });

  it("sees a same-size, same-mtime file renamed over an output, and a schema edited so", async () => {
    const dir = await makeStampedRepo();
    const file = path.join(dir, GENERATED);
    const temp = path.join(dir, "generated", ".permissions.ts.swp");
    fs.writeFileSync(temp, sameSizeEdit(fs.readFileSync(file, "utf8")));
    execFileSync("touch", ["-r", file, temp]);
    fs.renameSync(temp, file);
    expect(check(dir)).toEqual({ code: 1, cached: false });

    const other = await makeStampedRepo();
    const schema = path.join(other, "schema", "permissions.ts");
    const reference = path.join(other, "reference");
    execFileSync("cp", ["-p", schema, reference]);
    const text = fs.readFileSync(schema, "utf8");
    fs.writeFileSync(schema, text.replace('User = "user"', 'User = "usar"'));
    expect(fs.statSync(schema).size).toBe(fs.statSync(reference).size);
    execFileSync("touch", ["-r", reference, schema]);
    expect(check(other)).toEqual({ code: 1, cached: false });
  });

  it("keeps the answer when a file is rewritten with the same bytes, and stamps it again", async () => {
    const dir = await makeStampedRepo();
    const file = path.join(dir, GENERATED);
    const stampOf = () => readEntry(dir).stamps.find((s) => s.path === file)?.stat;
    const before = stampOf();
    fs.writeFileSync(file, fs.readFileSync(file));
    await settle();
    expect(check(dir)).toEqual({ code: 0, cached: true });
    const after = stampOf();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(check(dir)).toEqual({ code: 0, cached: true });
    expect(stampOf()).toBe(after);
  });

  it("records, from a run that wrote nothing, the sha256 and a stamp of every file as it is on disk", async () => {
    const dir = await makeStampedRepo();
    const cacheDir = path.join(dir, "node_modules", ".cache", "permgen");
    const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    const expectProvenEntry = () => {
      const entry = readEntry(dir) as unknown as {
        files: { path: string; sha256: string }[];
        stamps: { path: string; sha256: string }[];
      };
      for (const f of entry.files) expect(f.sha256).toBe(sha256(path.join(dir, f.path)));
      expect(entry.stamps).toHaveLength(entry.files.length + 2);
      for (const s of entry.stamps) expect(s.sha256).toBe(sha256(s.path));
    };
    // A `generate` with nothing to change: its entry is taken over the bytes it read.
    fs.rmSync(cacheDir, { recursive: true });
    expect(runCli(["generate"], dir).code).toBe(0);
    expectProvenEntry();
    // A `check` in sync through the full pipeline (no entry to answer from): the same.
    fs.rmSync(cacheDir, { recursive: true });
    expect(check(dir)).toEqual({ code: 0, cached: false });
    expectProvenEntry();
    expect(check(dir)).toEqual({ code: 0, cached: true });
  });
});
