/**
 * Where the repository is and where paths really lead: the two facts that decide whether a
 * target path is inside the repository. No imports beyond node built-ins, so the verdict cache
 * can key on them cheaply.
 */
import fs from "node:fs";
import path from "node:path";

/**
 * Finds the repository root for a config folder: the nearest folder at or above `configDir`
 * containing `.git`, else `configDir`.
 */
export function findRepositoryRoot(configDir: string): string {
  for (let dir = path.resolve(configDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(configDir);
  }
}

/**
 * `file` with symbolic links resolved in the part of its path that exists (the rest appended
 * as written), so a link that leads out of the repository is seen for what it is.
 */
export function resolveExistingPrefix(file: string): string {
  const absolute = path.resolve(file);
  const rest: string[] = [];
  for (let dir = absolute; ; dir = path.dirname(dir)) {
    try {
      return path.join(fs.realpathSync(dir), ...rest.reverse());
    } catch {
      if (path.dirname(dir) === dir) return absolute;
      rest.push(path.basename(dir));
    }
  }
}

/**
 * `file` relative to the repository root `root`, `/`-separated: how generated headers and the
 * lock name the schema (CONTRACT §4), the same on every machine and whichever config names it.
 */
export function formatRepositoryPath(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join("/");
}
