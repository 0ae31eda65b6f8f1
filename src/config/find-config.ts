/**
 * Which permgen.config.json a run uses (CONTRACT §8): `--config` when given (relative to the
 * current folder); otherwise the nearest permgen.config.json in the current folder or a folder
 * above it, up to and including the repository root (the nearest folder holding `.git`), the
 * way tsc, eslint and prettier find theirs. Outside a git repository only the current folder
 * is looked at: with no repository to bound the walk, a config in some folder above (a home
 * folder, /tmp) would be a stranger's.
 *
 * Node built-ins only: the verdict cache and the run lock use it before anything heavy loads.
 */
import fs from "node:fs";
import path from "node:path";
import { CONFIG_FILE_NAME } from "./file-names.js";

/** Where a run's config is, and where the search looked when there is none. */
export interface ConfigLocation {
  /** Absolute path: the config found, or `<cwd>/permgen.config.json` when none was. */
  readonly file: string;
  /** The folders searched, nearest first (just the explicit path's folder with `--config`). */
  readonly searched: readonly string[];
}

/** Finds the config file for a run started in `cwd`; see the module comment. */
export function findConfigFile(cwd: string, explicit: string | undefined): ConfigLocation {
  const start = path.resolve(cwd);
  if (explicit !== undefined) {
    const file = path.resolve(start, explicit);
    return { file, searched: [path.dirname(file)] };
  }
  const searched: string[] = [];
  const root = findGitRoot(start);
  for (let dir = start; ; dir = path.dirname(dir)) {
    searched.push(dir);
    const file = path.join(dir, CONFIG_FILE_NAME);
    // lstat, not exists: a FIFO or a link at the path is found (and then refused by the
    // reader for what it is) rather than skipped in favour of a config further up.
    if (lstatOrUndefined(file) !== undefined) return { file, searched };
    if (root === undefined || dir === root || path.dirname(dir) === dir) break;
  }
  return { file: path.join(start, CONFIG_FILE_NAME), searched };
}

function findGitRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (lstatOrUndefined(path.join(dir, ".git")) !== undefined) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}
