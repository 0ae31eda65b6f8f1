/**
 * Where permgen's caches live: `.cache/permgen` under the nearest `node_modules` at or above a
 * folder (the ecosystem's convention, CONTRACT §7). Light on purpose (node built-ins only): the
 * verdict cache (cache.ts) and the pipeline bundle's loader (loading/pipeline.ts) both ask it.
 */
import fs from "node:fs";
import path from "node:path";

/** `.cache/permgen` under the nearest `node_modules` at or above `start`; undefined when none. */
export function findCacheDir(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const nm = path.join(dir, "node_modules");
    if (isDirectory(nm)) return path.join(nm, ".cache", "permgen");
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
