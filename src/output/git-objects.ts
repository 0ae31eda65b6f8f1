/**
 * Reading files as they are at a git commit, for `permgen diff` (CONTRACT §9): from git's
 * object database, never by checking anything out, and never running what is read. Every git
 * call is `execFile` with an argument array (no shell), `--end-of-options` or `--` before
 * anything a user or a repository chose, and literal paths (`GIT_LITERAL_PATHSPECS`), so a ref
 * or a path spelled like an option or a glob is only ever a name.
 */
import { execFileSync } from "node:child_process";
import { MAX_INPUT_BYTES } from "./read-files.js";

/** What a ref resolved to: a commit, or why it is not one. */
export type ResolvedRef =
  | { readonly ok: true; readonly commit: string }
  | { readonly ok: false; readonly reason: string };

/** A file at a commit: its text, nothing at that path, or something that is not a file. */
export type FileAtCommit =
  | { readonly kind: "file"; readonly text: string }
  | { readonly kind: "missing" }
  | { readonly kind: "not-regular"; readonly what: string }
  | { readonly kind: "too-large"; readonly size: number };

/**
 * Resolves `ref` to a commit in the repository at `root` (`git rev-parse --verify
 * REF^{commit}`): a name that does not exist, or names a tree or a blob, is not a commit.
 * A ref starting with `-` is refused before git sees it.
 */
export function resolveCommit(root: string, ref: string): ResolvedRef {
  if (ref === "" || ref.startsWith("-")) return { ok: false, reason: "is not a valid revision" };
  try {
    const out = runGit(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
    const commit = out.trim();
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return { ok: false, reason: "does not name a commit" };
    return { ok: true, commit };
  } catch (error) {
    if (isGitMissing(error)) return { ok: false, reason: "cannot be resolved: git is not installed (on the PATH)" };
    return { ok: false, reason: "does not name a commit in this repository" };
  }
}

/**
 * The file at `relPath` (`/`-separated, from the repository root) in `commit`. A symbolic
 * link, a folder or a submodule there is `not-regular` (never followed); a blob larger than
 * MAX_INPUT_BYTES is `too-large` and is not read.
 */
export function readFileAtCommit(root: string, commit: string, relPath: string): FileAtCommit {
  const listing = runGit(root, ["ls-tree", "-z", "--full-tree", commit, "--", relPath]);
  const entry = listing
    .split("\0")
    .map((record) => /^(\d{6}) (\w+) ([0-9a-f]+)\t([\s\S]*)$/.exec(record))
    .find((match) => match !== null && match[4] === relPath);
  if (entry === undefined || entry === null) return { kind: "missing" };
  const [, mode = "", type = "", oid = ""] = entry;
  if (type !== "blob" || (mode !== "100644" && mode !== "100755")) {
    const what = mode === "120000" ? "a symbolic link" : type === "tree" ? "a folder" : type === "commit" ? "a submodule" : `a ${type}`;
    return { kind: "not-regular", what };
  }
  const size = Number(runGit(root, ["cat-file", "-s", oid]).trim());
  if (!(size <= MAX_INPUT_BYTES)) return { kind: "too-large", size };
  return { kind: "file", text: runGit(root, ["cat-file", "blob", oid]) };
}

function runGit(cwd: string, args: readonly string[]): string {
  return execFileSync("git", ["-c", "core.quotePath=false", ...args], gitOptions(cwd));
}

function gitOptions(cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_LITERAL_PATHSPECS: "1" };
  // Variables that point git at another repository (set inside git hooks) must not change which
  // repository is asked: the one holding the config.
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"]) delete env[name];
  return {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"],
    env,
    maxBuffer: MAX_INPUT_BYTES + 1024 * 1024,
  } as const;
}

function isGitMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}
