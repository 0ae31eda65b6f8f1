/**
 * `permgen diff [--against REF] [--format text|markdown|json] [--fail-on LEVEL] [--verbose]`
 * (CONTRACT §9): the vocabulary at a git ref against the working tree. src/diff-command.ts reads
 * both sides (the ref's from git objects, never checked out or executed) and compares them;
 * this module picks the ref, renders the report and maps it to an exit code.
 *
 * Exit 0 when nothing at or above `--fail-on` is found, 1 when something is, 2 for a bad ref or
 * input (at the ref or in the working tree) that cannot be read. Under GitHub Actions the
 * Markdown report is also appended to `$GITHUB_STEP_SUMMARY`.
 */
import fs from "node:fs";
import path from "node:path";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FailOn } from "../diff/diff-report.js";
import { failsAt } from "../diff/diff-report.js";
import { renderDiffJson } from "../diff/render-json.js";
import { renderDiffMarkdown } from "../diff/render-markdown.js";
import { renderDiffText } from "../diff/render-text.js";
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
  const { compareWithRef } = await import("../diff-command.js");
  const outcome = await compareWithRef({
    cwd: context.cwd,
    against: flags.against ?? findDefaultRef(context.env),
    descriptions: flags.verbose === true,
    ...(flags.config === undefined ? {} : { config: flags.config }),
  });
  if (!outcome.ok) return reportDiagnostics(outcome.diagnostics, format, context);
  const { diff, against } = outcome;
  const markdown = renderDiffMarkdown(diff, against);
  const output =
    format === "json"
      ? renderDiffJson(diff, against, failOn)
      : format === "markdown"
        ? markdown
        : renderDiffText(diff, against);
  const summaryFile = context.env["GITHUB_STEP_SUMMARY"];
  if (context.env["GITHUB_ACTIONS"] === "true" && summaryFile !== undefined && summaryFile !== "") {
    try {
      // Appended, never truncated: other steps of the job write their summaries there too.
      fs.appendFileSync(summaryFile, `${markdown}\n`);
    } catch (error) {
      const cause = (error as NodeJS.ErrnoException).code ?? String(error);
      const message = `cannot append the report to $GITHUB_STEP_SUMMARY (${cause})`;
      const file = path.resolve(context.cwd, summaryFile);
      return reportDiagnostics([{ code: Codes.IoError, message, file }], format, context);
    }
  }
  context.stdout(output);
  return failsAt(diff, failOn) ? ExitCode.Drift : ExitCode.Ok;
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
