/**
 * The watch's reuse of parsed inputs between runs (pipeline.ts, `reuseParsedInputs`): after
 * every edit, a run in this process — reusing whatever the previous run parsed from the same
 * bytes — must leave exactly what a fresh one-shot `check --no-cache` expects, and report what
 * it reports. Edits that change one input at a time, so each stage is both hit and missed.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, reuseParsedInputs } from "../../src/pipeline.js";
import { commitAll, copyFixture, ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";

beforeAll(() => ensureBuilt());

describe("runs reusing the previous run's parse", () => {
  it("write what a fresh check expects after each edit of the schema, config and lock", async () => {
    reuseParsedInputs();
    const dir = makeRepo();
    copyFixture("basic", dir);
    const schema = path.join(dir, "schema/permissions.ts");
    const configFile = path.join(dir, "permgen.config.json");
    const lockFile = path.join(dir, "permgen.lock.json");
    const original = fs.readFileSync(schema, "utf8");
    const config = JSON.parse(fs.readFileSync(configFile, "utf8"));
    const withRead = original.replace("[Resource.User]: [Action.Manage]", "[Resource.User]: [Action.Manage, Action.Read]");

    const run = async () => {
      const outcome = await generate({ cwd: dir, cache: false });
      const fresh = runCli(["check", "--no-cache"], dir);
      return { outcome, fresh };
    };
    const expectInSync = async () => {
      const { outcome, fresh } = await run();
      expect(outcome.ok).toBe(true);
      expect(fresh.stderr).toBe("");
      expect(fresh.code).toBe(0);
      return outcome;
    };
    const statuses = (outcome: Awaited<ReturnType<typeof generate>>) =>
      outcome.ok ? outcome.changes.map((c) => `${path.relative(dir, c.path)} ${c.status}`).sort() : [];

    await expectInSync();
    // Nothing changed: every stage reused, nothing rewritten.
    expect(statuses(await expectInSync())).toEqual([
      "generated/permissions.ts unchanged",
      "permgen.lock.json unchanged",
    ]);
    // The schema: a new permission (the model and the lock parse change).
    fs.writeFileSync(schema, withRead);
    await expectInSync();
    // The config alone: a new target; the schema, hence the model's inputs, as the last run read.
    config.targets.push({ language: "json", out: "generated/permissions.json" });
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const added = await expectInSync();
    expect(statuses(added)).toContain("generated/permissions.json written");
    expect(fs.readFileSync(path.join(dir, "generated/permissions.json"), "utf8")).toContain("soc.user.read");
    // The config's bytes change but not its meaning: same outputs.
    fs.writeFileSync(configFile, `${JSON.stringify(config)}\n`);
    expect(statuses(await expectInSync()).every((s) => s.endsWith(" unchanged"))).toBe(true);
    // Back to the first schema bytes: the permission is retired, as a fresh run would do it.
    fs.writeFileSync(schema, original);
    await expectInSync();
    expect(fs.readFileSync(path.join(dir, "generated/permissions.ts"), "utf8")).not.toContain('"soc.user.read"');
    // A layout config: every emitter's inputs are what the last run had (its files reused),
    // only the formatting changes; and back.
    const prettierrc = path.join(dir, ".prettierrc");
    fs.writeFileSync(prettierrc, '{ "semi": false }\n');
    expect(statuses(await expectInSync())).toContain("generated/permissions.ts written");
    fs.rmSync(prettierrc);
    expect(statuses(await expectInSync())).toContain("generated/permissions.ts written");
    // A target that reads its own folder (SQL history): a schema edit appends a migration, a
    // committed migration edited by hand is that target's input too.
    config.targets.push({ language: "sql", dialect: "sqlite", out: "generated/sql" });
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    await expectInSync();
    // Committed between runs: the migration is history now (the uncommitted set is an input),
    // so the next schema edit appends one instead of folding into it.
    commitAll(dir);
    fs.writeFileSync(schema, withRead);
    await expectInSync();
    const migrations = fs.readdirSync(path.join(dir, "generated/sql")).filter((f) => f.endsWith(".sql")).sort();
    expect(migrations.length).toBeGreaterThan(1);
    // The committed one: history the emitter checks against its manifest.
    const last = path.join(dir, "generated/sql", migrations[0] ?? "");
    // Once more unchanged, so the lock this run reads is the one the last run parsed: then the
    // folder's files are the only input of the SQL emitter that differs.
    await expectInSync();
    const committed = fs.readFileSync(last, "utf8");
    fs.writeFileSync(last, committed.replace(/INSERT INTO/, "-- edited by hand\nINSERT INTO"));
    const tampered = await run();
    const freshTampered = runCli(["generate", "--no-cache"], makeCopy(dir));
    expect(tampered.outcome.ok ? 0 : 2).toBe(freshTampered.code);
    if (!tampered.outcome.ok) expect(tampered.outcome.diagnostics.map((d) => d.code).join()).toMatch(/PG\d+/);
    if (!tampered.outcome.ok) expect(freshTampered.stderr).toContain(`error ${tampered.outcome.diagnostics[0]?.code}`);
    fs.writeFileSync(last, committed);
    await expectInSync();
    fs.writeFileSync(schema, original);
    await expectInSync();
    // The lock rewritten by hand with one id changed: both sides read it the same way.
    const lock = fs.readFileSync(lockFile, "utf8");
    const edited = lock.replace(/("soc\.user\.manage": )(\d+)/, (_, key: string, id: string) => `${key}${Number(id) + 100}`);
    expect(edited).not.toBe(lock);
    fs.writeFileSync(lockFile, edited);
    const afterLock = await run();
    const fresh = runCli(["generate", "--no-cache"], makeCopy(dir));
    expect(afterLock.outcome.ok).toBe(fresh.code === 0);
    if (afterLock.outcome.ok) expect(afterLock.fresh.code).toBe(0);
    // A broken schema: the same diagnostics as a fresh run, nothing written.
    fs.writeFileSync(schema, `${original}\nexport const broken = {\n`);
    const broken = await run();
    expect(broken.outcome.ok).toBe(false);
    expect(broken.fresh.code).toBe(2);
    const codes = broken.outcome.ok ? [] : broken.outcome.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
    const freshCodes = [...broken.fresh.stderr.matchAll(/:(\d+:\d+): error (PG\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(codes).toEqual(freshCodes);
  });
});

/** A copy of the repository at `dir` (without .git), for a fresh run that must not touch it. */
function makeCopy(dir: string): string {
  const copy = makeRepo();
  for (const entry of fs.readdirSync(dir)) {
    if (entry !== ".git") fs.cpSync(path.join(dir, entry), path.join(copy, entry), { recursive: true });
  }
  return copy;
}
