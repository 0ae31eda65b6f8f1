/**
 * The SQL target's cheap half: its config options (dialect, output folder, table names,
 * transaction) and its name checks. The emitter (`emit-sql.ts`) is loaded only when files are generated.
 * The options' types and table-name defaults live in sql-options.ts, which the emitter shares:
 * the emitter never imports this file (and with it zod).
 */
import { z } from "zod";
import { buildModulesOption } from "../modules-option.js";
import { refinePathText } from "../../config/path-text.js";
import type { Emitter, TargetDescriptor } from "../target.js";
import {
  DEFAULT_COLUMN_NAMES,
  DEFAULT_TABLE_NAMES,
  SQL_FORMATS,
  TABLE_NAME_FIELDS,
  resolveTableNames,
} from "./sql-options.js";
import type { SqlOptions, SqlTableOption } from "./sql-options.js";

/** Lower-case SQL identifiers that Postgres keeps whole (63 bytes) and needs no quoting rules for. */
const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

const identifier = (what: string): z.ZodString =>
  z
    .string()
    .regex(SQL_IDENTIFIER, {
      message:
        "must be a lower-case SQL identifier: a-z, 0-9 and _, not starting with a digit, at most 63 characters",
    })
    .describe(what);

/**
 * A `tables` entry: the table's name, or `{ "name": …, "columns": { … } }` naming (some of) its
 * columns, for a table that exists already under other column names (see `adopt`).
 */
function buildTableSchema<K extends keyof typeof DEFAULT_COLUMN_NAMES>(
  field: K,
  what: string,
): z.ZodType<SqlTableOption<K>, unknown> {
  const fallback = DEFAULT_TABLE_NAMES[field];
  const columns = Object.fromEntries(
    Object.entries(DEFAULT_COLUMN_NAMES[field]).map(([column, name]) => [
      column,
      identifier(`The column holding ${column}. Default: "${name}".`).optional(),
    ]),
  );
  const name = identifier(`Name of the ${what} table. Default: "${fallback}".`);
  return z
    .union([
      name,
      z.strictObject({
        name,
        columns: z.strictObject(columns).optional().describe("Column names; each missing one keeps its default."),
      }),
    ])
    .default(fallback)
    .describe(
      `The ${what} table: its name, or { "name": …, "columns": { ${Object.keys(DEFAULT_COLUMN_NAMES[field]).map((c) => `"${c}": …`).join(", ")} } }. Default: "${fallback}".`,
    ) as unknown as z.ZodType<SqlTableOption<K>, unknown>;
}

const tableName = (entry: SqlTableOption<keyof typeof DEFAULT_COLUMN_NAMES>): string =>
  typeof entry === "string" ? entry : entry.name;

const tablesSchema = z
  .strictObject({
    permission: buildTableSchema(
      "permission",
      "permission (id = lock id, key, resource, action, description)",
    ),
    role: buildTableSchema("role", "role (name, description)"),
    rolePermission: buildTableSchema(
      "rolePermission",
      "role-permission link (role, permission_id)",
    ),
    // permgen's own table, never adopted: its name only. Its columns stay `key` and `value`,
    // which the code targets' start-up check (src/targets/digest-query.ts) reads.
    meta: identifier(
      `Name of the metadata table (key, value; the row 'schema_digest' holds the schema digest). Its columns cannot be renamed: the start-up checks read them. Default: "${DEFAULT_TABLE_NAMES.meta}".`,
    ).default(DEFAULT_TABLE_NAMES.meta),
  })
  .refine(
    (t) => new Set(TABLE_NAME_FIELDS.map((f) => tableName(t[f]))).size === TABLE_NAME_FIELDS.length,
    { message: "the four table names must differ" },
  )
  .default({ ...DEFAULT_TABLE_NAMES })
  .describe(
    'Names (and optionally column names) of the tables the migrations create or adopt. Default: { "permission": "permgen_permission", "role": "permgen_role", "rolePermission": "permgen_role_permission", "meta": "permgen_meta" }. Cannot change once migrations exist.',
  );

const sqlOptionsSchema = z
  .strictObject({
    language: z
      .literal("sql")
      .describe("Selects the SQL target: a folder of plain-SQL migrations plus their manifest."),
    out: refinePathText(z.string().min(1))
      .refine((out) => !/\.sql$/i.test(out), { message: "must name a folder, not a .sql file" })
      .describe(
        "The migrations FOLDER, relative to this config file (for example `db/permissions`). It holds `NNNN_<change>.sql` files, applied in file-name order, and `permgen-migrations.json`, the history permgen renders them from. Required.",
      ),
    dialect: z
      .enum(["postgres", "sqlite"])
      .describe(
        'The SQL dialect: "postgres" or "sqlite". Required. Cannot change once migrations exist.',
      ),
    format: z
      .enum(SQL_FORMATS)
      .default("plain")
      .describe(
        'The migration runner the files are written for, with its file names, up/down markers and transaction conventions: "plain" (one NNNN_<change>.sql per migration, up only), "golang-migrate", "goose", "dbmate", "flyway", "sqlx" or "alembic" (Python revision files). Default: "plain". Cannot change once migrations exist.',
      ),
    tables: tablesSchema,
    modules: buildModulesOption(),
    adopt: z
      .boolean()
      .default(false)
      .describe(
        "Whether the first migration adopts tables and rows that already exist instead of creating them: CREATE TABLE IF NOT EXISTS, every permission and role upserted by id and name, and the migration fails with a clear SQL error when an existing row's id disagrees with permgen.lock.json (seed the lock with `permgen lock --import` first). Read only when the first migration is written. Default: false.",
      ),
    transaction: z
      .boolean()
      .default(true)
      .describe(
        'Whether each migration runs in a transaction. "plain" and "golang-migrate" write BEGIN/COMMIT into the file (set false for a tool that adds its own); the other formats leave the transaction to the runner and, when false, write its opt-out (goose NO TRANSACTION, dbmate transaction:false, a Flyway script config, Alembic autocommit_block). Default: true. Migrations already written keep the value they were written with.',
      ),
  })
  .superRefine((options, context) => {
    // sqlx reads `-- no-transaction` only as the file's first line, which is permgen's header.
    if (options.format === "sqlx" && !options.transaction) {
      context.addIssue({
        code: "custom",
        path: ["transaction"],
        message:
          'format "sqlx" cannot write a migration without a transaction: sqlx reads "-- no-transaction" only on a file\'s first line, which holds permgen\'s header; leave "transaction" true (sqlx then runs each file in its own transaction)',
      });
    }
  })
  .describe(
    "SQL: delta migrations that keep permission, role and role-permission tables equal to the schema, ids from permgen.lock.json, and the schema digest in a metadata table.",
  );

/**
 * The SQL target: `{ "language": "sql", "dialect": "postgres", "out": "db/permissions" }`.
 * Keys and role names are data here, never identifiers, so it has no name table or checks.
 */
export const sqlTarget: TargetDescriptor<SqlOptions> = {
  language: "sql",
  options: sqlOptionsSchema,
  outIsFolder: true,
  digestTable: (options) => resolveTableNames(options).meta,
  loadEmitter: async (): Promise<Emitter<SqlOptions>> => (await import("./emit-sql.js")).emitSql,
};
