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
import { LineBuffer } from "../lines.js";
import { escapeUnsafeChars, hasUnsafeChars, isUnsafeCodePoint } from "../unsafe-chars.js";
import type { SqlColumnNames, SqlDialect, SqlTableNames } from "./sql-options.js";
import { DEFAULT_COLUMN_NAMES } from "./sql-options.js";
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
  /** Column names; undefined is read as the defaults. */
  readonly columns?: SqlColumnNames | undefined;
  /** Whether the first migration adopts existing tables; undefined is false. */
  readonly adopt?: boolean | undefined;
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
  // A LineBuffer, not an array of every line: at 100k pairs a migration has a million lines,
  // and an array keeping them all alive until the join made the young-generation collector
  // copy them at every scavenge (438 of the SQL emitter's 1,139 ms were the collector).
  const lines = new LineBuffer();
  lines.push(
    `-- Migration ${number} (${dialect}). Apply the migrations of this folder once each, in file-name order.`,
    "",
  );
  if (dialect === "sqlite") {
    lines.push(
      "-- SQLite enforces foreign keys only where a connection turns them on (a no-op inside a transaction).",
      "PRAGMA foreign_keys = ON;",
      "",
    );
  }
  if (input.transaction) {
    lines.push("BEGIN;", "");
  } else {
    lines.push(
      "-- No BEGIN/COMMIT (transaction: false): the tool applying this file runs it in a transaction.",
      "",
    );
  }
  // Each statement's lines go straight into the file's lines: at 10k pairs a migration has tens
  // of thousands of statements, and building a group object and a line array per statement
  // first was most of this function's time and garbage.
  const statements = {
    dialect,
    tables: input.tables,
    createTables: input.number === 1,
    delta: input.delta,
    columns: input.columns ?? DEFAULT_COLUMN_NAMES,
    adopt: input.adopt ?? false,
    newlines: "raw" as const,
  };
  writeStatementGroups(statements, (comment, statement) => {
    lines.push(renderSqlLineComment(comment));
    for (const line of statement) lines.push(line);
    lines.push("");
  });
  // The file ends with a newline: an empty last line, not `${text}\n`, which would copy the
  // whole text (31 MB at 100k pairs) once more when the string is flattened for the hash.
  // Without COMMIT the last line is already the empty one after the last group (or after the
  // comment above).
  if (input.transaction) lines.push("COMMIT;", "");
  return lines.text();
}

/** What the statements of a migration depend on (the wrapping is the format's business). */
export interface StatementInput {
  readonly dialect: SqlDialect;
  readonly tables: SqlTableNames;
  /** Whether the statements start by creating the four tables (the first migration). */
  readonly createTables: boolean;
  readonly delta: MigrationDelta;
  readonly columns: SqlColumnNames;
  /**
   * Whether the first migration adopts existing tables and rows instead of creating them
   * (only read with `createTables`): see `renderAdoption`.
   */
  readonly adopt: boolean;
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
  const groups: StatementGroup[] = [];
  writeStatementGroups(input, (comment, statement) => {
    groups.push({ comment, statement });
  });
  return groups;
}

/** Receives one statement group: its comment (text, not yet a comment line) and its lines. */
export type StatementSink = (comment: string, statement: readonly string[]) => void;

/**
 * What `renderStatementGroups` returns, handed to `sink` group by group in the same order
 * instead of collected: the plain format writes each group's lines into its file directly.
 */
export function writeStatementGroups(input: StatementInput, sink: StatementSink): void {
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
  const c = renderColumns(input.columns);
  const add = (comment: string, statement: string): void => {
    sink(comment, [statement]);
  };
  const describeLink = (link: LinkRow): string => `${link.key} (id ${link.id})`;
  const addAll = (groups: readonly StatementGroup[]): void => {
    for (const group of groups) sink(group.comment, group.statement);
  };

  if (input.createTables && input.adopt) {
    addAll(renderCreateTables(dialect, t, c, " IF NOT EXISTS"));
    addAll(renderAdoption(input, t, c, quoteLiteral, quoteNullable));
    return;
  }
  if (input.createTables) addAll(renderCreateTables(dialect, t, c, ""));
  for (const link of delta.revoke) {
    add(
      `revoke ${describeLink(link)} from ${link.role}`,
      `DELETE FROM ${t.rolePermission} WHERE ${c.role} = ${quoteLiteral(link.role)} AND ${c.permissionId} = ${link.id};`,
    );
  }
  for (const role of delta.removeRoles) {
    add(
      `remove role ${role.name}`,
      `DELETE FROM ${t.role} WHERE ${c.name} = ${quoteLiteral(role.name)};`,
    );
  }
  for (const p of delta.removePermissions) {
    add(
      `remove permission ${p.key} (id ${p.id})`,
      `DELETE FROM ${t.permission} WHERE ${c.id} = ${p.id};`,
    );
  }
  for (const p of delta.renamePermissions) {
    // In place: the id stays, so rows of the application's tables that reference it stay valid.
    const set = [
      `${c.key} = ${quoteLiteral(p.key)}`,
      `${c.resource} = ${quoteLiteral(p.resource)}`,
      `${c.action} = ${quoteLiteral(p.action)}`,
    ];
    add(
      `rename permission ${p.from} to ${p.key} (id ${p.id})`,
      `UPDATE ${t.permission} SET ${set.join(", ")} WHERE ${c.id} = ${p.id};`,
    );
  }
  for (const role of delta.renameRoles) {
    // In place: a foreign key of the application's to the role name follows it when it is
    // declared ON UPDATE CASCADE. The role's links were revoked above and are granted below.
    add(
      `rename role ${role.from} to ${role.name}`,
      `UPDATE ${t.role} SET ${c.name} = ${quoteLiteral(role.name)} WHERE ${c.name} = ${quoteLiteral(role.from)};`,
    );
  }
  for (const p of delta.describePermissions) {
    add(
      `describe permission ${p.key} (id ${p.id})`,
      `UPDATE ${t.permission} SET ${c.description} = ${quoteNullable(p.description)} WHERE ${c.id} = ${p.id};`,
    );
  }
  for (const role of delta.describeRoles) {
    add(
      `describe role ${role.name}`,
      `UPDATE ${t.role} SET ${c.roleDescription} = ${quoteNullable(role.description)} WHERE ${c.name} = ${quoteLiteral(role.name)};`,
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
      `INSERT INTO ${t.permission} (${c.permissionColumns}) VALUES (${values.join(", ")});`,
    );
  }
  for (const role of delta.addRoles) {
    add(
      `add role ${role.name}`,
      `INSERT INTO ${t.role} (${c.roleColumns}) VALUES (${quoteLiteral(role.name)}, ${quoteNullable(role.description)});`,
    );
  }
  for (const link of delta.grant) {
    add(
      `grant ${describeLink(link)} to ${link.role}`,
      `INSERT INTO ${t.rolePermission} (${c.linkColumns}) VALUES (${quoteLiteral(link.role)}, ${link.id});`,
    );
  }
  const digest = delta.schemaDigest;
  if (digest !== null && digest.from === null) {
    add(
      `schema digest ${digest.to}`,
      `INSERT INTO ${t.meta} (${c.metaColumns}) VALUES ('${SCHEMA_DIGEST_KEY}', ${quoteLiteral(digest.to)});`,
    );
  } else if (digest !== null) {
    add(
      `schema digest ${digest.from} → ${digest.to}`,
      `UPDATE ${t.meta} SET ${c.metaValue} = ${quoteLiteral(digest.to)} WHERE ${c.metaKey} = '${SCHEMA_DIGEST_KEY}';`,
    );
  }
}

/**
 * Column names as they appear in statements: a default name bare (as every history has it),
 * any other quoted.
 */
interface RenderedColumns {
  readonly id: string;
  readonly key: string;
  readonly resource: string;
  readonly action: string;
  readonly description: string;
  readonly name: string;
  readonly roleDescription: string;
  readonly role: string;
  readonly permissionId: string;
  readonly metaKey: string;
  readonly metaValue: string;
  readonly permissionColumns: string;
  readonly roleColumns: string;
  readonly linkColumns: string;
  readonly metaColumns: string;
}

function renderColumns(columns: SqlColumnNames): RenderedColumns {
  const column = (name: string, fallback: string): string =>
    name === fallback ? name : quoteIdentifier(name);
  const d = DEFAULT_COLUMN_NAMES;
  const p = columns.permission;
  const id = column(p.id, d.permission.id);
  const key = column(p.key, d.permission.key);
  const resource = column(p.resource, d.permission.resource);
  const action = column(p.action, d.permission.action);
  const description = column(p.description, d.permission.description);
  const name = column(columns.role.name, d.role.name);
  const roleDescription = column(columns.role.description, d.role.description);
  const role = column(columns.rolePermission.role, d.rolePermission.role);
  const permissionId = column(columns.rolePermission.permissionId, d.rolePermission.permissionId);
  const metaKey = column(columns.meta.key, d.meta.key);
  const metaValue = column(columns.meta.value, d.meta.value);
  return {
    id,
    key,
    resource,
    action,
    description,
    name,
    roleDescription,
    role,
    permissionId,
    metaKey,
    metaValue,
    permissionColumns: [id, key, resource, action, description].join(", "),
    roleColumns: `${name}, ${roleDescription}`,
    linkColumns: `${role}, ${permissionId}`,
    metaColumns: `${metaKey}, ${metaValue}`,
  };
}

function renderCreateTables(
  dialect: SqlDialect,
  t: SqlTableNames,
  c: RenderedColumns,
  ifNotExists: string,
): StatementGroup[] {
  // Exact (byte-wise) comparison of keys and role names in both dialects.
  const exact = dialect === "postgres" ? ` COLLATE "C"` : " COLLATE BINARY";
  return [
    {
      comment:
        "create the permission table: one row per permission, id = its id in permgen.lock.json",
      statement: [
        `CREATE TABLE${ifNotExists} ${t.permission} (`,
        `  ${c.id} INTEGER NOT NULL PRIMARY KEY,`,
        `  ${c.key} TEXT${exact} NOT NULL UNIQUE,`,
        `  ${c.resource} TEXT NOT NULL,`,
        `  ${c.action} TEXT NOT NULL,`,
        `  ${c.description} TEXT`,
        ");",
      ],
    },
    {
      comment: "create the role table",
      statement: [
        `CREATE TABLE${ifNotExists} ${t.role} (`,
        `  ${c.name} TEXT${exact} NOT NULL PRIMARY KEY,`,
        `  ${c.roleDescription} TEXT`,
        ");",
      ],
    },
    {
      comment: "create the role-permission table: which role holds which permission",
      statement: [
        `CREATE TABLE${ifNotExists} ${t.rolePermission} (`,
        `  ${c.role} TEXT${exact} NOT NULL REFERENCES ${t.role} (${c.name}) ON DELETE RESTRICT,`,
        `  ${c.permissionId} INTEGER NOT NULL REFERENCES ${t.permission} (${c.id}) ON DELETE RESTRICT,`,
        `  PRIMARY KEY (${c.role}, ${c.permissionId})`,
        ");",
      ],
    },
    {
      comment: `create the metadata table: the row '${SCHEMA_DIGEST_KEY}' holds the schema's SCHEMA_DIGEST`,
      statement: [
        `CREATE TABLE${ifNotExists} ${t.meta} (`,
        `  ${c.metaKey} TEXT${exact} NOT NULL PRIMARY KEY,`,
        `  ${c.metaValue} TEXT NOT NULL`,
        ");",
      ],
    },
  ];
}

/**
 * The first migration of `adopt: true`, after the CREATE TABLE IF NOT EXISTS of each table:
 * 1. a refusal when a row of the permission table holds a lock key under another id, or a lock
 *    id under another key — the migration fails with an SQL error naming the row (Postgres: a
 *    DO block raising an exception; SQLite, which has no procedures: an insert into a temp table
 *    whose named CHECK constraint is the message), before anything is written;
 * 2. every permission and role upserted (an UPDATE by id or name, then an INSERT unless the row
 *    exists: no unique constraint of the adopted table is assumed);
 * 3. each schema role's links made exactly its grants (links the schema does not give it are
 *    deleted: nothing stays granted that the schema does not grant; rows the schema does not
 *    name are left as they are);
 * 4. the schema digest written.
 */
function renderAdoption(
  input: StatementInput,
  t: SqlTableNames,
  c: RenderedColumns,
  quoteLiteral: (value: string) => string,
  quoteNullable: (value: string | null) => string,
): StatementGroup[] {
  const { delta } = input;
  const groups: StatementGroup[] = [];
  const add = (comment: string, ...statement: string[]): void => {
    groups.push({ comment, statement });
  };
  const permissions = delta.addPermissions;
  if (permissions.length > 0) {
    const values = permissions.map((p) => `(${p.id}, ${quoteLiteral(p.key)})`).join(", ");
    const message = `permgen adopt: a row of ${input.tables.permission} has an id or key that disagrees with permgen.lock.json; seed the lock from the table with permgen lock --import`;
    if (input.dialect === "postgres") {
      const body = [
        "DECLARE",
        "  clash RECORD;",
        "BEGIN",
        `  SELECT t.${c.key}::text AS key, t.${c.id} AS id, l.key AS lock_key, l.id AS lock_id INTO clash`,
        `    FROM ${t.permission} AS t JOIN (VALUES ${values}) AS l (id, key)`,
        `      ON t.${c.key} = l.key OR t.${c.id} = l.id`,
        `    WHERE t.${c.key} <> l.key OR t.${c.id} <> l.id`,
        "    LIMIT 1;",
        "  IF FOUND THEN",
        `    RAISE EXCEPTION 'permgen adopt: the row % (id %) of ${input.tables.permission} disagrees with permgen.lock.json, which gives % the id %; seed the lock from the table with permgen lock --import, or fix the row', clash.key, clash.id, clash.lock_key, clash.lock_id;`,
        "  END IF;",
        "END",
      ];
      const tag = chooseDollarTag(body.join("\n"));
      add(
        "refuse to adopt a row whose id disagrees with permgen.lock.json",
        `DO ${tag}`,
        ...body,
        `${tag};`,
      );
    } else {
      add(
        "refuse to adopt a row whose id disagrees with permgen.lock.json (the CHECK's name is the message)",
        "CREATE TEMP TABLE permgen_adopt_check (",
        `  refused TEXT CONSTRAINT ${quoteIdentifier(message)} CHECK (refused IS NULL)`,
        ");",
      );
      add(
        "any row of the permission table whose key or id matches the lock's but not both",
        "INSERT INTO permgen_adopt_check (refused)",
        `  SELECT t.${c.key} FROM ${t.permission} AS t JOIN (VALUES ${values}) AS l`,
        `    ON t.${c.key} = l.column2 OR t.${c.id} = l.column1`,
        `    WHERE t.${c.key} <> l.column2 OR t.${c.id} <> l.column1;`,
      );
      add("the check passed", "DROP TABLE permgen_adopt_check;");
    }
  }
  for (const p of permissions) {
    const row = [
      String(p.id),
      quoteLiteral(p.key),
      quoteLiteral(p.resource),
      quoteLiteral(p.action),
      quoteNullable(p.description),
    ];
    const set = [
      `${c.key} = ${row[1]}`,
      `${c.resource} = ${row[2]}`,
      `${c.action} = ${row[3]}`,
      `${c.description} = ${row[4]}`,
    ];
    add(
      `adopt permission ${p.key} (id ${p.id}): update the row if it exists`,
      `UPDATE ${t.permission} SET ${set.join(", ")} WHERE ${c.id} = ${p.id};`,
    );
    add(
      `adopt permission ${p.key} (id ${p.id}): insert it if it does not`,
      `INSERT INTO ${t.permission} (${c.permissionColumns}) SELECT ${row.join(", ")} WHERE NOT EXISTS (SELECT 1 FROM ${t.permission} WHERE ${c.id} = ${p.id});`,
    );
  }
  for (const role of delta.addRoles) {
    const name = quoteLiteral(role.name);
    add(
      `adopt role ${role.name}: update the row if it exists`,
      `UPDATE ${t.role} SET ${c.roleDescription} = ${quoteNullable(role.description)} WHERE ${c.name} = ${name};`,
    );
    add(
      `adopt role ${role.name}: insert it if it does not`,
      `INSERT INTO ${t.role} (${c.roleColumns}) SELECT ${name}, ${quoteNullable(role.description)} WHERE NOT EXISTS (SELECT 1 FROM ${t.role} WHERE ${c.name} = ${name});`,
    );
  }
  for (const role of delta.addRoles) {
    const ids = delta.grant.filter((l) => l.role === role.name).map((l) => l.id);
    const keep = ids.length === 0 ? "" : ` AND ${c.permissionId} NOT IN (${ids.join(", ")})`;
    add(
      `adopt role ${role.name}: revoke what the schema does not grant it`,
      `DELETE FROM ${t.rolePermission} WHERE ${c.role} = ${quoteLiteral(role.name)}${keep};`,
    );
  }
  for (const link of delta.grant) {
    const role = quoteLiteral(link.role);
    add(
      `adopt grant ${link.key} (id ${link.id}) to ${link.role}`,
      `INSERT INTO ${t.rolePermission} (${c.linkColumns}) SELECT ${role}, ${link.id} WHERE NOT EXISTS (SELECT 1 FROM ${t.rolePermission} WHERE ${c.role} = ${role} AND ${c.permissionId} = ${link.id});`,
    );
  }
  const digest = delta.schemaDigest;
  if (digest !== null) {
    add(
      "adopt: remove a schema digest written before",
      `DELETE FROM ${t.meta} WHERE ${c.metaKey} = '${SCHEMA_DIGEST_KEY}';`,
    );
    add(
      `schema digest ${digest.to}`,
      `INSERT INTO ${t.meta} (${c.metaColumns}) VALUES ('${SCHEMA_DIGEST_KEY}', ${quoteLiteral(digest.to)});`,
    );
  }
  return groups;
}

/** A dollar-quote tag that does not occur in `body`, so the body cannot end the quote early. */
function chooseDollarTag(body: string): string {
  for (let n = 0; ; n += 1) {
    const tag = n === 0 ? "$permgen$" : `$permgen${n}$`;
    if (!body.includes(tag)) return tag;
  }
}

/**
 * The down of an adopting first migration: the schema digest removed and nothing else. The
 * tables and rows were the app's before permgen adopted them; dropping them would lose data,
 * and the up, being an upsert, brings the digest back (up → down → up leaves them as they were).
 */
export function renderAdoptionDown(
  tables: SqlTableNames,
  columns: SqlColumnNames,
): StatementGroup[] {
  const c = renderColumns(columns);
  return [
    {
      comment: "un-adopt: remove the schema digest; the adopted tables and rows stay",
      statement: [
        `DELETE FROM ${quoteIdentifier(tables.meta)} WHERE ${c.metaKey} = '${SCHEMA_DIGEST_KEY}';`,
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

/**
 * A table name, double-quoted: valid in both dialects whatever word it is. Exported for the
 * code targets' start-up digest check (src/targets/digest-query.ts), which must name the
 * metadata table exactly as the migrations create it.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Renders one `--` comment line: every line terminator and unsafe character of `text` is written
 * as visible `\uXXXX` text. Postgres ends a `--` comment at CR as well as LF, so a raw CR would
 * turn the rest of the line into SQL. The only way text reaches an SQL comment.
 */
export function renderSqlLineComment(text: string): string {
  const escaped = escapeUnsafeChars(text);
  // trimEnd can only change a line whose last character is whitespace (or an empty one):
  // skipping it for a printable ASCII last character saves flattening and copying every line.
  const last = escaped.charCodeAt(escaped.length - 1);
  if (last > 0x20 && last < 0x7f) return `-- ${escaped}`;
  return `-- ${escaped}`.trimEnd();
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
export function renderLiteral(
  value: string,
  dialect: SqlDialect,
  newlines: "raw" | "call",
): string {
  // Nearly every value has no unsafe character (an LF counts as one here): then every
  // character is kept, and the literal is the value quoted with its quotes doubled, exactly
  // what the character loop writes (test/sql/fast-paths.test.ts compares the two).
  if (!hasUnsafeChars(value)) {
    return value.includes("'") ? `'${value.replaceAll("'", "''")}'` : `'${value}'`;
  }
  return renderLiteralByChar(value, dialect, newlines);
}

/** `renderLiteral`'s general path, character by character; exported for the test above. */
export function renderLiteralByChar(
  value: string,
  dialect: SqlDialect,
  newlines: "raw" | "call",
): string {
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
