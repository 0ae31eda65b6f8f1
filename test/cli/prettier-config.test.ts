/**
 * When prettier runs on the TypeScript output (README, "When prettier runs"): never when no
 * prettier config or layout-changing `.editorconfig` applies to the output path — the emitter
 * already writes prettier's default layout, and prettier is not even loaded (a loader hook
 * makes importing it fail) — and, as before, whenever one does: the output then follows the
 * user's config, and `check` agrees with `generate` in both directions.
 */
import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, copyFixture, ensureBuilt, makeRepo, runCli } from "./run-cli.js";

const FORBID_PRETTIER = ["--import", path.join(FIXTURES, "forbid-prettier.mjs")];
const OUT = path.join("generated", "permissions.ts");
const repos: string[] = [];

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

function newRepo(): string {
  const dir = makeRepo();
  repos.push(dir);
  copyFixture("basic", dir);
  return dir;
}

describe("prettier and the TypeScript output", () => {
  it("is not loaded when no config applies, and the output is prettier's default layout", async () => {
    const dir = newRepo();
    // An .editorconfig that only restates prettier's defaults changes nothing.
    fs.writeFileSync(path.join(dir, ".editorconfig"), "root = true\n[*]\nindent_style = space\nindent_size = 2\n");
    const run = runCli(["generate", "--no-cache"], dir, {}, FORBID_PRETTIER);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const content = fs.readFileSync(path.join(dir, OUT), "utf8");
    expect(await prettier.format(content, { parser: "typescript" })).toBe(content);
    expect(runCli(["check", "--no-cache"], dir, {}, FORBID_PRETTIER).code).toBe(0);
  });

  it("follows a .prettierrc that applies, and check agrees before and after it goes away", async () => {
    const dir = newRepo();
    const options = { singleQuote: true, printWidth: 120 };
    fs.writeFileSync(path.join(dir, ".prettierrc"), `${JSON.stringify(options)}\n`);
    // Proof that the config is what brings prettier in: with it forbidden, the run fails.
    expect(runCli(["generate", "--no-cache"], dir, {}, FORBID_PRETTIER).code).toBe(3);
    const generated = runCli(["generate", "--no-cache"], dir);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    const content = fs.readFileSync(path.join(dir, OUT), "utf8");
    expect(content).toContain("export const SCHEMA_DIGEST = '");
    expect(content).toBe(await prettier.format(content, { ...options, parser: "typescript" }));
    expect(runCli(["check", "--no-cache"], dir).code).toBe(0);
    expect(runCli(["check"], dir).code).toBe(0);

    fs.rmSync(path.join(dir, ".prettierrc"));
    const drift = runCli(["check", "--no-cache"], dir, {}, FORBID_PRETTIER);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain(`+export const SCHEMA_DIGEST =`);
    expect(runCli(["check"], dir).code).toBe(1);
    expect(runCli(["generate"], dir, {}, FORBID_PRETTIER).code).toBe(0);
    const back = fs.readFileSync(path.join(dir, OUT), "utf8");
    expect(back).toBe(await prettier.format(back, { parser: "typescript" }));
    expect(back).not.toBe(content);
  });

  it("runs prettier for an .editorconfig that changes the layout", () => {
    const dir = newRepo();
    fs.writeFileSync(path.join(dir, ".editorconfig"), "[*.ts]\nindent_style = tab\n");
    expect(runCli(["generate", "--no-cache"], dir, {}, FORBID_PRETTIER).code).toBe(3);
    expect(runCli(["generate", "--no-cache"], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, OUT), "utf8")).toMatch(/^\tAlert = "alert",$/m);
    expect(runCli(["check", "--no-cache"], dir).code).toBe(0);
  });
});
