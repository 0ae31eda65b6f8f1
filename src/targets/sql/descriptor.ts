/**
 * The SQL target's cheap half: its config options (dialect, output folder, table names,
 * transaction). The emitter (`emit-sql.ts`) is loaded only when files are generated.
 */
import { z } from "zod";
import { refinePathText } from "../../config/path-text.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";

/** The SQL dialects the target writes migrations for. */
export type SqlDialect = "postgres" | "sqlite";

/** The names of the four tables the migrations create and fill. */
export interface SqlTableNames {
  readonly permission: string;
  readonly role: string;
  readonly rolePermission: string;
  /** Key-value metadata; holds the `schema_digest` row. */
  readonly meta: string;
}

/** The table-name fields, in the order they are checked and written. */
export const TABLE_NAME_FIELDS = [
  "permission",
  "role",
  "rolePermission",
  "meta",
] as const satisfies readonly (keyof SqlTableNames)[];

/** The table names used when the config gives none. */
export const DEFAULT_TABLE_NAMES: SqlTableNames = Object.freeze({
  permission: "permgen_permission",
  role: "permgen_role",
  rolePermission: "permgen_role_permission",
  meta: "permgen_meta",
});

/** Options of a `language: "sql"` target, after config paths are resolved. */
export interface SqlOptions extends BaseTargetOptions {
  readonly language: "sql";
  /** Absolute path of the migrations folder. */
  readonly out: string;
  readonly dialect: SqlDialect;
  /** Table names; the config schema fills in the defaults, undefined is read as the defaults. */
  readonly tables?: Partial<SqlTableNames> | undefined;
  /**
   * Whether each new migration wraps its statements in BEGIN/COMMIT; undefined is read as true.
   * Migrations already in the history keep the value they were written with.
   */
  readonly transaction?: boolean | undefined;
}

/** Lower-case SQL identifiers that Postgres keeps whole (63 bytes) and needs no quoting rules for. */
const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function buildTableNameSchema(fallback: string, what: string): z.ZodType<string, unknown> {
  return z
    .string()
    .regex(SQL_IDENTIFIER, {
      message:
        "must be a lower-case SQL identifier: a-z, 0-9 and _, not starting with a digit, at most 63 characters",
    })
    .default(fallback)
    .describe(`Name of the ${what} table. Default: "${fallback}".`);
}

const tablesSchema = z
  .strictObject({
    permission: buildTableNameSchema(
      DEFAULT_TABLE_NAMES.permission,
      "permission (id = lock id, key, resource, action, description)",
    ),
    role: buildTableNameSchema(DEFAULT_TABLE_NAMES.role, "role (name, description)"),
    rolePermission: buildTableNameSchema(
      DEFAULT_TABLE_NAMES.rolePermission,
      "role-permission link (role, permission_id)",
    ),
    meta: buildTableNameSchema(
      DEFAULT_TABLE_NAMES.meta,
      "metadata (key, value; the row 'schema_digest' holds the schema digest)",
    ),
  })
  .refine((t) => new Set(TABLE_NAME_FIELDS.map((f) => t[f])).size === TABLE_NAME_FIELDS.length, {
    message: "the four table names must differ",
  })
  .default({ ...DEFAULT_TABLE_NAMES })
  .describe(
    'Names of the tables the migrations create. Default: { "permission": "permgen_permission", "role": "permgen_role", "rolePermission": "permgen_role_permission", "meta": "permgen_meta" }. Cannot change once migrations exist.',
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
    tables: tablesSchema,
    transaction: z
      .boolean()
      .default(true)
      .describe(
        "Whether each migration wraps its statements in BEGIN/COMMIT. Set false for a migration tool that runs every file in its own transaction (goose, sqlx, …). Default: true. Migrations already written keep the value they were written with.",
      ),
  })
  .describe(
    "SQL: delta migrations that keep permission, role and role-permission tables equal to the schema, ids from permgen.lock.json, and the schema digest in a metadata table.",
  );

/**
 * Returns the table names of a target: the configured ones, each missing one replaced by its
 * default.
 */
export function resolveTableNames(options: SqlOptions): SqlTableNames {
  return {
    permission: options.tables?.permission ?? DEFAULT_TABLE_NAMES.permission,
    role: options.tables?.role ?? DEFAULT_TABLE_NAMES.role,
    rolePermission: options.tables?.rolePermission ?? DEFAULT_TABLE_NAMES.rolePermission,
    meta: options.tables?.meta ?? DEFAULT_TABLE_NAMES.meta,
  };
}

/**
 * The SQL target: `{ "language": "sql", "dialect": "postgres", "out": "db/permissions" }`.
 * Keys and role names are data here, never identifiers, so it has no name table or checks.
 */
export const sqlTarget: TargetDescriptor<SqlOptions> = {
  language: "sql",
  options: sqlOptionsSchema,
  outIsFolder: true,
  loadEmitter: async (): Promise<Emitter<SqlOptions>> => (await import("./emit-sql.js")).emitSql,
};
