/**
 * The SQL manifest is read with JSON.parse and the shape check first (issue 16): the jsonc
 * tree is built only for a manifest with a problem, or when a position is asked for. Both
 * ways must give the same manifest and the same positions.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseManifest, serializeManifest } from "../../src/targets/sql/migration-manifest.js";

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../golden/namespace/expected/sql/permgen-migrations.json");

describe("parseManifest", () => {
  it("reads a manifest permgen wrote, positions included, and round-trips it", () => {
    const text = fs.readFileSync(GOLDEN, "utf8");
    const parsed = parseManifest(text);
    if (parsed.problems !== undefined) throw new Error(JSON.stringify(parsed.problems));
    const lines = text.split("\n");
    const fileLine = lines.findIndex((l) => l.includes('"file":')) + 1;
    expect(parsed.locate(["migrations", 0, "file"])).toEqual({
      line: fileLine,
      column: (lines[fileLine - 1] ?? "").indexOf('"0') + 1,
    });
    const schemaPath = /by permgen from (.*)\. DO NOT EDIT/.exec(text)?.[1] ?? "";
    expect(serializeManifest(parsed.manifest, schemaPath)).toBe(text);
  });

  it("reports what JSON.parse or the shape check rejects with its position, as before", () => {
    const text = fs.readFileSync(GOLDEN, "utf8");
    const trailing = text.replace(/"version": 1,/, '"version": 1,,');
    expect(parseManifest(trailing).problems?.[0]).toMatchObject({ line: 3 });
    const unknown = text.replace(/"version": 1,/, '"version": 1, "extra": true,');
    expect(parseManifest(unknown).problems).toEqual([{ message: "extra: unknown key", line: 3, column: expect.any(Number) }]);
  });
});
