/**
 * Renders one migration as plain SQL for Postgres or SQLite.
 *
 * Layout: the permgen header, a line saying which migration this is, (SQLite) the foreign-key
 * pragma, then one transaction (`BEGIN;` … `COMMIT;`, left out when the migration was written
 * with `transaction: false`, for tools that wrap each file in their own). Inside it every
 * statement is its own line group, after a comment naming what it changes
 * (`-- add permission soc.user.manage (id 13)`), in the order of `DELTA_FIELDS`: links are
 * revoked before the roles and permissions they reference are deleted, and rows are inserted
 * before the links that reference them; the `schema_digest` row of the metadata table is
 * written last. The first migration also creates the tables.
 *
 * Keys compare exactly: `COLLATE "C"` on Postgres text keys (byte order, no locale folding),
 * `COLLATE BINARY` on SQLite's. Foreign keys are `ON DELETE RESTRICT`: a migration deletes links
 * explicitly, so a row can never disappear while something still references it.
 *
 * SQLite checks foreign keys only on connections that turn them on, and `PRAGMA foreign_keys`
 * is a no-op inside a transaction; each SQLite migration therefore sets it before its `BEGIN`,
 * for the connection applying it (harmless when a tool runs the file inside its own transaction).
 */

/** The metadata table's key of the row holding the schema digest. */
export const SCHEMA_DIGEST_KEY = "schema_digest";
import { formatHeaderText } from "../../output/header.js";
import { escapeUnsafeChars, isUnsafeCodePoint } from "../unsafe-chars.js";
import type { SqlDialect, SqlTableNames } from "./sql-options.js";
import type { LinkRow, MigrationDelta } from "./migration-delta.js";

/** Everything a migration's text depends on. */
export interface MigrationInput {
  readonly schemaPath: string;
  readonly dialect: SqlDialect;
  readonly tables: SqlTableNames;
  /** 1-based position in the history; migration 1 creates the tables. */
  readonly number: number;
  /** Whether the statements are wrapped in BEGIN/COMMIT. */
  readonly transaction: boolean;
  readonly delta: MigrationDelta;
}

/**
 * Renders a migration's full text: the header line, then `renderMigrationBody`. LF line
 * endings, ending with a newline.
 */
export function renderMigration(input: MigrationInput): string {
  return `${renderSqlLineComment(formatHeaderText(input.schemaPath))}\n${renderMigrationBody(input)}`;
}

/**
 * Renders everything after the header line: what the manifest's checksum covers, so moving the
 * schema file (which changes the header) does not invalidate the history.
 */
export function renderMigrationBody(input: MigrationInput): string {
  const { dialect } = input;
  const number = String(input.number).padStart(4, "0");
  const groups = renderStatementGroups({
    dialect,
    tables: input.tables,
    createTables: input.number === 1,
    delta: input.delta,
    newlines: "raw",
  }).map((group) => [renderSqlLineComment(group.comment), ...group.statement]);

  const lines = [
    `-- Migration ${number} (${dialect}). Apply the migrations of this folder once each, in file-name order.`,
    "",
  ];
  if (dialect === "sqlite") {
    lines.push(
      "-- SQLite enforces foreign keys only where a connection turns them on (a no-op inside a transaction).",
      "PRAGMA foreign_keys = ON;",
      "",
    );
  }
  if (input.transaction) {
    lines.push("BEGIN;", "");
    for (const group of groups) lines.push(...group, "");
    lines.push("COMMIT;");
  } else {
    lines.push(
      "-- No BEGIN/COMMIT (transaction: false): the tool applying this file runs it in a transaction.",
      "",
    );
    for (const group of groups) lines.push(...group, "");
    lines.pop();
  }
  return `${lines.join("\n")}\n`;
}

/** What the statements of a migration depend on (the wrapping is the format's business). */
export interface StatementInput {
  readonly dialect: SqlDialect;
  readonly tables: SqlTableNames;
  /** Whether the statements start by creating the four tables (the first migration). */
  readonly createTables: boolean;
  readonly delta: MigrationDelta;
  /**
   * How an LF inside a string literal is written: `raw` (plain files, byte-compatible with
   * every history written so far) or `call` (`chr(10)` / `char(10)`), for runners that split
   * files by lines (goose, dbmate), where a value's line could otherwise read as a marker.
   */
  readonly newlines: "raw" | "call";
}

/** One statement and the comment that names what it changes (text, not yet a comment line). */
export interface StatementGroup {
  readonly comment: string;
  readonly statement: readonly string[];
}

/**
 * Renders the statements of a delta, each with its comment, in the order of `DELTA_FIELDS`
 * (the tables first when `createTables`), the schema digest last.
 */
export function renderStatementGroups(input: StatementInput): StatementGroup[] {
  const { dialect, delta } = input;
  const quoteLiteral = (value: string): string => renderLiteral(value, dialect, input.newlines);
  const quoteNullable = (value: string | null): string =>
    value === null ? "NULL" : quoteLiteral(value);
  const t = {
    permission: quoteIdentifier(input.tables.permission),
    role: quoteIdentifier(input.tables.role),
    rolePermission: quoteIdentifier(input.tables.rolePermission),
    meta: quoteIdentifier(input.tables.meta),
  };
  const groups: StatementGroup[] = [];
  const add = (comment: string, ...statement: string[]): void => {
    groups.push({ comment, statement });
  };
  const describeLink = (link: LinkRow): string => `${link.key} (id ${link.id})`;

  if (input.createTables) groups.push(...renderCreateTables(dialect, t));
  for (const link of delta.revoke) {
    add(
      `revoke ${describeLink(link)} from ${link.role}`,
      `DELETE FROM ${t.rolePermission} WHERE role = ${quoteLiteral(link.role)} AND permission_id = ${link.id};`,
    );
  }
  for (const role of delta.removeRoles) {
    add(
      `remove role ${role.name}`,
      `DELETE FROM ${t.role} WHERE name = ${quoteLiteral(role.name)};`,
    );
  }
  for (const p of delta.removePermissions) {
    add(
      `remove permission ${p.key} (id ${p.id})`,
      `DELETE FROM ${t.permission} WHERE id = ${p.id};`,
    );
  }
  for (const p of delta.renamePermissions) {
    // In place: the id stays, so rows of the application's tables that reference it stay valid.
    const set = [
      `key = ${quoteLiteral(p.key)}`,
      `resource = ${quoteLiteral(p.resource)}`,
      `action = ${quoteLiteral(p.action)}`,
    ];
    add(
      `rename permission ${p.from} to ${p.key} (id ${p.id})`,
      `UPDATE ${t.permission} SET ${set.join(", ")} WHERE id = ${p.id};`,
    );
  }
  for (const role of delta.renameRoles) {
    // In place: a foreign key of the application's to the role name follows it when it is
    // declared ON UPDATE CASCADE. The role's links were revoked above and are granted below.
    add(
      `rename role ${role.from} to ${role.name}`,
      `UPDATE ${t.role} SET name = ${quoteLiteral(role.name)} WHERE name = ${quoteLiteral(role.from)};`,
    );
  }
  for (const p of delta.describePermissions) {
    add(
      `describe permission ${p.key} (id ${p.id})`,
      `UPDATE ${t.permission} SET description = ${quoteNullable(p.description)} WHERE id = ${p.id};`,
    );
  }
  for (const role of delta.describeRoles) {
    add(
      `describe role ${role.name}`,
      `UPDATE ${t.role} SET description = ${quoteNullable(role.description)} WHERE name = ${quoteLiteral(role.name)};`,
    );
  }
  for (const p of delta.addPermissions) {
    const values = [
      String(p.id),
      quoteLiteral(p.key),
      quoteLiteral(p.resource),
      quoteLiteral(p.action),
      quoteNullable(p.description),
    ];
    add(
      `add permission ${p.key} (id ${p.id})`,
      `INSERT INTO ${t.permission} (id, key, resource, action, description) VALUES (${values.join(", ")});`,
    );
  }
  for (const role of delta.addRoles) {
    add(
      `add role ${role.name}`,
      `INSERT INTO ${t.role} (name, description) VALUES (${quoteLiteral(role.name)}, ${quoteNullable(role.description)});`,
    );
  }
  for (const link of delta.grant) {
    add(
      `grant ${describeLink(link)} to ${link.role}`,
      `INSERT INTO ${t.rolePermission} (role, permission_id) VALUES (${quoteLiteral(link.role)}, ${link.id});`,
    );
  }
  const digest = delta.schemaDigest;
  if (digest !== null && digest.from === null) {
    add(
      `schema digest ${digest.to}`,
      `INSERT INTO ${t.meta} (key, value) VALUES ('${SCHEMA_DIGEST_KEY}', ${quoteLiteral(digest.to)});`,
    );
  } else if (digest !== null) {
    add(
      `schema digest ${digest.from} → ${digest.to}`,
      `UPDATE ${t.meta} SET value = ${quoteLiteral(digest.to)} WHERE key = '${SCHEMA_DIGEST_KEY}';`,
    );
  }

  return groups;
}

function renderCreateTables(dialect: SqlDialect, t: SqlTableNames): StatementGroup[] {
  // Exact (byte-wise) comparison of keys and role names in both dialects.
  const exact = dialect === "postgres" ? ` COLLATE "C"` : " COLLATE BINARY";
  return [
    {
      comment:
        "create the permission table: one row per permission, id = its id in permgen.lock.json",
      statement: [
        `CREATE TABLE ${t.permission} (`,
        "  id INTEGER NOT NULL PRIMARY KEY,",
        `  key TEXT${exact} NOT NULL UNIQUE,`,
        "  resource TEXT NOT NULL,",
        "  action TEXT NOT NULL,",
        "  description TEXT",
        ");",
      ],
    },
    {
      comment: "create the role table",
      statement: [
        `CREATE TABLE ${t.role} (`,
        `  name TEXT${exact} NOT NULL PRIMARY KEY,`,
        "  description TEXT",
        ");",
      ],
    },
    {
      comment: "create the role-permission table: which role holds which permission",
      statement: [
        `CREATE TABLE ${t.rolePermission} (`,
        `  role TEXT${exact} NOT NULL REFERENCES ${t.role} (name) ON DELETE RESTRICT,`,
        `  permission_id INTEGER NOT NULL REFERENCES ${t.permission} (id) ON DELETE RESTRICT,`,
        "  PRIMARY KEY (role, permission_id)",
        ");",
      ],
    },
    {
      comment: `create the metadata table: the row '${SCHEMA_DIGEST_KEY}' holds the schema's SCHEMA_DIGEST`,
      statement: [
        `CREATE TABLE ${t.meta} (`,
        `  key TEXT${exact} NOT NULL PRIMARY KEY,`,
        "  value TEXT NOT NULL",
        ");",
      ],
    },
  ];
}

/**
 * The down of the first migration: the four tables dropped, links first (their foreign keys
 * reference the other two), which removes every row the history wrote.
 */
export function renderDropTables(tables: SqlTableNames): StatementGroup[] {
  return [
    ["drop the role-permission table", tables.rolePermission],
    ["drop the role table", tables.role],
    ["drop the permission table", tables.permission],
    ["drop the metadata table", tables.meta],
  ].map(([comment = "", name = ""]) => ({
    comment,
    statement: [`DROP TABLE ${quoteIdentifier(name)};`],
  }));
}

/** A table name, double-quoted: valid in both dialects whatever word it is. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Renders one `--` comment line: every line terminator and unsafe character of `text` is written
 * as visible `\uXXXX` text. Postgres ends a `--` comment at CR as well as LF, so a raw CR would
 * turn the rest of the line into SQL. The only way text reaches an SQL comment.
 */
export function renderSqlLineComment(text: string): string {
  return `-- ${escapeUnsafeChars(text)}`.trimEnd();
}

/**
 * A standard SQL string literal: quotes doubled, backslashes kept (both dialects read them
 * literally in `'…'`: Postgres since standard_conforming_strings became the default), LF and tab
 * kept. Every other unsafe character (CR, other controls, C1, line separators, the BOM, bidi
 * controls) is written as a call instead, `chr(27)` on Postgres and `char(27)` on SQLite,
 * concatenated with `||`, so the value is exact and the file shows no raw control character.
 * NUL, which neither can take (Postgres text cannot hold it and its protocol ends the query
 * there; the sqlite3 shell ends the statement there), and a lone surrogate (no UTF-8 form)
 * become U+FFFD, the replacement character. With `newlines: "call"` an LF is a call too, so
 * no value ever starts a line of the file. The only way text reaches an SQL string.
 */
function renderLiteral(value: string, dialect: SqlDialect, newlines: "raw" | "call"): string {
  const parts: string[] = [];
  let run = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const kept = char === "\n" ? newlines === "raw" : char.length > 1 || !isUnsafeCodePoint(code);
    if (kept) run += char;
    else if (code === 0 || (code >= 0xd800 && code <= 0xdfff)) run += "\ufffd";
    else {
      if (run !== "") parts.push(`'${run.replaceAll("'", "''")}'`);
      parts.push(`${dialect === "postgres" ? "chr" : "char"}(${code})`);
      run = "";
    }
  }
  if (run !== "" || parts.length === 0) parts.push(`'${run.replaceAll("'", "''")}'`);
  return parts.join(" || ");
}
