/**
 * The SQL target's options as the emitter reads them: the dialect, the table names and their
 * defaults. Kept apart from descriptor.ts (the zod schema of the same options) so that the
 * emitter and its renderers depend on plain data only, and the descriptor on this module, never
 * the other way round.
 */
import type { BaseTargetOptions } from "../target.js";

/** The SQL dialects the target writes migrations for. */
export type SqlDialect = "postgres" | "sqlite";

/**
 * The migration runners the target writes files for: `plain` is one `.sql` file per migration
 * for any tool (or psql / sqlite3) that applies files in name order; every other one follows its
 * runner's own file names, up/down markers and transaction conventions (see render-format.ts).
 */
export type SqlFormat =
  | "plain"
  | "golang-migrate"
  | "goose"
  | "dbmate"
  | "flyway"
  | "sqlx"
  | "alembic";

/** Every format, in the order the config schema and the README list them. */
export const SQL_FORMATS = [
  "plain",
  "golang-migrate",
  "goose",
  "dbmate",
  "flyway",
  "sqlx",
  "alembic",
] as const satisfies readonly SqlFormat[];

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
  /** The runner the files are written for; undefined is read as `plain`. */
  readonly format?: SqlFormat | undefined;
  /** Table names; the config schema fills in the defaults, undefined is read as the defaults. */
  readonly tables?: Partial<SqlTableNames> | undefined;
  /**
   * Whether each new migration wraps its statements in BEGIN/COMMIT; undefined is read as true.
   * Migrations already in the history keep the value they were written with.
   */
  readonly transaction?: boolean | undefined;
}

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
