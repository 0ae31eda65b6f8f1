import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

/**
 * Module specifiers a file loads when it is imported: static imports/re-exports that are not
 * type-only, and packages it `require`s through `createRequire` (how ts-morph is loaded:
 * src/loading/ts-morph.ts).
 */
function readRuntimeImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^;]*?\s+from\s+)?"([^"]+)"/gm;
  for (const m of text.matchAll(statement)) {
    if (m[2] !== undefined) continue; // `import type` / `export type`: erased
    if (m[1] === "export" && m[3] === undefined) continue;
    found.push(m[4] ?? "");
  }
  if (/\bcreateRequire\b/.test(text)) {
    // `require("x")` and the one-call form `createRequire(import.meta.url)("x")`.
    // `require.resolve("x")` counts too: a loader resolves a package to load it (typescript.ts).
    // Only packages: a relative path there is a file of the package required (its `./typescript`).
    for (const m of text.matchAll(/(?:\brequire|\bcreateRequire\([^)]*\))(?:\.resolve)?\("([^"]+)"\)/g)) {
      if (!(m[1] ?? "").startsWith(".")) found.push(m[1] ?? "");
    }
  }
  return found;
}

/** Every file and bare package loaded by importing `entry`, following relative imports. */
function collectStaticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of readRuntimeImports(file)) {
      if (spec.startsWith(".")) visit(path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts"));
      else packages.add(spec);
    }
  };
  visit(entry);
  return {
    files: [...files].map((f) => path.relative(SRC, f).split(path.sep).join("/")).sort(),
    packages: [...packages].sort(),
  };
}

describe("importing permgen's API", () => {
  it("loads no heavy module: the API facade imports neither zod, ts-morph, prettier, jsdiff nor the pipeline", () => {
    // The verdict cache answers `check` from this graph alone; everything else is on demand.
    const graph = collectStaticGraph(path.join(SRC, "index.ts"));
    expect(graph.packages.filter((p) => !p.startsWith("node:"))).toEqual([]);
    // unsafe-chars.ts: the character table diagnostics use to print file names safely (no imports).
    // find-config.ts: the config search (node built-ins only).
    // loading/pipeline.ts, code-cache.ts, file-stamps.ts, output/cache-dir.ts: how the pipeline
    // bundle is loaded (node built-ins only; the bundle is required when a command runs it).
    expect(graph.files).toEqual([
      "config/file-names.ts",
      "config/find-config.ts",
      "diagnostics/diagnostic.ts",
      "index.ts",
      "loading/code-cache.ts",
      "loading/file-stamps.ts",
      "loading/pipeline.ts",
      "output/cache-dir.ts",
      "targets/unsafe-chars.ts",
    ]);
  });

  it("keeps the pipeline itself free of ts-morph, prettier and the emitters until a command needs them", () => {
    const graph = collectStaticGraph(path.join(SRC, "pipeline.ts"));
    expect(graph.files).toContain("output/write.ts");
    expect(graph.files).toContain("config/load-config.ts");
    expect(graph.packages.filter((p) => /^(ts-morph|prettier|typescript)(\/|$)/.test(p))).toEqual([]);
    expect(graph.files.filter((f) => /(^|\/)(emit-[^/]*|format|load-model|read-schema)\.ts$/.test(f))).toEqual(
      [],
    );
  });

  it("notices a static import of a heavy module (the check itself works)", () => {
    // format.ts decides from node built-ins alone whether prettier is needed at all.
    expect(readRuntimeImports(path.join(SRC, "output", "format.ts"))).toEqual(["node:fs", "node:path"]);
    expect(
      collectStaticGraph(path.join(SRC, "model", "load-model.ts")).packages.includes("ts-morph"),
    ).toBe(true);
  });
});
