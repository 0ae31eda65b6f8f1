/**
 * permgen's programmatic API: `generate()`, `check()`, `validate()` and `plan()`, what the CLI
 * runs and what tools can call directly.
 *
 * This module stays light on purpose: it loads only node built-ins and the verdict cache. When
 * the cache proves that nothing changed since a run that left the disk in sync, `check` and
 * `generate` answer from it; otherwise the full pipeline (src/pipeline.ts, which loads the
 * config schema, ts-morph, prettier and the emitters on demand) runs. See src/output/cache.ts.
 */
import path from "node:path";
import { findConfigFile } from "./config/find-config.js";
import { loadPipeline } from "./loading/pipeline.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import type { Model } from "./model/model.js";
import type { CacheEntry } from "./output/cache.js";
import type { Drift } from "./output/compare.js";
import type { FileChange } from "./output/write.js";
import type { VocabularyChanges } from "./lock/vocabulary-changes.js";
import type { DiffOptions } from "./diff-command.js";
import type { VocabularyDiff } from "./diff/diff-report.js";
import type { DiffAgainst } from "./diff/render-text.js";

export type { Diagnostic, DiagnosticCode } from "./diagnostics/diagnostic.js";
export { formatDiagnostic, displayPath } from "./diagnostics/diagnostic.js";
export type { Model } from "./model/model.js";
export type { Drift } from "./output/compare.js";
export type { FileChange, FileStatus } from "./output/write.js";
export type { VocabularyChanges } from "./lock/vocabulary-changes.js";
export type { VocabularyDiff, FailOn } from "./diff/diff-report.js";
export type { DiffAgainst } from "./diff/render-text.js";
export type { DiffOptions } from "./diff-command.js";

/** Options every command takes. */
export interface RunOptions {
  /** Directory paths are shown relative to, and where permgen.config.json is looked up. Default process.cwd(). */
  readonly cwd?: string;
  /** Explicit config path (relative to cwd). */
  readonly config?: string;
  /** generate: overwrite target files that lack permgen's header. */
  readonly force?: boolean;
  /**
   * false = bypass the verdict cache (--no-cache): always run the full pipeline, and do not
   * record a new entry. Default true.
   */
  readonly cache?: boolean;
}

/** Milliseconds per pipeline stage (read, model, emit, format, write or compare) and in total. */
export interface Timings {
  readonly totalMs: number;
  readonly [stage: string]: number;
}

/** A command's result: its data, or the diagnostics that stopped it (exit 2, nothing written). */
export type Outcome<T> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** What `check` returns: the drift, how many files were compared, and what changed. */
export interface CheckResult {
  readonly drift: readonly Drift[];
  readonly files: number;
  /**
   * The vocabulary change behind the drift (lock on disk → lock generate would write); absent
   * when the verdict cache answered (then there is no drift).
   */
  readonly vocabulary?: VocabularyChanges;
  readonly timings: Timings;
}

/** One file as `generate` would write it. */
export interface PlannedFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
}

/**
 * Writes every target's files and the lock file: only files whose content changed are written
 * (all staged to temporary files, then renamed), orphans carrying this schema's header are
 * deleted. One run at a time per config: while another holds `.permgen-run.lock`, returns
 * PG0606; a disk fault is PG0605 and changes nothing. When anything is invalid
 * (config, schema, lock, a target path holding a file that is not permgen's and no `force`),
 * returns the diagnostics and writes nothing.
 */
export async function generate(
  options: RunOptions = {},
): Promise<Outcome<{ changes: readonly FileChange[]; timings: Timings }>> {
  const start = nowMs();
  const cached = await findVerdict(options, "generate");
  if (cached !== undefined) {
    const changes = cached.entry.files.map((f) => ({
      path: path.resolve(cached.configDir, f.path),
      status: "unchanged" as const,
    }));
    return { ok: true, changes, timings: cachedTimings(start) };
  }
  return (await loadPipeline()).generate(options);
}

/**
 * Compares what `generate` would write with the disk, byte for byte, and writes nothing.
 * Returns the drift (modified files with a diff, missing files, orphans; empty when in sync)
 * and how many files were compared. A target path holding a file that is not permgen's is an
 * error, as for `generate`.
 */
export async function check(
  options: RunOptions = {},
): Promise<Outcome<CheckResult>> {
  const start = nowMs();
  const cached = await findVerdict(options, "check");
  if (cached !== undefined) {
    return { ok: true, drift: [], files: cached.entry.files.length, timings: cachedTimings(start) };
  }
  return (await loadPipeline()).check(options);
}

/**
 * Reads the config, the schema and the lock and reports every problem, including name
 * collisions for the configured targets; emits nothing. Returns the validated model.
 */
export async function validate(
  options: RunOptions = {},
): Promise<Outcome<{ model: Model; timings: Timings }>> {
  return (await loadPipeline()).validate(options);
}

/**
 * Everything generate would write (formatted, the lock file included), without touching the
 * disk; for tests and tools. `configDir` is the config file's folder.
 */
export async function plan(
  options: RunOptions = {},
): Promise<Outcome<{ files: readonly PlannedFile[]; configDir: string; timings: Timings }>> {
  return (await loadPipeline()).plan(options);
}

/**
 * `permgen diff`: compares the vocabulary at `options.against` (a git ref; its config, schema
 * and lock read from git objects, never checked out or executed) with the working tree's.
 * Returns the typed report and the commit the ref resolved to, or the diagnostics that stopped
 * it (a ref that names no commit, a file at the ref permgen cannot read, an invalid side).
 */
export async function diff(
  options: DiffOptions,
): Promise<Outcome<{ diff: VocabularyDiff; against: DiffAgainst }>> {
  return (await import("./diff-command.js")).compareWithRef(options);
}

async function findVerdict(
  options: RunOptions,
  command: "generate" | "check",
): Promise<{ entry: CacheEntry; configDir: string } | undefined> {
  if (options.cache === false) return undefined;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const configFile = findConfigFile(cwd, options.config).file;
  // While a generate holds the run lock, the disk may be half-renamed: no shortcut, the
  // pipeline reports the holder (PG0606). A generate also takes the full path over a stale
  // lock, so that it is taken over and removed.
  const { findActiveRunLock, hasRunLockFile } = await import("./output/run-lock.js");
  if (findActiveRunLock(configFile) !== undefined) return undefined;
  if (command === "generate" && hasRunLockFile(configFile)) return undefined;
  const { findCachedVerdict } = await import("./output/cache.js");
  const entry = findCachedVerdict(configFile);
  return entry === undefined ? undefined : { entry, configDir: path.dirname(configFile) };
}

function cachedTimings(start: number): Timings {
  const elapsed = nowMs() - start;
  return { cache: elapsed, totalMs: elapsed };
}

/**
 * A monotonic clock in milliseconds. Not `performance.now()`: node:perf_hooks loads a dozen
 * internal modules, a measurable share of a `check` the verdict cache answers.
 */
function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
