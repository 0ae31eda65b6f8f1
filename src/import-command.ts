/**
 * `permgen import SOURCE… [--out PATH] [--ids FILE] [--force]` (CONTRACT §13): reads an existing
 * vocabulary (src/import/: Python and Rust through tree-sitter, TypeScript through ts-morph, JSON
 * and CSV key lists), builds a schema file from it, checks that file with the schema reader and
 * model builder `validate` uses, and writes it — with the lock when ids came from `--ids` or a
 * source — through the output stage (temporary file, fsync, rename). Nothing is written when
 * anything is wrong, and neither the schema nor the lock is replaced without `--force`.
 *
 * Where files go: with a config (found as every command finds it), `--out` defaults to the
 * config's schema and the lock to the config's; without one, `schema/permissions.ts` and
 * `permgen.lock.json` in the current folder, where `permgen init` then finds them.
 */
import path from "node:path";
import { Codes } from "./diagnostics/codes.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { DiagnosticError, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { findConfigFile } from "./config/find-config.js";
import type { ImportedId, SourceReading } from "./import/imported-vocabulary.js";
import { readCsvKeyList, readJsonKeyList } from "./import/read-key-list.js";
import { findDeepJson } from "./loading/json-depth.js";
import type { ImportSummary } from "./import/render-schema.js";
import { buildImportedSchema } from "./import/render-schema.js";
import { sortById } from "./lock/assign-ids.js";
import { EMPTY_LOCK } from "./lock/lock.js";
import type { Lock } from "./lock/lock.js";
import { parseIdImport } from "./lock/parse-id-import.js";
import { parseLock } from "./lock/parse-lock.js";
import { serializeLock } from "./lock/serialize-lock.js";
import { loadModel } from "./model/load-model.js";
import { describeUnreadableInput, readInputFile } from "./output/read-files.js";
import { findRepositoryRoot, formatRepositoryPath, resolveExistingPrefix } from "./output/repository.js";
import { buildConfigClaim } from "./output/repository.js";
import { findBlockedPaths, readExistingFiles, writeOutputs } from "./output/write.js";
import type { Outcome } from "./index.js";
import { loadConfig } from "./pipeline.js";

/** What `import` is asked to do; paths as given on the command line (relative to `cwd`). */
export interface ImportOptions {
  readonly cwd: string;
  readonly config?: string | undefined;
  readonly sources: readonly string[];
  readonly out?: string | undefined;
  readonly ids?: string | undefined;
  readonly force: boolean;
}

/** What `import` wrote. */
export interface ImportCommandResult {
  readonly schemaPath: string;
  readonly lockPath: string | undefined;
  /** True when the lock existed and already gave every imported key its id: not rewritten. */
  readonly lockKept: boolean;
  readonly ids: number;
  readonly summary: ImportSummary;
  /** The config found, or undefined when there is none yet. */
  readonly configFile: string | undefined;
  /** True when a config exists and reads another schema than the one written. */
  readonly configReadsOther: boolean;
}

/** The extensions import reads, for messages. */
const KINDS =
  ".py (Python enums), .rs (Rust enums), .ts (TypeScript enums or `as const` objects), " +
  ".json or .csv (key lists)";

/** Runs `permgen import`; see the module comment. */
export async function importVocabulary(options: ImportOptions): Promise<Outcome<ImportCommandResult>> {
  const cwd = path.resolve(options.cwd);
  const located = findConfigFile(cwd, options.config);
  const hasConfig = readInputFile(located.file).kind !== "missing";
  let baseDir = cwd;
  let lockPath = path.join(cwd, "permgen.lock.json");
  let configSchema: string | undefined;
  if (hasConfig) {
    const loaded = loadConfig({ cwd, ...(options.config === undefined ? {} : { config: options.config }) });
    if (!loaded.ok) return loaded;
    baseDir = loaded.config.configDir;
    lockPath = loaded.config.lockPath;
    configSchema = loaded.config.sources[0].file;
  }
  const schemaPath =
    options.out !== undefined
      ? path.resolve(cwd, options.out)
      : configSchema ?? path.join(baseDir, "schema", "permissions.ts");

  const diagnostics: Diagnostic[] = [];
  const texts: { file: string; text: string }[] = [];
  for (const source of options.sources) {
    const file = path.resolve(cwd, source);
    const text = readSourceText(file, "source", diagnostics);
    if (text === undefined) continue;
    if (KIND_OF[path.extname(file).toLowerCase()] === undefined) {
      diagnostics.push({ code: Codes.ImportSourceUnreadable, message: `permgen cannot import this kind of file; it reads ${KINDS}`, file });
    } else texts.push({ file, text });
  }
  const readings = await readSources(texts);
  const extraIds = options.ids === undefined ? [] : readIdsFile(path.resolve(cwd, options.ids), diagnostics);
  if (diagnostics.length > 0) return fail(diagnostics);

  // The header names each source from the schema's folder, `/`-separated on every machine.
  const names = options.sources.map((source) =>
    path.relative(path.dirname(schemaPath), path.resolve(cwd, source)).split(path.sep).join("/"),
  );
  const built = buildImportedSchema(readings, extraIds, names);
  if (!built.ok) return fail(built.diagnostics);
  const { schema } = built;

  // The schema must be one `permgen validate` accepts: read it back as generate will.
  const root = findRepositoryRoot(baseDir);
  const check = loadModel({
    schemas: [{ file: schemaPath, path: formatRepositoryPath(root, schemaPath), module: undefined, text: schema.text }],
    lock: EMPTY_LOCK,
  });
  if (check.model === undefined) return fail(check.diagnostics);

  const planned = [{ path: schemaPath, content: schema.text, hasHeader: true }];
  const outside = checkInsideRepository(schemaPath, root);
  if (outside !== undefined) diagnostics.push(outside);
  else if (readInputFile(schemaPath, 0).kind !== "missing" && !options.force) {
    diagnostics.push({
      code: Codes.ImportOutputExists,
      message: "the schema import would write exists; pass --force to replace it, or --out to write the schema elsewhere",
      file: schemaPath,
    });
  }
  let lockState: "none" | "written" | "kept" = "none";
  if (schema.ids !== undefined) {
    const existing = readExistingLock(lockPath);
    if (existing !== undefined && holdsIds(existing, schema.ids)) {
      // The lock already gives every key these ids (a second import, `lock --import` first):
      // nothing to replace, and nothing to force.
      lockState = "kept";
    } else if (existing !== undefined && !options.force) {
      diagnostics.push({
        code: Codes.ImportOutputExists,
        message: "the lock exists and does not hold these ids; pass --force to replace it (its ids are then lost: only do that before any database, mask or client uses them)",
        file: lockPath,
      });
    } else {
      const lock: Lock = Object.freeze({
        version: 1,
        nextId: Math.max(...schema.ids.values()) + 1,
        active: sortById(schema.ids),
        retired: new Map<string, number>(),
      });
      planned.push({ path: lockPath, content: serializeLock(lock), hasHeader: false });
      lockState = "written";
    }
  }
  diagnostics.push(...findBlockedPaths(planned, cwd));
  if (diagnostics.length > 0) return fail(diagnostics);
  try {
    const sources = [
      { file: schemaPath, path: formatRepositoryPath(root, schemaPath), module: undefined },
    ];
    const claim = buildConfigClaim({ file: path.join(baseDir, "permgen.config.json"), configDir: baseDir, sources }, undefined);
    // --force was checked above: every file in the plan may be replaced.
    writeOutputs(planned, readExistingFiles(planned.map((f) => f.path)), [], claim);
  } catch (error) {
    if (error instanceof DiagnosticError) return fail(error.diagnostics);
    throw error;
  }
  return {
    ok: true,
    schemaPath,
    lockPath: lockState === "none" ? undefined : lockPath,
    lockKept: lockState === "kept",
    ids: schema.ids?.size ?? 0,
    summary: schema.summary,
    configFile: hasConfig ? located.file : undefined,
    configReadsOther: configSchema !== undefined && configSchema !== schemaPath,
  };
}

/**
 * The lock at `lockPath` when something is there: parsed, or `"unreadable"` (a broken lock, a
 * FIFO, a folder: not ours to judge here, and only `--force` may replace it).
 */
function readExistingLock(lockPath: string): Lock | "unreadable" | undefined {
  const input = readInputFile(lockPath);
  if (input.kind === "missing") return undefined;
  if (input.kind !== "file") return "unreadable";
  return parseLock(lockPath, input.bytes.toString("utf8")).lock ?? "unreadable";
}

/** Whether `lock` gives each key of `ids` exactly that id (active or retired). */
function holdsIds(lock: Lock | "unreadable", ids: ReadonlyMap<string, number>): boolean {
  if (lock === "unreadable") return false;
  for (const [key, id] of ids) {
    if ((lock.active.get(key) ?? lock.retired.get(key)) !== id) return false;
  }
  return true;
}

/** The reader of each extension import knows. */
const KIND_OF: Readonly<Record<string, "python" | "rust" | "typescript" | "json" | "csv">> = {
  ".py": "python",
  ".rs": "rust",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".json": "json",
  ".csv": "csv",
};

/**
 * Reads every source, in command-line order. Python modules are read together (their enums
 * see each other's, see readPythonModules); the tree-sitter and ts-morph readers load on
 * first use only.
 */
async function readSources(texts: readonly { file: string; text: string }[]): Promise<SourceReading[]> {
  const kind = (file: string): string | undefined => KIND_OF[path.extname(file).toLowerCase()];
  const python = texts.filter((t) => kind(t.file) === "python");
  const pythonReadings = new Map<string, SourceReading>();
  if (python.length > 0) {
    const [{ loadGrammar }, { readPythonModules }] = await Promise.all([
      import("./import/load-grammar.js"),
      import("./import/read-python.js"),
    ]);
    const read = readPythonModules(await loadGrammar("python"), python);
    for (const [i, source] of python.entries()) {
      const reading = read[i];
      if (reading !== undefined) pythonReadings.set(source.file, reading);
    }
  }
  const readings: SourceReading[] = [];
  for (const { file, text } of texts) {
    switch (kind(file)) {
      case "python": {
        const reading = pythonReadings.get(file);
        if (reading !== undefined) readings.push(reading);
        break;
      }
      case "rust": {
        const [{ loadGrammar }, { readRust }] = await Promise.all([
          import("./import/load-grammar.js"),
          import("./import/read-rust.js"),
        ]);
        readings.push(readRust(await loadGrammar("rust"), file, text));
        break;
      }
      case "typescript":
        readings.push((await import("./import/read-typescript.js")).readTypeScript(file, text));
        break;
      case "json":
        readings.push(readJsonKeyList(file, text));
        break;
      case "csv":
        readings.push(readCsvKeyList(file, text));
        break;
      default:
        throw new Error(`internal error: no reader for ${file}`);
    }
  }
  return readings;
}

/** A source's text, or undefined after reporting why it cannot be read (PG0901). */
function readSourceText(file: string, what: string, diagnostics: Diagnostic[]): string | undefined {
  const input = readInputFile(file);
  if (input.kind === "file") return input.bytes.toString("utf8");
  const why = input.kind === "missing" ? "does not exist" : describeUnreadableInput(input);
  diagnostics.push({ code: Codes.ImportSourceUnreadable, message: `the ${what} ${why}`, file });
  return undefined;
}

/**
 * The ids of `--ids FILE`, checked by the parser behind `permgen lock --import` (PG0714 at each
 * bad line), then read again with their positions so a disagreement with a source can name both.
 */
function readIdsFile(file: string, diagnostics: Diagnostic[]): ImportedId[] {
  const text = readSourceText(file, "--ids file", diagnostics);
  if (text === undefined) return [];
  if (file.toLowerCase().endsWith(".json") && findDeepJson(text) !== undefined) {
    // The key-list reader refuses it (PG0905) before the id parser's recursion could overflow.
    diagnostics.push(...readJsonKeyList(file, text).diagnostics);
    return [];
  }
  const parsed = parseIdImport(file, text);
  if (!parsed.ok) {
    diagnostics.push(...parsed.diagnostics);
    return [];
  }
  const placed = file.toLowerCase().endsWith(".json") ? readJsonKeyList(file, text) : readCsvKeyList(file, text);
  return [...placed.ids];
}

/** PG0601 when `file` would land outside the repository (through `..` or a link). */
function checkInsideRepository(file: string, root: string): Diagnostic | undefined {
  const real = resolveExistingPrefix(file);
  const relative = path.relative(resolveExistingPrefix(root), real);
  if (relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative)) return undefined;
  return {
    code: Codes.PathOutsideRepository,
    message: "import writes only inside the repository (the git root above the config, or its folder outside git)",
    file,
  };
}

function fail(diagnostics: readonly Diagnostic[]): { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  return { ok: false, diagnostics: sortDiagnostics([...diagnostics]) };
}
