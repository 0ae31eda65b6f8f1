/**
 * Unified diffs for `permgen check`, oriented as `generate` would change the file: `--- <path>`
 * is the file on disk, `+++ <path>` the file as generated, so `+` lines are what generate adds.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";

/**
 * Renders the unified diff (3 lines of context) from `onDisk` to `expected` for the file shown
 * as `displayPath`, with plain `--- <path>` / `+++ <path>` headers (no `Index:` line, no
 * `a/`/`b/` prefixes).
 */
export function renderFileDiff(displayPath: string, onDisk: string, expected: string): string {
  return createTwoFilesPatch(displayPath, displayPath, onDisk, expected, "", "", {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/**
 * Renders the diff that creates a missing file: `--- /dev/null`, `+++ <path>`, every line
 * added, as `git diff` shows a new file.
 */
export function renderMissingFileDiff(displayPath: string, expected: string): string {
  return createTwoFilesPatch("/dev/null", displayPath, "", expected, "", "", {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
