/**
 * What the commands print: pure functions from pipeline results to text, so every line the CLI
 * writes is tested without spawning it. Paths are shown relative to the current directory with
 * `/` separators; no colors, no locale, LF only.
 *
 * Paths and diffs come from the disk and the schema, so nothing printed may start a line of its
 * own or look like a GitHub Actions workflow command (an orphan named
 * `x\n::error title=Spoofed::…` must not print a raw `::error` line): plain text shows such
 * paths JSON-quoted and every printed line through `formatTextLine`; annotations use GitHub's
 * own escaping; JSON output is JSON-escaped.
 */
import { locateFirstChange } from "../output/diff-location.js";
import {
  displayPath,
  formatDiagnostic,
  formatTextLine,
  formatTextPath,
} from "../diagnostics/diagnostic.js";
import { escapeUnsafeJson } from "../targets/unsafe-chars.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Drift, FileChange, Timings } from "../index.js";
import type { Model } from "../model/model.js";
import type { VocabularyChanges } from "../lock/vocabulary-changes.js";

/** The output formats `check` and `validate` accept. */
export type ReportFormat = "text" | "json";

/** Where a command's text goes: both strings end with a newline when not empty. */
export interface Report {
  readonly stdout: string;
  readonly stderr: string;
}

/** Width of the status column in `generate`'s listing: the longest statuses, "unchanged" and "rewritten". */
const STATUS_WIDTH = "unchanged".length;

/**
 * Formats invalid input for a human: one compiler-style line per diagnostic (path relative to
 * `cwd`), then the count line (`1 error`, `3 errors`).
 */
export function formatDiagnosticLines(
  diagnostics: readonly Diagnostic[],
  cwd: string,
): string {
  const lines = diagnostics.map((d) => formatDiagnostic(d, cwd));
  lines.push(pluralize(diagnostics.length, "error"));
  return joinLines(lines);
}

/**
 * Formats GitHub Actions workflow commands for diagnostics: one
 * `::error file=<path>,line=<l>,col=<c>::PGnnnn: <message>` line each, so the problems show up
 * as annotations on the pull request.
 */
export function formatDiagnosticAnnotations(
  diagnostics: readonly Diagnostic[],
  cwd: string,
): string {
  return joinLines(
    diagnostics.map((d) => {
      const props = [`file=${escapeProperty(displayPath(d.file, cwd))}`];
      if (d.line !== undefined) {
        props.push(`line=${d.line}`, `col=${d.column ?? 1}`);
      }
      return `::error ${props.join(",")}::${escapeData(`${d.code}: ${d.message}`)}`;
    }),
  );
}

/**
 * Formats GitHub Actions annotations for drift: one
 * `::error file=<path>,line=<n>,endLine=<m>::<message>` line per drifted file, the message
 * naming the command that fixes it. An out-of-date file points at the lines its first hunk
 * changes in the file as committed, so the pull request shows the place; a missing or
 * orphaned file points at line 1.
 */
export function formatDriftAnnotations(
  drift: readonly Drift[],
  cwd: string,
  fix: string,
): string {
  return joinLines(
    drift.map((d) => {
      const file = escapeProperty(displayPath(d.path, cwd));
      const at = (d.kind === "modified" && d.diff !== undefined ? locateFirstChange(d.diff) : undefined) ?? {
        line: 1,
        endLine: 1,
      };
      return `::error file=${file},line=${at.line},endLine=${at.endLine}::${escapeData(describeDrift(d.kind, fix))}`;
    }),
  );
}

/**
 * Formats `generate`'s listing: one `<status>  <path>` line per file, statuses padded to one
 * column, then `permgen: N files (1 written, 1 unchanged) in 412 ms`. A file written in the
 * place of files not committed yet (a folded SQL migration) says so:
 * `rewritten  migrations/0005_add_role_auditor.sql (not committed yet)`.
 */
export function formatGenerateReport(
  changes: readonly FileChange[],
  timings: Timings,
  cwd: string,
): string {
  const lines = changes.map(
    (c) =>
      `${c.status.padEnd(STATUS_WIDTH)}  ${formatTextPath(displayPath(c.path, cwd))}${c.status === "rewritten" ? " (not committed yet)" : ""}`,
  );
  const counts = (["written", "rewritten", "unchanged", "deleted"] as const)
    .map(
      (status) =>
        [status, changes.filter((c) => c.status === status).length] as const,
    )
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  const detail = counts.length > 0 ? ` (${counts.join(", ")})` : "";
  lines.push(
    `permgen: ${pluralize(changes.length, "file")}${detail} in ${formatMs(timings.totalMs)}`,
  );
  return joinLines(lines);
}

/**
 * Formats `check`'s verdict for a human. In sync: `permgen: N files up to date`. Drift: first
 * what changed in the vocabulary (`formatVocabularySummary`) and `permgen: N files out of date`,
 * then each modified file's unified diff, `missing  <path>` and `orphan  <path>` lines, then
 * the count again naming the command that fixes it (`fix`, e.g. "permgen generate --config
 * x.json"), so it is the last line however long the diffs are.
 */
export function formatCheckReport(
  drift: readonly Drift[],
  fileCount: number,
  cwd: string,
  fix: string,
  vocabulary?: VocabularyChanges,
): string {
  if (drift.length === 0) {
    return joinLines([`permgen: ${pluralize(fileCount, "file")} up to date`]);
  }
  let text = "";
  if (vocabulary !== undefined) {
    text += formatVocabularySummary(vocabulary);
    text += `permgen: ${pluralize(drift.length, "file")} out of date\n`;
  }
  for (const d of drift) {
    if (d.kind === "modified") {
      text += formatDiffText(d.diff ?? "");
    } else {
      text += `${d.kind}  ${formatTextPath(displayPath(d.path, cwd))}\n`;
    }
  }
  const them = drift.length === 1 ? "it" : "them";
  text += `permgen: ${pluralize(drift.length, "file")} out of date; run \`${fix}\` to update ${them}\n`;
  return text;
}

/** At most this many change lines are printed; the rest are counted on one line. */
const SUMMARY_LINES = 200;
/** At most this many keys are named on one role line. */
const ROLE_KEYS_SHOWN = 5;

/**
 * Formats what changed in the vocabulary, one line each, in this order: `+ <key> (id N)` for
 * a new permission (`id N, restored` for a retired key that came back with its id),
 * `- <key> (id N, retired)`, `~ <old key> → <key> (id N, renamed)`, then roles by name: `+ role <name>: N permissions`,
 * `- role <name>: held N permissions`, `~ role <name>: +N -M (+key, -key)`,
 * `~ role <old> → <name> (renamed)[: +N -M (…)]`. With no such change:
 * `permgen: no permission, id or grant changed` (a reorder, a doc edit, an option, a hand-edited
 * or deleted file: nothing anyone is granted differs). A lock written
 * before roles were recorded cannot tell role changes: a last line says so (and the first
 * claims no more than it knows).
 */
export function formatVocabularySummary(changes: VocabularyChanges): string {
  const lines: string[] = [];
  for (const p of changes.added) {
    lines.push(`+ ${p.key} (id ${p.id}${p.revived ? ", restored" : ""})`);
  }
  for (const p of changes.removed) lines.push(`- ${p.key} (id ${p.id}, retired)`);
  for (const p of changes.renamed ?? []) lines.push(`~ ${p.from} → ${p.key} (id ${p.id}, renamed)`);
  for (const role of changes.roles) {
    if (role.kind === "renamed") {
      const change = role.gained.length + role.lost.length === 0 ? "" : `: ${describeRoleChange(role.gained, role.lost)}`;
      lines.push(`~ role ${role.from ?? ""} → ${role.name} (renamed)${change}`);
    } else if (role.kind === "added") lines.push(`+ role ${role.name}: ${pluralize(role.gained.length, "permission")}`);
    else if (role.kind === "removed") lines.push(`- role ${role.name}: held ${pluralize(role.lost.length, "permission")}`);
    else lines.push(`~ role ${role.name}: ${describeRoleChange(role.gained, role.lost)}`);
  }
  const head: string[] = [];
  if (lines.length > 0) head.push("permgen: vocabulary changes:");
  else if (changes.rolesKnown) head.push("permgen: no permission, id or grant changed");
  else head.push("permgen: no permission or id changed");
  if (lines.length > SUMMARY_LINES) {
    const rest = lines.length - SUMMARY_LINES;
    lines.length = SUMMARY_LINES;
    lines.push(`... and ${rest} more`);
  }
  if (!changes.rolesKnown) {
    lines.push("permgen: role changes not shown: the lock was written before permgen recorded roles");
  }
  return joinLines([...head, ...lines].map(formatTextLine));
}

function describeRoleChange(gained: readonly string[], lost: readonly string[]): string {
  const counts = [
    ...(gained.length > 0 ? [`+${gained.length}`] : []),
    ...(lost.length > 0 ? [`-${lost.length}`] : []),
  ];
  const keys = [...gained.map((k) => `+${k}`), ...lost.map((k) => `-${k}`)];
  const shown = keys.slice(0, ROLE_KEYS_SHOWN);
  if (keys.length > shown.length) shown.push(`${keys.length - shown.length} more`);
  return `${counts.join(" ")} (${shown.join(", ")})`;
}

/**
 * Formats `validate`'s all-clear: the schema (relative to the config's folder) and the size of
 * its vocabulary, e.g. `permgen: schema/permissions.ts is valid (4 resources, 4 actions,
 * 6 permissions, 3 roles)`, and, when the schema declares constraints, how many the roles keep
 * (`, 2 constraints kept`), so a user sees they were read.
 */
export function formatValidateReport(model: Model): string {
  const constraints = model.constraints.exclusive.length + model.constraints.restricted.length;
  const sizes = [
    pluralize(model.resources.length, "resource"),
    pluralize(model.actions.length, "action"),
    pluralize(model.permissions.length, "permission"),
    pluralize(model.roles.length, "role"),
    ...(constraints > 0 ? [`${pluralize(constraints, "constraint")} kept`] : []),
  ];
  // With modules the header path is the config, which composes them: name the modules too.
  const what =
    model.modules.length === 0
      ? formatTextPath(model.sources[0].path)
      : `${formatTextPath(model.header)} (${pluralize(model.modules.length, "module")})`;
  return joinLines([`permgen: ${what} is valid (${sizes.join(", ")})`]);
}

/**
 * Formats a command's result for machines: one JSON object, keys in a fixed order, paths
 * relative to `cwd`, `line`/`column` null for whole-file problems; every control or line
 * separator character inside a string is a `\uXXXX` escape, so the output is one JSON text
 * whatever the paths hold.
 */
export function formatJsonReport(
  result: {
    readonly ok: boolean;
    readonly drift: readonly Drift[];
    readonly diagnostics: readonly Diagnostic[];
    readonly vocabulary?: VocabularyChanges | undefined;
  },
  cwd: string,
): string {
  const json = {
    ok: result.ok,
    ...(result.vocabulary === undefined ? {} : { vocabulary: result.vocabulary }),
    drift: result.drift.map((d) => ({
      kind: d.kind,
      path: displayPath(d.path, cwd),
      ...(d.diff === undefined ? {} : { diff: d.diff }),
    })),
    diagnostics: result.diagnostics.map((d) => ({
      code: d.code,
      message: d.message,
      file: displayPath(d.file, cwd),
      line: d.line ?? null,
      column: d.line === undefined ? null : (d.column ?? 1),
    })),
  };
  // JSON escapes C0 controls; C1 (a terminal's CSI), U+2028/9, BOM and bidi too, same value.
  return `${escapeUnsafeJson(JSON.stringify(json, null, 2))}\n`;
}

/**
 * Formats per-stage timings for `--debug`: `permgen: timings: read 3 ms, model 120 ms, ...,
 * total 412 ms`, stages in the order the pipeline reported them.
 */
export function formatTimings(timings: Timings): string {
  const stages = Object.entries(timings)
    .filter(([stage]) => stage !== "totalMs")
    .map(([stage, ms]) => `${stage.replace(/Ms$/, "")} ${formatMs(ms)}`);
  stages.push(`total ${formatMs(timings.totalMs)}`);
  return joinLines([`permgen: timings: ${stages.join(", ")}`]);
}

/**
 * Builds the command a user runs to fix drift, repeating `--config` when one was given so the
 * suggestion works when pasted.
 */
export function buildFixCommand(config: string | undefined): string {
  return config === undefined
    ? "permgen generate"
    : `permgen generate --config ${quoteShell(config)}`;
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function quoteShell(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word)
    ? word
    : `'${word.replaceAll("'", `'\\''`)}'`;
}

function describeDrift(kind: Drift["kind"], fix: string): string {
  switch (kind) {
    case "modified":
      return `generated file is out of date; run \`${fix}\` to update it`;
    case "missing":
      return `generated file is missing; run \`${fix}\` to create it`;
    case "orphan":
      return `file is no longer generated by permgen; run \`${fix}\` to delete it`;
  }
}

/**
 * A unified diff as printed: split at LF only (the diff's own line breaks), each line through
 * `formatTextLine`, so a CR, ESC or `::error` inside a file on disk shows as text and cannot
 * become a line or a workflow command of its own; ends with a newline.
 */
function formatDiffText(diff: string): string {
  if (diff === "") return "";
  const lines = (diff.endsWith("\n") ? diff.slice(0, -1) : diff).split("\n");
  return `${lines.map(formatTextLine).join("\n")}\n`;
}

/** GitHub workflow command escaping for the message part. */
export function escapeData(text: string): string {
  return text
    .replaceAll("%", "%25")
    .replaceAll("\r", "%0D")
    .replaceAll("\n", "%0A");
}

/** GitHub workflow command escaping for a property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

function pluralize(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function formatMs(ms: number): string {
  return `${Math.round(ms)} ms`;
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
