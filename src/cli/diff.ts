/**
 * `permgen diff [--against REF] [--format text|markdown|json] [--fail-on LEVEL] [--verbose]`
 * (CONTRACT §9): the vocabulary at a git ref against the working tree. The ref's config, schema
 * and lock are read from git objects (src/output/git-objects.ts) at the paths the working
 * tree's config has from the repository root — never checked out, never executed — and built
 * into a model as the working tree's is; src/diff/ compares the two and renders the report.
 *
 * Exit 0 when nothing at or above `--fail-on` is found, 1 when something is, 2 for a bad ref or
 * input (at the ref or in the working tree) that cannot be read. Under GitHub Actions the
 * Markdown report is also appended to `$GITHUB_STEP_SUMMARY`.
 */
import fs from "node:fs";
import path from "node:path";
import { parseConfig } from "../config/load-config.js";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiffSide, DiffTarget } from "../diff/compare-vocabularies.js";
import { compareVocabularies } from "../diff/compare-vocabularies.js";
import type { FailOn } from "../diff/diff-report.js";
import { failsAt } from "../diff/diff-report.js";
import { renderDiffJson } from "../diff/render-json.js";
import { renderDiffMarkdown } from "../diff/render-markdown.js";
import type { DiffAgainst } from "../diff/render-text.js";
import { renderDiffText } from "../diff/render-text.js";
import { EMPTY_LOCK } from "../lock/lock.js";
import { parseLock } from "../lock/parse-lock.js";
import { readFileAtCommit, resolveCommit } from "../output/git-objects.js";
import type { FileAtCommit } from "../output/git-objects.js";
import { formatRepositoryPath } from "../output/repository.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import type { CommonFlags } from "./commands.js";
import { ExitCode } from "./commands.js";
import type { CliContext } from "./main.js";
import { formatDiagnosticAnnotations, formatDiagnosticLines, formatJsonReport } from "./report.js";

/** `diff`'s flags, as commander parsed them. */
export interface DiffFlags extends CommonFlags {
  readonly against?: string | undefined;
  readonly format?: "text" | "markdown" | "json" | undefined;
  readonly failOn?: FailOn | undefined;
  readonly verbose?: boolean | undefined;
}

/**
 * The ref `diff` compares with when `--against` is not given: the pull request's base branch
 * under GitHub Actions (`origin/$GITHUB_BASE_REF`, set on pull request events only), else HEAD.
 */
export function findDefaultRef(env: CliContext["env"]): string {
  const base = env["GITHUB_BASE_REF"];
  return env["GITHUB_ACTIONS"] === "true" && base !== undefined && base !== "" ? `origin/${base}` : "HEAD";
}

/** Runs `permgen diff`; see the module comment. */
export async function runDiff(flags: DiffFlags, context: CliContext): Promise<number> {
  const format = flags.format ?? "text";
  const failOn = flags.failOn ?? "breaking";
  const ref = flags.against ?? findDefaultRef(context.env);
  const { loadWorkingVocabulary } = await import("../pipeline.js");
  const working = await loadWorkingVocabulary({
    cwd: context.cwd,
    ...(flags.config === undefined ? {} : { config: flags.config }),
  });
  if (!working.ok) return reportDiagnostics(working.diagnostics, format, context);
  const { config, root, model, lock } = working;
  const badRef = (message: string): number =>
    reportDiagnostics([{ code: Codes.DiffBadRef, message, file: config.file, line: 1, column: 1 }], format, context);
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
  const atRef = await readRefSide({ root, commit: resolved.commit, ref, config, cwd: context.cwd });
  if (!atRef.ok) return reportDiagnostics(atRef.diagnostics, format, context);
  const after: DiffSide = { model, lock, targets: describeTargets(config, root) };
  const diff = compareVocabularies(atRef.side, after, { descriptions: flags.verbose === true });
  const against: DiffAgainst = { ref, commit: resolved.commit, setUp: atRef.side !== undefined };
  const markdown = renderDiffMarkdown(diff, against);
  const output =
    format === "json" ? renderDiffJson(diff, against, failOn) : format === "markdown" ? markdown : renderDiffText(diff, against);
  const summaryFile = context.env["GITHUB_STEP_SUMMARY"];
  if (context.env["GITHUB_ACTIONS"] === "true" && summaryFile !== undefined && summaryFile !== "") {
    try {
      // Appended, never truncated: other steps of the job write their summaries there too.
      fs.appendFileSync(summaryFile, `${markdown}\n`);
    } catch (error) {
      const cause = (error as NodeJS.ErrnoException).code ?? String(error);
      const message = `cannot append the report to $GITHUB_STEP_SUMMARY (${cause})`;
      return reportDiagnostics([{ code: Codes.IoError, message, file: path.resolve(context.cwd, summaryFile) }], format, context);
    }
  }
  context.stdout(output);
  return failsAt(diff, failOn) ? ExitCode.Drift : ExitCode.Ok;
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
  const source = config.sources[0];
  const schemaText = read(source.file);
  const lockText = read(config.lockPath);
  const unreadable = [schemaText, lockText].filter((r): r is Diagnostic => "code" in r);
  if (unreadable.length > 0) return { ok: false, diagnostics: unreadable };
  const schema = schemaText as Exclude<typeof schemaText, Diagnostic>;
  const lockFile = lockText as Exclude<typeof lockText, Diagnostic>;
  if (schema.kind !== "file" || lockFile.kind !== "file") return { ok: true, side: undefined };
  const lockResult = parseLock(label(config.lockPath), lockFile.text);
  if (lockResult.diagnostics.length > 0) return { ok: false, diagnostics: lockResult.diagnostics };
  const { loadModel } = await import("../model/load-model.js");
  const loaded = loadModel({
    schemas: [
      {
        file: label(source.file),
        path: formatRepositoryPath(root, source.file),
        module: source.module,
        text: schema.text,
      },
    ],
    lock: lockResult.lock ?? EMPTY_LOCK,
  });
  if (loaded.model === undefined) return { ok: false, diagnostics: loaded.diagnostics };
  return { ok: true, side: { model: loaded.model, lock: loaded.lock, targets: describeTargets(config, root) } };
}

/** Prints diagnostics (annotations too under GitHub Actions) and returns exit code 2. */
function reportDiagnostics(diagnostics: readonly Diagnostic[], format: string, context: CliContext): number {
  if (format === "json") {
    context.stdout(formatJsonReport({ ok: false, drift: [], diagnostics }, context.cwd));
    return ExitCode.Invalid;
  }
  if (context.env["GITHUB_ACTIONS"] === "true") {
    context.stdout(formatDiagnosticAnnotations(diagnostics, context.cwd));
  }
  context.stderr(formatDiagnosticLines(diagnostics, context.cwd));
  return ExitCode.Invalid;
}
