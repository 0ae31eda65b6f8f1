/**
 * When the pipeline writes TypeScript's code-cache entry: right after the schema is read, not
 * at exit (src/loading/code-cache.ts, flushCodeCache). V8 drops the bytecode of functions that
 * did not run during its last five full collections, and an entry holds only functions that
 * still have bytecode; a large run written at exit left an entry without the parser, and every
 * later cold run compiled it again. The spy records, at each flush, whether TypeScript is loaded
 * and whether the run has returned.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const flushes = vi.hoisted(() => ({
  list: [] as { typescriptLoaded: boolean; runReturned: boolean }[],
  returned: false,
}));

vi.mock("../../src/loading/code-cache.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/loading/code-cache.js")>();
  return {
    ...actual,
    flushCodeCache: () => {
      const loaded = Object.keys((Module as unknown as { _cache: Record<string, unknown> })._cache);
      const typescriptLoaded = loaded.some((file) => file.endsWith(`${path.sep}typescript.js`));
      flushes.list.push({ typescriptLoaded, runReturned: flushes.returned });
      actual.flushCodeCache();
    },
  };
});

const { check, generate } = await import("../../src/index.js");

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const SCHEMA = `
export enum Resource { Alert = "alert" }
export enum Action { Read = "read" }
export const permissions = { [Resource.Alert]: [Action.Read] } as const;
`;

describe("the code cache entry of TypeScript", () => {
  it("is written as soon as the schema is read, during the run, by generate and check alike", async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-code-cache-timing-")));
    dirs.push(dir);
    expect(spawnSync("git", ["init", "-q"], { cwd: dir }).status).toBe(0);
    fs.mkdirSync(path.join(dir, "schema"));
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), SCHEMA);
    fs.writeFileSync(
      path.join(dir, "permgen.config.json"),
      JSON.stringify({ targets: [{ language: "json", out: "generated/permissions.json" }] }),
    );
    for (const run of [() => generate({ cwd: dir, cache: false }), () => check({ cwd: dir, cache: false })]) {
      flushes.list = [];
      flushes.returned = false;
      const result = await run();
      flushes.returned = true;
      expect(result.ok).toBe(true);
      expect(flushes.list).toEqual([{ typescriptLoaded: true, runReturned: false }]);
    }
  });
});
