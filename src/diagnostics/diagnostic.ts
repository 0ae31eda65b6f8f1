/**
 * Diagnostics: the one error type every stage returns, and how the CLI prints it.
 *
 * Stages collect diagnostics instead of throwing, so one run reports every problem.
 */
import path from "node:path";
import type { Codes } from "./codes.js";
import { escapeUnsafeChars, hasUnsafeChars } from "../targets/unsafe-chars.js";

/**
 * One of the codes in src/diagnostics/codes.ts, and only those: a diagnostic cannot carry a code
 * the table (and so the README) does not know. Codes are stable: tests and users grep for them.
 */
export type DiagnosticCode = (typeof Codes)[keyof typeof Codes];

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Absolute path of the file the problem is in. */
  readonly file: string;
  /** 1-based; undefined when the problem is about a whole file (a missing file, say). */
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/** Thrown by a stage that cannot continue; carries every diagnostic found so far. */
export class DiagnosticError extends Error {
  override readonly name = "DiagnosticError";
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("\n"));
    this.diagnostics = diagnostics;
  }
}

/** Orders diagnostics by file, line, column, code so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

/**
 * Formats one diagnostic compiler-style: `path:line:col: error PGnnnn: message`, the path
 * relative to `cwd` with `/` separators, shown by `formatTextPath` and the message by
 * `formatTextLine`, so the line stays one line whatever a file name or a schema holds.
 */
export function formatDiagnostic(d: Diagnostic, cwd: string): string {
  const rel = formatTextPath(displayPath(d.file, cwd));
  const where = d.line === undefined ? rel : `${rel}:${d.line}:${d.column ?? 1}`;
  return formatTextLine(`${where}: error ${d.code}: ${d.message}`);
}

/**
 * Shows a path in plain-text output: as it is when it is plain, JSON-quoted (with `\uXXXX` for
 * every unsafe character) when it holds a control character, a line or paragraph separator, a
 * bidi control or any other character `isUnsafeCodePoint` (targets/unsafe-chars.ts) rejects, a `"`, or a `::` / `##[` that
 * GitHub Actions could read as a workflow command. So a file named
 * `x\n::error title=Spoofed::…` prints as `"x\n::error title=Spoofed::…"`, on one line.
 */
export function formatTextPath(file: string): string {
  if (!hasUnsafeChars(file) && !/::|##\[|"/.test(file)) return file;
  return JSON.stringify(file).replace(/[\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]/g, (char) =>
    escapeCodeUnit(char.charCodeAt(0)),
  );
}

/**
 * Makes one line of plain-text output safe to print: every unsafe character (controls — CR,
 * LF and ESC included — C1, line separators, the BOM, bidi controls, lone surrogates) becomes
 * visible `\uXXXX` text, so the text cannot start another line, drive a terminal or hide
 * itself; and a line that GitHub Actions would read as a workflow command (`::…` or `##[…`
 * after leading whitespace) has that first character written as `\u003a` / `\u0023`.
 */
export function formatTextLine(line: string): string {
  // The targets' escaping (a lone surrogate escaped, a pair kept), with its fast path for
  // safe text: a drift check prints megabytes of diff lines through here.
  return escapeUnsafeChars(line, escapeCodeUnit).replace(/^([\s\u0085]*)(::|##\[)/, (_, space: string, start: string) =>
    `${space}${escapeCodeUnit(start.charCodeAt(0))}${start.slice(1)}`,
  );
}

function escapeCodeUnit(code: number): string {
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

/** A path as shown to users: relative to cwd, `/`-separated. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file) || ".";
  return rel.split(path.sep).join("/");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
