/**
 * The contract between the pipeline and a target language.
 *
 * A target is split in two so commands pay only for what they use:
 * - the descriptor (this file's `TargetDescriptor`): its config options schema and its name
 *   checks, cheap to import, loaded by every command;
 * - the emitter, loaded on demand by `loadEmitter()`: a pure function from the read-only model
 *   to files, or to the diagnostics that keep it from producing them (`EmitResult`). It never
 *   touches the disk and never throws a diagnostic; the output stage formats and writes what it
 *   returns.
 */
import type { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lock } from "../lock/lock.js";
import type { Model } from "../model/model.js";
import type { OptionProblem } from "./symbol-names.js";

/** One file a target produces. */
export interface EmittedFile {
  /** Absolute path. */
  readonly path: string;
  /** Full content, LF line endings, ending with a newline. */
  readonly content: string;
  /**
   * How the output stage formats it before comparing or writing: "typescript" runs prettier
   * with the prettier config that applies to `path`; "none" keeps `content` byte for byte
   * (the emitter already produced canonical formatting).
   */
  readonly format: "typescript" | "none";
  /**
   * For `format: "typescript"`: true when `content` is already exactly what prettier prints
   * with its default options, so the output stage runs prettier only when a prettier config or
   * `.editorconfig` could apply to `path` (src/output/format.ts). Absent or false: always
   * formatted.
   */
  readonly prettierLayout?: boolean | undefined;
  /**
   * True when the file takes the place of generated files that are not committed to git yet
   * (a SQL migration folded into the next change); `generate` reports it as "rewritten".
   */
  readonly replacesUncommitted?: boolean | undefined;
}

/** What an emitter may know besides the model. Plain data, read by the output stage. */
export interface EmitContext {
  /** The lock as it was on disk before this run (undefined when there was none). */
  readonly lockBefore: Lock | undefined;
  /** The lock as this run leaves it: every model permission has its id here. */
  readonly lock: Lock;
  /**
   * Files that already exist in the target's output folder and carry permgen's header for this
   * schema, by absolute path. Targets that append history (SQL migrations) read them.
   */
  readonly existingFiles: ReadonlyMap<string, string>;
  /**
   * The absolute paths of files in the output folders that git reports as not committed yet
   * (untracked, or added but not in `HEAD`), asked by the output stage
   * (src/output/git-history.ts); empty or undefined outside git or when git cannot tell. A
   * target that appends history (SQL) folds migrations listed here into the next change, and
   * only those: without this, history only appends. A function, called at most once per run and
   * only by an emitter that has a change to fold (so a `check` in sync never runs git); its
   * answer is the same for every caller within a run.
   */
  readonly uncommittedFiles?: (() => ReadonlySet<string>) | undefined;
  /**
   * The metadata table whose `schema_digest` row the configured SQL target writes
   * (`tables.meta`), resolved by the config stage (`ResolvedConfig.digestTable`). The code
   * targets' start-up check reads it. Undefined (an emitter called without a config) reads as
   * the SQL target's default, `permgen_meta`.
   */
  readonly metaTable?: string | undefined;
  /**
   * Set only in a long-lived process that regenerates on every save (`generate --watch`):
   * hands back what the last call with the same `part` computed when every element of `key` is
   * the same (`===`: strings by value, objects by identity), else computes it. For a pure
   * computation over what an emitter reads from its folder (the SQL history: the manifest
   * parsed and every migration rendered again to check its sha256). A one-shot run keeps no
   * such result.
   */
  readonly reuse?: (<T>(part: string, key: readonly unknown[], compute: () => T) => T) | undefined;
  /**
   * Set with `reuse`: queues `task` to run once this run is over (its files written and
   * reported), while the watch waits for the next save. For work the next run would do first
   * on what this run wrote, handed to it through `reuse` (the SQL history of the manifest just
   * written): the next save does not wait for it.
   */
  readonly afterRun?: ((task: () => void) => void) | undefined;
}

/** Options every target has, after config paths are resolved. */
export interface BaseTargetOptions {
  readonly language: string;
  /** Absolute path: a file for single-file targets, a folder for folder targets. */
  readonly out: string;
  /**
   * The config's modules this target emits (`"modules": [...]` on a code or SQL target; see
   * modules-option.ts); undefined: every module. The pipeline hands the emitter the model
   * narrowed to them (src/model/restrict-model.ts), so emitters never read this field.
   */
  readonly modules?: readonly string[] | undefined;
}

/**
 * What an emitter returns: every file it produces, or — when what it finds in its own output
 * folder must not be continued or rewritten (a broken SQL migration history) — the positioned
 * diagnostics that say why, and no files (exit 2, nothing written). Never both.
 */
export type EmitResult =
  | { readonly ok: true; readonly files: readonly EmittedFile[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** A target's emitter: pure, from the model, the target's options and the context. */
export type Emitter<O extends BaseTargetOptions> = (
  model: Model,
  options: O,
  context: EmitContext,
) => EmitResult;

/** The cheap half of a target: loaded by every command. */
export interface TargetDescriptor<O extends BaseTargetOptions = BaseTargetOptions> {
  readonly language: O["language"];
  /**
   * zod schema of the target's entry in `targets` (strict object with `language` literal and
   * `out`), used to build the config schema and its JSON Schema. Describe every field with
   * `.describe()` (it becomes editor documentation) and say its default.
   */
  readonly options: z.ZodType<unknown>;
  /** Whether `out` names a folder (SQL migrations) rather than a file. */
  readonly outIsFolder: boolean;
  /**
   * Names that collide or are unusable once converted for this language: positioned
   * diagnostics (PG0401, PG0402). Called only for configured targets. It lives next to the
   * target's name table in its `names.ts` and reads that table, so it checks exactly the
   * identifiers the emitter writes. Absent for a target that emits no identifiers (SQL, JSON,
   * Markdown: keys and role names are data there, written as they are).
   */
  readonly checkNames?: (model: Model, options: O) => readonly Diagnostic[];
  /**
   * The metadata table this target's output writes the schema digest into (SQL: `tables.meta`).
   * The config stage gives it to every emitter as `EmitContext.metaTable`.
   */
  readonly digestTable?: (options: O) => string;
  /**
   * True for a target whose output reads the digest table at run time (the start-up check of
   * TypeScript, Python and Go): two SQL targets naming different tables then leave it no single
   * table to read, a config error (PG0620).
   */
  readonly readsDigestTable?: boolean;
  /**
   * Problems with the target's options that their zod shape cannot express (a `names` entry
   * for a symbol the target does not emit, a Go type reference that is not `path.Type`): the
   * config reader positions each at its JSON node. Called once the config parses.
   */
  readonly checkOptions?: (options: O) => readonly OptionProblem[];
  /** Loads the emitter module (and whatever heavy dependency it needs). */
  loadEmitter(): Promise<Emitter<O>>;
}
