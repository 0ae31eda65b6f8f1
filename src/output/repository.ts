/**
 * Where the repository is and where paths really lead: the two facts that decide whether a
 * target path is inside the repository. No imports beyond node built-ins, so the verdict cache
 * can key on them cheaply.
 */
import fs from "node:fs";
import path from "node:path";
import type { HeaderClaim } from "./header.js";
import { buildHeaderClaim, headerSchemaPath } from "./header.js";

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
 * Whether `file` lies in another repository nested inside `root`: a folder between them (the
 * file's own folder included, `root` excluded) holds its own `.git` — a clone or a submodule.
 * Its generated files name their schema relative to that repository, so a header that reads
 * like this config's own is no claim on them: they are never this config's orphans.
 */
export function isInNestedRepository(root: string, file: string): boolean {
  const top = path.resolve(root);
  for (let dir = path.dirname(path.resolve(file)); dir.startsWith(top + path.sep); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return true;
  }
  return false;
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

/**
 * The header claim of a config read without a model (`permgen lock`, `permgen resolve`): its
 * schema sources named from the repository root, as the pipeline names them, and the path the
 * lock recorded (undefined when there is no lock to ask, which also claims the older
 * config-relative form).
 */
export function buildConfigClaim(
  config: {
    readonly file: string;
    readonly configDir: string;
    readonly sources: readonly {
      readonly file: string;
      readonly path: string;
      readonly module: string | undefined;
    }[];
  },
  lockSchema: string | undefined,
): HeaderClaim {
  const root = findRepositoryRoot(config.configDir);
  const sources = config.sources.map((source) => ({
    path: formatRepositoryPath(root, source.file),
    module: source.module,
  }));
  const header = headerSchemaPath(sources, formatRepositoryPath(root, config.file));
  return buildHeaderClaim(header, lockSchema, config.sources[0]?.path ?? "");
}
