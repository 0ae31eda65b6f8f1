/**
 * The migration runners permgen writes for, as their documentation and sources describe them,
 * re-implemented here for the ones that do not install on this machine (goose, golang-migrate,
 * Flyway, sqlx) and for dbmate and plain as a second opinion: which files each runner picks up,
 * in which order, what of a file it sends for up and for down, and whether it wraps that in a
 * transaction. The tests apply those scripts to real SQLite and PGlite, so a file a runner would
 * read differently than permgen meant fails here.
 *
 * Rules followed (each checked in the runner's source or docs):
 * - goose (pressly/goose internal/sqlparser/parser.go): version = the digits before the first
 *   `_`; lines before `-- +goose Up` may only be blank or comments; a statement ends at a line
 *   whose last word before `--` ends with `;`, or at `-- +goose StatementEnd`; `-- +goose NO
 *   TRANSACTION` anywhere turns the transaction off.
 * - dbmate (amacneil/dbmate pkg/dbmate/migration.go): `^(\d+).*\.sql$`; `-- migrate:up` and
 *   (since v2) `-- migrate:down` required, up first, only comments and blank lines before it;
 *   the up block runs to the down marker; `transaction:false` on a marker line opts out.
 * - golang-migrate (source/parse.go): `^([0-9]+)_(.*)\.(down|up)\.(.*)$`; the file is sent as it
 *   is; the sqlite3 driver wraps it in a transaction unless `x-no-tx-wrap`, postgres does not.
 * - Flyway: `V<version>__<description>.sql`, undo `U<version>__<description>.sql`, versions
 *   compared numerically; a `<script>.conf` with `executeInTransaction=false` opts out.
 * - sqlx (sqlx-core migrate/source.rs): `<version>_<description>.up.sql` / `.down.sql`, version
 *   an i64; each file runs in a transaction unless it starts with `-- no-transaction`.
 */
import path from "node:path";
import type { SqlFormat } from "../../src/targets/sql/sql-options.js";

/** One script a runner sends to the database. */
export interface RunnerScript {
  readonly file: string;
  readonly sql: string;
  /** Whether the runner wraps it in a transaction of its own. */
  readonly transaction: boolean;
}

/** The up scripts (in apply order) and the down scripts (in the order a full rollback runs). */
export interface RunnerPlan {
  readonly up: readonly RunnerScript[];
  readonly down: readonly RunnerScript[];
}

/** What `buildRunnerPlan` reads: file name → content of the migrations folder. */
export type FolderFiles = ReadonlyMap<string, string>;

/** Plans what `format`'s runner does with the folder; throws where the runner would refuse. */
export function buildRunnerPlan(format: SqlFormat, files: FolderFiles, sqlite: boolean): RunnerPlan {
  switch (format) {
    case "plain": {
      const names = [...files.keys()].filter((n) => /^\d{4,}_[a-z0-9_]+\.sql$/.test(n)).sort();
      return { up: names.map((file) => ({ file, sql: read(files, file), transaction: false })), down: [] };
    }
    case "golang-migrate":
      return planPairs(files, /^([0-9]+)_(.*)\.(down|up)\.sql$/, () => sqlite);
    case "sqlx":
      return planPairs(files, /^(\d+)_(.*)\.(down|up)\.sql$/, (sql) => !sql.startsWith("-- no-transaction"));
    case "flyway":
      return planFlyway(files);
    case "goose":
      return planSingle(files, /^(\d+)_.*\.sql$/, parseGoose);
    case "dbmate":
      return planSingle(files, /^(\d+).*\.sql$/, parseDbmate);
    case "alembic":
      throw new Error("alembic revisions are Python: run them with alembic itself");
  }
}

function read(files: FolderFiles, name: string): string {
  const text = files.get(name);
  if (text === undefined) throw new Error(`no file ${name}`);
  return text;
}

function byVersion(pattern: RegExp) {
  return (a: string, b: string): number =>
    Number(pattern.exec(a)?.[1]) - Number(pattern.exec(b)?.[1]);
}

function planPairs(
  files: FolderFiles,
  pattern: RegExp,
  wraps: (sql: string) => boolean,
): RunnerPlan {
  const names = [...files.keys()].filter((n) => pattern.test(n)).sort(byVersion(pattern));
  const script = (file: string): RunnerScript => {
    const sql = read(files, file);
    return { file, sql, transaction: wraps(sql) };
  };
  const up = names.filter((n) => pattern.exec(n)?.[3] === "up").map(script);
  const down = names
    .filter((n) => pattern.exec(n)?.[3] === "down")
    .reverse()
    .map(script);
  if (up.length !== down.length) throw new Error("an up migration without its down, or the reverse");
  return { up, down };
}

function planFlyway(files: FolderFiles): RunnerPlan {
  const pattern = /^([VU])(\d+)__(.+)\.sql$/;
  const names = [...files.keys()]
    .filter((n) => pattern.test(n))
    .sort((a, b) => Number(pattern.exec(a)?.[2]) - Number(pattern.exec(b)?.[2]));
  const script = (file: string): RunnerScript => {
    const conf = files.get(`${file}.conf`);
    const transaction = conf === undefined || !/^executeInTransaction=false$/m.test(conf);
    return { file, sql: read(files, file), transaction };
  };
  return {
    up: names.filter((n) => n.startsWith("V")).map(script),
    down: names.filter((n) => n.startsWith("U")).reverse().map(script),
  };
}

/** A single-file format parsed into its up and down statements. */
interface ParsedFile {
  readonly up: readonly string[];
  readonly down: readonly string[];
  readonly transaction: boolean;
}

function planSingle(
  files: FolderFiles,
  pattern: RegExp,
  parse: (text: string) => ParsedFile,
): RunnerPlan {
  const names = [...files.keys()].filter((n) => pattern.test(n)).sort(byVersion(pattern));
  const parsed = names.map((file) => ({ file, ...parse(read(files, file)) }));
  return {
    up: parsed.map((p) => ({ file: p.file, sql: joinStatements(p.up), transaction: p.transaction })),
    down: [...parsed]
      .reverse()
      .map((p) => ({ file: p.file, sql: joinStatements(p.down), transaction: p.transaction })),
  };
}

function joinStatements(statements: readonly string[]): string {
  return statements.map((s) => `${s}\n`).join("");
}

/** goose's parser (internal/sqlparser/parser.go), state for state. */
export function parseGoose(text: string): ParsedFile {
  type State = "start" | "up" | "upBlock" | "down" | "downBlock";
  let state: State = "start";
  let transaction = true;
  const statements = { up: [] as string[], down: [] as string[] };
  let buffer = "";
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    if (state === "start" && line.trim() === "") continue;
    if (line.startsWith("--")) {
      const command = line.slice(2).trim();
      if (command === "+goose Up") {
        if (state !== "start") throw new Error("duplicate '-- +goose Up'");
        state = "up";
        continue;
      }
      if (command === "+goose Down") {
        if (state !== "up") throw new Error("'-- +goose Down' outside the up section");
        if (buffer.trim() !== "") throw new Error(`unfinished statement: ${buffer}`);
        state = "down";
        continue;
      }
      if (command === "+goose StatementBegin") {
        if (state === "up") state = "upBlock";
        else if (state === "down") state = "downBlock";
        else throw new Error("StatementBegin outside Up/Down");
        continue;
      }
      if (command === "+goose StatementEnd") {
        if (state === "upBlock") state = "up";
        else if (state === "downBlock") state = "down";
        else throw new Error("StatementEnd without StatementBegin");
        statements[state === "up" ? "up" : "down"].push(buffer.trim());
        buffer = "";
        continue;
      }
      if (command === "+goose NO TRANSACTION") {
        transaction = false;
        continue;
      }
    }
    if (buffer === "" && (line.trim().startsWith("--") || line === "")) continue;
    if (state === "start") throw new Error(`a statement before '-- +goose Up': ${line}`);
    buffer += `${line}\n`;
    if ((state === "up" || state === "down") && gooseEndsWithSemicolon(line)) {
      statements[state].push(buffer.trim());
      buffer = "";
    }
  }
  if (state === "start") throw new Error("no '-- +goose Up'");
  if (state === "upBlock" || state === "downBlock") throw new Error("missing StatementEnd");
  if (buffer.trim() !== "") throw new Error(`unfinished statement: ${buffer}`);
  return { ...statements, transaction };
}

function gooseEndsWithSemicolon(line: string): boolean {
  let previous = "";
  for (const word of line.split(/\s+/).filter((w) => w !== "")) {
    if (word.startsWith("--")) break;
    previous = word;
  }
  return previous.endsWith(";");
}

/** dbmate's parser (pkg/dbmate/migration.go): the regexes and checks it applies. */
export function parseDbmate(text: string): ParsedFile {
  const up = /^--\s*migrate:up(\s*$|\s+\S+)/m.exec(text);
  const down = /^--\s*migrate:down(\s*$|\s+\S+)$/m.exec(text);
  if (up === null) throw new Error("dbmate requires each migration to define an up block");
  if (down === null) throw new Error("dbmate requires each migration to define a down block");
  if (up.index > down.index) throw new Error("'-- migrate:up' must come before '-- migrate:down'");
  for (const line of text.slice(0, up.index).split("\n")) {
    if (!/^\s*$/.test(line) && !/^\s*--/.test(line)) {
      throw new Error("dbmate does not support statements preceding the '-- migrate:up' block");
    }
  }
  const upBlock = text.slice(up.index, down.index);
  const downBlock = text.slice(down.index);
  const noTransaction = (block: string): boolean =>
    /\btransaction:false\b/.test(block.split("\n", 1)[0] ?? "");
  if (noTransaction(upBlock) !== noTransaction(downBlock)) {
    throw new Error("permgen writes the same transaction option on both blocks");
  }
  return { up: [upBlock], down: [downBlock], transaction: !noTransaction(upBlock) };
}

/** What a database holds, as text: every row of the four tables in a fixed order. */
export const SNAPSHOT_SQL = [
  "SELECT id, key, resource, action, coalesce(description, '<null>') FROM permgen_permission ORDER BY id;",
  "SELECT name, coalesce(description, '<null>') FROM permgen_role ORDER BY name;",
  "SELECT role, permission_id FROM permgen_role_permission ORDER BY role, permission_id;",
  "SELECT key, value FROM permgen_meta ORDER BY key;",
].join("\n");

/** The file names of a folder's emitted files (path → content) as `FolderFiles`. */
export function toFolderFiles(files: ReadonlyMap<string, string>): FolderFiles {
  return new Map([...files].map(([file, text]) => [path.basename(file), text]));
}
