/**
 * What `permgen generate --watch` watches: every file whose bytes can change what generate
 * writes. A pure function of the resolved config (paths only; the watch loop asks the disk), so
 * the set is recomputed after every config change — a module added to `sources` is watched
 * from the next run on.
 */
import path from "node:path";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { LAYOUT_CONFIG_NAMES } from "../output/format.js";

/** The inputs of one config, absolute paths. */
export interface WatchInputs {
  /** Files watched by exact path: the config, every schema source, the lock. */
  readonly files: ReadonlySet<string>;
  /** The lock, one of `files`: the only input a run writes. Undefined while the config is unreadable. */
  readonly lock: string | undefined;
  /**
   * Folders whose prettier config files (LAYOUT_CONFIG_NAMES) are watched: each output
   * folder and every folder above it up to the repository root, where prettier looks.
   */
  readonly prettierDirs: ReadonlySet<string>;
}

/**
 * The watch set of `config`, or of the config file alone when it cannot be read (then only
 * its next save can tell what else to watch).
 */
export function collectWatchInputs(
  configFile: string,
  config: ResolvedConfig | undefined,
  root: string,
): WatchInputs {
  const files = new Set([path.resolve(configFile)]);
  const prettierDirs = new Set<string>();
  if (config === undefined) return { files, lock: undefined, prettierDirs };
  for (const source of config.sources) files.add(path.resolve(source.file));
  const lock = path.resolve(config.lockPath);
  files.add(lock);
  const top = path.resolve(root);
  for (const target of config.targets) {
    // An output folder outside the root is refused by the pipeline (PG0601); walking up from it
    // would watch the whole file system's ancestors for nothing.
    for (let dir = path.resolve(target.outputDir); isWithin(top, dir); dir = path.dirname(dir)) {
      prettierDirs.add(dir);
      if (dir === top) break;
    }
  }
  return { files, lock, prettierDirs };
}

/** Whether an event at `file` concerns an input of `inputs`. */
export function isWatchedInput(inputs: WatchInputs, file: string): boolean {
  const absolute = path.resolve(file);
  if (inputs.files.has(absolute)) return true;
  return (
    LAYOUT_CONFIG_NAMES.has(path.basename(absolute)) &&
    inputs.prettierDirs.has(path.dirname(absolute))
  );
}

/**
 * The folders to hand the watcher (depth 0): the folders of the exact files and the prettier
 * folders. Watching a folder rather than a file sees a file that is created later and one an
 * editor replaces by renaming a temporary file over it.
 */
export function listWatchedFolders(inputs: WatchInputs): string[] {
  const dirs = new Set(inputs.prettierDirs);
  for (const file of inputs.files) dirs.add(path.dirname(file));
  return [...dirs].sort();
}

function isWithin(root: string, dir: string): boolean {
  const rel = path.relative(root, dir);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
