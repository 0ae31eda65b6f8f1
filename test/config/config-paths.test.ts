/**
 * The light config reader (src/config/config-paths.ts) that the verdict cache reads a config
 * through: it must name exactly the files the full loader resolves, or the cache would key on
 * a schema the run never read.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { readConfigFiles, readConfigPaths } from "../../src/config/config-paths.js";
import type { ConfigPaths } from "../../src/config/config-paths.js";
import { parseConfig } from "../../src/config/load-config.js";

const DIR = path.resolve("/repo/app");
const FILE = path.join(DIR, "permgen.config.json");

describe("readConfigPaths", () => {
  it.each([
    ['{ "targets": [{ "language": "typescript", "out": "src/p.ts" }] }'],
    ['{ "schema": "./perm/../perm/schema.ts", "targets": [{ "language": "go", "out": "go/p.go", "package": "p" }] }'],
    ['{\n  "schema": "../shared/permissions.ts",\n  "targets": [\n    { "language": "sql", "dialect": "sqlite", "out": "db" },\n    { "language": "json", "out": "p.json" }\n  ]\n}\n'],
  ])("names the files the loader resolves for %j", (text) => {
    const loaded = parseConfig(FILE, text).config;
    expect(loaded).toBeDefined();
    expect(readConfigPaths(FILE, text)).toEqual({
      configDir: loaded?.configDir,
      sources: loaded?.sources,
      outs: loaded?.targets.map((t) => t.options.out),
      lockPath: loaded?.lockPath,
    });
  });

  it("reads the default schema path from the same constant as the loader", () => {
    const text = '{ "targets": [{ "language": "typescript", "out": "p.ts" }] }';
    expect(readConfigPaths(FILE, text)?.sources).toEqual([
      { file: path.join(DIR, "schema", "permissions.ts"), path: "schema/permissions.ts", module: undefined, position: undefined },
    ]);
  });

  it.each([
    ["not JSON", "{ targets: [] }"],
    ["a trailing comma, which the loader refuses too", '{ "targets": [{ "out": "p.ts" }], }'],
    ["a schema that is not a string", '{ "schema": 1, "targets": [{ "out": "p.ts" }] }'],
    ["no targets array", '{ "targets": {} }'],
    ["a target without a string out", '{ "targets": [{ "out": 2 }] }'],
  ])("reads nothing from %s", (_, text) => {
    expect(readConfigPaths(FILE, text)).toBeUndefined();
  });
});

/** What the cache uses of a reading: every file, without the positions. */
function filesOf(paths: ConfigPaths | undefined): unknown {
  if (paths === undefined) return undefined;
  return {
    ...paths,
    sources: paths.sources.map((s) => ({ file: s.file, path: s.path, module: s.module, renamedFrom: s.renamedFrom })),
  };
}

describe("readConfigFiles (JSON.parse, what the verdict cache reads)", () => {
  const pathText = fc.constantFrom("p.ts", "./a/../b/c.ts", "../up.ts", "x y/ü.ts", "/abs/s.ts", "", "a\\b.ts");
  const moduleValue = fc.oneof(
    pathText,
    fc.record({ schema: pathText, renamedFrom: fc.option(fc.constantFrom("old", "b"), { nil: undefined }) }, { requiredKeys: ["schema"] }),
    fc.constantFrom(1, null, [], { renamedFrom: "x" }, { schema: 2 }, { schema: "s.ts", renamedFrom: 3 }),
  );
  const config = fc.record(
    {
      $schema: fc.constant("./permgen.config.schema.json"),
      schema: fc.oneof(pathText, fc.constantFrom(1, null)),
      modules: fc.oneof(fc.dictionary(fc.constantFrom("a", "b", "billing", "z_9", "__proto__"), moduleValue, { maxKeys: 4 }), fc.constantFrom([], "m", null)),
      targets: fc.oneof(
        fc.array(fc.oneof(fc.record({ language: fc.constant("json"), out: pathText }), fc.constantFrom({ out: 1 }, {}, null)), { maxLength: 3 }),
        fc.constantFrom({}, "t"),
      ),
    },
    { requiredKeys: [] },
  );

  it("names the same files as readConfigPaths on every strict JSON config", () => {
    fc.assert(
      fc.property(config, fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(filesOf(readConfigFiles(FILE, text))).toEqual(filesOf(readConfigPaths(FILE, text)));
      }),
      { numRuns: 500 },
    );
  });

  it("reads nothing from a text JSON.parse refuses", () => {
    expect(readConfigFiles(FILE, "{ targets: [] }")).toBeUndefined();
    expect(readConfigFiles(FILE, '{ "targets": [{ "out": "p.ts" }], }')).toBeUndefined();
  });
});

describe("the verdict cache's key", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-config-paths-")));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("covers the configured schema file, not the default path", async () => {
    // The built module: the key includes dist/build-id.txt, which only a build writes.
    const built = new URL("../../dist/output/cache.js", import.meta.url).href;
    const { computeCacheKey } = (await import(built)) as typeof import("../../src/output/cache.js");
    const config = path.join(dir, "permgen.config.json");
    fs.writeFileSync(config, '{ "schema": "perm/s.ts", "targets": [{ "language": "json", "out": "p.json" }] }');
    fs.mkdirSync(path.join(dir, "perm"));
    fs.mkdirSync(path.join(dir, "schema"));
    fs.writeFileSync(path.join(dir, "perm", "s.ts"), "// one\n");
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), "// default\n");
    const before = computeCacheKey(config);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), "// default, edited\n");
    expect(computeCacheKey(config)).toBe(before);
    fs.writeFileSync(path.join(dir, "perm", "s.ts"), "// two\n");
    expect(computeCacheKey(config)).not.toBe(before);
    fs.rmSync(path.join(dir, "perm", "s.ts"));
    expect(computeCacheKey(config)).toBeUndefined();
  });
});
