import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findConfigFile } from "../../src/config/find-config.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-find-")));
  dirs.push(dir);
  return dir;
}

describe("findConfigFile", () => {
  test("the nearest config at or above the current folder, up to the repository root", () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, ".git"));
    const deep = path.join(root, "a", "b", "c");
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(root, "permgen.config.json"), "{}");
    expect(findConfigFile(deep, undefined)).toEqual({
      file: path.join(root, "permgen.config.json"),
      searched: [deep, path.join(root, "a", "b"), path.join(root, "a"), root],
    });
    fs.writeFileSync(path.join(root, "a", "permgen.config.json"), "{}");
    expect(findConfigFile(deep, undefined).file).toBe(path.join(root, "a", "permgen.config.json"));
    // --config is taken as given, relative to the current folder, even when it does not exist.
    expect(findConfigFile(deep, "../x.json")).toEqual({
      file: path.join(root, "a", "b", "x.json"),
      searched: [path.join(root, "a", "b")],
    });
  });

  test("a FIFO or a dangling link at the path is found, not skipped for one further up", () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, ".git"));
    fs.mkdirSync(path.join(root, "sub"));
    fs.writeFileSync(path.join(root, "permgen.config.json"), "{}");
    fs.symlinkSync("/nonexistent/permgen.config.json", path.join(root, "sub", "permgen.config.json"));
    expect(findConfigFile(path.join(root, "sub"), undefined).file).toBe(path.join(root, "sub", "permgen.config.json"));
    fs.rmSync(path.join(root, "sub", "permgen.config.json"));
    execFileSync("mkfifo", [path.join(root, "sub", "permgen.config.json")]);
    expect(findConfigFile(path.join(root, "sub"), undefined).file).toBe(path.join(root, "sub", "permgen.config.json"));
  });

  test("never above the repository root; outside a repository only the current folder", () => {
    const outer = tempDir();
    fs.writeFileSync(path.join(outer, "permgen.config.json"), "{}");
    const repo = path.join(outer, "repo");
    fs.mkdirSync(path.join(repo, "src"), { recursive: true });
    fs.writeFileSync(path.join(repo, ".git"), "gitdir: elsewhere\n"); // a worktree's .git file
    expect(findConfigFile(path.join(repo, "src"), undefined)).toEqual({
      file: path.join(repo, "src", "permgen.config.json"),
      searched: [path.join(repo, "src"), repo],
    });
    fs.rmSync(path.join(repo, ".git"));
    expect(findConfigFile(path.join(repo, "src"), undefined)).toEqual({
      file: path.join(repo, "src", "permgen.config.json"),
      searched: [path.join(repo, "src")],
    });
  });
});
