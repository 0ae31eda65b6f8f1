/**
 * What git has committed among the targets' output folders: the answer that lets the SQL target
 * fold a migration nobody can have applied yet (it is not in `HEAD`) into the next change,
 * instead of following it with another (CONTRACT §8). Asked here, in the output stage, and
 * handed to emitters as plain data (`EmitContext.committedFiles`): emitters never run git.
 *
 * Only `HEAD` counts. A migration that is untracked, or staged but not committed, is "not
 * committed yet"; one that is committed is history, even when the working tree has edited it.
 * Whenever git cannot answer for certain — no repository, no git on the PATH, an error — the
 * answer is "unknown" and history only ever appends: folding is an optimisation of the commit
 * log, never a reason to rewrite something that may be applied somewhere.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The absolute paths of the files directly inside `dirs` that `HEAD` of the repository at
 * `root` holds. An empty set in a repository without commits (nothing is committed yet);
 * undefined when `root` holds no `.git` (outside git) or git cannot be asked.
 */
export function findCommittedFiles(
  root: string,
  dirs: readonly string[],
): ReadonlySet<string> | undefined {
  if (!fs.existsSync(path.join(root, ".git"))) return undefined;
  const inside = [...new Set(dirs.map((dir) => path.relative(root, path.resolve(dir))))].filter(
    (rel) => rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel)),
  );
  try {
    if (!hasCommit(root)) return new Set();
    if (inside.length === 0) return new Set();
    const specs = inside.map((rel) => (rel === "" ? "." : rel.split(path.sep).join("/")));
    const out = runGit(root, ["ls-tree", "-r", "--name-only", "--full-tree", "-z", "HEAD", "--", ...specs]);
    const wanted = new Set(inside.map((rel) => path.resolve(root, rel)));
    const committed = new Set<string>();
    for (const name of out.split("\0")) {
      if (name === "") continue;
      const file = path.resolve(root, name);
      // Only files directly inside an output folder: the targets' own files.
      if (wanted.has(path.dirname(file))) committed.add(file);
    }
    return committed;
  } catch {
    return undefined;
  }
}

/** Whether the repository has a `HEAD` commit (false right after `git init`). */
function hasCommit(root: string): boolean {
  try {
    runGit(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    return true;
  } catch (error) {
    // Exit status 1 with no output: HEAD does not name a commit yet. Anything else is unknown.
    if (isExitStatus(error, 1)) return false;
    throw error;
  }
}

function runGit(root: string, args: readonly string[]): string {
  return execFileSync("git", ["-c", "core.quotePath=false", ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    // The user's environment must not point git at another repository.
    env: withoutGitLocationVariables(process.env),
    maxBuffer: 64 * 1024 * 1024,
  });
}

function withoutGitLocationVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"]) delete copy[name];
  return copy;
}

function isExitStatus(error: unknown, status: number): boolean {
  return typeof error === "object" && error !== null && (error as { status?: unknown }).status === status;
}
