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

/**
 * The column names of the four tables: what an adopted table calls them (`codename` for
 * `key`, `group_name` for `role`, …). Defaults are the names the migrations create.
 */
export interface SqlColumnNames {
  readonly permission: {
    readonly id: string;
    readonly key: string;
    readonly resource: string;
    readonly action: string;
    readonly description: string;
  };
  readonly role: { readonly name: string; readonly description: string };
  readonly rolePermission: { readonly role: string; readonly permissionId: string };
  readonly meta: { readonly key: string; readonly value: string };
}

/** The column names used when the config gives none. */
export const DEFAULT_COLUMN_NAMES: SqlColumnNames = Object.freeze({
  permission: {
    id: "id",
    key: "key",
    resource: "resource",
    action: "action",
    description: "description",
  },
  role: { name: "name", description: "description" },
  rolePermission: { role: "role", permissionId: "permission_id" },
  meta: { key: "key", value: "value" },
});

/** A `tables` entry: the table's name, or its name and (some of) its column names. */
export type SqlTableOption<K extends keyof SqlColumnNames> =
  | string
  | { readonly name: string; readonly columns?: Partial<SqlColumnNames[K]> | undefined };

/** Options of a `language: "sql"` target, after config paths are resolved. */
export interface SqlOptions extends BaseTargetOptions {
  readonly language: "sql";
  /** Absolute path of the migrations folder. */
  readonly out: string;
  readonly dialect: SqlDialect;
  /** The runner the files are written for; undefined is read as `plain`. */
  readonly format?: SqlFormat | undefined;
  /**
   * Table names (and columns); the config schema fills in the defaults, undefined is read as
   * the defaults.
   */
  readonly tables?:
    | { readonly [K in keyof SqlColumnNames]?: SqlTableOption<K> | undefined }
    | undefined;
  /**
   * Whether the first migration adopts tables and rows that already exist (CREATE TABLE IF NOT
   * EXISTS, upsert by id, refusal on an id that disagrees with the lock); undefined is false.
   */
  readonly adopt?: boolean | undefined;
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
  const name = (field: keyof SqlColumnNames): string => {
    const entry = options.tables?.[field];
    return (typeof entry === "string" ? entry : entry?.name) ?? DEFAULT_TABLE_NAMES[field];
  };
  return {
    permission: name("permission"),
    role: name("role"),
    rolePermission: name("rolePermission"),
    meta: name("meta"),
  };
}

/** Returns the column names of a target: the configured ones, each missing one its default. */
export function resolveColumnNames(options: SqlOptions): SqlColumnNames {
  const columns = <K extends keyof SqlColumnNames>(field: K): SqlColumnNames[K] => {
    const entry: SqlTableOption<K> | undefined = options.tables?.[field];
    const given = typeof entry === "string" || entry === undefined ? {} : (entry.columns ?? {});
    return { ...DEFAULT_COLUMN_NAMES[field], ...given };
  };
  return {
    permission: columns("permission"),
    role: columns("role"),
    rolePermission: columns("rolePermission"),
    meta: columns("meta"),
  };
}

/** Tells whether every column name is its default (a history written before columns existed). */
export function hasDefaultColumns(columns: SqlColumnNames): boolean {
  return JSON.stringify(columns) === JSON.stringify(DEFAULT_COLUMN_NAMES);
}
