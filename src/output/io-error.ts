/**
 * File-system failures as users' problems: a full disk, a read-only folder or a missing
 * permission is not a bug in permgen, so it becomes a positioned diagnostic (PG0605, exit 2)
 * naming the path and the cause, never "internal error … please report".
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticError } from "../diagnostics/diagnostic.js";

/**
 * The cause of a failed `fs` call as `no space left on device (ENOSPC)`, or undefined when
 * `error` is not a system error (a bug, or a test's simulated crash: those must propagate).
 * The text is libuv's fixed description, the same on every machine and in every locale.
 */
export function describeIoError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== "string" || !/^E[A-Z0-9]+$/.test(code) || syscall === undefined) return undefined;
  // Node's message: "ENOSPC: no space left on device, write" (then the path, when there is one).
  const match = /^E[A-Z0-9]+: (.+?), [a-z_]+(?: '|$)/.exec(error.message);
  return match?.[1] === undefined ? code : `${match[1]} (${code})`;
}

/**
 * Wraps a system error from writing (`action` "write", "delete", …) `file` into a
 * DiagnosticError at `file:1:1`; anything else is rethrown unchanged.
 */
export function toIoDiagnosticError(error: unknown, file: string, action: string, detail = ""): never {
  const cause = describeIoError(error);
  if (cause === undefined) throw error;
  throw new DiagnosticError([buildIoDiagnostic(file, `cannot ${action}: ${cause}${detail}`)]);
}

/** A PG0605 diagnostic about `file`. */
export function buildIoDiagnostic(file: string, message: string): Diagnostic {
  return { code: Codes.IoError, message, file, line: 1, column: 1 };
}
