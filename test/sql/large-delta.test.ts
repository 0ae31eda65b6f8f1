/**
 * Every runner format renders a migration of a large vocabulary: the files are built in line
 * buffers, with no call that spreads a line per statement into its arguments (Alembic's
 * `lines.push(...body)` overflowed the stack from about 50,000 pairs before).
 */
import { describe, expect, it } from "vitest";
import { EMPTY_DELTA } from "../../src/targets/sql/migration-delta.js";
import type { PermissionRow } from "../../src/targets/sql/migration-delta.js";
import { renderFormatFiles } from "../../src/targets/sql/render-format.js";
import type { StatementGroup } from "../../src/targets/sql/render-sql.js";
import { SQL_FORMATS } from "../../src/targets/sql/sql-options.js";

const COUNT = 200_000;
const rows: PermissionRow[] = Array.from({ length: COUNT }, (_, id) => ({
  id,
  key: `r${id}.a`,
  resource: `r${id}`,
  action: "a",
  description: null,
}));
const groups: StatementGroup[] = rows.map((p) => ({
  comment: `add permission ${p.key} (id ${p.id})`,
  statement: [`INSERT INTO "p" (id) VALUES (${p.id});`],
}));

describe("a migration of 200,000 statements", () => {
  for (const format of SQL_FORMATS) {
    if (format === "plain") continue;
    it(`renders in the ${format} format`, () => {
      const files = renderFormatFiles({
        format,
        dialect: "postgres",
        number: 1,
        slug: "create_permission_tables",
        transaction: false,
        up: groups,
        down: groups,
        delta: { ...EMPTY_DELTA, addPermissions: rows },
      });
      const [up] = files;
      expect(up?.body).toContain(`(id ${COUNT - 1})`);
      expect(up?.body.endsWith("\n")).toBe(true);
    });
  }
});
