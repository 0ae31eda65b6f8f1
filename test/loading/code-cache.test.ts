/**
 * The V8 code cache for ts-morph's bundles (src/loading/code-cache.ts): it may only skip
 * compiling, never change what runs. Exercised on a small CommonJS bundle in a temp folder
 * shaped like an installation (`<dir>/node_modules/pkg/index.js`).
 */
import fs from "node:fs";
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findCodeCacheDir, flushCodeCache, preloadWithCodeCache } from "../../src/loading/code-cache.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const loadedModules = (Module as unknown as { _cache: Record<string, Module | undefined> })._cache;

function makeBundle(source: string): { file: string; cacheDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-code-cache-"));
  dirs.push(dir);
  const file = path.join(dir, "node_modules", "pkg", "index.js");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
  const cacheDir = findCodeCacheDir(file, {});
  if (cacheDir === undefined) throw new Error("no cache folder");
  return { file, cacheDir };
}

/** Loads the bundle afresh (as a new process would) and returns its status and exports. */
function load(file: string, cacheDir: string): { status: string | undefined; exports: unknown } {
  delete loadedModules[file];
  const [result] = preloadWithCodeCache([file], cacheDir);
  flushCodeCache();
  return { status: result?.status, exports: loadedModules[file]?.exports };
}

const SOURCE = `"use strict";
const path = require("node:path");
function answer() { return "one"; }
module.exports = { answer: answer(), sep: path.sep, file: __filename };
`;

describe("the code cache", () => {
  it("compiles from source once, then from the cache, with the same result", () => {
    const { file, cacheDir } = makeBundle(SOURCE);
    const first = load(file, cacheDir);
    expect(first).toEqual({ status: "miss", exports: { answer: "one", sep: path.sep, file } });
    expect(fs.readdirSync(cacheDir).filter((n) => n.endsWith(".bin"))).toHaveLength(1);
    expect(load(file, cacheDir)).toEqual({ status: "hit", exports: first.exports });
  });

  it("ignores a corrupted or truncated entry and writes a good one", () => {
    const { file, cacheDir } = makeBundle(SOURCE);
    load(file, cacheDir);
    const [name] = fs.readdirSync(cacheDir).filter((n) => n.endsWith(".bin"));
    const entry = path.join(cacheDir, name ?? "");
    const bytes = fs.readFileSync(entry);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    fs.writeFileSync(entry, bytes);
    expect(load(file, cacheDir)).toMatchObject({ status: "corrupt", exports: { answer: "one" } });
    expect(load(file, cacheDir).status).toBe("hit");
    fs.writeFileSync(entry, bytes.subarray(0, 10));
    expect(load(file, cacheDir)).toMatchObject({ status: "corrupt", exports: { answer: "one" } });
  });

  it("never runs the code of a bundle's former text, even one of the same length", () => {
    const { file, cacheDir } = makeBundle(SOURCE);
    load(file, cacheDir);
    const patched = SOURCE.replace('"one"', '"two"');
    expect(patched.length).toBe(SOURCE.length);
    fs.writeFileSync(file, patched);
    expect(load(file, cacheDir)).toMatchObject({ status: "miss", exports: { answer: "two" } });
    expect(load(file, cacheDir)).toMatchObject({ status: "hit", exports: { answer: "two" } });
  });

  it("keeps one entry per bundle: a new text's entry replaces its former ones, with their stamps", async () => {
    const { file, cacheDir } = makeBundle(SOURCE);
    const other = path.join(path.dirname(file), "other.js");
    fs.writeFileSync(other, SOURCE.replace('"one"', '"other"'));
    const entries = () => fs.readdirSync(cacheDir).filter((n) => n.endsWith(".bin")).sort();
    const stampsFile = path.join(cacheDir, "stamps.json");
    const stampedPaths = () =>
      (JSON.parse(fs.readFileSync(stampsFile, "utf8")) as { stamps: { path: string }[] }).stamps.map((s) => s.path);
    expect(load(file, cacheDir).status).toBe("miss");
    expect(load(other, cacheDir).status).toBe("miss");
    const [first, second] = entries();
    expect(entries()).toHaveLength(2);
    // An entry in the unslotted name earlier permgen versions wrote: nothing reads it now.
    const legacy = path.join(cacheDir, `${"a".repeat(64)}.bin`);
    fs.writeFileSync(legacy, "old");
    // Both entries hashed once and stamped (settled), so that their stamps must go with them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(load(file, cacheDir).status).toBe("hit");
    expect(load(other, cacheDir).status).toBe("hit");
    const firstEntry = path.join(cacheDir, first ?? "");
    const secondEntry = path.join(cacheDir, second ?? "");
    expect(stampedPaths()).toEqual(expect.arrayContaining([firstEntry, secondEntry]));
    for (let round = 0; round < 3; round++) {
      fs.writeFileSync(file, SOURCE.replace('"one"', `"v${round}"`));
      expect(load(file, cacheDir)).toMatchObject({ status: "miss", exports: { answer: `v${round}` } });
    }
    expect(load(file, cacheDir)).toMatchObject({ status: "hit", exports: { answer: "v2" } });
    // The other bundle's entry stays; the first bundle has one entry (its latest text's).
    expect(entries()).toHaveLength(2);
    expect(fs.existsSync(legacy)).toBe(false);
    expect(load(other, cacheDir)).toMatchObject({ status: "hit", exports: { answer: "other" } });
    const gone = [firstEntry, secondEntry].filter((e) => !fs.existsSync(e));
    expect(gone).toHaveLength(1);
    for (const entry of gone) expect(stampedPaths()).not.toContain(entry);
  });

  it("keeps one slot per Node version: alternating between two evicts neither", () => {
    const { file, cacheDir } = makeBundle(SOURCE);
    const entries = () => fs.readdirSync(cacheDir).filter((n) => n.endsWith(".bin")).sort();
    const real = Object.getOwnPropertyDescriptor(process, "version") as PropertyDescriptor;
    const asNode = <T>(version: string, run: () => T): T => {
      Object.defineProperty(process, "version", { ...real, value: version });
      try {
        return run();
      } finally {
        Object.defineProperty(process, "version", real);
      }
    };
    expect(load(file, cacheDir).status).toBe("miss");
    // Another Node's entry could not be used here (V8 would refuse it), so it is written apart…
    expect(asNode("v99.0.0", () => load(file, cacheDir).status)).toBe("miss");
    expect(entries()).toHaveLength(2);
    // …and neither run removed the other's: each version finds its own again.
    expect(load(file, cacheDir).status).toBe("hit");
    expect(asNode("v99.0.0", () => load(file, cacheDir).status)).toBe("hit");
    expect(entries()).toHaveLength(2);
  });

  it("takes a settled file's hash from its stamp, and hashes it again once it changes", async () => {
    const { file, cacheDir } = makeBundle(SOURCE);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const stampsFile = path.join(cacheDir, "stamps.json");
    const readStamps = () =>
      (JSON.parse(fs.readFileSync(stampsFile, "utf8")) as { stamps: { path: string; sha256: string }[] }).stamps;
    await settle();
    expect(load(file, cacheDir).status).toBe("miss");
    expect(readStamps().map((s) => s.path)).toEqual([file]);
    await settle();
    // The entry written at the end of the first run is hashed once more, then stamped too.
    expect(load(file, cacheDir).status).toBe("hit");
    const [entryName] = fs.readdirSync(cacheDir).filter((n) => n.endsWith(".bin"));
    const entry = path.join(cacheDir, entryName ?? "");
    expect(readStamps().map((s) => s.path).sort()).toEqual([file, entry].sort());
    expect(load(file, cacheDir).status).toBe("hit");

    // A recorded hash is used as long as the stat matches: a wrong one names another entry…
    const stamps = readStamps();
    const edited = stamps.map((s) => (s.path === file ? { ...s, sha256: "0".repeat(64) } : s));
    fs.writeFileSync(stampsFile, JSON.stringify({ version: 1, stamps: edited }));
    expect(load(file, cacheDir).status).toBe("miss");
    // …and none at all once the file's stat moves (a rewrite of the same length, then a touch).
    const patched = SOURCE.replace('"one"', '"two"');
    fs.writeFileSync(file, patched);
    expect(load(file, cacheDir)).toMatchObject({ status: "miss", exports: { answer: "two" } });
    expect(load(file, cacheDir)).toMatchObject({ status: "hit", exports: { answer: "two" } });

    // A stamped entry that is overwritten (here: corrupted) is checked against its digest again.
    await settle();
    load(file, cacheDir);
    await settle();
    load(file, cacheDir);
    const current = fs.readdirSync(cacheDir).filter((n) => n.endsWith(".bin")).map((n) => path.join(cacheDir, n));
    const stamped = readStamps().map((s) => s.path).filter((p) => current.includes(p));
    expect(stamped.length).toBeGreaterThan(0);
    for (const stampedEntry of stamped) {
      const bytes = fs.readFileSync(stampedEntry);
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
      fs.writeFileSync(stampedEntry, bytes);
    }
    expect(load(file, cacheDir)).toMatchObject({ status: "corrupt", exports: { answer: "two" } });
  });

  it("lives under the outermost node_modules and is off with PERMGEN_CODE_CACHE=0", () => {
    const file = path.join("/repo", "node_modules", "a", "node_modules", "b", "index.js");
    expect(findCodeCacheDir(file, {})).toBe(path.join("/repo", "node_modules", ".cache", "permgen", "code"));
    expect(findCodeCacheDir(file, { PERMGEN_CODE_CACHE: "0" })).toBeUndefined();
    expect(findCodeCacheDir(path.join("/repo", "lib", "index.js"), {})).toBeUndefined();
  });
});

describe("the pipeline bundle", () => {
  it("is what the built API loads, through the code cache, with the pipeline's exports", async () => {
    // The built loader (dist/), which finds dist/bundle/pipeline.cjs next to it.
    const built = new URL("../../dist/loading/pipeline.js", import.meta.url).href;
    const { loadPipeline } = (await import(built)) as typeof import("../../src/loading/pipeline.js");
    const pipeline = await loadPipeline();
    const bundle = path.resolve(new URL("../../dist/bundle/pipeline.cjs", import.meta.url).pathname);
    expect(loadedModules[bundle]?.exports).toBe(pipeline);
    expect(Object.keys(pipeline)).toEqual(expect.arrayContaining(["generate", "check", "validate", "plan", "loadConfig"]));
  });
});

describe("ts-morph's compiler alone", () => {
  it("is the very `ts` ts-morph itself uses, however the two are loaded", async () => {
    const { ts } = await import("../../src/loading/typescript.js");
    const morph = await import("../../src/loading/ts-morph.js");
    expect(morph.ts).toBe(ts);
    const project = new morph.Project({ useInMemoryFileSystem: true });
    const file = project.createSourceFile("a.ts", "export enum A { X = 'x' }");
    expect(file.compilerNode.kind).toBe(ts.SyntaxKind.SourceFile);
    expect(ts.createSourceFile("b.ts", "let x = 1;", ts.ScriptTarget.Latest).statements).toHaveLength(1);
  });
});
