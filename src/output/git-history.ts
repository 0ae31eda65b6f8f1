/**
 * Which generated files git has not committed yet: the answer that lets the SQL target fold a
 * migration nobody can have applied from version control (it is not in `HEAD`) into the next
 * change, instead of following it with another (CONTRACT §8). Asked here, in the output stage,
 * on behalf of the emitter that needs it (`EmitContext.uncommittedFiles`, a memoised call the
 * pipeline makes): emitters never run git themselves.
 *
 * Only positive evidence counts: a file is "not committed yet" when `git status` reports it
 * untracked (`??`) or added to the index (`A`) — never because it is merely missing from a list,
 * which a symbolic link, a case-insensitive file system or a path spelled another way could
 * cause. Whenever git cannot answer — no repository, no git on the PATH, an error — the answer is
 * "nothing", and history only ever appends: folding tidies the commit log, it must never
 * rewrite a migration that may be applied somewhere.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The absolute paths (spelled as in `dirs`) of the files directly inside `dirs` that git, in
 * the repository at `root`, reports as untracked or newly added, i.e. not in `HEAD`. Empty
 * outside git (no `.git` at `root`), for folders outside the repository, and when git fails.
 */
export function findUncommittedFiles(root: string, dirs: readonly string[]): ReadonlySet<string> {
  const found = new Set<string>();
  if (!fs.existsSync(path.join(root, ".git"))) return found;
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return found;
  }
  // Each folder as git sees it (links resolved, relative to the top level) → as configured.
  const folders = new Map<string, string>();
  for (const dir of dirs) {
    const rel = path.relative(realRoot, realpathOrSelf(dir));
    if (rel.startsWith("..") || path.isAbsolute(rel)) continue;
    folders.set(rel, dir);
  }
  if (folders.size === 0) return found;
  let out: string;
  try {
    const specs = [...folders.keys()].map((rel) =>
      rel === "" ? ":(top)" : `:(top,literal)${rel.split(path.sep).join("/")}`,
    );
    out = runGit(realRoot, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ...specs]);
  } catch {
    return found;
  }
  const records = out.split("\0");
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] ?? "";
    if (record.length < 4) continue;
    const status = record.slice(0, 2);
    const name = record.slice(3);
    // A rename or copy is followed by its source path, which is not a record of its own.
    if (status[0] === "R" || status[0] === "C") i += 1;
    if (status !== "??" && status[0] !== "A") continue;
    const rel = path.dirname(name.split("/").join(path.sep));
    const dir = folders.get(rel === "." ? "" : rel);
    if (dir !== undefined) found.add(path.join(dir, path.basename(name)));
  }
  return found;
}

function realpathOrSelf(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    // A folder that does not exist yet holds nothing uncommitted; its spelling is enough.
    return path.resolve(dir);
  }
}

function runGit(cwd: string, args: readonly string[]): string {
  // --no-optional-locks: `git status` would otherwise refresh the index (take index.lock and
  // rewrite .git/index), racing the user's own git commands; permgen only asks.
  return execFileSync("git", ["--no-optional-locks", "-c", "core.quotePath=false", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    // Variables that point git at another repository or index (set inside git hooks) must not
    // change which repository is asked: the one holding the config.
    env: withoutGitLocationVariables(process.env),
    maxBuffer: 64 * 1024 * 1024,
  });
}

function withoutGitLocationVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"]) {
    delete copy[name];
  }
  return copy;
}
