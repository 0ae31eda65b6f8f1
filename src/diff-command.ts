/**
 * `permgen diff` as a stage (CONTRACT §9): reads both sides and compares them. The working
 * tree's side comes from the pipeline (src/pipeline.ts, as `validate` reads it); the ref's side
 * from git objects (src/output/git-objects.ts) — the config at the working tree config's path
 * from the repository root, then the schema and the lock where that config names them — never
 * checked out, never executed, built into a model the same way. src/diff/ compares the two.
 * The CLI (src/cli/diff.ts) renders the result and picks the exit code.
 */
import fs from "node:fs";
import path from "node:path";
import { listModuleRenames } from "./config/config-paths.js";
import { parseConfig } from "./config/load-config.js";
import type { ResolvedConfig } from "./config/resolved-config.js";
import { Codes } from "./diagnostics/codes.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { sortDiagnostics } from "./diagnostics/diagnostic.js";
import type { DiffSide, DiffTarget } from "./diff/compare-vocabularies.js";
import { compareVocabularies } from "./diff/compare-vocabularies.js";
import type { VocabularyDiff } from "./diff/diff-report.js";
import type { DiffAgainst } from "./diff/render-text.js";
import type { Outcome, RunOptions } from "./index.js";
import { EMPTY_LOCK } from "./lock/lock.js";
import { parseLock } from "./lock/parse-lock.js";
import type { FileAtCommit } from "./output/git-objects.js";
import { readFileAtCommit, resolveCommit } from "./output/git-objects.js";
import { formatRepositoryPath } from "./output/repository.js";
import { readInputFile } from "./output/read-files.js";
import type { SchemaText } from "./model/load-model.js";
import { loadWorkingVocabulary } from "./pipeline.js";

/** What `diff` compares: the ref, and whether description changes count (`--verbose`). */
export interface DiffOptions extends RunOptions {
  /** A branch, tag, commit or any revision git resolves to a commit. */
  readonly against: string;
  readonly descriptions?: boolean;
}

/**
 * Compares the vocabulary at `options.against` with the working tree's. Fails with PG0801 when
 * the ref names no commit (or there is no repository), PG0802 when a file at the ref is not
 * one permgen can read, and with the usual diagnostics — positioned at `REF:path` for the
 * ref's side — when either side is invalid.
 */
export async function compareWithRef(
  options: DiffOptions,
): Promise<Outcome<{ diff: VocabularyDiff; against: DiffAgainst }>> {
  const ref = options.against;
  const working = await loadWorkingVocabulary(options);
  if (!working.ok) return working;
  const { cwd, config, root, model, lock } = working;
  const badRef = (message: string) =>
    fail([{ code: Codes.DiffBadRef, message, file: config.file, line: 1, column: 1 }]);
  if (!fs.existsSync(path.join(root, ".git"))) {
    return badRef(`cannot compare with ${JSON.stringify(ref)}: the config is not in a git repository`);
  }
  const resolved = resolveCommit(root, ref);
  if (!resolved.ok) {
    return badRef(
      `the ref ${JSON.stringify(ref)} ${resolved.reason}; pass --against with a branch, tag or commit ` +
        "(under GitHub Actions, fetch the base branch: actions/checkout with fetch-depth: 0)",
    );
  }
  const atRef = await readRefSide({ root, commit: resolved.commit, ref, config, cwd });
  if (!atRef.ok) return fail(atRef.diagnostics);
  const after: DiffSide = { model, lock, targets: describeTargets(config, root) };
  const diff = compareVocabularies(atRef.side, after, { descriptions: options.descriptions === true });
  return { ok: true, diff, against: { ref, commit: resolved.commit, setUp: atRef.side !== undefined } };
}

/** Whether a repository path lies in a `node_modules/` folder (an installed package). */
function isUnderNodeModules(rel: string): boolean {
  return rel.split("/").includes("node_modules");
}

/** The installed file's text, or undefined when it is not a regular file permgen may read. */
function readInstalled(file: string): string | undefined {
  const input = readInputFile(file);
  return input.kind === "file" ? input.bytes.toString("utf8") : undefined;
}

function fail(diagnostics: readonly Diagnostic[]): { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
}

/** A side's targets, `out` shown from the repository root. */
function describeTargets(config: ResolvedConfig, root: string): DiffTarget[] {
  return config.targets.map((t) => ({ options: t.options, outText: formatRepositoryPath(root, t.options.out) }));
}

/**
 * The ref's side: its config, schema and lock at the working tree config's paths, read from
 * `commit` and built into a model. `side` is undefined when permgen was not set up there (no
 * config, schema or lock at those paths): then everything is new. A problem in what is there
 * is reported at `REF:path:line:col`.
 */
async function readRefSide(input: {
  readonly root: string;
  readonly commit: string;
  readonly ref: string;
  readonly config: ResolvedConfig;
  readonly cwd: string;
}): Promise<{ ok: true; side: DiffSide | undefined } | { ok: false; diagnostics: readonly Diagnostic[] }> {
  const { root, commit, ref, cwd } = input;
  // Shown as `REF:path` wherever the current folder is (displayPath makes it relative again).
  const label = (file: string): string => path.join(cwd, `${ref}:${formatRepositoryPath(root, file)}`);
  const read = (file: string): Extract<FileAtCommit, { kind: "file" | "missing" }> | Diagnostic => {
    const rel = formatRepositoryPath(root, file);
    if (rel.startsWith("../") || rel === ".." || path.isAbsolute(rel)) {
      const message = `${JSON.stringify(rel)} is outside the repository, so it has no version at ${JSON.stringify(ref)}`;
      return { code: Codes.DiffUnreadableAtRef, message, file: label(file), line: 1, column: 1 };
    }
    const found = readFileAtCommit(root, commit, rel);
    if (found.kind === "file" || found.kind === "missing") return found;
    const what = found.kind === "too-large" ? `larger than 16 MiB (${found.size} bytes)` : found.what;
    const message = `at ${JSON.stringify(ref)} this path is ${what}, not a file permgen can read`;
    return { code: Codes.DiffUnreadableAtRef, message, file: label(file), line: 1, column: 1 };
  };
  const configText = read(input.config.file);
  if ("code" in configText) return { ok: false, diagnostics: [configText] };
  if (configText.kind === "missing") return { ok: true, side: undefined };
  // Parsed at the working tree's path, so its relative paths resolve to the same places.
  const parsed = parseConfig(input.config.file, configText.text);
  if (parsed.config === undefined) {
    const diagnostics = parsed.diagnostics.map((d) => (d.file === input.config.file ? { ...d, file: label(d.file) } : d));
    return { ok: false, diagnostics };
  }
  const config = parsed.config;
  const lockText = read(config.lockPath);
  if ("code" in lockText) return { ok: false, diagnostics: [lockText] };
  const texts: SchemaText[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of config.sources) {
    const rel = formatRepositoryPath(root, source.file);
    // This model is never generated from, so its paths only name places inside messages (a
    // constraint a role breaks): `REF:path`, not the working tree's file, whose lines differ.
    const named = { file: label(source.file), path: `${ref}:${rel}`, module: source.module, renamedFrom: source.renamedFrom };
    const found = read(source.file);
    if ("code" in found) {
      diagnostics.push(found);
      continue;
    }
    if (found.kind === "file") {
      texts.push({ ...named, text: found.text });
      continue;
    }
    if (source.module === undefined) return { ok: true, side: undefined };
    // A package's module file is installed, not committed (node_modules/ is ignored): the ref
    // pins the package through its lockfile, so the installed file is the ref's too.
    const installed = isUnderNodeModules(rel) ? readInstalled(source.file) : undefined;
    if (installed !== undefined) {
      texts.push({ ...named, file: source.file, text: installed });
      continue;
    }
    diagnostics.push({
      code: Codes.DiffModuleMissingAtRef,
      message: `module "${source.module}": ${JSON.stringify(rel)} does not exist at ${JSON.stringify(ref)}, though the config there names it; commit the module file, or install its package`,
      file: label(config.file),
      ...(source.position ?? { line: 1, column: 1 }),
    });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const lockFile = lockText;
  const [first, ...rest] = texts;
  if (first === undefined || lockFile.kind !== "file") return { ok: true, side: undefined };
  const lockResult = parseLock(label(config.lockPath), lockFile.text);
  if (lockResult.diagnostics.length > 0) return { ok: false, diagnostics: lockResult.diagnostics };
  const { loadModel } = await import("./model/load-model.js");
  const loaded = loadModel({
    schemas: [first, ...rest],
    lock: lockResult.lock ?? EMPTY_LOCK,
    moduleRenames: listModuleRenames(config.sources, label(config.file)),
  });
  if (loaded.model === undefined) return { ok: false, diagnostics: loaded.diagnostics };
  return { ok: true, side: { model: loaded.model, lock: loaded.lock, targets: describeTargets(config, root) } };
}
