/**
 * The full pipeline behind permgen's API (src/index.ts re-exports it after trying the verdict
 * cache).
 *
 * The pipeline: find and parse the config → read the schema and the lock → build the model →
 * check names for the configured targets → emit → format → write (generate) or compare (check).
 * Invalid input never throws: it comes back as `{ ok: false, diagnostics }` (sorted) and nothing
 * is written. A throw is a bug. Heavy modules (ts-morph through the model loader, prettier, the
 * emitters) are imported only inside the functions that need them, so importing this module is
 * cheap.
 */
import path from "node:path";
import type { ConfiguredTarget, ResolvedConfig } from "./config/resolved-config.js";
import type { ConfigLocation } from "./config/find-config.js";
import { listModuleRenames } from "./config/config-paths.js";
import { findConfigFile } from "./config/find-config.js";
import { parseConfig } from "./config/load-config.js";
import { Codes } from "./diagnostics/codes.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import {
  DiagnosticError,
  displayPath,
  formatTextPath,
  sortDiagnostics,
} from "./diagnostics/diagnostic.js";
import type { Lock } from "./lock/lock.js";
import { EMPTY_LOCK } from "./lock/lock.js";
import { parseLock } from "./lock/parse-lock.js";
import { serializeLock } from "./lock/serialize-lock.js";
import type { SchemaText } from "./model/load-model.js";
import type { Model } from "./model/model.js";
import { restrictModel } from "./model/restrict-model.js";
import { buildCacheEntry, computeCacheKey, findCacheDir, writeCacheEntry } from "./output/cache.js";
import type { VerdictFile } from "./output/cache.js";
import { collectGarbageIfGrown } from "./output/collect-garbage.js";
import { compareOutputs } from "./output/compare.js";
import { checkOutputPaths, findRepositoryRoot } from "./output/paths.js";
import { formatRepositoryPath, isInNestedRepository, resolveExistingPrefix } from "./output/repository.js";
import type { HeaderClaim } from "./output/header.js";
import { buildHeaderClaim, headerSchemaPath, readHeaderSchema } from "./output/header.js";
import { findUncommittedFiles } from "./output/git-history.js";
import { findProtectedOutputs, withoutProtectedFiles } from "./output/protected-paths.js";
import { acquireRunLock, findActiveRunLock } from "./output/run-lock.js";
import { removeStaleTempFiles } from "./output/temp-files.js";
import { describeUnreadableInput, readInputFile } from "./output/read-files.js";
import { scanGeneratedFiles } from "./output/scan.js";
import { flushCodeCache } from "./loading/code-cache.js";
import { readIdSource } from "./lock/read-output-ids.js";
import type { ExistingFiles, FileChange, OutputFile } from "./output/write.js";
import {
  findBlockedPaths,
  findForeignFiles,
  readExistingFiles,
  writeOutputs,
} from "./output/write.js";
import type { EmitContext, EmittedFile } from "./targets/target.js";
import { describeVocabularyChanges } from "./lock/vocabulary-changes.js";
import type { CheckResult, Outcome, PlannedFile, RunOptions, Timings } from "./index.js";

/**
 * `generate()` of src/index.ts without the verdict cache; see there. Holds the run lock next to
 * the config (src/output/run-lock.ts) from before the first read to after the last write, so two
 * runs never plan from the same history; stale temporary files of killed runs are removed just
 * before writing.
 */
export async function generate(
  options: RunOptions = {},
): Promise<Outcome<{ changes: readonly FileChange[]; timings: Timings }>> {
  const watch = startStopwatch();
  const taken = acquireRunLock(resolveConfigFile(options), "generate");
  if (!taken.ok) return fail([taken.diagnostic]);
  try {
    const planned = await planAgainstDisk(options, watch);
    if (!planned.ok) return planned;
    const { inputs, outputs, orphans, existing } = planned;
    const { config } = inputs;
    removeStaleTempFiles([...config.targets.map((t) => t.outputDir), config.configDir]);
    // Digests only for a run that stores a verdict (see storeVerdict).
    const digests = options.cache !== false && findCacheDir(config.configDir) !== undefined;
    const written = writeOutputs(outputs, existing, orphans, inputs.claim, { digests });
    const changes = written.changes;
    watch.lap("write");
    const unchanged = new Set(changes.filter((c) => c.status === "unchanged").map((c) => c.path));
    storeVerdict(inputs, outputs, options, (f) => ({
      path: f.path,
      // An unchanged file's bytes were read before (and are still held): no encoding again.
      content: (unchanged.has(f.path) ? existing.get(f.path) : undefined) ?? f.content,
      sha256: written.digests.get(f.path),
    }));
    return { ok: true, changes, timings: watch.finish() };
  } catch (error) {
    // I/O failures (a full disk, a read-only folder) are the user's problem, not a bug.
    if (error instanceof DiagnosticError) return fail(error.diagnostics);
    throw error;
  } finally {
    taken.lock.release();
  }
}

/**
 * `check()` of src/index.ts without the verdict cache; see there. It takes no lock (it writes
 * nothing, and two checks may run at once) but refuses while a live `generate` holds the run
 * lock, before and after reading, so it never compares a tree that is being written.
 */
export async function check(
  options: RunOptions = {},
): Promise<Outcome<CheckResult>> {
  const watch = startStopwatch();
  const configFile = resolveConfigFile(options);
  const busy = findActiveRunLock(configFile);
  if (busy !== undefined) return fail([busy]);
  let planned: Awaited<ReturnType<typeof planAgainstDisk>>;
  try {
    planned = await planAgainstDisk(options, watch);
  } catch (error) {
    if (error instanceof DiagnosticError) return fail(error.diagnostics);
    throw error;
  }
  if (!planned.ok) return planned;
  const busyAfter = findActiveRunLock(configFile);
  if (busyAfter !== undefined) return fail([busyAfter]);
  const { inputs, outputs, orphans, existing } = planned;
  const drift = compareOutputs(outputs, existing, orphans, inputs.cwd);
  watch.lap("compare");
  // In sync: every output's bytes are those read from disk, still held — hashed and compared as
  // they are, never encoded from the text again.
  if (drift.length === 0) {
    storeVerdict(inputs, outputs, options, (f) => ({ path: f.path, content: existing.get(f.path) ?? f.content }));
  }
  const vocabulary = describeVocabularyChanges(inputs.lockBefore, inputs.lock);
  return { ok: true, drift, files: outputs.length, vocabulary, timings: watch.finish() };
}

/** `validate()` of src/index.ts; see there. */
export async function validate(
  options: RunOptions = {},
): Promise<Outcome<{ model: Model; timings: Timings }>> {
  const watch = startStopwatch();
  const inputs = await loadInputs(options, watch);
  if (!inputs.ok) return inputs;
  return { ok: true, model: inputs.model, timings: watch.finish() };
}

/** The working tree's side of `permgen diff`: what `validate` reads, and the lock built with it. */
export interface WorkingVocabulary {
  readonly cwd: string;
  readonly config: ResolvedConfig;
  /** The git root above the config (the config's folder outside git). */
  readonly root: string;
  readonly model: Model;
  /** The lock `generate` would write: ids for new keys, renames and roles recorded. */
  readonly lock: Lock;
}

/**
 * Reads the config, schema and lock of the working tree as `validate` does (every problem
 * reported, including name collisions of configured targets) for `permgen diff`.
 */
export async function loadWorkingVocabulary(options: RunOptions = {}): Promise<Outcome<WorkingVocabulary>> {
  const inputs = await loadInputs(options, startStopwatch());
  if (!inputs.ok) return inputs;
  const { cwd, config, root, model, lock } = inputs;
  return { ok: true, cwd, config, root, model, lock };
}

/** `plan()` of src/index.ts; see there. */
export async function plan(
  options: RunOptions = {},
): Promise<Outcome<{ files: readonly PlannedFile[]; configDir: string; timings: Timings }>> {
  const watch = startStopwatch();
  let planned: Awaited<ReturnType<typeof planOutputs>>;
  try {
    planned = await planOutputs(options, watch);
  } catch (error) {
    if (error instanceof DiagnosticError) return fail(error.diagnostics);
    throw error;
  }
  if (!planned.ok) return planned;
  const files = planned.outputs.map((f) => ({ path: f.path, content: f.content }));
  return { ok: true, files, configDir: planned.inputs.config.configDir, timings: watch.finish() };
}

interface Inputs {
  readonly cwd: string;
  /** The bytes the run used, for the verdict cache's key. */
  readonly configText: string;
  /** The text of each schema source, in the config's order. */
  readonly schemaTexts: readonly string[];
  readonly config: ResolvedConfig;
  readonly root: string;
  readonly model: Model;
  readonly lockBefore: Lock | undefined;
  /** Whether there is no lock file at all (not an unreadable one: that is an error). */
  readonly lockMissing: boolean;
  readonly lock: Lock;
  /** Which headers are this config's (src/output/header.ts). */
  readonly claim: HeaderClaim;
}

interface Plan {
  readonly inputs: Inputs;
  readonly outputs: readonly OutputFile[];
  readonly orphans: readonly string[];
}

/** The config file a run uses: `--config` (relative to cwd) or the nearest one (find-config.ts). */
function resolveConfigFile(options: RunOptions): string {
  return locateConfig(options).file;
}

function locateConfig(options: RunOptions): ConfigLocation {
  return findConfigFile(options.cwd ?? process.cwd(), options.config);
}

/** A parsed config and the bytes it was read from. */
export interface LoadedConfig {
  readonly cwd: string;
  readonly configText: string;
  readonly config: ResolvedConfig;
}

/**
 * Finds, reads and parses the config a run uses (`--config`, else the nearest one), or says
 * why it cannot (PG0501 not found, PG0510 not a regular file, PG0502/PG0503 invalid). Shared by
 * the pipeline and the `lock` command, so both find the same config and report it alike.
 */
export function loadConfig(options: RunOptions): Outcome<LoadedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const location = locateConfig(options);
  const configFile = location.file;
  const configInput = readInputFile(configFile);
  if (configInput.kind === "missing") {
    const where =
      options.config !== undefined || location.searched.length === 1
        ? ""
        : ` in this folder or one above it up to the repository root ${formatTextPath(displayPath(location.searched.at(-1) ?? cwd, cwd))}`;
    return fail([
      {
        code: Codes.ConfigNotFound,
        message: `config file not found${where}; run \`permgen init\` to create one, or pass --config <path>`,
        file: configFile,
      },
    ]);
  }
  if (configInput.kind !== "file") {
    const message = `the config file ${describeUnreadableInput(configInput)}`;
    return fail([{ code: Codes.ConfigNotRegular, message, file: configFile, line: 1, column: 1 }]);
  }
  const configText = configInput.bytes.toString("utf8");
  const parsed = reusing("config", () => [configFile, configText], () => parseConfig(configFile, configText));
  if (parsed.config === undefined) return fail(parsed.diagnostics);
  return { ok: true, cwd, configText, config: parsed.config };
}

/**
 * The last result of each pure parsing stage (config text → config, lock text → lock, schema
 * texts and lock → model), kept only once `reuseParsedInputs()` was called: a long-lived process
 * (the watch) then pays for the stages whose input changed. Each slot is keyed by every
 * argument of its stage — strings by value, the lock by identity — and the results are frozen
 * or only read, so a hit returns exactly what the stage would compute: no verdict can change.
 */
let parsedInputs: Map<string, { readonly key: readonly unknown[]; readonly value: unknown }> | undefined;

/**
 * Makes later runs in this process reuse the config, lock and model parsed by the previous run
 * when their input bytes are the same, and a target's emitted files when every input of its
 * emitter is (see `parsedInputs`, `listEmitInputs`). For `generate --watch`; a one-shot command
 * never calls it.
 */
export function reuseParsedInputs(): void {
  parsedInputs ??= new Map();
}

/** Work the emitters of the last run queued for the time before the next (EmitContext.afterRun). */
let afterRunTasks: (() => void)[] = [];

/**
 * Runs what the last run's emitters queued for after it (EmitContext.afterRun): the watch calls
 * it once a run is reported, while it waits for the next save. A task that throws is dropped:
 * what it would have prepared the next run computes itself.
 */
export function runAfterRunTasks(): void {
  const tasks = afterRunTasks;
  afterRunTasks = [];
  for (const task of tasks) {
    try {
      task();
    } catch {
      // The next run computes it (and reports whatever the problem is) itself.
    }
  }
}

/**
 * A key part that is costly to build (a folder's files as one string): built only when every
 * part before it matched, at most once. Comparing keys in order, a run whose model changed never
 * builds it.
 */
class LazyKeyPart {
  private built: { readonly value: unknown } | undefined;
  constructor(private readonly build: () => unknown) {}
  get value(): unknown {
    this.built ??= { value: this.build() };
    return this.built.value;
  }
}

function sameKeyPart(a: unknown, b: unknown): boolean {
  if (a instanceof LazyKeyPart && b instanceof LazyKeyPart) return a.value === b.value;
  return a === b;
}

/** `compute()`, or the value the last call for `stage` computed when `key()` (only asked when on) is equal. */
function reusing<T>(stage: string, keyOf: () => readonly unknown[], compute: () => T): T {
  if (parsedInputs === undefined) return compute();
  const key = keyOf();
  const last = parsedInputs.get(stage);
  if (last !== undefined && last.key.length === key.length && last.key.every((k, i) => sameKeyPart(k, key[i]))) {
    return last.value as T;
  }
  const value = compute();
  parsedInputs.set(stage, { key, value });
  return value;
}

async function loadInputs(options: RunOptions, watch: Stopwatch): Promise<Outcome<Inputs>> {
  const loadedConfig = loadConfig(options);
  if (!loadedConfig.ok) return loadedConfig;
  const { cwd, configText, config } = loadedConfig;
  const root = findRepositoryRoot(config.configDir);
  const diagnostics: Diagnostic[] = checkOutputPaths(config, root);

  const schemas: SchemaText[] = [];
  for (const source of config.sources) {
    if (source.module !== undefined && isOutside(root, source.file)) {
      diagnostics.push({
        code: Codes.ModulePathOutsideRepository,
        message: `modules.${source.module}: ${JSON.stringify(source.path)} is outside the repository; a module file lives in it, under node_modules/ when it comes from a package`,
        file: config.file,
        ...(source.position ?? { line: 1, column: 1 }),
      });
      continue;
    }
    const input = readInputFile(source.file);
    if (input.kind === "file") {
      const text = input.bytes.toString("utf8");
      // Headers name the schema from the repository root (CONTRACT §4).
      const headerPath = formatRepositoryPath(root, source.file);
      const { module, renamedFrom } = source;
      schemas.push({ file: source.file, path: headerPath, module, renamedFrom, text });
      continue;
    }
    diagnostics.push({
      code: input.kind === "missing" ? Codes.SchemaNotFound : Codes.SchemaNotRegular,
      message: `schema file ${JSON.stringify(source.path)} ${input.kind === "missing" ? "not found" : describeUnreadableInput(input)}`,
      file: config.file,
      ...(source.position ?? { line: 1, column: 1 }),
    });
  }
  let lockBefore: Lock | undefined;
  const lockInput = readInputFile(config.lockPath);
  const lockText = lockInput.kind === "file" ? lockInput.bytes.toString("utf8") : undefined;
  if (lockInput.kind === "not-regular" || lockInput.kind === "too-large") {
    const message = `the lock file ${describeUnreadableInput(lockInput)}`;
    diagnostics.push({ code: Codes.LockNotRegular, message, file: config.lockPath, line: 1, column: 1 });
  }
  if (lockText !== undefined) {
    const lockResult = reusing("lock", () => [config.lockPath, lockText], () => parseLock(config.lockPath, lockText));
    diagnostics.push(...lockResult.diagnostics);
    lockBefore = lockResult.lock;
  }
  watch.lap("read");
  const [first, ...rest] = schemas;
  if (first === undefined || schemas.length < config.sources.length) return fail(diagnostics);

  const { loadModel } = await import("./model/load-model.js");
  // With modules the headers name the config, which composes the vocabulary (header.ts).
  const header = headerSchemaPath(schemas, formatRepositoryPath(root, config.file));
  const moduleRenames = listModuleRenames(config.sources, config.file);
  const modelInput = { schemas: [first, ...rest] as const, lock: lockBefore ?? EMPTY_LOCK, header, moduleRenames };
  // The lock is part of the key by identity: `reusing` hands back the same parse for the same text.
  const modelKey = () => [JSON.stringify({ ...modelInput, lock: undefined }), modelInput.lock];
  const loaded = reusing("model", modelKey, () => loadModel(modelInput));
  // TypeScript's parser has just run: its code-cache entry is written now, while V8 still
  // holds the bytecode of every function it used (see flushCodeCache).
  flushCodeCache();
  diagnostics.push(...loaded.diagnostics);
  const model = loaded.model;
  if (model !== undefined) {
    for (const target of config.targets) {
      // Names are checked as the target emits them: a target restricted to one module (a Go
      // package per domain with constantNames "action") never meets the other modules' names.
      const emitted = restrictModel(model, target.options.modules);
      diagnostics.push(...(target.descriptor.checkNames?.(emitted, target.options) ?? []));
    }
  }
  watch.lap("model");
  if (model === undefined && lockInput.kind === "missing" && diagnostics.some((d) => d.code === Codes.RenameUnknown)) {
    // A lost lock makes every @renamedFrom name something "the lock never knew" (PG0212), and
    // its advice, to remove the tags, would drop the aliases: the lost lock is the error.
    const claim = buildHeaderClaim(header, undefined, config.sources[0].path);
    const refusal = refuseWithoutLock(config, scanGeneratedFiles(config.targets.map((t) => t.outputDir), claim), cwd);
    if (refusal !== undefined) return fail([refusal]);
  }
  if (model === undefined || diagnostics.length > 0) return fail(diagnostics);
  const schemaTexts = schemas.map((schema) => schema.text);
  const lockMissing = lockInput.kind === "missing";
  // The lock records the path the headers name, so after a move the files naming the old one
  // are still recognised as this config's (see lock.ts).
  const lock: Lock = Object.freeze({ ...loaded.lock, schema: model.header });
  const claim = buildHeaderClaim(model.header, lockBefore?.schema, config.sources[0].path);
  return { ok: true, cwd, config, root, model, lockBefore, lockMissing, lock, claim, configText, schemaTexts };
}

async function planOutputs(options: RunOptions, watch: Stopwatch): Promise<Outcome<Plan>> {
  const loaded = await loadInputs(options, watch);
  if (!loaded.ok) return loaded;
  const { ok: _, ...inputs } = loaded;
  const { config, model } = inputs;

  const outputDirs = config.targets.map((t) => t.outputDir);
  const previous = scanGeneratedFiles(outputDirs, inputs.claim);
  if (inputs.lockMissing) {
    const refusal = refuseWithoutLock(config, previous, inputs.cwd);
    if (refusal !== undefined) return fail([refusal]);
  }
  // Asked only when a target keeps history (SQL migrations) and has a change to fold into it,
  // at most once per run (a `check` in sync spawns no git); empty outside git.
  let asked: ReadonlySet<string> | undefined;
  const uncommitted = config.targets.some((t) => t.descriptor.language === "sql")
    ? () => (asked ??= findUncommittedFiles(inputs.root, outputDirs))
    : undefined;
  const emitted: { target: ConfiguredTarget; files: readonly EmittedFile[] }[] = [];
  const emitErrors: Diagnostic[] = [];
  for (const target of config.targets) {
    const emit = await target.descriptor.loadEmitter();
    const existingFiles = previous.inFolder(target.outputDir);
    const context: EmitContext = {
      lockBefore: inputs.lockBefore,
      lock: inputs.lock,
      existingFiles,
      uncommittedFiles: uncommitted,
      metaTable: config.digestTable,
      // The watch's memo, per target and part (see EmitContext.reuse); none in a one-shot run.
      ...(parsedInputs === undefined
        ? {}
        : {
            reuse: <T>(part: string, key: readonly unknown[], compute: () => T): T =>
              reusing(`emit ${target.index} ${part}`, () => key, compute),
            afterRun: (task: () => void): void => {
              afterRunTasks.push(task);
            },
          }),
    };
    // A target listing `modules` sees only those (ids and digest stay the whole model's).
    const result = reusing(`emit ${target.index}`, () => listEmitInputs(emit, model, target, context), () =>
      emit(restrictModel(model, target.options.modules), target.options, context),
    );
    // What the emitter built its output from is garbage now (see collect-garbage.ts).
    collectGarbageIfGrown();
    if (result.ok) {
      emitted.push({ target, files: result.files });
      continue;
    }
    // An emitter reports invalid state it finds in its own output folder (a broken SQL
    // migration history, say) as positioned diagnostics: exit 2, nothing written. A problem
    // with a whole file is shown at its first line, like every other diagnostic.
    emitErrors.push(
      ...result.diagnostics.map((d) => ({ ...d, line: d.line ?? 1, column: d.column ?? 1 })),
    );
  }
  watch.lap("emit");
  if (emitErrors.length > 0) return fail(emitErrors);
  const problems = checkEmittedPaths(inputs, emitted);
  if (problems.length > 0) return fail(problems);

  const { formatFiles } = await import("./output/format.js");
  const emittedFiles = emitted.flatMap((e) => e.files);
  const formatted = await formatFiles(emittedFiles);
  const outputs: OutputFile[] = [
    ...formatted.map((f, i) => ({
      ...f,
      hasHeader: true,
      replacesUncommitted: emittedFiles[i]?.replacesUncommitted,
    })),
    { path: config.lockPath, content: serializeLock(inputs.lock), hasHeader: false },
  ];
  const produced = new Set(outputs.map((f) => f.path));
  // A file in the older header form is never deleted: another config may have written the
  // very same header (the ambiguity that form had); it is read and replaced, never claimed away.
  const legacy = inputs.claim.legacyPath;
  // A file an output's symbolic link leads to holds that output: it is no orphan (deleting it
  // would leave the output a dangling link).
  const reached = new Set(outputs.map((f) => resolveExistingPrefix(f.path)));
  const root = findRepositoryRoot(config.configDir);
  const orphans = withoutProtectedFiles(
    config,
    [...previous.keys()]
      .filter((file) => !produced.has(file) && !reached.has(resolveExistingPrefix(file)))
      .filter((file) => legacy === undefined || readHeaderSchema(previous.get(file) ?? "") !== legacy)
      .filter((file) => !isInNestedRepository(root, file)),
  );
  watch.lap("format");
  return { ok: true, inputs, outputs, orphans };
}

/**
 * PG0712 when the lock file is missing but files this config generated earlier carry ids (the
 * SQL manifest, the JSON target, a code target's id table): planning from an empty lock would
 * give every permission a new id — a migration that deletes and re-inserts every row, Go bits
 * that move, retired ids reused. A file that claims to be ours but cannot be read counts too:
 * it may hold ids, and only the user can say whether they matter.
 */
function refuseWithoutLock(
  config: ResolvedConfig,
  previous: ReadonlyMap<string, string>,
  cwd: string,
): Diagnostic | undefined {
  const carriers: string[] = [];
  // A file of a repository nested in this one is its own (its header names its own schema),
  // unless it is where one of our targets writes.
  const root = findRepositoryRoot(config.configDir);
  const outs = new Set(config.targets.map((t) => t.options.out));
  const ours = (file: string): boolean => outs.has(file) || !isInNestedRepository(root, file);
  // A schema (or another file permgen reads) that starts with the header is no output.
  for (const file of withoutProtectedFiles(config, [...previous.keys()]).filter(ours)) {
    const read = readIdSource(file, previous.get(file) ?? "");
    if (read !== undefined && (!read.ok || read.source.active.size + (read.source.retired?.size ?? 0) > 0)) {
      carriers.push(file);
    }
  }
  if (carriers.length === 0) return undefined;
  const name = path.basename(config.lockPath);
  const shown = carriers.slice(0, 3).map((file) => formatTextPath(displayPath(file, cwd)));
  const more = carriers.length > shown.length ? ` and ${carriers.length - shown.length} more` : "";
  return {
    code: Codes.LockMissing,
    message:
      `the lock file is missing, but ${carriers.length === 1 ? "a generated file carries" : `${carriers.length} generated files carry`} ids (${shown.join(", ")}${more}); ` +
      `generating without it would renumber every permission. If it was committed, restore it (\`git checkout -- ${name}\`); ` +
      "otherwise rebuild it from the generated files with `permgen lock --recover`",
    file: config.lockPath,
    line: 1,
    column: 1,
  };
}

/**
 * Plans the outputs and reads what the disk holds at their paths. Fails, as generate and check
 * both must, when a path is blocked or holds a file that is not permgen's (unless `force`).
 */
async function planAgainstDisk(
  options: RunOptions,
  watch: Stopwatch,
): Promise<Outcome<Plan & { readonly existing: ExistingFiles }>> {
  const planned = await planOutputs(options, watch);
  if (!planned.ok) return planned;
  const { inputs, outputs } = planned;
  const existing = readExistingFiles(outputs.map((f) => f.path));
  const foreign = [
    ...findBlockedPaths(outputs, inputs.cwd),
    ...findForeignFiles(outputs, existing, inputs.claim, options.force ?? false),
  ];
  if (foreign.length > 0) return fail(foreign);
  return { ...planned, existing };
}

function checkEmittedPaths(
  inputs: Inputs,
  emitted: readonly { target: ConfiguredTarget; files: readonly EmittedFile[] }[],
): Diagnostic[] {
  const { config } = inputs;
  const diagnostics: Diagnostic[] = [];
  // Keyed by where each path really leads: a link at one target's path to another target's
  // file is the same file written twice. The lock (and every other file permgen reads) is
  // findProtectedOutputs' job below.
  const owners = new Map<string, string>();
  for (const { target, files } of emitted) {
    const name = `targets[${target.index}]`;
    for (const file of files) {
      const key = resolveExistingPrefix(file.path);
      const owner = owners.get(key);
      if (owner === undefined || owner === name) {
        owners.set(key, name);
        continue;
      }
      diagnostics.push({
        code: Codes.DuplicateOutput,
        message: `${name}.out: ${JSON.stringify(path.relative(config.configDir, file.path).split(path.sep).join("/"))} is also written by ${owner}`,
        file: config.file,
        ...target.outPosition,
      });
    }
  }
  const byTarget = new Map(emitted.map(({ target, files }) => [target.index, files.map((f) => f.path)]));
  diagnostics.push(...checkOutputPaths(config, inputs.root, byTarget));
  // Never the schema, the config, the lock or another file permgen reads, whatever --force says.
  diagnostics.push(...findProtectedOutputs(config, emitted));
  return diagnostics;
}

/**
 * Records that the disk now holds exactly `outputs`, keyed on the bytes this run used, so the
 * next `check`/`generate` with the same inputs can answer from src/output/cache.ts without
 * loading ts-morph or prettier. The lock's key bytes are what the run leaves on disk. `held`
 * gives what the run already holds for each output (its bytes as read, its sha256 as written),
 * so that nothing is encoded or hashed a second time.
 */
function storeVerdict(
  inputs: Inputs,
  outputs: readonly OutputFile[],
  options: RunOptions,
  held: (file: OutputFile) => VerdictFile,
): void {
  if (options.cache === false) return;
  const { config } = inputs;
  const cacheDir = findCacheDir(config.configDir);
  if (cacheDir === undefined) return;
  const lockText = outputs.find((f) => f.path === config.lockPath)?.content;
  const key = computeCacheKey(config.file, {
    config: inputs.configText,
    schemas: inputs.schemaTexts,
    lock: lockText,
  });
  if (key === undefined) return;
  const dirs = config.targets.map((t) => t.outputDir);
  // The key's inputs as the run used them: a stamp is proven only for a file that still holds
  // these bytes. The lock is an input too (its stamp lets the next key skip reading it).
  const keyInputs = inputs.schemaTexts.flatMap((content, i) => {
    const source = config.sources[i];
    return source === undefined ? [] : [{ path: source.file, content }];
  });
  if (lockText !== undefined) keyInputs.push({ path: config.lockPath, content: lockText });
  const files = outputs.map(held);
  const entry = buildCacheEntry(key, config.configDir, inputs.claim, files, dirs, keyInputs, cacheDir);
  writeCacheEntry(cacheDir, config.file, entry);
}

/**
 * Everything an emitter's result depends on (emitters are pure), as `reusing` compares it: the
 * emitter, the model and the target's options by identity (the same only when the config and
 * the model were reused, so a config edit re-emits every target), the lock's fields by identity
 * (`inputs.lock` is a fresh copy of the model stage's lock each run), and the folder's files,
 * the uncommitted set and the metadata table by value.
 */
function listEmitInputs(
  emit: unknown,
  model: Model,
  target: ConfiguredTarget,
  context: EmitContext,
): unknown[] {
  const { lockBefore, lock, existingFiles, uncommittedFiles, metaTable } = context;
  const fields = lock as unknown as Readonly<Record<string, unknown>>;
  const lockFields = Object.keys(fields).sort().flatMap((key) => [key, fields[key]]);
  return [
    emit,
    model,
    target.descriptor,
    target.options,
    lockBefore,
    metaTable,
    ...lockFields,
    new LazyKeyPart(() => JSON.stringify(uncommittedFiles === undefined ? null : [...uncommittedFiles()].sort())),
    new LazyKeyPart(() => JSON.stringify([...existingFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  ];
}

/** Whether `file` lies outside `root` (lexically: a package link under node_modules still counts as inside). */
function isOutside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function fail(diagnostics: readonly Diagnostic[]): { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  const unique = new Map(diagnostics.map((d) => [JSON.stringify([d.file, d.line, d.column, d.code, d.message]), d]));
  return { ok: false, diagnostics: sortDiagnostics([...unique.values()]) };
}

interface Stopwatch {
  /** Records the time since the previous lap under `stage` (added up when a stage repeats). */
  lap(stage: string): void;
  finish(): Timings;
}

function startStopwatch(): Stopwatch {
  const start = performance.now();
  let last = start;
  const stages: Record<string, number> = {};
  return {
    lap(stage) {
      const now = performance.now();
      stages[stage] = (stages[stage] ?? 0) + (now - last);
      last = now;
    },
    finish() {
      return { ...stages, totalMs: performance.now() - start };
    },
  };
}

/** The validated config and model a command that only reads them runs on (`permgen audit`). */
export interface ModelInputs {
  readonly cwd: string;
  readonly config: ResolvedConfig;
  /** The repository root (the config's folder outside git). */
  readonly root: string;
  readonly model: Model;
}

/**
 * Loads the config, the schema and the lock as generate would, and reports every problem
 * the same way (exit 2), for commands that read the model and write nothing.
 */
export async function loadModelInputs(options: RunOptions): Promise<Outcome<ModelInputs & { timings: Timings }>> {
  const watch = startStopwatch();
  const inputs = await loadInputs(options, watch);
  if (!inputs.ok) return inputs;
  const { cwd, config, root, model } = inputs;
  return { ok: true, cwd, config, root, model, timings: watch.finish() };
}
