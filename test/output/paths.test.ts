import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { checkOutputPaths, findRepositoryRoot, isInsideRoot } from "../../src/output/paths.js";
import { typescriptTarget } from "../../src/targets/typescript/descriptor.js";

let tmp: string;
beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-paths-")));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function configAt(dir: string, outs: readonly string[]) {
  const text = JSON.stringify({
    targets: outs.map((out) => ({ language: "typescript", out })),
  });
  const result = parseConfig(path.join(dir, "permgen.config.json"), text, [typescriptTarget]);
  if (result.config === undefined) throw new Error("config should parse");
  return result.config;
}

describe("findRepositoryRoot", () => {
  it("is the nearest folder above the config holding .git", () => {
    execFileSync("git", ["init", "--quiet", tmp]);
    const configDir = path.join(tmp, "services", "api");
    fs.mkdirSync(configDir, { recursive: true });
    expect(findRepositoryRoot(configDir)).toBe(tmp);
  });

  it("is the config's folder outside git", () => {
    const configDir = path.join(tmp, "app");
    fs.mkdirSync(configDir);
    expect(findRepositoryRoot(configDir)).toBe(configDir);
  });
});

describe("checkOutputPaths", () => {
  it("reports a target path outside the repository at its `out` in the config", () => {
    execFileSync("git", ["init", "--quiet", tmp]);
    const configDir = path.join(tmp, "app");
    fs.mkdirSync(configDir);
    const config = configAt(configDir, ["../shared/p.ts", "../../etc/x.ts", "gen/p.ts"]);
    const lines = checkOutputPaths(config, findRepositoryRoot(configDir)).map((d) =>
      formatDiagnostic(d, tmp),
    );
    expect(lines).toEqual([
      `app/permgen.config.json:1:93: error PG0601: targets[1].out: "../../etc/x.ts" is outside the repository; target paths must stay inside the git root above the config (or the config's folder outside git)`,
    ]);
  });

  it("keeps targets inside the config's folder when there is no git repository", () => {
    const config = configAt(tmp, ["gen/p.ts", "../p.ts"]);
    expect(checkOutputPaths(config, findRepositoryRoot(tmp)).map((d) => d.message)).toEqual([
      `targets[1].out: "../p.ts" is outside the repository; target paths must stay inside the git root above the config (or the config's folder outside git)`,
    ]);
  });

  it("follows symbolic links: a folder linking out of the repository is outside", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-outside-"));
    try {
      fs.symlinkSync(outside, path.join(tmp, "link"));
      expect(isInsideRoot(tmp, path.join(tmp, "link", "p.ts"))).toBe(false);
      expect(isInsideRoot(tmp, path.join(tmp, "real", "p.ts"))).toBe(true);
      expect(isInsideRoot(tmp, path.join(tmp, "..", path.basename(tmp) + "-sibling", "p.ts"))).toBe(false);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
