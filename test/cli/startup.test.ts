/**
 * Start-up cost: `--help` and `--version` must not load ts-morph, typescript, prettier, zod or
 * web-tree-sitter (the grammars `permgen import` reads Python and Rust with).
 * A loader hook (fixtures/forbid-heavy-imports.mjs) makes importing any of them fail, and
 * requiring the pipeline bundle (dist/bundle/pipeline.cjs), which holds zod.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FIXTURES,
  ROOT,
  copyFixture,
  ensureBuilt,
  makeRepo,
  runCli,
} from "./run-cli.js";

const FORBID = ["--import", path.join(FIXTURES, "forbid-heavy-imports.mjs")];
const repos: string[] = [];

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

describe("start-up", () => {
  it("--help and --version load no heavy module", () => {
    const help = runCli(["--help"], ROOT, {}, FORBID);
    expect(help.stderr).toBe("");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: permgen /);
    const importHelp = runCli(["import", "--help"], ROOT, {}, FORBID);
    expect(importHelp.stderr).toBe("");
    expect(importHelp.stdout).toMatch(/^Usage: permgen import \[options\] <source\.\.\.>/);
    const version = runCli(["check", "--version"], ROOT, {}, FORBID);
    expect(version).toEqual({
      code: 0,
      stdout: `${(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version}\n`,
      stderr: "",
    });
  });

  it("the hook does catch a command that needs the pipeline (so the test above can fail)", () => {
    const dir = makeRepo();
    repos.push(dir);
    copyFixture("basic", dir);
    const run = runCli(["validate"], dir, {}, FORBID);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^permgen: internal error: .*forbidden import at start-up: (ts-morph|typescript|prettier|zod|\S*[\\/]bundle[\\/]pipeline\.cjs)/,
    );
  });
});
