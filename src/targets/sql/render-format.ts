/**
 * The files of one migration in each runner's format: names, up/down markers and transaction
 * conventions as each runner documents them.
 *
 * | format         | files                                          | who opens the transaction |
 * | -------------- | ---------------------------------------------- | ------------------------- |
 * | plain          | `NNNN_<change>.sql` (up only)                  | the file (BEGIN/COMMIT)   |
 * | golang-migrate | `NNNN_<change>.up.sql`, `NNNN_<change>.down.sql` | the file on Postgres; the sqlite3 driver wraps each file itself |
 * | goose          | `NNNN_<change>.sql`, `-- +goose Up` / `Down`   | goose (`NO TRANSACTION`)  |
 * | dbmate         | `NNNN_<change>.sql`, `-- migrate:up` / `down`  | dbmate (`transaction:false`) |
 * | flyway         | `V<n>__<change>.sql`, `U<n>__<change>.sql`     | Flyway (a `.sql.conf` with `executeInTransaction=false`) |
 * | sqlx           | `NNNN_<change>.up.sql`, `NNNN_<change>.down.sql` | sqlx (always)           |
 * | alembic        | `NNNN_<change>.py` revision                    | Alembic (`autocommit_block()`) |
 *
 * "who opens the transaction" is what `transaction: true` maps onto; `false` writes the
 * runner's opt-out instead. Every file starts with permgen's header (the emitter adds it), which
 * each runner reads as a comment. In the line-based formats (goose, dbmate) an LF inside a value
 * is written as a call (see `StatementInput.newlines`), so no value can start a marker line.
 */
import type { LineSink } from "../lines.js";
import { LineBuffer } from "../lines.js";
import { renderPythonLineComment, renderString } from "../python/render-python.js";
import type { MigrationDelta } from "./migration-delta.js";
import type { StatementGroup } from "./render-sql.js";
import { renderSqlLineComment } from "./render-sql.js";
import type { SqlDialect, SqlFormat } from "./sql-options.js";

/** Everything one migration's files depend on. */
export interface FormatInput {
  readonly format: Exclude<SqlFormat, "plain">;
  readonly dialect: SqlDialect;
  /** 1-based position in the history. */
  readonly number: number;
  /** The change's slug (`create_permission_tables`, `add_soc_user_manage`, …). */
  readonly slug: string;
  readonly transaction: boolean;
  readonly up: readonly StatementGroup[];
  readonly down: readonly StatementGroup[];
  /** The delta, for Alembic's `_DELTA_PERMISSIONS` / `_DELTA_GROUP_PERMISSIONS`. */
  readonly delta: MigrationDelta;
}

/** One file of a migration: its name in the folder, its header's comment syntax, its body. */
export interface FormatFile {
  readonly name: string;
  readonly comment: "sql" | "hash";
  /** Everything after the header line, ending with a newline. */
  readonly body: string;
}

/** The names of a migration's files, the first being the one git's state is read from. */
export function buildFormatFileNames(
  format: SqlFormat,
  number: number,
  slug: string,
  transaction: boolean,
): string[] {
  const n = String(number).padStart(4, "0");
  switch (format) {
    case "plain":
    case "goose":
    case "dbmate":
      return [`${n}_${slug}.sql`];
    case "golang-migrate":
    case "sqlx":
      return [`${n}_${slug}.up.sql`, `${n}_${slug}.down.sql`];
    case "flyway": {
      const files = [`V${number}__${slug}.sql`, `U${number}__${slug}.sql`];
      return transaction ? files : [...files, ...files.map((f) => `${f}.conf`)];
    }
    case "alembic":
      return [`${n}_${slug}.py`];
  }
}

/** The revision id of Alembic migration `number`: prefixed, so it cannot clash with the app's. */
export function buildAlembicRevision(number: number): string {
  return `permgen_${String(number).padStart(4, "0")}`;
}

/** Renders the files of one migration in its format, named as `buildFormatFileNames` says. */
export function renderFormatFiles(input: FormatInput): FormatFile[] {
  const names = buildFormatFileNames(input.format, input.number, input.slug, input.transaction);
  const name = (index: number): string => names[index] ?? "";
  const intro = renderIntro(input);
  switch (input.format) {
    case "golang-migrate": {
      // The sqlite3 driver runs each file in a transaction of its own (unless x-no-tx-wrap);
      // the Postgres driver sends the file as it is.
      const inFile = input.transaction && input.dialect === "postgres";
      const runner = input.transaction && input.dialect === "sqlite";
      return renderPair(names, intro, input, inFile, runner);
    }
    case "sqlx":
      return renderPair(names, intro, input, false, true);
    case "flyway": {
      const files = renderPair(names, intro, input, false, input.transaction);
      if (!input.transaction) {
        // Flyway's script config file: its documented way to run a script outside a transaction.
        const conf = "executeInTransaction=false\n";
        files.push({ name: name(2), comment: "hash", body: conf });
        files.push({ name: name(3), comment: "hash", body: conf });
      }
      return files;
    }
    case "goose":
      return [{ name: name(0), comment: "sql", body: renderGoose(intro, input) }];
    case "dbmate":
      return [{ name: name(0), comment: "sql", body: renderDbmate(intro, input) }];
    case "alembic":
      return [{ name: name(0), comment: "hash", body: renderAlembic(input) }];
  }
}

/** An up file and a down file, the two names first in `names`. */
function renderPair(
  names: readonly string[],
  intro: string,
  input: FormatInput,
  inFile: boolean,
  runner: boolean,
): FormatFile[] {
  const file = (index: number, groups: readonly StatementGroup[]): FormatFile => ({
    name: names[index] ?? "",
    comment: "sql",
    body: renderSqlFile(intro, input, groups, inFile, runner),
  });
  return [file(0, input.up), file(1, input.down)];
}

function renderIntro(input: FormatInput): string {
  const number = String(input.number).padStart(4, "0");
  return `-- Migration ${number} (${input.dialect}, ${input.format}). Written by permgen for ${input.format}; apply with it.`;
}

/**
 * A runner-format SQL file: the intro, (SQLite, outside any transaction) the foreign-key pragma,
 * then the statements, in BEGIN/COMMIT when `inFile`; `runner` says the runner opens one.
 */
function renderSqlFile(
  intro: string,
  input: FormatInput,
  groups: readonly StatementGroup[],
  inFile: boolean,
  runner: boolean,
): string {
  const lines = new HeldLineBuffer();
  lines.push(intro, "");
  lines.push(...renderPragma(input.dialect, inFile || runner));
  if (runner) lines.push(`-- ${input.format} runs this file in a transaction.`, "");
  if (inFile) lines.push("BEGIN;", "");
  writeGroups(lines, groups);
  if (inFile) lines.push("COMMIT;");
  else lines.dropLast();
  lines.push("");
  return lines.text();
}

/** Each group's comment line, its statement's lines and an empty line. */
function writeGroups(lines: LineSink, groups: readonly StatementGroup[]): void {
  for (const group of groups) {
    lines.push(renderSqlLineComment(group.comment));
    for (const line of group.statement) lines.push(line);
    lines.push("");
  }
}

/**
 * The lines of a file in a `LineBuffer` (an array of every line kept a million strings alive at
 * 100k pairs, which the young-generation collector copied at every scavenge), holding back the
 * line pushed last so that `dropLast` can leave it out, as `pop()` did on the array. A file's
 * final newline is pushed as an empty last line: `${text}\n` would copy the whole text again.
 */
class HeldLineBuffer implements LineSink {
  private readonly buffer = new LineBuffer();
  private held: string | undefined;

  push(...lines: string[]): void {
    for (const line of lines) {
      if (this.held !== undefined) this.buffer.push(this.held);
      this.held = line;
    }
  }

  /** Leaves out the line pushed last (none when it was left out already). */
  dropLast(): void {
    this.held = undefined;
  }

  /** Every line kept, joined with "\n" (no final newline). */
  text(): string {
    if (this.held !== undefined) this.buffer.push(this.held);
    this.held = undefined;
    return this.buffer.text();
  }
}

/**
 * SQLite's foreign-key pragma, for a file whose statements run outside a transaction (inside
 * one it is a no-op, and the runner's connection decides).
 */
function renderPragma(dialect: SqlDialect, inTransaction: boolean): string[] {
  if (dialect !== "sqlite" || inTransaction) return [];
  return ["PRAGMA foreign_keys = ON;", ""];
}

/**
 * goose: `-- +goose Up`, the statements, `-- +goose Down`, their inverse; `-- +goose NO
 * TRANSACTION` when `transaction` is false. goose splits statements at a line whose last word
 * (before any `--`) ends with `;`; a statement that line rule would cut wrongly is wrapped in
 * `StatementBegin` / `StatementEnd`.
 */
function renderGoose(intro: string, input: FormatInput): string {
  const lines = new HeldLineBuffer();
  lines.push(intro, "");
  if (!input.transaction) lines.push("-- +goose NO TRANSACTION", "");
  const section = (marker: string, groups: readonly StatementGroup[]): void => {
    lines.push(marker, ...renderPragma(input.dialect, input.transaction));
    for (const group of groups) {
      lines.push(renderSqlLineComment(group.comment));
      const block = needsGooseBlock(group.statement);
      if (block) lines.push("-- +goose StatementBegin");
      for (const line of group.statement) lines.push(line);
      if (block) lines.push("-- +goose StatementEnd");
      lines.push("");
    }
  };
  section("-- +goose Up", input.up);
  section("-- +goose Down", input.down);
  lines.dropLast();
  lines.push("");
  return lines.text();
}

/** Whether goose's line rule would end the statement anywhere but at its last line. */
export function needsGooseBlock(statement: readonly string[]): boolean {
  return statement.some(
    (line, index) => endsStatementForGoose(line) !== (index === statement.length - 1),
  );
}

/** goose's `endsWithSemicolon`: the last whitespace-separated word before a `--` ends with `;`. */
function endsStatementForGoose(line: string): boolean {
  let previous = "";
  for (const word of line.split(/\s+/).filter((w) => w !== "")) {
    if (word.startsWith("--")) break;
    previous = word;
  }
  return previous.endsWith(";");
}

/** dbmate: `-- migrate:up` and `-- migrate:down` blocks, `transaction:false` on both when asked. */
function renderDbmate(intro: string, input: FormatInput): string {
  const option = input.transaction ? "" : " transaction:false";
  const lines = new HeldLineBuffer();
  lines.push(intro, "");
  const block = (marker: string, groups: readonly StatementGroup[]): void => {
    lines.push(`${marker}${option}`, ...renderPragma(input.dialect, input.transaction));
    writeGroups(lines, groups);
  };
  block("-- migrate:up", input.up);
  block("-- migrate:down", input.down);
  lines.dropLast();
  lines.push("");
  return lines.text();
}

/**
 * An Alembic revision: `revision` / `down_revision` chained (`permgen_0001` is a base with
 * the branch label `permgen`, so the app's own history stays its own), `upgrade()` and
 * `downgrade()` running one `op.execute` per statement (inside `autocommit_block()` when
 * `transaction` is false), and the seed-001 parity constants.
 * Alembic turns a string into SQLAlchemy `text()`, where `:name` is a bind parameter: every
 * colon is written `\:`, which `text()` turns back into a colon.
 */
function renderAlembic(input: FormatInput): string {
  const revision = buildAlembicRevision(input.number);
  const down = input.number === 1 ? "None" : renderString(buildAlembicRevision(input.number - 1));
  const labels = input.number === 1 ? '("permgen",)' : "None";
  const lines = new LineBuffer();
  lines.push(
    `"""permgen migration ${String(input.number).padStart(4, "0")} (${input.dialect}): ${input.slug}.`,
    "",
    `Revision ID: ${revision}`,
    `Revises: ${input.number === 1 ? "" : buildAlembicRevision(input.number - 1)}`.trimEnd(),
    '"""',
    "",
    "from __future__ import annotations",
    "",
    // context.get_context() is typed in every Alembic with type stubs; op.get_context() is
    // untyped before 1.9 (mypy --strict: no-untyped-call).
    input.transaction ? "from alembic import op" : "from alembic import context, op",
    "",
    `revision: str = ${renderString(revision)}`,
    `down_revision: str | None = ${down}`,
    `branch_labels: tuple[str, ...] | None = ${labels}`,
    "depends_on: str | None = None",
    "",
    "# The permission keys and (role, permission key) links this revision adds.",
  );
  // Straight into the file's lines, no list of the items first (100k of them at 100k pairs).
  writeTuple(lines, "_DELTA_PERMISSIONS: tuple[str, ...]", input.delta.addPermissions, (p) =>
    renderString(p.key),
  );
  writeTuple(
    lines,
    "_DELTA_GROUP_PERMISSIONS: tuple[tuple[str, str], ...]",
    input.delta.grant,
    (l) => `(${renderString(l.role)}, ${renderString(l.key)})`,
  );
  lines.push("", "");
  writeAlembicFunction(lines, "upgrade", input.up, input.transaction, input.dialect);
  lines.push("", "");
  writeAlembicFunction(lines, "downgrade", input.down, input.transaction, input.dialect);
  lines.push("");
  return lines.text();
}

/** A Python tuple assignment, one `render(record),` item a line (`()` when there is none). */
function writeTuple<T>(
  lines: LineSink,
  target: string,
  records: readonly T[],
  render: (record: T) => string,
): void {
  if (records.length === 0) {
    lines.push(`${target} = ()`);
    return;
  }
  lines.push(`${target} = (`);
  for (const record of records) lines.push(`    ${render(record)},`);
  lines.push(")");
}

function writeAlembicFunction(
  lines: LineSink,
  name: string,
  groups: readonly StatementGroup[],
  transaction: boolean,
  dialect: SqlDialect,
): void {
  const pad = transaction ? "    " : "        ";
  lines.push(`def ${name}() -> None:`);
  if (!transaction) lines.push("    with context.get_context().autocommit_block():");
  if (!transaction && dialect === "sqlite") {
    lines.push(`${pad}op.execute("PRAGMA foreign_keys = ON")`);
  }
  for (const group of groups) {
    lines.push(`${pad}${renderPythonLineComment(group.comment)}`);
    const sql = group.statement.join("\n").replace(/;$/, "").replaceAll(":", "\\:");
    lines.push(`${pad}op.execute(${renderString(sql)})`);
  }
}
