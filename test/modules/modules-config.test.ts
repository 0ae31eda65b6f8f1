/**
 * The config's `modules` (issue 12) through the loader and the light path reader the verdict
 * cache uses: both give the same schema sources, in config order, and the default schema
 * applies only when neither `schema` nor `modules` is there.
 */
import { describe, expect, it } from "vitest";
import { readConfigPaths } from "../../src/config/config-paths.js";
import { parseConfig } from "../../src/config/load-config.js";

const FILE = "/repo/permgen.config.json";
const TARGETS = '"targets": [{ "language": "json", "out": "out/permissions.json" }]';

function sourcesOf(text: string): unknown {
  const parsed = parseConfig(FILE, text);
  if (parsed.config === undefined) throw new Error(JSON.stringify(parsed.diagnostics));
  const light = readConfigPaths(FILE, text);
  // The cache's reader must agree with the loader on every file a run reads.
  expect(light?.sources.map((s) => [s.file, s.module])).toEqual(
    parsed.config.sources.map((s) => [s.file, s.module]),
  );
  return parsed.config.sources.map((s) => [s.path, s.module, s.renamedFrom]);
}

describe("config modules", () => {
  it("lists the root schema first, then the modules in config order", () => {
    const text = `{ "schema": "schema/roles.ts",
      "modules": { "zeta": "m/z.ts", "alpha": { "schema": "node_modules/@acme/a/p.ts", "renamedFrom": "beta" } },
      ${TARGETS} }`;
    expect(sourcesOf(text)).toEqual([
      ["schema/roles.ts", undefined, undefined],
      ["m/z.ts", "zeta", undefined],
      ["node_modules/@acme/a/p.ts", "alpha", "beta"],
    ]);
  });

  it("has no root schema when only modules are given, and the default one when neither is", () => {
    expect(sourcesOf(`{ "modules": { "a": "a.ts" }, ${TARGETS} }`)).toEqual([["a.ts", "a", undefined]]);
    expect(sourcesOf(`{ ${TARGETS} }`)).toEqual([["schema/permissions.ts", undefined, undefined]]);
  });

  it("rejects an unknown key in a module entry at its place", () => {
    const parsed = parseConfig(FILE, `{ "modules": { "a": { "schema": "a.ts", "renamed": "b" } }, ${TARGETS} }`);
    expect(parsed.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ["PG0503", 1, 41, 'modules.a.renamed: unknown key "renamed"'],
    ]);
  });
});
