/**
 * The SQL emitter: a folder of delta migrations that keep three tables equal to the schema.
 *
 * History lives in `permgen-migrations.json` (see migration-manifest.ts), never in the SQL files
 * themselves. Each run:
 * 1. reads the manifest from `context.existingFiles` (none: a new history starts);
 * 2. renders every recorded migration again from its delta and checks it against the recorded
 *    sha256, so a hand-edited manifest is an error, while a hand-edited or deleted SQL file comes
 *    out of the pipeline as drift ("modified" / "missing") that `generate` repairs byte for byte;
 * 3. folds the deltas into the rows a database holds after the last migration (and the schema
 *    digest its metadata table records), diffs them with the rows and digest the model asks for
 *    (ids = lock ids) and, when anything differs, appends ONE migration with that delta, written
 *    with the target's current `transaction` option and header;
 * 4. except that migrations at the end of the history that git has not committed yet
 *    (`context.uncommittedFiles`) are folded into that change: it replaces them, diffed from the
 *    state before them, numbered in their place ("rewritten … (not committed yet)"), and a
 *    change that undoes them leaves none. Outside git history only appends.
 *
 * Each migration keeps the header it was written with (the manifest records the schema path
 * when it differs from its own): after the schema moves, applied files stay byte for byte.
 *
 * Refused (diagnostics instead of files, exit 2, nothing written), because each would silently
 * rewrite or drop history: a manifest that is missing while migrations exist; one that does not
 * parse, is inconsistent or does not match its checksums; a dialect or table name that differs
 * from the history's (the `transaction` option may change: each migration keeps the value it
 * was written with); a migration file carrying this schema's header that the manifest does not
 * list (the pipeline would delete it as an orphan, yet it may already be applied somewhere).
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { Codes } from "../../diagnostics/codes.js";
import { findConflictMarker } from "../../diagnostics/conflict-markers.js";
import { buildJsonLocator } from "../../diagnostics/json-position.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Lock } from "../../lock/lock.js";
import type { Model, Permission } from "../../model/model.js";
import type { EmitContext, EmitResult, EmittedFile } from "../target.js";
import type { SqlFormat, SqlOptions, SqlTableNames } from "./sql-options.js";
import {
  DEFAULT_COLUMN_NAMES,
  hasDefaultColumns,
  resolveColumnNames,
  resolveTableNames,
  TABLE_NAME_FIELDS,
} from "./sql-options.js";
import type { TableState } from "./migration-delta.js";
import {
  applyDeltaInPlace,
  buildModelState,
  copyState,
  createEmptyState,
  diffStates,
  isEmptyDelta,
} from "./migration-delta.js";
import type {
  Manifest,
  ManifestMigration,
  ManifestPath,
  ManifestPosition,
} from "./migration-manifest.js";
import { MANIFEST_FILE_NAME, parseManifest, serializeManifest } from "./migration-manifest.js";
import { buildMigrationFileName, MIGRATION_FILE_PATTERN } from "./name-migration.js";
import { invertDelta, selectInverseRows } from "./migration-invert.js";
import type { FormatFile } from "./render-format.js";
import { buildFormatFileNames, renderFormatFiles } from "./render-format.js";
import type { MigrationInput } from "./render-sql.js";
import {
  renderAdoptionDown,
  renderDropTables,
  renderMigrationBody,
  renderSqlLineComment,
  renderStatementGroups,
} from "./render-sql.js";
import { renderPythonLineComment } from "../python/render-python.js";
import { formatHeaderText } from "../../output/header.js";

/**
 * Emits the migrations folder: every migration of the history rendered again, a new migration
 * when the model differs from the state the history leaves, and the manifest; or, for a history
 * it must not touch (see the top of this file), the diagnostics that say why and no files.
 */
export function emitSql(model: Model, options: SqlOptions, context: EmitContext): EmitResult {
  const manifestFile = path.join(options.out, MANIFEST_FILE_NAME);
  const tables = resolveTableNames(options);
  const format = options.format ?? "plain";
  const columns = resolveColumnNames(options);
  const manifestText = context.existingFiles.get(manifestFile);
  const existingMigrations = [...context.existingFiles.keys()].filter(
    (file) => path.dirname(file) === options.out && MIGRATION_EXTENSIONS.test(file),
  );
  if (manifestText === undefined && existingMigrations.length > 0) {
    return {
      ok: false,
      diagnostics: [
        {
          code: Codes.MigrationHistory,
          message: `${MANIFEST_FILE_NAME} is missing (or is no file permgen wrote: not a regular file, or without its header), but ${existingMigrations.length} migration(s) generated by permgen are in this folder; permgen renders migrations from that file and will not start a new history over them: restore it from version control (or delete the folder's migrations to start over)`,
          file: manifestFile,
        },
      ],
    };
  }
  const read: HistoryRead =
    manifestText === undefined
      ? {
          ok: true as const,
          manifest: { dialect: options.dialect, format, tables, columns, migrations: [] },
          final: createEmptyState(),
          stateAfter: () => createEmptyState(),
          rendered: [],
        }
      : // The watch keeps the last history read: the same manifest text under the same options
        // (tables and columns are the options') reads the same (readHistory is pure).
        (context.reuse ?? runNow)("history", [manifestFile, manifestText, options], () =>
          readHistory(manifestFile, manifestText, options, tables),
        );
  if (!read.ok) return read;
  const history = read.manifest;
  // The rows a database holds after the history, and after its first k migrations.
  const { final, stateAfter } = read;
  // Each migration's files, rendered once: the files written are the bytes the sha256 covers.
  const rendered: (readonly FormatFile[])[] = [...read.rendered];
  const wanted = buildModelState(model);
  const disagreements = checkHistoryIds(final, model, context.lock, wanted, manifestFile);
  if (disagreements.length > 0) return { ok: false, diagnostics: disagreements };
  const count = history.migrations.length;
  let migrations = [...history.migrations];
  let folded: readonly ManifestMigration[] = [];
  // The number of migrations kept before the folded ones.
  let foldedAfter = 0;
  let added: ManifestMigration | undefined;
  const pending = diffStates(final, wanted);
  if (count === 0 || !isEmptyDelta(pending)) {
    // Migrations at the end of the history that git has not committed yet cannot be applied
    // anywhere but here: the change is folded into them instead of following them.
    const kept = countCommittedPrefix(
      history.migrations,
      options.out,
      format,
      context.uncommittedFiles,
    );
    folded = migrations.slice(kept);
    foldedAfter = kept;
    migrations = migrations.slice(0, kept);
    const before = kept === count ? final : stateAfter(kept);
    const delta = kept === count ? pending : diffStates(before, wanted);
    // A change undone before it was committed leaves nothing to migrate (but the first
    // migration, which creates the tables, always exists).
    if (migrations.length === 0 || !isEmptyDelta(delta)) {
      const number = migrations.length + 1;
      const transaction = options.transaction ?? true;
      const schemaPath = model.header;
      // Only the first migration adopts; the option is read when it is written.
      const adopt = number === 1 && options.adopt === true;
      const input = {
        schemaPath,
        dialect: options.dialect,
        tables,
        columns,
        adopt,
        number,
        transaction,
        delta,
      };
      const file = buildMigrationFileName(number, delta);
      const addedFiles = renderMigrationFiles({ ...input, format, slug: readSlug(file), before });
      const sha256 = hashMigrationFiles(format, addedFiles);
      added = { file, sha256, transaction, ...(adopt ? { adopt } : {}), schema: schemaPath, delta };
      migrations.push(added);
      rendered[migrations.length - 1] = addedFiles;
    }
  }
  const files: EmittedFile[] = [];
  // Whether each emitted file belongs to a migration of the history as it was read.
  const recorded: boolean[] = [];
  migrations.forEach((migration, index) => {
    const bodies = rendered[index];
    // Every kept migration was rendered by readHistory, the added one above.
    if (bodies === undefined) throw new Error(`unreachable: migration ${index + 1} not rendered`);
    for (const file of buildMigrationFiles(model, options, migration, bodies)) {
      const replaces = migration === added && folded.length > 0;
      files.push(replaces ? { ...file, replacesUncommitted: true } : file);
      recorded.push(migration !== added && index < count);
    }
  });
  const foldedFiles = new Set(
    folded.flatMap((m, i) =>
      buildFormatFileNames(format, foldedAfter + i + 1, readSlug(m.file), m.transaction).map(
        (name) => path.join(options.out, name),
      ),
    ),
  );

  // A new migration may take the place of a stray file only when the bytes are the same (the
  // same change generated on another branch); anything else could be applied somewhere already.
  const listed = new Set(
    files
      .filter((f, i) => recorded[i] === true || context.existingFiles.get(f.path) === f.content)
      .map((f) => f.path),
  );
  // Folded migrations leave the manifest on purpose; the pipeline deletes them as orphans.
  const unlisted = existingMigrations.filter((file) => !listed.has(file) && !foldedFiles.has(file));
  if (unlisted.length > 0) {
    return {
      ok: false,
      diagnostics: unlisted.map((file) => ({
        code: Codes.MigrationHistory,
        message: `this migration carries permgen's header but ${MANIFEST_FILE_NAME} does not list it; permgen never deletes a migration, which may already be applied: delete it by hand if it never was, or restore its entry in ${MANIFEST_FILE_NAME} from version control`,
        file,
      })),
    };
  }
  const manifest: Manifest = { dialect: options.dialect, format, tables, columns, migrations };
  const content = serializeManifest(manifest, model.header);
  files.push({ path: manifestFile, content, format: "none" });
  // In the watch, the next save reads this manifest first: read it now, while the watch waits
  // (the very call the next run makes, so it finds the result by the same key).
  const { reuse, afterRun } = context;
  if (reuse !== undefined && afterRun !== undefined) {
    afterRun(() => {
      reuse("history", [manifestFile, content, options], () =>
        readHistory(manifestFile, content, options, tables),
      );
    });
  }
  return { ok: true, files };
}

/**
 * A history read from the manifest: continuable, or every reason it is not. A continuable one
 * comes with what checking it computed, so nothing is folded or rendered twice: the state after
 * the whole history, the state after its first `k` migrations on demand (`stateAfter(k)`, for
 * a change folded into uncommitted ones: a replay of those `k`, at most once per run), and each
 * migration's files after their header lines (the bytes its sha256 was checked against).
 * Only the last state is kept, not one per migration (each was a copy of every table: at 300
 * migrations of a 2,000-pair vocabulary the emit took 1.1–1.4 s and 300 MiB, now 0.55 s and
 * 215 MiB).
 */
type HistoryRead =
  | {
      readonly ok: true;
      readonly manifest: Manifest;
      readonly final: TableState;
      readonly stateAfter: (count: number) => TableState;
      readonly rendered: readonly (readonly FormatFile[])[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parses the manifest and checks that the history can be continued: same dialect and tables
 * as configured, file names numbered 0001, 0002, … in order, every delta applicable to the state
 * before it, every rendered migration matching its sha256. Returns every problem, positioned in
 * the manifest, otherwise.
 */
function readHistory(
  manifestFile: string,
  content: string,
  options: SqlOptions,
  tables: SqlTableNames,
): HistoryRead {
  const marker = findConflictMarker(content);
  if (marker !== undefined) {
    // Two branches each appended to the history: say so, not "invalid JSON".
    const position = buildJsonLocator(content)(marker);
    const message = `${MANIFEST_FILE_NAME} has git merge conflict markers: run \`permgen resolve\`, which keeps the migrations of the branch merged into and writes the other side's changes as one new migration after them`;
    return { ok: false, diagnostics: [buildDiagnostic(manifestFile, position, message)] };
  }
  const parsed = parseManifest(content);
  const edited = `${MANIFEST_FILE_NAME} is not as permgen wrote it`;
  const restore = "restore it from version control";
  if (parsed.problems !== undefined) {
    return {
      ok: false,
      diagnostics: parsed.problems.map((p) =>
        buildDiagnostic(manifestFile, p, `${edited} (${p.message}); ${restore}`),
      ),
    };
  }
  const { manifest, locate } = parsed;
  const at = (where: ManifestPath, message: string): Diagnostic =>
    buildDiagnostic(manifestFile, locate(where), message);
  const problems: Diagnostic[] = [];
  const format = options.format ?? "plain";
  if (manifest.format !== format) {
    problems.push(
      at(
        manifest.format === "plain" ? ["dialect"] : ["format"],
        `the migrations in this folder are written for ${JSON.stringify(manifest.format)}, but the target's format is ${JSON.stringify(format)}; a history cannot change format (its runner has applied these files as they are): set "format" back, or point "out" at a new folder`,
      ),
    );
  }
  if (manifest.dialect !== options.dialect) {
    problems.push(
      at(
        ["dialect"],
        `the migrations in this folder are for ${manifest.dialect}, but the target's dialect is ${options.dialect}; a history cannot change dialect: set "dialect" back, or point "out" at a new folder`,
      ),
    );
  }
  for (const name of TABLE_NAME_FIELDS) {
    if (manifest.tables[name] === tables[name]) continue;
    problems.push(
      at(
        ["tables", name],
        `the migrations in this folder create the ${name} table as "${manifest.tables[name]}", but the target's tables.${name} is "${tables[name]}"; existing migrations are never rewritten: set it back, or point "out" at a new folder`,
      ),
    );
  }
  const columns = resolveColumnNames(options);
  if (JSON.stringify(manifest.columns) !== JSON.stringify(columns)) {
    problems.push(
      at(
        hasDefaultColumns(manifest.columns) ? ["tables"] : ["columns"],
        `the migrations in this folder name the columns ${JSON.stringify(manifest.columns)}, but the target's tables give ${JSON.stringify(columns)}; existing migrations are never rewritten: set them back, or point "out" at a new folder`,
      ),
    );
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  // One state, changed in place migration after migration (see HistoryRead).
  const state = copyState(createEmptyState());
  const rendered: FormatFile[][] = [];
  for (const [index, migration] of manifest.migrations.entries()) {
    const number = index + 1;
    const match = MIGRATION_FILE_PATTERN.exec(migration.file);
    if (
      match === null ||
      Number(match[1]) !== number ||
      match[1] !== String(number).padStart(4, "0")
    ) {
      problems.push(
        at(
          ["migrations", index, "file"],
          `${edited}: migration ${number} must be named "${String(number).padStart(4, "0")}_<change>.sql", not ${JSON.stringify(migration.file)}; ${restore}`,
        ),
      );
      break;
    }
    // The rows the migration's down statements restore, as they were before it.
    const before = selectInverseRows(state, migration.delta);
    const problem = applyDeltaInPlace(state, migration.delta);
    if (problem !== undefined) {
      problems.push(
        at(
          ["migrations", index, ...problem.at],
          `${edited}: migration ${migration.file} cannot apply after the ones before it (${problem.message}); ${restore}`,
        ),
      );
      break;
    }
    const input = {
      schemaPath: "",
      dialect: manifest.dialect,
      tables,
      number,
      transaction: migration.transaction,
      delta: migration.delta,
      columns: manifest.columns,
      adopt: migration.adopt === true,
      format: manifest.format,
      slug: match[2] ?? "",
      before,
    };
    // The format, dialect, tables and columns equal the target's (checked above), so these are
    // the very files the emitter writes for this migration.
    const files = renderMigrationFiles(input);
    rendered.push(files);
    if (hashMigrationFiles(manifest.format, files) !== migration.sha256) {
      problems.push(
        at(
          ["migrations", index, "sha256"],
          `${edited}: the entry of ${migration.file} does not match its sha256, so it was edited by hand; permgen renders migrations from this file and never rewrites an applied one: ${restore}`,
        ),
      );
      break;
    }
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  const stateAfter = (count: number): TableState => {
    // The history applied as a whole above, so each of its prefixes applies too.
    const prefix = copyState(createEmptyState());
    for (const migration of manifest.migrations.slice(0, count)) {
      if (applyDeltaInPlace(prefix, migration.delta) !== undefined) {
        throw new Error("unreachable: a prefix of an applicable history does not apply");
      }
    }
    return prefix;
  };
  return { ok: true, manifest, final: state, stateAfter, rendered };
}

/** `compute()`: what an emitter does without the watch's memo (EmitContext.reuse). */
function runNow<T>(_part: string, _key: readonly unknown[], compute: () => T): T {
  return compute();
}

/** The files the pipeline may find of this target's migrations (the manifest aside). */
const MIGRATION_EXTENSIONS = /\.(sql|py|sql\.conf)$/;

/** Everything a migration's files depend on, in every format. */
interface FormatMigrationInput extends MigrationInput {
  readonly format: SqlFormat;
  readonly slug: string;
  /** The rows before the migration, which its down migration restores. */
  readonly before: TableState;
}

/** The slug of a manifest file name (`0002_add_soc_user_manage.sql` → `add_soc_user_manage`). */
function readSlug(file: string): string {
  return MIGRATION_FILE_PATTERN.exec(file)?.[2] ?? "";
}

/**
 * Renders the files of one migration after their header lines: the plain format's one file
 * exactly as before formats existed (its checksum is in every older manifest), or the format's
 * files with the down statements (the inverse of the delta, or the tables dropped for the first).
 */
function renderMigrationFiles(input: FormatMigrationInput): FormatFile[] {
  if (input.format === "plain") {
    const name = buildFormatFileNames("plain", input.number, input.slug, input.transaction)[0];
    return [{ name: name ?? "", comment: "sql", body: renderMigrationBody(input) }];
  }
  const newlines: "raw" | "call" =
    input.format === "goose" || input.format === "dbmate" ? "call" : "raw";
  const { dialect, tables, delta } = input;
  const first = input.number === 1;
  const columns = input.columns ?? DEFAULT_COLUMN_NAMES;
  const adopt = first && input.adopt === true;
  const common = { dialect, tables, columns, adopt, newlines };
  const up = renderStatementGroups({ ...common, createTables: first, delta });
  const down = adopt
    ? renderAdoptionDown(tables, columns)
    : first
      ? renderDropTables(tables)
      : renderStatementGroups({
          ...common,
          createTables: false,
          delta: invertDelta(input.before, delta),
        });
  return renderFormatFiles({
    format: input.format,
    dialect,
    number: input.number,
    slug: input.slug,
    transaction: input.transaction,
    up,
    down,
    delta,
  });
}

/**
 * The emitted files of one migration: its rendered files (`renderMigrationFiles`) each after the
 * header it was written with, since runners checksum applied files.
 */
function buildMigrationFiles(
  model: Model,
  options: SqlOptions,
  migration: ManifestMigration,
  rendered: readonly FormatFile[],
): EmittedFile[] {
  const header = formatHeaderText(migration.schema ?? model.header);
  return rendered.map((file) => {
    const line =
      file.comment === "sql" ? renderSqlLineComment(header) : renderPythonLineComment(header);
    const content = `${line}\n${file.body}`;
    return { path: path.join(options.out, file.name), content, format: "none" };
  });
}

/**
 * How many migrations at the start of `history` stay as they are: all but the run at the end
 * whose files git reports as not committed yet (`uncommitted`: untracked, or added but not in
 * `HEAD`). Without git's answer (outside git) that is all of them: history only appends.
 */
function countCommittedPrefix(
  history: readonly ManifestMigration[],
  out: string,
  format: SqlFormat,
  uncommitted: (() => ReadonlySet<string>) | undefined,
): number {
  let kept = history.length;
  // Asked only when there is a migration to look up (an empty history folds nothing).
  const files = kept > 0 ? uncommitted?.() : undefined;
  while (kept > 0) {
    const last = history[kept - 1];
    if (last === undefined) break;
    const [name = ""] = buildFormatFileNames(format, kept, readSlug(last.file), last.transaction);
    if (files?.has(path.join(out, name)) !== true) break;
    kept -= 1;
  }
  return kept;
}

/**
 * The sha256 the manifest records for a migration, from its rendered files: of its text after
 * the header line (plain), or of each file's name and text after its header line, NUL-separated
 * (every other format). The pieces are fed to the hash one by one, the same bytes as their
 * concatenation without building it.
 */
function hashMigrationFiles(format: SqlFormat, files: readonly FormatFile[]): string {
  const hash = createHash("sha256");
  if (format === "plain") {
    hash.update(files[0]?.body ?? "");
    return hash.digest("hex");
  }
  files.forEach((file, index) => {
    if (index > 0) hash.update("\u0000");
    hash.update(file.name);
    hash.update("\n");
    hash.update(file.body);
  });
  return hash.digest("hex");
}

/** At most this many id disagreements are listed one by one (a lock from elsewhere has thousands). */
const MAX_ID_DISAGREEMENTS = 10;

/**
 * The ids the migrations gave, against the lock this run leaves (the model's ids, its `nextId`
 * and its rename record), before any migration is diffed from them: a permission of the
 * history whose id the lock has not given yet (at or above `nextId`), a key whose id differs,
 * or an id whose key differs with no rename between the two (a `@renamedFrom` still in the
 * schema, or one the lock recorded). Each means the lock and the history came apart — a run
 * stopped after renaming the migrations into place and before the lock, a lock restored from
 * another commit, a hand edit — and the next migration would move an id or give it to another
 * key in every database that applied the history (a silent grant). Refused (PG0604) instead.
 */
function checkHistoryIds(
  final: TableState,
  model: Model,
  lock: Lock,
  wanted: TableState,
  file: string,
): Diagnostic[] {
  const { nextId } = lock;
  // Built on the first disagreement: a history in step with the lock needs neither.
  let byKey: Map<string, Permission> | undefined;
  let byId: Map<number, Permission> | undefined;
  const problems: string[] = [];
  let more = 0;
  const report = (message: string): void => {
    if (problems.length < MAX_ID_DISAGREEMENTS) problems.push(message);
    else more++;
  };
  for (const row of final.permissions.values()) {
    const same = wanted.permissions.get(row.id);
    // The common case, the id with its key: nothing to look up.
    if (same !== undefined && same.key === row.key) continue;
    if (row.id >= nextId) {
      report(`the migrations give id ${row.id} to ${JSON.stringify(row.key)}, but the lock's nextId is ${nextId}: the lock has not given that id yet`);
      continue;
    }
    byKey ??= new Map(model.permissions.map((p) => [p.key, p]));
    const now = byKey.get(row.key);
    if (now !== undefined && now.id !== row.id) {
      report(`${JSON.stringify(row.key)} has id ${row.id} in the migrations but id ${now.id} in the lock: an id never moves`);
      continue;
    }
    byId ??= new Map(model.permissions.map((p) => [p.id, p]));
    const holder = byId.get(row.id);
    // Renamed by a tag still in the schema, or by one the lock recorded (a rename resolve
    // carried over from the other side of a merge).
    if (holder !== undefined && holder.renamedFrom?.key !== row.key && lock.renamed?.get(row.key) !== holder.key) {
      report(`id ${row.id} is ${JSON.stringify(row.key)} in the migrations but ${JSON.stringify(holder.key)} in the lock, and no @renamedFrom renames the one into the other`);
    }
  }
  if (problems.length === 0) return [];
  const advice =
    `: ${MANIFEST_FILE_NAME} and permgen.lock.json disagree (a run stopped after writing the migrations and before the lock, a lock from another commit, a hand edit), and a migration from here would change what that id means in every database that applied them. ` +
    "Restore permgen.lock.json from version control, or delete it and rebuild it from the generated files with `permgen lock --recover`";
  const messages = problems.map((problem) => problem + advice);
  if (more > 0) messages.push(`and ${more} more id(s) the migrations and the lock disagree on`);
  return messages.map((message) => ({ code: Codes.MigrationHistory, message, file }));
}

function buildDiagnostic(file: string, position: ManifestPosition, message: string): Diagnostic {
  return {
    code: Codes.MigrationHistory,
    message,
    file,
    line: position.line,
    column: position.column,
  };
}
