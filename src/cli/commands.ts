/**
 * The `generate`, `check` and `validate` commands: call the pipeline (src/index.ts), print its
 * result, return the exit code. Loaded by main.ts only when one of them runs, so `--help` and
 * `--version` never pay for the pipeline's imports.
 */
import { check, generate, validate } from "../index.js";
import type { RunOptions } from "../index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { CliContext } from "./main.js";
import {
  buildFixCommand,
  formatCheckReport,
  formatDiagnosticAnnotations,
  formatDiagnosticLines,
  formatDriftAnnotations,
  formatGenerateReport,
  formatJsonReport,
  formatTimings,
  formatValidateReport,
} from "./report.js";
import type { ReportFormat } from "./report.js";

/** Exit codes (CONTRACT §3). */
export const ExitCode = { Ok: 0, Drift: 1, Invalid: 2, Internal: 3 } as const;

/** Options every command takes, as commander parsed them. */
export interface CommonFlags {
  readonly config?: string | undefined;
  readonly debug?: boolean | undefined;
  /** false when `--no-cache` was given. */
  readonly cache?: boolean | undefined;
}

/** `generate`'s flags. */
export interface GenerateFlags extends CommonFlags {
  readonly force?: boolean | undefined;
  /** `--watch`: run src/cli/watch.ts instead of one generate. */
  readonly watch?: boolean | undefined;
}

/** `check`'s and `validate`'s flags. */
export interface ReportFlags extends CommonFlags {
  readonly format?: ReportFormat | undefined;
}

/**
 * Runs `permgen generate`: writes every target and prints one line per file and a summary
 * (exit 0), or prints the diagnostics and writes nothing (exit 2).
 */
export async function runGenerate(
  flags: GenerateFlags,
  context: CliContext,
): Promise<number> {
  const outcome = await generate({
    ...buildRunOptions(flags, context),
    force: flags.force === true,
  });
  if (!outcome.ok) {
    return reportDiagnostics(outcome.diagnostics, "text", context);
  }
  context.stdout(
    formatGenerateReport(outcome.changes, outcome.timings, context.cwd),
  );
  if (flags.debug === true) context.stderr(formatTimings(outcome.timings));
  return ExitCode.Ok;
}

/**
 * Runs `permgen check`: compares what generate would write with the disk and prints the drift
 * (exit 1) or the all-clear (exit 0); invalid input prints diagnostics (exit 2).
 */
export async function runCheck(
  flags: ReportFlags,
  context: CliContext,
): Promise<number> {
  const format = flags.format ?? "text";
  const outcome = await check(buildRunOptions(flags, context));
  if (!outcome.ok) {
    return reportDiagnostics(outcome.diagnostics, format, context);
  }
  const { drift } = outcome;
  // The vocabulary summary explains drift; when in sync there is nothing to explain.
  const vocabulary = drift.length === 0 ? undefined : outcome.vocabulary;
  const fix = buildFixCommand(flags.config);
  if (format === "json") {
    context.stdout(
      formatJsonReport(
        { ok: drift.length === 0, drift, diagnostics: [], vocabulary },
        context.cwd,
      ),
    );
  } else {
    if (isGitHubActions(context)) {
      context.stdout(formatDriftAnnotations(drift, context.cwd, fix));
    }
    context.stdout(
      formatCheckReport(drift, outcome.files, context.cwd, fix, vocabulary),
    );
  }
  if (flags.debug === true) context.stderr(formatTimings(outcome.timings));
  return drift.length === 0 ? ExitCode.Ok : ExitCode.Drift;
}

/**
 * Runs `permgen validate`: reads the config and schema and reports problems (exit 2) or says
 * the vocabulary is valid (exit 0).
 */
export async function runValidate(
  flags: ReportFlags,
  context: CliContext,
): Promise<number> {
  const format = flags.format ?? "text";
  const outcome = await validate(buildRunOptions(flags, context));
  if (!outcome.ok) {
    return reportDiagnostics(outcome.diagnostics, format, context);
  }
  if (format === "json") {
    context.stdout(
      formatJsonReport({ ok: true, drift: [], diagnostics: [] }, context.cwd),
    );
  } else {
    context.stdout(formatValidateReport(outcome.model));
  }
  if (flags.debug === true) context.stderr(formatTimings(outcome.timings));
  return ExitCode.Ok;
}

/** Prints diagnostics (and their annotations under GitHub Actions) and returns exit code 2. */
function reportDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: ReportFormat,
  context: CliContext,
): number {
  if (format === "json") {
    context.stdout(
      formatJsonReport({ ok: false, drift: [], diagnostics }, context.cwd),
    );
    return ExitCode.Invalid;
  }
  if (isGitHubActions(context)) {
    context.stdout(formatDiagnosticAnnotations(diagnostics, context.cwd));
  }
  context.stderr(formatDiagnosticLines(diagnostics, context.cwd));
  return ExitCode.Invalid;
}

function buildRunOptions(flags: CommonFlags, context: CliContext): RunOptions {
  return {
    cwd: context.cwd,
    cache: flags.cache !== false,
    ...(flags.config === undefined ? {} : { config: flags.config }),
  };
}

function isGitHubActions(context: CliContext): boolean {
  return context.env["GITHUB_ACTIONS"] === "true";
}
