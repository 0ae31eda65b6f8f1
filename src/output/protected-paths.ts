/**
 * Files no target may write, with or without `--force` (issue 8, item 7): the files permgen
 * reads — the config, the schema, the lock (only the lock writer writes it), the run lock, the
 * prettier and editorconfig files that decide how output is formatted —, anything inside the
 * repository's `.git` folder (git's own files: a target there would wreck the repository), and
 * permgen's own installed code and cache. Paths are compared after resolving symbolic links, and by device
 * and inode when both exist (which also catches hard links and case-insensitive file systems).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatJsonPath } from "../diagnostics/json-position.js";
import type { ConfiguredTarget, ResolvedConfig } from "../config/resolved-config.js";
import { findRepositoryRoot, resolveExistingPrefix } from "./repository.js";
import { runLockPath } from "./run-lock.js";

/** Names of files permgen (through prettier) reads to decide how an output is formatted. */
const FORMAT_CONFIG_NAME =
  /^(package\.json|package\.yaml|\.editorconfig|\.prettierignore|\.prettierrc(\.(json|json5|yaml|yml|toml|js|mjs|cjs|ts|mts|cts))?|prettier\.config\.(js|mjs|cjs|ts|mts|cts))$/;

/** permgen's installed package: dist/cli/… → the package folder. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Reports every target whose `out`, or a file it emits, is a file permgen reads (PG0607),
 * positioned at the target's `out` in the config. `emitted` lists each target's files.
 */
export function findProtectedOutputs(
  config: ResolvedConfig,
  emitted: readonly { readonly target: ConfiguredTarget; readonly files: readonly { readonly path: string }[] }[],
): Diagnostic[] {
  const keys = buildInputKeys(config);
  const protectedDirs = [
    ...["dist", "bin", "templates", "schemas", "node_modules"].map((d) => comparableKey(path.join(PACKAGE_ROOT, d))),
    gitFolder(config),
  ];
  const diagnostics: Diagnostic[] = [];
  for (const { target, files } of emitted) {
    for (const file of [{ path: target.options.out }, ...files]) {
      const why = describeProtected(file.path, keys, protectedDirs);
      if (why === undefined) continue;
      const where = formatJsonPath(["targets", target.index, "out"]);
      const what =
        file.path === target.options.out
          ? JSON.stringify(target.outText)
          : `${JSON.stringify(target.outText)} (file ${JSON.stringify(path.basename(file.path))})`;
      diagnostics.push({
        code: Codes.ProtectedPath,
        message: `${where}: ${what} is ${why}, which permgen reads; no target may write it, even with --force`,
        file: config.file,
        ...target.outPosition,
      });
      break;
    }
  }
  return diagnostics;
}

/**
 * Drops from `orphans` every file permgen reads (the config, the schema, the lock, the run
 * lock): even one whose first line happens to be the header is never deleted as an orphan.
 */
export function withoutProtectedFiles(config: ResolvedConfig, orphans: readonly string[]): string[] {
  const keys = buildInputKeys(config);
  const git = [gitFolder(config)];
  return orphans.filter((file) => describeProtected(file, keys, git) === undefined);
}

/** The repository's `.git` (folder or file), as comparableKey gives it. */
function gitFolder(config: ResolvedConfig): string {
  return comparableKey(path.join(findRepositoryRoot(path.dirname(config.file)), ".git"));
}

function buildInputKeys(config: ResolvedConfig): { readonly what: string; readonly key: string; readonly id: string | undefined }[] {
  return [
    { file: config.file, what: "the config file" },
    ...config.sources.map((source) => ({ file: source.file, what: "the schema file" })),
    { file: config.lockPath, what: "the lock file (permgen.lock.json)" },
    { file: runLockPath(config.file), what: "the run lock" },
  ].map((input) => ({ what: input.what, key: comparableKey(input.file), id: fileId(input.file) }));
}

function describeProtected(
  file: string,
  inputs: readonly { readonly what: string; readonly key: string; readonly id: string | undefined }[],
  protectedDirs: readonly string[],
): string | undefined {
  const key = comparableKey(file);
  const id = fileId(file);
  for (const input of inputs) {
    if (input.key === key || (id !== undefined && input.id === id)) return input.what;
  }
  if (FORMAT_CONFIG_NAME.test(path.basename(file))) {
    return `a formatting config (${JSON.stringify(path.basename(file))})`;
  }
  const under = protectedDirs.find((dir) => key === dir || key.startsWith(`${dir}${path.sep}`));
  if (under !== undefined) {
    return path.basename(under) === ".git" ? "inside the repository's .git folder" : "part of permgen's installation";
  }
  const parts = key.split(path.sep);
  const cache = parts.findIndex((p, i) => p === "node_modules" && parts[i + 1] === ".cache" && parts[i + 2] === "permgen");
  if (cache !== -1) return "in permgen's cache";
  return undefined;
}

/** The path with links resolved; lower-cased where file systems usually ignore case. */
function comparableKey(file: string): string {
  const real = resolveExistingPrefix(file);
  return process.platform === "darwin" || process.platform === "win32" ? real.toLowerCase() : real;
}

/** `dev:ino` of an existing file (following links), else undefined. */
function fileId(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? `${stat.dev}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}
