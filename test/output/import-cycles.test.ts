/**
 * No value-level import cycle in src/: a cycle makes load order decide whether a module sees
 * its imports initialised (a `const` read before it is set throws), and it is how a cheap
 * module ends up loading a heavy one. The finder is tested on synthetic graphs first, so a
 * finder that never reports anything cannot make the real check pass.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildImportGraph,
  findImportCycles,
  readValueImports,
} from "../helpers/import-graph.js";
import type { ImportGraph } from "../helpers/import-graph.js";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

function graphOf(edges: Record<string, string[]>): ImportGraph {
  return new Map(Object.entries(edges));
}

describe("the import-cycle finder", () => {
  it("reports an injected cycle with its path, starting at its smallest module", () => {
    const graph = graphOf({
      "cli/main.ts": ["pipeline.ts"],
      "pipeline.ts": ["output/write.ts", "config/load-config.ts"],
      "config/load-config.ts": ["targets/index.ts"],
      "targets/index.ts": ["targets/sql/descriptor.ts"],
      "targets/sql/descriptor.ts": ["config/load-config.ts"],
      "output/write.ts": [],
    });
    expect(findImportCycles(graph)).toEqual([
      ["config/load-config.ts", "targets/index.ts", "targets/sql/descriptor.ts", "config/load-config.ts"],
    ]);
  });

  it("reports each separate cycle, a self-import included, and nothing for a tree", () => {
    const graph = graphOf({
      "a.ts": ["b.ts"],
      "b.ts": ["a.ts", "c.ts"],
      "c.ts": ["d.ts"],
      "d.ts": ["e.ts"],
      "e.ts": ["c.ts"],
      "f.ts": ["f.ts"],
      "g.ts": ["a.ts"],
    });
    expect(findImportCycles(graph)).toEqual([
      ["a.ts", "b.ts", "a.ts"],
      ["c.ts", "d.ts", "e.ts", "c.ts"],
      ["f.ts", "f.ts"],
    ]);
    expect(findImportCycles(graphOf({ "a.ts": ["b.ts", "c.ts"], "b.ts": ["c.ts"], "c.ts": [] }))).toEqual([]);
  });

  it("counts value imports and re-exports, not `import type` or `export type`", () => {
    const text = [
      'import type { Lock } from "./lock/lock.js";',
      'import { type Model } from "./model/model.js";',
      'import { parseLock } from "./lock/parse-lock.js";',
      'import "./side-effect.js";',
      'export type { Diagnostic } from "./diagnostics/diagnostic.js";',
      'export { formatDiagnostic } from "./diagnostics/format.js";',
      'export * from "./all.js";',
      'const lazy = () => import("./pipeline.js");',
      "export { lazy };",
    ].join("\n");
    expect(readValueImports("x.ts", text)).toEqual([
      "./model/model.js",
      "./lock/parse-lock.js",
      "./side-effect.js",
      "./diagnostics/format.js",
      "./all.js",
    ]);
  });
});

/** Every module `entry` loads, itself included, following value-level imports. */
function collectLoaded(graph: ImportGraph, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const to of graph.get(file) ?? []) visit(to);
  };
  visit(entry);
  return seen;
}

describe("src/", () => {
  it("has no value-level import cycle", () => {
    const graph = buildImportGraph(SRC);
    // The graph must be the real one: a reader that found no files or no imports would pass.
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get("pipeline.ts")).toContain("config/load-config.ts");
    const cycles = findImportCycles(graph).map((cycle) => cycle.join(" -> "));
    expect(cycles).toEqual([]);
  });
});

describe("stage boundaries", () => {
  const graph = buildImportGraph(SRC);

  it("the output stage loads neither the config loader (zod, the registry) nor the target contract", () => {
    const forbidden = ["config/load-config.ts", "config/config-schema.ts", "targets/index.ts", "targets/target.ts"];
    const outputs = [...graph.keys()].filter((f) => f.startsWith("output/"));
    expect(outputs.length).toBeGreaterThan(10);
    const found = outputs.flatMap((file) =>
      [...collectLoaded(graph, file)].filter((f) => forbidden.includes(f)).map((f) => `${file} loads ${f}`),
    );
    expect(found).toEqual([]);
  });

  it("no emitter loads a target's descriptor: the cheap half is never the emitter's library", () => {
    const emitters = [...graph.keys()].filter((f) => /^targets\/[^/]+\/emit-[^/]+\.ts$/.test(f));
    expect(emitters.length).toBeGreaterThanOrEqual(7);
    const found = emitters.flatMap((file) =>
      [...collectLoaded(graph, file)].filter((f) => f.endsWith("/descriptor.ts")).map((f) => `${file} loads ${f}`),
    );
    expect(found).toEqual([]);
  });
});
