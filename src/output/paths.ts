/**
 * Where permgen may write: inside the repository that holds the config. The repository root is
 * the nearest folder above the config's folder holding `.git` (a folder, or a file for worktrees
 * and submodules), else the config's folder itself.
 */
import path from "node:path";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { resolveExistingPrefix } from "./repository.js";
import { formatJsonPath } from "../diagnostics/json-position.js";

export { findRepositoryRoot } from "./repository.js";

/**
 * Tells whether `file` is inside `root` (or is `root`), after following symbolic links in the
 * part of `file` that exists, so a link pointing out of the repository does not count as inside.
 */
export function isInsideRoot(root: string, file: string): boolean {
  const rel = path.relative(resolveExistingPrefix(root), resolveExistingPrefix(file));
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Reports every target whose output, or any of `extraPaths` (files a target emitted, keyed by
 * target index), lies outside the repository root (PG0601), positioned at the target's `out`
 * in the config.
 */
export function checkOutputPaths(
  config: ResolvedConfig,
  root: string,
  extraPaths: ReadonlyMap<number, readonly string[]> = new Map(),
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const target of config.targets) {
    const paths = [target.options.out, ...(extraPaths.get(target.index) ?? [])];
    const outside = paths.find((p) => !isInsideRoot(root, p));
    if (outside === undefined) continue;
    const where = formatJsonPath(["targets", target.index, "out"]);
    const what =
      outside === target.options.out
        ? JSON.stringify(target.outText)
        : `${JSON.stringify(target.outText)} (file ${JSON.stringify(path.basename(outside))})`;
    diagnostics.push({
      code: Codes.PathOutsideRepository,
      message: `${where}: ${what} is outside the repository; target paths must stay inside the git root above the config (or the config's folder outside git)`,
      file: config.file,
      ...target.outPosition,
    });
  }
  // The lock is written too: a symbolic link in its place must not lead the write out of the
  // repository either.
  if (!isInsideRoot(root, config.lockPath)) {
    diagnostics.push({
      code: Codes.PathOutsideRepository,
      message: `${path.basename(config.lockPath)} leads outside the repository (a symbolic link); generate writes the lock, and only inside the git root above the config: replace the link with the file`,
      file: config.lockPath,
      line: 1,
      column: 1,
    });
  }
  return diagnostics;
}

