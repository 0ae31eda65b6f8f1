/**
 * A database shaped like seed 001's before permgen: its own `permission`, `"group"` and
 * `group_permission` tables, other column names (`codename`, `group_name`), its own ids, a
 * permission and a link the schema does not have; and the config that adopts them. Shared by
 * the adoption tests (engines, and the real Alembic).
 */

/** The app's own tables and rows, shaped like seed 001's (its ids, not permgen's). */
export function buildSeedSql(): string {
  return [
    "CREATE TABLE permission (id INTEGER PRIMARY KEY, codename TEXT NOT NULL UNIQUE, resource TEXT NOT NULL, action TEXT NOT NULL, description TEXT);",
    'CREATE TABLE "group" (name TEXT PRIMARY KEY, description TEXT);',
    'CREATE TABLE group_permission (group_name TEXT NOT NULL REFERENCES "group" (name), permission_id INTEGER NOT NULL REFERENCES permission (id), PRIMARY KEY (group_name, permission_id));',
    "INSERT INTO permission VALUES (10, 'soc.alert.read', 'alert', 'read', 'old text');",
    "INSERT INTO permission VALUES (11, 'soc.alert.acknowledge', 'alert', 'acknowledge', NULL);",
    "INSERT INTO permission VALUES (12, 'soc.alert.close', 'alert', 'close', NULL);",
    "INSERT INTO permission VALUES (13, 'soc.report.read', 'report', 'read', NULL);",
    // The app's own permission, which the schema does not name: kept as it is.
    "INSERT INTO permission VALUES (40, 'soc.legacy.export', 'legacy', 'export', NULL);",
    `INSERT INTO "group" VALUES ('rt_lead', NULL), ('soc_analyst', NULL), ('auditor', NULL);`,
    "INSERT INTO group_permission VALUES ('rt_lead', 10), ('rt_lead', 11), ('rt_lead', 12), ('rt_lead', 13);",
    "INSERT INTO group_permission VALUES ('soc_analyst', 10), ('soc_analyst', 11), ('auditor', 13);",
    // A link the schema does not grant: revoked by the adoption (nothing stays granted silently).
    "INSERT INTO group_permission VALUES ('auditor', 12);",
  ].join("\n");
}

/** A config adopting those tables with `format` and `dialect`. */
export const CONFIG = (dialect: string, format: string): string =>
  `${JSON.stringify(
    {
      schema: "schema/permissions.ts",
      targets: [
        {
          language: "sql",
          dialect,
          format,
          out: "db/permissions",
          adopt: true,
          tables: {
            permission: { name: "permission", columns: { key: "codename" } },
            role: "group",
            rolePermission: { name: "group_permission", columns: { role: "group_name" } },
          },
        },
      ],
    },
    null,
    2,
  )}\n`;

