/**
 * Issue 10 item 6: which generated files git reports as not committed yet. Only untracked and
 * added files count; a committed file never does, also when its folder is reached through a
 * symbolic link; outside git nothing does, so history only appends.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findUncommittedFiles } from "../../src/output/git-history.js";
import { commitAll, makeRepo } from "../cli/run-cli.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function put(file: string, text = "-- migration\n"): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe("findUncommittedFiles", () => {
  it("reports untracked and staged files, never committed or edited ones, through a link too", () => {
    const repo = makeRepo();
    dirs.push(repo);
    const db = path.join(repo, "db", "migrations");
    put(path.join(db, "0001_create_permission_tables.sql"));
    put(path.join(db, "0002_edited_after_commit.sql"));
    commitAll(repo, "history");
    put(path.join(db, "0002_edited_after_commit.sql"), "-- edited\n");
    put(path.join(db, "0003_staged.sql"));
    execFileSync("git", ["add", path.join(db, "0003_staged.sql")], { cwd: repo });
    put(path.join(db, "0004_untracked.sql"));
    put(path.join(repo, "db", "0009_elsewhere.sql"));
    fs.symlinkSync(path.join(repo, "db"), path.join(repo, "linked"));
    const linked = path.join(repo, "linked", "migrations");

    expect([...findUncommittedFiles(repo, [db])].sort()).toEqual([
      path.join(db, "0003_staged.sql"),
      path.join(db, "0004_untracked.sql"),
    ]);
    // Spelled as configured, whatever the link: a committed file is never among them.
    expect([...findUncommittedFiles(repo, [linked])].sort()).toEqual([
      path.join(linked, "0003_staged.sql"),
      path.join(linked, "0004_untracked.sql"),
    ]);
  });

  it("asks without writing: git's index is not refreshed (no index.lock, .git/index untouched)", () => {
    const repo = makeRepo();
    dirs.push(repo);
    const db = path.join(repo, "db");
    put(path.join(db, "0001_create_permission_tables.sql"));
    commitAll(repo, "history");
    // A new mtime on a committed file makes the index stale: a plain `git status` rewrites it.
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(db, "0001_create_permission_tables.sql"), later, later);
    const index = path.join(repo, ".git", "index");
    const before = { bytes: fs.readFileSync(index), mtime: fs.statSync(index).mtimeMs };
    expect([...findUncommittedFiles(repo, [db])]).toEqual([]);
    expect({ bytes: fs.readFileSync(index), mtime: fs.statSync(index).mtimeMs }).toEqual(before);
    // The same question without the option does rewrite it: the check above can fail.
    execFileSync("git", ["status", "--porcelain"], { cwd: repo });
    expect(fs.readFileSync(index).equals(before.bytes)).toBe(false);
  });

  it("in a repository without commits every file is uncommitted; outside git none is", () => {
    const repo = makeRepo();
    dirs.push(repo);
    put(path.join(repo, "db", "0001_create_permission_tables.sql"));
    expect([...findUncommittedFiles(repo, [path.join(repo, "db")])]).toEqual([
      path.join(repo, "db", "0001_create_permission_tables.sql"),
    ]);
    const plain = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-nogit-")));
    dirs.push(plain);
    put(path.join(plain, "db", "0001_create_permission_tables.sql"));
    expect(findUncommittedFiles(plain, [path.join(plain, "db")]).size).toBe(0);
  });
});
