/**
 * `permgen resolve`: finishes permgen's side of a `git merge` or `git rebase` (CONTRACT §8).
 *
 * Two branches that each add a permission both give it the lock's next id, and each writes a
 * migration with the next number. Whatever git made of that (conflict markers, or an auto-merged
 * lock with one id twice), the rule is: the branch merged into keeps every id, keys new on the
 * other side get fresh ids, and the other side's migrations that the branch merged into does not
 * have are replaced by one new migration after its own. So resolve
 *
 * 1. refuses when the schema or the config still has conflict markers (they are the user's to
 *    merge: permgen cannot guess a vocabulary);
 * 2. puts back "our" version — the index's stage 2 for a conflicted path, else `HEAD` during a
 *    merge or rebase, `HEAD^1` after a merge commit — of the lock when it is broken, of every SQL
 *    target's manifest when git mixed it, and of every conflicted file of this config (ours
 *    carries its header; a user's file in an output folder is never touched), and deletes the
 *    migration files of this config that our manifest does not list;
 * 3. runs `generate`, which numbers the other side's keys after ours and writes one migration
 *    for everything they changed;
 * 4. prints what happened and the `git add` that stages it.
 *
 * It is safe to run again: a second run finds our lock and manifest already in place and
 * changes nothing more. Git is run as a child process; nothing here is part of the pipeline's
 * pure stages.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findConfigFile } from "../config/find-config.js";
import { Codes } from "../diagnostics/codes.js";
import { findConflictMarker } from "../diagnostics/conflict-markers.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath, formatTextLine, formatTextPath } from "../diagnostics/diagnostic.js";
import { buildJsonLocator } from "../diagnostics/json-position.js";
import { generate } from "../index.js";
import type { FileChange } from "../index.js";
import type { HeaderClaim } from "../output/header.js";
import { readInputFile } from "../output/read-files.js";
import { buildConfigClaim } from "../output/repository.js";
import { writeFileAtomic } from "../output/write.js";
import { MANIFEST_FILE_NAME } from "../targets/sql/migration-manifest.js";
import type { CommonFlags } from "./commands.js";
import { ExitCode } from "./commands.js";
import type { CliContext } from "./main.js";
import { formatDiagnosticLines, quoteShell } from "./report.js";


/** Runs `permgen resolve`; returns the exit code. */
export async function runResolve(flags: CommonFlags, context: CliContext): Promise<number> {
  const fail = (diagnostics: readonly Diagnostic[]): number => {
    context.stderr(formatDiagnosticLines(diagnostics, context.cwd));
    return ExitCode.Invalid;
  };
  const configFile = findConfigFile(context.cwd, flags.config).file;
  const top = git(["rev-parse", "--show-toplevel"], context.cwd);
  if (top === undefined) {
    return fail([
      {
        code: Codes.ResolveFailed,
        message: "permgen resolve works in a git repository, after a merge or a rebase",
        file: configFile,
      },
    ]);
  }
  const root = fs.realpathSync(top.toString("utf8").trim());

  const configInput = readInputFile(configFile);
  if (configInput.kind !== "file") {
    return fail([{ code: Codes.ConfigNotFound, message: "config file not found", file: configFile }]);
  }
  const configText = configInput.bytes.toString("utf8");
  const configMarker = markerDiagnostic(configFile, configText, "the config");
  if (configMarker !== undefined) return fail([configMarker]);
  const { parseConfig } = await import("../config/load-config.js");
  const parsed = parseConfig(configFile, configText);
  if (parsed.config === undefined) return fail(parsed.diagnostics);
  const config = parsed.config;
  for (const source of config.sources) {
    const schema = readInputFile(source.file);
    if (schema.kind !== "file") continue; // generate reports it
    const marker = markerDiagnostic(source.file, schema.bytes.toString("utf8"), "the schema");
    if (marker !== undefined) return fail([marker]);
  }

  const claim = buildConfigClaim(config, undefined);
  const sides = findSides(root);
  const unmerged = new Set(
    (git(["diff", "--name-only", "--diff-filter=U", "-z"], root)?.toString("utf8") ?? "")
      .split("\0")
      .filter((p) => p !== "")
      .map((p) => path.join(root, p)),
  );
  // A side's version of a file: the index stage of a conflicted path, else the side's commit.
  const readSide =
    (stage: 2 | 3, ref: string | undefined) =>
    (file: string): Buffer | undefined => {
      const rel = path.relative(root, file).split(path.sep).join("/");
      if (unmerged.has(file)) return git(["show", `:${stage}:${rel}`], root);
      return ref === undefined ? undefined : git(["show", `${ref}:${rel}`], root);
    };
  const readOurs = readSide(2, sides?.ours);
  const readTheirs = readSide(3, sides?.theirs);

  const restored: string[] = [];
  const removed: string[] = [];
  let carried: ReadonlyMap<string, string> = new Map();
  const problems: Diagnostic[] = [];

  // The lock: ours when git broke it (markers, or an auto-merge that gave one id twice).
  const lockText = readText(config.lockPath);
  let lockRestored = false;
  if (lockText !== undefined && (await isBrokenLock(config.lockPath, lockText))) {
    const ourLock = readOurs(config.lockPath);
    if (ourLock === undefined) {
      problems.push({
        code: Codes.ResolveFailed,
        message:
          "the lock is broken and permgen cannot tell which side of the merge is yours: run permgen resolve while the merge or rebase is in progress, or after the merge commit",
        file: config.lockPath,
        line: 1,
        column: 1,
      });
    } else {
      restored.push(config.lockPath);
      const theirLock = readTheirs(config.lockPath);
      const carry = theirLock === undefined ? undefined : await carryRenames(config.lockPath, ourLock, theirLock);
      if (carry !== undefined) carried = carry.moved;
      writeFileAtomic(config.lockPath, carry?.text ?? ourLock);
      lockRestored = true;
    }
  }

  // SQL histories: ours, and the other side's unmerged migrations out (generate writes one).
  for (const target of config.targets) {
    if (target.descriptor.language !== "sql") continue;
    const dir = target.outputDir;
    const manifestFile = path.join(dir, MANIFEST_FILE_NAME);
    const ourManifest = readOurs(manifestFile);
    const ourFiles = ourManifest === undefined ? [] : listManifestFiles(ourManifest);
    if (ourFiles === undefined) {
      problems.push({
        code: Codes.ResolveFailed,
        message: `the SQL history ${JSON.stringify(MANIFEST_FILE_NAME)} of the branch merged into is not one permgen wrote`,
        file: manifestFile,
        line: 1,
        column: 1,
      });
      continue;
    }
    const current = readText(manifestFile);
    // A history that is whole as it is (a merge already resolved and committed, or one only
    // the other side touched) is left alone: generate continues it.
    if (!(await needsResolving(dir, current, lockRestored, claim))) continue;
    if (ourManifest === undefined) {
      if (current !== undefined) {
        fs.rmSync(manifestFile);
        removed.push(manifestFile);
      }
    } else if (current !== ourManifest.toString("utf8")) {
      writeFileAtomic(manifestFile, ourManifest);
      restored.push(manifestFile);
    }
    const keep = new Set(ourFiles);
    for (const name of listDir(dir)) {
      if (!/^\d{4,}_.*\.sql$/.test(name) || keep.has(name)) continue;
      const file = path.join(dir, name);
      const text = readText(file);
      // Only a migration of this config: permgen's header naming one of its sources.
      if (text === undefined || !(await isOwnFile(text, claim))) continue;
      fs.rmSync(file);
      removed.push(file);
    }
  }

  // Every other conflicted file in an output folder: ours, so it carries the header again and
  // generate rewrites it (a file with markers in its first line would be refused as foreign).
  const outputDirs = config.targets.map((t) => t.outputDir);
  for (const file of unmerged) {
    if (file === config.lockPath || restored.includes(file) || removed.includes(file)) continue;
    if (!outputDirs.some((dir) => file.startsWith(dir + path.sep))) continue;
    const text = readOurs(file);
    // Only permgen's own files: a file of the user's that happens to sit in an output folder
    // is theirs to merge, never overwritten.
    if (text === undefined || !(await isOwnFile(text.toString("utf8"), claim))) continue;
    writeFileAtomic(file, text);
    restored.push(file);
  }
  if (problems.length > 0) return fail(problems);

  const outcome = await generate({
    cwd: context.cwd,
    cache: false,
    ...(flags.config === undefined ? {} : { config: flags.config }),
  });
  if (!outcome.ok) {
    context.stderr(formatDiagnosticLines(outcome.diagnostics, context.cwd));
    context.stderr(
      "permgen: resolve put back the merged-into branch's lock and SQL history; fix the errors above and run `permgen resolve` again\n",
    );
    return ExitCode.Invalid;
  }
  context.stdout(formatResolveReport(outcome.changes, restored, removed, context.cwd, carried));
  return ExitCode.Ok;
}

/** What resolve prints: what it put back, removed and generated, then the `git add` to run. */
export function formatResolveReport(
  changes: readonly FileChange[],
  restored: readonly string[],
  removed: readonly string[],
  cwd: string,
  carried: ReadonlyMap<string, string> = new Map(),
): string {
  const show = (file: string): string => formatTextPath(displayPath(file, cwd));
  const lines: string[] = [];
  for (const file of restored) lines.push(`kept ours  ${show(file)}`);
  for (const [from, to] of carried) lines.push(`carried    their rename ${from} → ${to} (same id)`);
  for (const file of removed) lines.push(`removed    ${show(file)} (the other side's; replaced below)`);
  const touched = new Set([...restored, ...removed]);
  for (const change of changes) {
    if (change.status === "unchanged" && !touched.has(change.path)) continue;
    lines.push(`${change.status.padEnd(9)}  ${show(change.path)}`);
    touched.add(change.path);
  }
  const paths = [...touched].map((file) => quoteShell(displayPath(file, cwd))).sort();
  lines.push("permgen: resolved; the branch merged into keeps its ids. Stage the result with:");
  lines.push(paths.length === 0 ? "  (nothing to stage)" : `  git add -A -- ${paths.join(" ")}`);
  // Names from the disk (a migration file's) may hold control characters: every line stays
  // one line of plain text, as in every other report.
  return `${lines.map(formatTextLine).join("\n")}\n`;
}

/**
 * Our lock with the renames the other side made carried into it, or undefined when it made
 * none that apply. Without them its finished renames (the tag already dropped there) would
 * come out of generate as a key removed and a key added: a new id for a permission every
 * database of that branch has under its old one. A rename applies when our lock has its former
 * key with the very id their lock gives the new key, and no id for the new key.
 */
async function carryRenames(
  file: string,
  ourText: Buffer,
  theirText: Buffer,
): Promise<{ readonly text: Buffer; readonly moved: ReadonlyMap<string, string> } | undefined> {
  const { parseLock } = await import("../lock/parse-lock.js");
  const our = parseLock(file, ourText.toString("utf8")).lock;
  const their = parseLock(file, theirText.toString("utf8")).lock;
  if (our === undefined || their?.renamed === undefined) return undefined;
  const moved = new Map<string, string>();
  for (const [from, to] of their.renamed) {
    const id = their.active.get(to);
    if (id === undefined || our.active.get(from) !== id || our.active.has(to) || our.retired.has(to)) continue;
    moved.set(from, to);
  }
  if (moved.size === 0) return undefined;
  const { recordRenames, sortById } = await import("../lock/assign-ids.js");
  const { serializeLock } = await import("../lock/serialize-lock.js");
  const active = sortById([...our.active].map(([key, id]) => [moved.get(key) ?? key, id] as const));
  const renamed = recordRenames(our.renamed, moved, (key) => active.has(key));
  // The role record names keys: the renamed ones by their new key (same id, same order).
  const roles =
    our.roles === undefined
      ? undefined
      : new Map([...our.roles].map(([role, keys]) => [role, keys.map((key) => moved.get(key) ?? key)] as const));
  const { renamed: _renamed, roles: _roles, ...rest } = our;
  const text = serializeLock({
    ...rest,
    active,
    ...(roles === undefined ? {} : { roles }),
    ...(renamed.size === 0 ? {} : { renamed }),
  });
  return { text: Buffer.from(text, "utf8"), moved };
}

/**
 * The refs whose files are "ours" and "theirs": HEAD and MERGE_HEAD (or REBASE_HEAD) while a
 * merge or rebase is in progress, HEAD^1 and HEAD^2 after a merge commit; undefined otherwise.
 */
function findSides(root: string): { readonly ours: string; readonly theirs: string } | undefined {
  const verify = (ref: string): boolean => git(["rev-parse", "-q", "--verify", `${ref}^{commit}`], root) !== undefined;
  for (const theirs of ["MERGE_HEAD", "REBASE_HEAD"]) if (verify(theirs)) return { ours: "HEAD", theirs };
  if (verify("HEAD^2")) return { ours: "HEAD^1", theirs: "HEAD^2" };
  return undefined;
}

function markerDiagnostic(file: string, text: string, what: string): Diagnostic | undefined {
  const offset = findConflictMarker(text);
  if (offset === undefined) return undefined;
  return {
    code: Codes.ResolveFailed,
    message: `${what} has git merge conflict markers: merge it by hand (permgen cannot guess a vocabulary), then run permgen resolve again`,
    file,
    ...buildJsonLocator(text)(offset),
  };
}

async function isBrokenLock(file: string, text: string): Promise<boolean> {
  const { parseLock } = await import("../lock/parse-lock.js");
  return parseLock(file, text).diagnostics.length > 0;
}

async function isOwnFile(text: string, claim: HeaderClaim): Promise<boolean> {
  const { readHeaderSchema, isClaimedPath } = await import("../output/header.js");
  return isClaimedPath(readHeaderSchema(text), claim);
}

/**
 * Whether a SQL history is one git mixed from two sides: the lock had to be put back (its ids
 * are the other side's), the manifest is missing, has conflict markers or is not a manifest,
 * two migrations share a number, or a migration file of this config is not in the manifest.
 */
async function needsResolving(
  dir: string,
  manifest: string | undefined,
  lockRestored: boolean,
  sources: Parameters<typeof isOwnFile>[1],
): Promise<boolean> {
  if (lockRestored || manifest === undefined || findConflictMarker(manifest) !== undefined) return true;
  const listed = listManifestFiles(Buffer.from(manifest, "utf8"));
  if (listed === undefined) return true;
  const numbers = listed.map((file) => file.split("_")[0]);
  if (new Set(numbers).size !== numbers.length) return true;
  const known = new Set(listed);
  for (const name of listDir(dir)) {
    if (!/^\d{4,}_.*\.sql$/.test(name) || known.has(name)) continue;
    const text = readText(path.join(dir, name));
    if (text !== undefined && (await isOwnFile(text, sources))) return true;
  }
  return false;
}

/** The migration file names a manifest lists, or undefined when it is not a manifest. */
function listManifestFiles(bytes: Buffer): string[] | undefined {
  try {
    const data = JSON.parse(bytes.toString("utf8")) as { migrations?: unknown };
    if (!Array.isArray(data.migrations)) return undefined;
    const files = data.migrations.map((m: unknown) =>
      typeof m === "object" && m !== null && typeof (m as { file?: unknown }).file === "string"
        ? (m as { file: string }).file
        : undefined,
    );
    return files.every((f) => f !== undefined && !f.includes("/") && !f.includes("\\"))
      ? (files as string[])
      : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  const input = readInputFile(file, undefined, { followLinks: false });
  return input.kind === "file" ? input.bytes.toString("utf8") : undefined;
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Runs git; its stdout, or undefined when it fails (not a repository, no such object). */
function git(args: readonly string[], cwd: string): Buffer | undefined {
  try {
    return execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}
