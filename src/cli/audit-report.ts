/**
 * One renderer per output format of `permgen audit`: text (compiler style, like eslint's
 * `unix` formatter), JSON, SARIF 2.1.0 (GitHub code scanning) and GitHub Actions workflow
 * commands. Pure functions from findings to text; no rule builds output of its own.
 *
 * Messages and paths come from the user's files: text goes through formatTextLine /
 * formatTextPath (no line of its own, no terminal control, no fake workflow command), JSON and
 * SARIF are JSON-escaped (C1, separators and bidi controls too), annotations use GitHub's own
 * escaping.
 */
import path from "node:path";
import { displayPath, formatTextLine, formatTextPath } from "../diagnostics/diagnostic.js";
import { escapeUnsafeJson } from "../targets/unsafe-chars.js";
import type { ExemptFinding, Finding } from "../audit/build-findings.js";
import type { FailOn, Severity } from "../audit/rules.js";
import { failsAt, RULES } from "../audit/rules.js";
import { escapeData, escapeProperty } from "./report.js";

/** What every renderer gets. */
export interface AuditReport {
  readonly findings: readonly Finding[];
  readonly exempted: readonly ExemptFinding[];
  readonly files: number;
  readonly sites: number;
  /** The repository root (SARIF paths are relative to it). */
  readonly root: string;
  readonly failOn: FailOn;
}

/** Whether the report makes the run exit 1. */
export function hasFailingFindings(report: Pick<AuditReport, "findings" | "failOn">): boolean {
  return report.findings.some((f) => failsAt(f.severity, report.failOn));
}

/**
 * Text: one `path:line:col: <severity> PA0nnn: message` line per finding (paths relative to
 * `cwd`, as permgen's diagnostics are), with `--verbose` also each exempted finding as
 * `… exempt PA0nnn: message (exempt: <reason>)`, then a summary line.
 */
export function formatAuditText(report: AuditReport, cwd: string, verbose: boolean): string {
  const line = (f: Finding, severity: string, suffix = "") =>
    formatTextLine(`${formatTextPath(displayPath(f.file, cwd))}:${f.line}:${f.column}: ${severity} ${f.rule.id}: ${f.message}${suffix}`);
  const lines = report.findings.map((f) => line(f, f.severity));
  if (verbose) lines.push(...report.exempted.map((f) => line(f, "exempt", ` (exempt: ${f.exemption})`)));
  lines.push(formatSummary(report));
  return `${lines.join("\n")}\n`;
}

function formatSummary(report: AuditReport): string {
  const counts = (["error", "warning", "note"] as const)
    .map((severity) => [severity, report.findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => plural(n, severity));
  const scope = `${plural(report.files, "file")}, ${plural(report.sites, "enforcement site")}`;
  const exempt = report.exempted.length > 0 ? `, ${report.exempted.length} exempted` : "";
  return `permgen: audit: ${counts.length === 0 ? "no findings" : counts.join(", ")} (${scope}${exempt})`;
}

/**
 * JSON: `{ ok, files, sites, findings: [{ rule, kind, severity, file, line, column, message }],
 * exempted? }`, paths relative to `cwd`; `ok` is false when a finding is at or above
 * `--fail-on`; `exempted` (each with its `exemption`) only with `--verbose`.
 */
export function formatAuditJson(report: AuditReport, cwd: string, verbose: boolean): string {
  const entry = (f: Finding) => ({
    rule: f.rule.id,
    kind: f.rule.kind,
    severity: f.severity,
    file: displayPath(f.file, cwd),
    line: f.line,
    column: f.column,
    message: f.message,
  });
  const json = {
    ok: !hasFailingFindings(report),
    files: report.files,
    sites: report.sites,
    findings: report.findings.map(entry),
    ...(verbose ? { exempted: report.exempted.map((f) => ({ ...entry(f), exemption: f.exemption })) } : {}),
  };
  return `${escapeUnsafeJson(JSON.stringify(json, null, 2))}\n`;
}

/**
 * SARIF 2.1.0: one run, the rules in the driver, one result per finding with its location
 * relative to the repository root (`%SRCROOT%`), exempted findings as results carrying an
 * in-source suppression with its justification, so code scanning shows them as dismissed.
 */
export function formatAuditSarif(report: AuditReport, version: string): string {
  const level = (severity: Severity) => severity;
  const result = (f: Finding, exemption?: string) => ({
    ruleId: f.rule.id,
    ruleIndex: RULES.indexOf(f.rule),
    level: level(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(f.file, report.root), uriBaseId: "%SRCROOT%" },
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
    ...(exemption === undefined ? {} : { suppressions: [{ kind: "inSource", justification: exemption }] }),
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "permgen",
            version,
            informationUri: "https://github.com/permgen/permgen",
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.kind,
              shortDescription: { text: rule.summary },
              defaultConfiguration: { level: level(rule.severity) },
            })),
          },
        },
        results: [...report.findings.map((f) => result(f)), ...report.exempted.map((f) => result(f, f.exemption))],
      },
    ],
  };
  return `${escapeUnsafeJson(JSON.stringify(sarif, null, 2))}\n`;
}

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…::PA0nnn: message` per finding
 * (`::warning`, `::notice` for the other severities), so findings show on the pull request.
 */
export function formatAuditAnnotations(report: AuditReport, cwd: string): string {
  const command: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", note: "notice" };
  const lines = report.findings.map(
    (f) =>
      `::${command[f.severity]} file=${escapeProperty(displayPath(f.file, cwd))},line=${f.line},col=${f.column}::${escapeData(`${f.rule.id}: ${f.message}`)}`,
  );
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** A path below the root as a relative URI reference: each segment percent-encoded. */
function toUri(file: string, root: string): string {
  return path.relative(root, file).split(path.sep).map(encodeURIComponent).join("/");
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
