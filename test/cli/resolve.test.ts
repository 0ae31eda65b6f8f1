/**
 * `permgen resolve` after a real `git merge` of two branches that each add a permission and a
 * migration: main's ids stay, the other side's key gets a fresh id, its migration is replaced by
 * one after main's, `check` is green, and the chain applies to a database at main's state.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, ensureBuilt, makeRepo, runCli } from "./run-cli.js";
import { describeForDialect, openDatabases } from "../sql/sql-engines.js";

const repos: string[] = [];
beforeAll(() => {
  ensureBuilt();
});
afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

const SQL_DIR = "generated/sql";

interface Repo {
  readonly dir: string;
  git(...args: string[]): string;
  read(file: string): string;
  edit(file: string, from: string, to: string): void;
  lockIds(): Record<string, number>;
  migrations(): string[];
}

function makeMergeRepo(dialect: "sqlite" | "postgres"): Repo {
  const dir = makeRepo();
  repos.push(dir);
  copyFixture("basic", dir);
  const configFile = path.join(dir, "permgen.config.json");
  const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as { targets: object[] };
  config.targets.push({ language: "sql", dialect, out: SQL_DIR });
  fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const repo: Repo = {
    dir,
    git: (...args) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }),
    read: (file) => fs.readFileSync(path.join(dir, file), "utf8"),
    edit: (file, from, to) => {
      const text = repo.read(file);
      expect(text).toContain(from);
      fs.writeFileSync(path.join(dir, file), text.replace(from, to));
    },
    lockIds: () => (JSON.parse(repo.read("permgen.lock.json")) as { permissions: Record<string, number> }).permissions,
    migrations: () => fs.readdirSync(path.join(dir, SQL_DIR)).filter((f) => f.endsWith(".sql")).sort(),
  };
  expect(runCli(["generate"], dir).code).toBe(0);
  repo.git("add", "-A");
  repo.git("commit", "-qm", "base");
  repo.git("branch", "-M", "main");
  return repo;
}

/** Two branches off main, each adding one pair (lines far apart, so the schema merges cleanly). */
function branchAndMerge(
  repo: Repo,
  base = "main",
): { mainIds: Record<string, number>; mainMigrations: string[] } {
  const change = (branch: string, from: string, to: string): void => {
    repo.git("checkout", "-qb", branch, branch === "feature-b" ? base : "main");
    repo.edit("schema/permissions.ts", from, to);
    expect(runCli(["generate"], repo.dir).code).toBe(0);
    repo.git("add", "-A");
    repo.git("commit", "-qm", branch);
  };
  change(
    "feature-a",
    "[Resource.Alert]: [Action.Read, Action.Acknowledge],",
    "[Resource.Alert]: [Action.Read, Action.Acknowledge, Action.Create],",
  );
  change("feature-b", "[Resource.User]: [Action.Manage],", "[Resource.User]: [Action.Manage, Action.Read],");
  repo.git("checkout", "-q", "main");
  repo.git("merge", "-q", "feature-a");
  const mainIds = repo.lockIds();
  const mainMigrations = repo.migrations();
  expect(() => repo.git("merge", "-q", "feature-b")).toThrow();
  return { mainIds, mainMigrations };
}

describe("permgen resolve", () => {
  it("refuses with the schema still in conflict, and outside git", () => {
    const repo = makeMergeRepo("sqlite");
    repo.git("checkout", "-qb", "x", "main");
    repo.edit("schema/permissions.ts", "[Resource.User]: [Action.Manage],", "[Resource.User]: [Action.Manage, Action.Create],");
    repo.git("commit", "-qam", "x");
    repo.git("checkout", "-q", "main");
    repo.edit("schema/permissions.ts", "[Resource.User]: [Action.Manage],", "[Resource.User]: [Action.Manage, Action.Read],");
    repo.git("commit", "-qam", "y");
    expect(() => repo.git("merge", "-q", "x")).toThrow();
    const before = repo.read("permgen.lock.json");
    const run = runCli(["resolve"], repo.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^schema\/permissions\.ts:\d+:1: error PG0720: the schema has git merge conflict markers: merge it by hand \(permgen cannot guess a vocabulary\), then run permgen resolve again\n1 error\n$/,
    );
    expect(repo.read("permgen.lock.json")).toBe(before);

    const plain = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-nogit-")));
    repos.push(plain);
    copyFixture("basic", plain);
    expect(runCli(["resolve"], plain)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "permgen.config.json: error PG0720: permgen resolve works in a git repository, after a merge or a rebase\n1 error\n",
    });
  });

  describeForDialect("sqlite", "after a merge git auto-merged into one id twice", () => {
    it("puts back main's lock and numbers the other side's key after main's", () => {
      const repo = makeMergeRepo("sqlite");
      const { mainIds } = branchAndMerge(repo);
      // What an auto-merge can leave: no markers, both sides' new keys with the same id.
      const merged = repo
        .read("permgen.lock.json")
        .replace(/<<<<<<< HEAD\n([^]*?)=======\n([^]*?)>>>>>>> feature-b\n/, (_, ours: string, theirs: string) => {
          const mine = ours.trimEnd().split("\n");
          const other = theirs.trimEnd().split("\n").filter((l) => !mine.includes(l));
          return `${[...mine.map((l) => (l.endsWith(",") || l.trim() === "" ? l : `${l},`)), ...other].join("\n")}\n`;
        });
      expect(merged).not.toMatch(/^(<{7}|={7}|>{7})/m);
      fs.writeFileSync(path.join(repo.dir, "permgen.lock.json"), merged);
      expect(runCli(["check"], repo.dir).stderr).toMatch(/error PG0703: id \d+ of "soc\.user\.read" is already the id of "soc\.alert\.create"/);

      const run = runCli(["resolve"], repo.dir);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("kept ours  permgen.lock.json\n");
      execFileSync("sh", ["-c", run.stdout.trimEnd().split("\n").at(-1) ?? ""], { cwd: repo.dir });
      expect(runCli(["check"], repo.dir).code).toBe(0);
      const ids = repo.lockIds();
      for (const [key, id] of Object.entries(mainIds)) expect(ids[key]).toBe(id);
      expect(ids["soc.user.read"]).toBe(Math.max(...Object.values(mainIds)) + 1);
    });
  });

  describeForDialect("sqlite", "after a merge where one side removes and the other renames", () => {
    it("keeps main's ids and retirement, moves the renamed ids, and the chain applies", async () => {
      const repo = makeMergeRepo("sqlite");
      const change = (branch: string, edit: (text: string) => string): void => {
        repo.git("checkout", "-qb", branch, "main");
        fs.writeFileSync(path.join(repo.dir, "schema/permissions.ts"), edit(repo.read("schema/permissions.ts")));
        expect(runCli(["generate"], repo.dir).code).toBe(0);
        repo.git("add", "-A");
        repo.git("commit", "-qm", branch);
      };
      change("remove", (t) =>
        t
          .replace("[Resource.Alert]: [Action.Read, Action.Acknowledge],", "[Resource.Alert]: [Action.Read, Action.Acknowledge, Action.Create],")
          .replace("[Resource.Engagement]: [Action.Create, Action.Read],", "[Resource.Engagement]: [Action.Read],"),
      );
      change("rename", (t) =>
        t
          .replace('  Manage = "manage",', '  /** @renamedFrom manage */\n  Administer = "administer",')
          .replaceAll("Action.Manage", "Action.Administer")
          .replace("[Resource.User]: [Action.Administer],", "[Resource.User]: [Action.Administer, Action.Read],"),
      );
      repo.git("checkout", "-q", "main");
      repo.git("merge", "-q", "remove");
      const mainLock = JSON.parse(repo.read("permgen.lock.json")) as {
        permissions: Record<string, number>;
        retired: Record<string, number>;
      };
      const mainMigrations = repo.migrations();
      expect(() => repo.git("merge", "-q", "rename")).toThrow();
      // The schema is the user's to merge; resolve refuses until it is.
      expect(runCli(["resolve"], repo.dir).stderr).toContain("error PG0720: the schema has git merge conflict markers");
      const schema = repo
        .read("schema/permissions.ts")
        .replace(
          /<<<<<<< HEAD\n[^]*?>>>>>>> rename\n/,
          "  [Resource.Alert]: [Action.Read, Action.Acknowledge, Action.Create],\n" +
            "  [Resource.Engagement]: [Action.Read],\n" +
            "  [Resource.EngagementMember]: [Action.Administer],\n" +
            "  [Resource.User]: [Action.Administer, Action.Read],\n",
        );
      expect(schema).not.toMatch(/^<<<<<<< /m);
      fs.writeFileSync(path.join(repo.dir, "schema/permissions.ts"), schema);
      repo.git("add", "schema/permissions.ts");

      const run = runCli(["resolve"], repo.dir);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      execFileSync("sh", ["-c", run.stdout.trimEnd().split("\n").at(-1) ?? ""], { cwd: repo.dir });
      expect(runCli(["check"], repo.dir).code).toBe(0);

      const lock = JSON.parse(repo.read("permgen.lock.json")) as {
        permissions: Record<string, number>;
        retired: Record<string, number>;
        renamed: Record<string, string>;
      };
      // Main's ids stay (the renamed keys carry theirs), main's retirement stays, the other
      // side's new key comes after main's, every id once.
      const renamedId = (key: string): number | undefined => lock.permissions[key.replace(".manage", ".administer")];
      for (const [key, id] of Object.entries(mainLock.permissions)) expect(lock.permissions[key] ?? renamedId(key)).toBe(id);
      expect(lock.retired).toEqual(mainLock.retired);
      expect(lock.renamed).toEqual({
        "soc.engagement.member.manage": "soc.engagement.member.administer",
        "soc.user.manage": "soc.user.administer",
      });
      expect(lock.permissions["soc.user.read"]).toBe(Math.max(...Object.values(mainLock.permissions)) + 1);
      const ids = [...Object.values(lock.permissions), ...Object.values(lock.retired)];
      expect(new Set(ids).size).toBe(ids.length);

      const after = repo.migrations();
      expect(after.slice(0, mainMigrations.length)).toEqual(mainMigrations);
      expect(after).toHaveLength(mainMigrations.length + 1);
      const databases = await openDatabases("sqlite");
      try {
        const db = await databases.create();
        // A database at main's state, with an app row pointing at a renamed permission's id.
        for (const file of mainMigrations) await db.apply(repo.read(`${SQL_DIR}/${file}`));
        await db.run(
          "CREATE TABLE app_grant (id INTEGER PRIMARY KEY, permission_id INTEGER NOT NULL REFERENCES permgen_permission(id));" +
            `INSERT INTO app_grant (permission_id) VALUES (${mainLock.permissions["soc.user.manage"]})`,
        );
        await db.apply(repo.read(`${SQL_DIR}/${after.at(-1)}`));
        const dump = await db.dump();
        expect(Object.fromEntries(dump.permissions.map((p) => [p.key, p.id]))).toEqual(lock.permissions);
        expect(await db.query("SELECT permission_id FROM app_grant")).toEqual([
          { permission_id: lock.permissions["soc.user.administer"] },
        ]);
      } finally {
        await databases.close();
      }
    });
  });

  for (const dialect of ["sqlite", "postgres"] as const) {
    describeForDialect(dialect, `after a merge (${dialect})`, () => {
      it("keeps main's ids, renumbers the other side's key, replaces its migration, and the chain applies", async () => {
        const repo = makeMergeRepo(dialect);
        // A file of the user's in an output folder, changed on both sides: theirs to merge.
        fs.writeFileSync(path.join(repo.dir, "generated/NOTES.md"), "base\n");
        repo.git("add", "-A");
        repo.git("commit", "-qm", "notes");
        for (const [branch, text] of [["notes-a", "main side\n"], ["notes-b", "other side\n"]] as const) {
          repo.git("checkout", "-qb", branch, "main");
          fs.writeFileSync(path.join(repo.dir, "generated/NOTES.md"), text);
          repo.git("commit", "-qam", branch);
        }
        repo.git("checkout", "-q", "main");
        repo.git("merge", "-q", "notes-a");
        const { mainIds, mainMigrations } = branchAndMerge(repo, "notes-b");
        const notes = repo.read("generated/NOTES.md");
        expect(notes).toMatch(/^<<<<<<< /m);
        // git left both branches' 0002 migrations and a conflicted lock and history.
        expect(repo.read("permgen.lock.json")).toMatch(/^<<<<<<< /m);
        const theirs = repo.migrations().filter((f) => !mainMigrations.includes(f));
        expect(theirs).toHaveLength(1);
        expect(runCli(["check"], repo.dir).stderr).toContain("error PG0706: ");

        const run = runCli(["resolve"], repo.dir);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        const lines = run.stdout.trimEnd().split("\n");
        expect(lines).toContain("kept ours  permgen.lock.json");
        expect(lines).toContain(`removed    ${SQL_DIR}/${theirs[0]} (the other side's; replaced below)`);
        expect(lines.at(-2)).toBe("permgen: resolved; the branch merged into keeps its ids. Stage the result with:");
        expect(lines.at(-1)).toMatch(/^ {2}git add -A -- .*permgen\.lock\.json/);

        // Main's ids unchanged; the other side's key after them; every id unique.
        const ids = repo.lockIds();
        for (const [key, id] of Object.entries(mainIds)) expect(ids[key]).toBe(id);
        expect(ids["soc.user.read"]).toBe(Math.max(...Object.values(mainIds)) + 1);
        expect(new Set(Object.values(ids)).size).toBe(Object.keys(ids).length);
        // Main's migrations as they were, then one new one.
        const after = repo.migrations();
        expect(after.slice(0, mainMigrations.length)).toEqual(mainMigrations);
        expect(after).toHaveLength(mainMigrations.length + 1);
        expect(after).not.toContain(theirs[0]);

        expect(repo.read("generated/NOTES.md")).toBe(notes);
        expect(run.stdout).not.toContain("NOTES.md");
        fs.writeFileSync(path.join(repo.dir, "generated/NOTES.md"), "merged\n");
        repo.git("add", "generated/NOTES.md");
        execFileSync("sh", ["-c", lines.at(-1) ?? ""], { cwd: repo.dir });
        expect(runCli(["check"], repo.dir).code).toBe(0);
        expect(repo.git("diff", "--name-only", "--diff-filter=U")).toBe("");
        repo.git("commit", "-qm", "merge feature-b");
        // Run again after the merge commit: nothing left to do.
        const again = runCli(["resolve"], repo.dir);
        expect(again.code).toBe(0);
        expect(again.stdout.trimEnd().split("\n").at(-1)).toBe("  (nothing to stage)");
        expect(repo.git("status", "--porcelain")).toBe("");

        // A database at main's state takes the new migration; ids in it are the lock's.
        const databases = await openDatabases(dialect);
        try {
          const db = await databases.create();
          for (const file of after) await db.apply(repo.read(`${SQL_DIR}/${file}`));
          const dump = await db.dump();
          expect(Object.fromEntries(dump.permissions.map((p) => [p.key, p.id]))).toEqual(ids);
        } finally {
          await databases.close();
        }
      });
    });
  }
});

describe("permgen resolve and the other side's renames", () => {
  const V1 = `export enum Resource { Alert = "alert", Host = "host" }
export enum Action { Read = "read", Close = "close" }
export const permissions = { [Resource.Alert]: [Action.Read], [Resource.Host]: [Action.Read] } as const;
export const roles = { viewer: ["host.read"] } as const;
`;
  const MERGED = `export enum Resource { Alert = "alert", Server = "server" }
export enum Action { Read = "read", Close = "close" }
export const permissions = { [Resource.Alert]: [Action.Read, Action.Close], [Resource.Server]: [Action.Read] } as const;
export const roles = { viewer: ["server.read"] } as const;
`;

  it("keeps the id of a rename finished on the merged branch (tag already dropped): a rename in place", () => {
    // The branch renamed host → server with a tag, generated, then dropped the tag; main added
    // alert.close. Restoring main's lock alone made server.read a new key: a fresh id, and a
    // migration deleting row 1 that every database of the branch has as server.read.
    const dir = makeRepo();
    repos.push(dir);
    const git = (...args: string[]): string =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, encoding: "utf8" });
    const write = (text: string): void => fs.writeFileSync(path.join(dir, "schema/permissions.ts"), text);
    const generate = (): void => {
      const run = runCli(["generate"], dir);
      expect({ stderr: run.stderr, code: run.code }).toEqual({ stderr: "", code: 0 });
    };
    fs.mkdirSync(path.join(dir, "schema"));
    write(V1);
    const targets = [{ language: "json", out: "gen/permissions.json" }, { language: "sql", dialect: "sqlite", out: SQL_DIR }];
    fs.writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify({ schema: "schema/permissions.ts", targets }));
    generate();
    git("add", "-A");
    git("commit", "-qm", "v1");
    const main = git("rev-parse", "--abbrev-ref", "HEAD").trim();
    git("checkout", "-qb", "release");
    write(V1.replace('Host = "host"', '/** @renamedFrom host */ Server = "server"').replace("[Resource.Host]", "[Resource.Server]").replace('"host.read"', '"server.read"'));
    generate();
    git("commit", "-qam", "rename");
    write(V1.replace('Host = "host"', 'Server = "server"').replace("[Resource.Host]", "[Resource.Server]").replace('"host.read"', '"server.read"'));
    generate();
    git("add", "-A");
    git("commit", "-qm", "drop the tag");
    git("checkout", "-q", main);
    write(V1.replace("[Resource.Alert]: [Action.Read]", "[Resource.Alert]: [Action.Read, Action.Close]"));
    generate();
    git("add", "-A");
    git("commit", "-qm", "close");
    try {
      git("merge", "-q", "release");
    } catch {
      // Conflicts: expected.
    }
    write(MERGED);
    const run = runCli(["resolve"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("carried    their rename host.read → server.read (same id)");
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8")) as Record<string, unknown>;
    expect(lock["permissions"]).toEqual({ "alert.read": 0, "server.read": 1, "alert.close": 2 });
    expect(lock["retired"]).toEqual({});
    expect(lock["renamed"]).toEqual({ "host.read": "server.read" });
    const added = fs.readdirSync(path.join(dir, SQL_DIR)).filter((f) => f.startsWith("0003_"));
    expect(added).toEqual(["0003_rename_host_read.sql"]);
    const sql = fs.readFileSync(path.join(dir, SQL_DIR, "0003_rename_host_read.sql"), "utf8");
    expect(sql).toContain(`UPDATE "permgen_permission" SET key = 'server.read', resource = 'server', action = 'read' WHERE id = 1;`);
    expect(sql).not.toContain("DELETE");
    expect(runCli(["check"], dir).code).toBe(0);
  });
});
