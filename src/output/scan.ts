/**
 * What permgen generated earlier: the files in the targets' output folders (not recursive) whose
 * header names this schema. Targets that append history read them (`EmitContext.existingFiles`);
 * those no target produces any more are orphans.
 */
import fs from "node:fs";
import path from "node:path";
import { readHeaderSchema } from "../targets/target.js";
import { isMissingFileError } from "./read-files.js";

/** readHeaderSchema looks at the first 2,048 characters; read a little more for multi-byte text. */
const HEADER_BYTES = 8192;

/**
 * Reads every regular file directly inside each folder of `dirs` whose permgen header names
 * `schemaPath`, and returns them by absolute path, sorted by path. A folder that does not exist
 * contributes nothing.
 */
export function scanGeneratedFiles(
  dirs: readonly string[],
  schemaPath: string,
): ReadonlyMap<string, string> {
  const found: [string, string][] = [];
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (error) {
      if (isMissingFileError(error)) continue;
      throw error;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      if (!isRegularFile(file)) continue;
      if (readHeaderSchema(readHead(file)) !== schemaPath) continue;
      found.push([file, fs.readFileSync(file, "utf8")]);
    }
  }
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(found);
}

/**
 * Tells whether the file at `file` carries permgen's header naming `schemaPath` (false when it
 * does not exist). Checked again right before deleting an orphan.
 */
export function hasHeaderFor(file: string, schemaPath: string): boolean {
  if (!isRegularFile(file)) return false;
  return readHeaderSchema(readHead(file)) === schemaPath;
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch (error) {
    if (isMissingFileError(error)) return false;
    throw error;
  }
}

function readHead(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const n = fs.readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, n).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}
