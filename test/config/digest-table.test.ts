/**
 * The metadata table the code targets' start-up check reads: the SQL target's `tables.meta`,
 * `permgen_meta` without a SQL target, and a config error (PG0620) only when SQL targets
 * disagree and a code target must pick one.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";

const FILE = "/repo/permgen.config.json";

function parse(targets: readonly object[]): ReturnType<typeof parseConfig> {
  return parseConfig(FILE, JSON.stringify({ schema: "schema/permissions.ts", targets }, null, 2));
}

const python = { language: "python", out: "gen/permissions.py" };
const sql = (out: string, meta?: string): object => ({
  language: "sql",
  dialect: "sqlite",
  out,
  ...(meta === undefined ? {} : { tables: { meta } }),
});

describe("the digest table", () => {
  it("is permgen_meta when no SQL target names one", () => {
    expect(parse([python]).config?.digestTable).toBe("permgen_meta");
    expect(parse([python, sql("db/a")]).config?.digestTable).toBe("permgen_meta");
  });

  it("follows the SQL target's tables.meta, wherever the SQL target is listed", () => {
    expect(parse([sql("db/a", "app_meta"), python]).config?.digestTable).toBe("app_meta");
    expect(parse([python, sql("db/a", "app_meta"), sql("db/b", "app_meta")]).config?.digestTable).toBe(
      "app_meta",
    );
  });

  it("may differ between SQL targets when no code target reads it", () => {
    const result = parse([sql("db/a", "app_meta"), sql("db/b"), { language: "json", out: "gen/p.json" }]);
    expect(result.diagnostics).toEqual([]);
  });

  it("is PG0620, at the second table's name, when SQL targets disagree and a code target reads it", () => {
    const result = parse([sql("db/a"), sql("db/b", "app_meta"), { language: "go", out: "gen/p/p.go" }]);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.line, d.message.split(":")[0]])).toEqual([
      ["PG0620", 14, "targets[1].tables.meta"],
    ]);
  });
});
