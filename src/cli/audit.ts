/**
 * The `audit` command: run the audit (src/audit/run-audit.ts), print its findings in the
 * format asked for, return the exit code: 0 clean, 1 a finding at or above `--fail-on`, 2 the
 * config, schema or lock is invalid (or the audit has nothing to scan). Loaded by main.ts only
 * when audit runs.
 */
import { readFileSync } from "node:fs";
import { runAudit } from "../audit/run-audit.js";
import type { FailOn } from "../audit/rules.js";
import type { CommonFlags } from "./commands.js";
import { ExitCode } from "./commands.js";
import type { CliContext } from "./main.js";
import {
  formatAuditAnnotations,
  formatAuditJson,
  formatAuditSarif,
  formatAuditText,
  hasFailingFindings,
} from "./audit-report.js";
import type { AuditReport } from "./audit-report.js";
import { formatDiagnosticAnnotations, formatDiagnosticLines, formatJsonReport, formatTimings } from "./report.js";

/** `audit`'s flags, as commander parsed them. */
export interface AuditFlags extends CommonFlags {
  readonly format?: "text" | "json" | "sarif" | undefined;
  readonly failOn?: FailOn | undefined;
  readonly verbose?: boolean | undefined;
}

/** Runs `permgen audit`. */
export async function runAuditCommand(flags: AuditFlags, context: CliContext): Promise<number> {
  const format = flags.format ?? "text";
  const outcome = await runAudit({
    cwd: context.cwd,
    ...(flags.config === undefined ? {} : { config: flags.config }),
  });
  const actions = context.env["GITHUB_ACTIONS"] === "true";
  if (!outcome.ok) {
    if (format === "text") {
      if (actions) context.stdout(formatDiagnosticAnnotations(outcome.diagnostics, context.cwd));
      context.stderr(formatDiagnosticLines(outcome.diagnostics, context.cwd));
    } else {
      context.stdout(formatJsonReport({ ok: false, drift: [], diagnostics: outcome.diagnostics }, context.cwd));
    }
    return ExitCode.Invalid;
  }
  const report: AuditReport = { ...outcome, failOn: flags.failOn ?? "error" };
  const verbose = flags.verbose === true;
  if (format === "json") context.stdout(formatAuditJson(report, context.cwd, verbose));
  else if (format === "sarif") context.stdout(formatAuditSarif(report, readVersion()));
  else {
    if (actions) context.stdout(formatAuditAnnotations(report, context.cwd));
    context.stdout(formatAuditText(report, context.cwd, verbose));
  }
  if (flags.debug === true) context.stderr(formatTimings(outcome.timings));
  return hasFailingFindings(report) ? ExitCode.Drift : ExitCode.Ok;
}

/** permgen's version for SARIF's driver, from its package.json (src/cli and dist/cli alike). */
function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "unknown";
}
