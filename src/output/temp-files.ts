/**
 * permgen's temporary files: `.<name>.<pid>-<8 hex>.permgen-tmp`, next to the file they will
 * replace. A run that is killed between creating one and renaming it leaves it behind; the next
 * `generate` removes those whose process is gone, and nothing ever counts them as generated
 * files (in sync, orphan or foreign).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { processWide } from "./process-wide.js";

/** Exactly the names `buildTempPath` makes; group 1 is the pid. */
const TEMP_NAME = /^\..+\.([1-9][0-9]{0,9})-[0-9a-f]{8}\.permgen-tmp$/s;

/**
 * Temp files this process has created and not yet renamed or removed, shared by every copy of
 * this module (process-wide.ts), so one copy's cleanup never takes another's for stale.
 */
const ownTempFiles = processWide("temp-files", () => new Set<string>());

/** A fresh temporary path for writing `file`, in the same folder (so the rename is atomic). */
export function buildTempPath(file: string): string {
  const name = `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.permgen-tmp`;
  return path.join(path.dirname(file), name);
}

/** Records that this process created `temp` (so no cleanup takes it for a stale one). */
export function trackTempFile(temp: string): void {
  ownTempFiles.add(temp);
}

/** Records that `temp` was renamed or removed. */
export function untrackTempFile(temp: string): void {
  ownTempFiles.delete(temp);
}

/** Tells whether `name` (a file name, no folder) is one of permgen's temporary files. */
export function isPermgenTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Tells whether a process with `pid` runs on this machine. Our own pid counts as alive only
 * when asked about our own live files (callers check `ownTempFiles`); EPERM means it exists.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes permgen's stale temporary files directly inside each of `dirs`: names matching the
 * temp pattern exactly, regular files (never links or folders), whose pid is not a live process
 * on this machine (or is ours, for a file this process is not writing: a crash of an earlier
 * run in this process). Best effort: a folder that cannot be read or a file that cannot be
 * removed is left as it is (the write that follows reports the folder's problem). Returns the
 * removed paths.
 */
export function removeStaleTempFiles(dirs: readonly string[]): string[] {
  const removed: string[] = [];
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = TEMP_NAME.exec(name);
      if (match === null) continue;
      const file = path.join(dir, name);
      const pid = Number(match[1]);
      const stale = pid === process.pid ? !ownTempFiles.has(file) : !isProcessAlive(pid);
      if (!stale) continue;
      try {
        if (!fs.lstatSync(file).isFile()) continue;
        fs.rmSync(file);
        removed.push(file);
      } catch {
        // Gone already, or not ours to remove: leave it.
      }
    }
  }
  return removed;
}
