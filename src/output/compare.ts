/**
 * `permgen check`: what generate would write, compared byte for byte with the disk.
 */
import { displayPath } from "../diagnostics/diagnostic.js";
import { renderFileDiff, renderMissingFileDiff } from "./diff.js";
import type { ExistingFiles, OutputFile } from "./write.js";

/** One file that is not as `generate` would leave it. */
export interface Drift {
  readonly kind: "modified" | "missing" | "orphan";
  /** Absolute path. */
  readonly path: string;
  /**
   * Unified diff oriented as generate would change the file (`--- <path>` on disk, `+++ <path>`
   * as generated), paths relative to the current directory. Set for "modified" and "missing"
   * (from `/dev/null`); absent for orphans.
   */
  readonly diff?: string;
}

/**
 * Compares every planned file with the bytes on disk and lists the drift: files that differ
 * ("modified", with a diff), files that do not exist ("missing", with a creation diff) and
 * `orphans` (files generate would delete), in plan order then orphans. Paths in diffs are shown
 * relative to `cwd`.
 */
export function compareOutputs(
  files: readonly OutputFile[],
  existing: ExistingFiles,
  orphans: readonly string[],
  cwd: string,
): Drift[] {
  const drift: Drift[] = [];
  for (const file of files) {
    const before = existing.get(file.path);
    const shown = displayPath(file.path, cwd);
    if (before === undefined) {
      drift.push({ kind: "missing", path: file.path, diff: renderMissingFileDiff(shown, file.content) });
    } else if (!before.equals(Buffer.from(file.content, "utf8"))) {
      const diff = renderFileDiff(shown, before.toString("utf8"), file.content);
      drift.push({ kind: "modified", path: file.path, diff });
    }
  }
  for (const orphan of orphans) drift.push({ kind: "orphan", path: orphan });
  return drift;
}
