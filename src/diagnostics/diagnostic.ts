/**
 * Diagnostics: the one error type every stage returns, and how the CLI prints it.
 *
 * Stages collect diagnostics instead of throwing, so one run reports every problem.
 */
import path from "node:path";

/** Codes are stable: tests and users grep for them. See src/diagnostics/codes.ts. */
export type DiagnosticCode = `PG${number}`;

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
 * relative to `cwd` with `/` separators.
 */
export function formatDiagnostic(d: Diagnostic, cwd: string): string {
  const rel = displayPath(d.file, cwd);
  const where = d.line === undefined ? rel : `${rel}:${d.line}:${d.column ?? 1}`;
  return `${where}: error ${d.code}: ${d.message}`;
}

/** A path as shown to users: relative to cwd, `/`-separated. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file) || ".";
  return rel.split(path.sep).join("/");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
