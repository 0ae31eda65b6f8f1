/**
 * Inputs saved with a UTF-8 byte order mark (Notepad, some Windows tools): the config, the lock
 * and the schema are read as the editor shows them, the mark dropped, through the built CLI —
 * `generate` and `check` agree, the verdict cache answers, and a problem is positioned as the
 * editor counts columns (from the character after the invisible mark).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, ensureBuilt, makeRepo, runCli } from "./run-cli.js";

const BOM = "\uFEFF";
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
  fs.mkdirSync(path.join(dir, "node_modules"));
  return dir;
}

function prependBom(file: string): void {
  fs.writeFileSync(file, BOM + fs.readFileSync(file, "utf8"));
}

describe("inputs with a byte order mark", () => {
  it("a config, a lock and a schema that start with one generate and check clean", () => {
    const dir = makeBasicRepo();
    const plain = makeBasicRepo();
    expect(runCli(["generate"], plain).code).toBe(0);
    prependBom(path.join(dir, "permgen.config.json"));
    for (const name of fs.readdirSync(path.join(dir, "schema"))) prependBom(path.join(dir, "schema", name));
    const first = runCli(["generate"], dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    // The same outputs as from the files without the mark.
    const generated = (root: string) =>
      fs.readdirSync(path.join(root, "generated"), { recursive: true, encoding: "utf8" }).sort();
    expect(generated(dir)).toEqual(generated(plain));
    for (const file of generated(dir)) {
      const at = (root: string) => path.join(root, "generated", file);
      if (fs.statSync(at(dir)).isFile()) expect(fs.readFileSync(at(dir))).toEqual(fs.readFileSync(at(plain)));
    }
    // A lock saved with a mark by an editor keeps its ids; generate writes it back without.
    const lock = path.join(dir, "permgen.lock.json");
    const ids = fs.readFileSync(lock, "utf8");
    prependBom(lock);
    expect(runCli(["check", "--no-cache"], dir).code).toBe(1);
    expect(runCli(["generate"], dir).code).toBe(0);
    expect(fs.readFileSync(lock, "utf8")).toBe(ids);
    expect(runCli(["check", "--no-cache"], dir).code).toBe(0);
    const cached = runCli(["check", "--debug"], dir);
    expect(cached.code).toBe(0);
    expect(cached.stderr).toMatch(/timings: cache /);
  });

  it("a problem in a config with one is at the column the editor shows", () => {
    const dir = makeBasicRepo();
    const config = path.join(dir, "permgen.config.json");
    fs.writeFileSync(config, `${BOM}{ "schema": 5, "targets": [] }\n`);
    const run = runCli(["generate"], dir);
    expect(run.code).toBe(2);
    // `5` is the 13th character after the mark.
    expect(run.stderr).toMatch(/permgen\.config\.json:1:13: error PG05/);
    expect(fs.existsSync(path.join(dir, "generated"))).toBe(false);
  });

  it("drops one mark, not two: a config or a lock starting with two is a positioned error", () => {
    for (const name of ["permgen.config.json", "permgen.lock.json"]) {
      const dir = makeBasicRepo();
      expect(runCli(["generate"], dir).code).toBe(0);
      const file = path.join(dir, name);
      fs.writeFileSync(file, BOM + BOM + fs.readFileSync(file, "utf8"));
      const run = runCli(["check", "--no-cache"], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${name}:1:1: error PG0`);
    }
  });
});
