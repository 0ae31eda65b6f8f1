/**
 * What permgen generated earlier: the files in the targets' output folders (not recursive) whose
 * first line is permgen's header naming this schema (src/output/header.ts). Targets that append
 * history read them (`EmitContext.existingFiles`); those no target produces any more are
 * orphans. Symbolic links and permgen's own temporary files are never among them: permgen
 * creates neither as an output, so it never counts or deletes them as its files.
 */
import fs from "node:fs";
import path from "node:path";
import type { HeaderClaim } from "./header.js";
import { HEADER_READ_BYTES, isHeaderOf } from "./header.js";
import { toIoDiagnosticError } from "./io-error.js";
import { isMissingFileError } from "./read-files.js";
import { isPermgenTempName } from "./temp-files.js";

/**
 * Reads every regular file directly inside each folder of `dirs` whose permgen header is one
 * `claim` counts as its config's (header.ts), and returns them by absolute path, sorted by
 * path. A folder that does not exist contributes nothing; one that cannot be read is a PG0605
 * diagnostic (thrown).
 */
export function scanGeneratedFiles(
  dirs: readonly string[],
  claim: HeaderClaim,
): ReadonlyMap<string, string> {
  const found: [string, string][] = [];
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (error) {
      if (isMissingFileError(error)) continue;
      toIoDiagnosticError(error, dir, "read this folder");
    }
    for (const name of names) {
      if (isPermgenTempName(name)) continue;
      const file = path.join(dir, name);
      try {
        if (!hasHeaderFor(file, claim)) continue;
        found.push([file, fs.readFileSync(file, "utf8")]);
      } catch (error) {
        toIoDiagnosticError(error, file, "read");
      }
    }
  }
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(found);
}

/**
 * Tells whether `file` is a regular file (not a link) whose first line is a permgen header
 * that `claim` counts as its config's (false when it does not exist). Checked again right before
 * deleting an orphan.
 */
export function hasHeaderFor(file: string, claim: HeaderClaim): boolean {
  if (!isRegularFile(file)) return false;
  return isHeaderOf(readHead(file), claim);
}

function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch (error) {
    if (isMissingFileError(error)) return false;
    throw error;
  }
}

function readHead(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(HEADER_READ_BYTES);
    const n = fs.readSync(fd, buffer, 0, HEADER_READ_BYTES, 0);
    return buffer.subarray(0, n).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}
