/**
 * The run lock: one `generate` at a time per config. `generate` creates `.permgen-run.lock`
 * next to the config exclusively (link(2) of a complete temporary file, which fails on an
 * existing file as O_EXCL does; an O_EXCL open where links are unsupported) before it reads
 * anything, and removes it on every exit path (a result, an error, SIGINT/SIGTERM/SIGHUP, process
 * exit). The file holds the pid, the host name and the start time, so a second run can say who
 * holds it; a lock whose process is gone from this host (a run killed with SIGKILL) is stale
 * and taken over. `check` never creates it (it writes nothing) but refuses while a live run
 * holds it, so it never compares a half-renamed tree.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { buildIoDiagnostic, describeIoError } from "./io-error.js";
import { type InputFile, readInputFile } from "./read-files.js";
import { processWide } from "./process-wide.js";
import { buildTempPath, isProcessAlive, trackTempFile, untrackTempFile } from "./temp-files.js";

/** The run lock's file name, next to the config file. */
export const RUN_LOCK_FILE_NAME = ".permgen-run.lock";

/** A lock file without readable content younger than this may still be being written. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

/** What the lock file holds. */
interface RunLockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  readonly command: string;
}

/** A held lock; `release()` is idempotent. */
export interface RunLock {
  release(): void;
}

/** The lock, or why it could not be taken (PG0606 held by another run, PG0605 I/O). */
export type RunLockResult =
  | { readonly ok: true; readonly lock: RunLock }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/** What the process holds, shared by every copy of this module (process-wide.ts). */
interface RunLockState {
  /** Lock files this process holds, with the exact text it wrote into each. */
  readonly held: Map<string, string>;
  /** The signal and exit handlers installed while a lock is held (by whichever copy took one first). */
  handlers: { readonly onSignal: (signal: NodeJS.Signals) => void; readonly onExit: () => void } | undefined;
}

const state = processWide<RunLockState>("run-locks", () => ({ held: new Map(), handlers: undefined }));
const held = state.held;

/** The run lock path for a config file. */
export function runLockPath(configFile: string): string {
  return path.join(path.dirname(configFile), RUN_LOCK_FILE_NAME);
}

/**
 * Takes the run lock for `configFile` for `command`. When the config file does not exist there
 * is nothing to protect (the run fails with PG0501) and a no-op lock is returned.
 */
export function acquireRunLock(configFile: string, command: string): RunLockResult {
  if (!fs.existsSync(configFile)) return { ok: true, lock: { release() {} } };
  const file = runLockPath(configFile);
  const info: RunLockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command,
  };
  const text = `${JSON.stringify(info)}\n`;
  // Before the file exists: a signal that arrives before node has a handler for it kills the
  // process on the spot, which would leave the lock behind.
  installExitHandlers();
  const result = tryAcquire(file, text);
  if (!result.ok && held.size === 0) removeExitHandlers();
  return result;
}

function tryAcquire(file: string, text: string): RunLockResult {
  for (let attempt = 0; attempt < 5; attempt++) {
    let created: boolean;
    try {
      created = createExclusive(file, text);
    } catch (error) {
      return failIo(file, error);
    }
    if (created) {
      held.set(file, text);
      return { ok: true, lock: { release: () => releaseRunLock(file) } };
    }
    const holder = inspectLock(file);
    if (holder === undefined) continue; // released meanwhile: try again
    if (holder.kind === "foreign") return { ok: false, diagnostic: buildForeignDiagnostic(file, holder.what) };
    if (holder.active) return { ok: false, diagnostic: buildHeldDiagnostic(file, holder.info) };
    takeOverStaleLock(file, holder.text);
  }
  const holder = inspectLock(file);
  if (holder?.kind === "foreign") return { ok: false, diagnostic: buildForeignDiagnostic(file, holder.what) };
  return { ok: false, diagnostic: buildHeldDiagnostic(file, holder?.info) };
}

/**
 * Creates `file` holding `text` unless it exists (false then). The text goes to a temporary
 * file first, published with link(2), which fails when `file` exists just as O_EXCL does, so
 * the lock is never seen empty, even after a SIGKILL. Where hard links are not supported, an
 * O_EXCL open and a write.
 */
function createExclusive(file: string, text: string): boolean {
  const temp = buildTempPath(file);
  trackTempFile(temp);
  try {
    fs.writeFileSync(temp, text, { flag: "wx", mode: 0o644 });
  } catch (error) {
    untrackTempFile(temp);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
  } finally {
    untrackTempFile(temp);
    fs.rmSync(temp, { force: true });
  }
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    try {
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return true;
}

function failIo(file: string, error: unknown): RunLockResult {
  const cause = describeIoError(error);
  if (cause === undefined) throw error;
  return { ok: false, diagnostic: buildIoDiagnostic(file, `cannot create the run lock: ${cause}`) };
}

/**
 * For `check`: a PG0606 diagnostic when a live run holds the lock for `configFile`, else
 * undefined (no lock, or a stale one, which `check` leaves for the next `generate`).
 */
export function findActiveRunLock(configFile: string): Diagnostic | undefined {
  const file = runLockPath(configFile);
  const holder = inspectLock(file);
  if (holder?.kind === "foreign") return buildForeignDiagnostic(file, holder.what);
  return holder?.active === true ? buildHeldDiagnostic(file, holder.info) : undefined;
}

/** Tells whether anything (a run lock, live or stale, or a link or other file) is at the run lock's path. */
export function hasRunLockFile(configFile: string): boolean {
  try {
    fs.lstatSync(runLockPath(configFile));
    return true;
  } catch {
    return false;
  }
}

/** Removes every run lock this process holds (SIGINT, SIGTERM, SIGHUP, process exit). */
export function releaseHeldRunLocks(): void {
  for (const file of [...held.keys()]) releaseRunLock(file);
}

function releaseRunLock(file: string): void {
  const text = held.get(file);
  if (text === undefined) return;
  held.delete(file);
  if (held.size === 0) removeExitHandlers();
  try {
    // Only our own lock: never a file another run wrote after ours was taken over.
    if (readLockText(file) === text) fs.rmSync(file);
  } catch {
    // Gone already, or unreadable: a later run sees a dead pid and takes it over.
  }
}

/** What is at the run lock's path: permgen's lock (live or stale), something else, or nothing. */
type LockHolder =
  | {
      readonly kind: "lock";
      readonly text: string;
      readonly info: RunLockInfo | undefined;
      readonly active: boolean;
    }
  | { readonly kind: "foreign"; readonly what: string };

/** permgen writes a one-line JSON object; anything larger at the path is not its lock. */
const MAX_LOCK_BYTES = 64 * 1024;

/**
 * Who holds the lock file, and whether that run is still alive; undefined when there is no file.
 * The path is hostile like every input (it may be committed): a symbolic link, a FIFO, a device
 * or a large file there is never followed or read — it is reported as not permgen's lock.
 */
function inspectLock(file: string): LockHolder | undefined {
  const read = readLockFile(file);
  if (read === undefined) return undefined;
  if (read.kind === "foreign") return read;
  const { text, mtimeMs } = read;
  const info = parseLockInfo(text);
  if (info === undefined) {
    // Killed between creating the file and writing it: stale once it is old enough.
    return { kind: "lock", text, info, active: Date.now() - mtimeMs < UNREADABLE_LOCK_GRACE_MS };
  }
  if (info.hostname !== os.hostname()) return { kind: "lock", text, info, active: true };
  const active = info.pid === process.pid ? held.get(file) === text : isProcessAlive(info.pid);
  return { kind: "lock", text, info, active };
}

/** The lock file's text when it is a small regular file (not a link); else what it is. */
function readLockFile(
  file: string,
):
  | { readonly kind: "file"; readonly text: string; readonly mtimeMs: number }
  | { readonly kind: "foreign"; readonly what: string }
  | undefined {
  let input: InputFile;
  try {
    input = readInputFile(file, MAX_LOCK_BYTES, { followLinks: false });
  } catch {
    return { kind: "foreign", what: "a file permgen cannot open" };
  }
  if (input.kind === "missing") return undefined;
  if (input.kind === "not-regular") return { kind: "foreign", what: input.what };
  if (input.kind === "too-large") return { kind: "foreign", what: `a file larger than ${MAX_LOCK_BYTES} bytes` };
  return { kind: "file", text: input.bytes.toString("utf8"), mtimeMs: input.mtimeMs };
}

/** The text of the lock file when it is permgen's kind of file; undefined otherwise. */
function readLockText(file: string): string | undefined {
  const read = readLockFile(file);
  return read?.kind === "file" ? read.text : undefined;
}

/**
 * Removes a stale lock without removing a fresh one another run may have created since we
 * read it: move it aside atomically, and put it back when it is not the one we judged stale.
 */
function takeOverStaleLock(file: string, staleText: string): void {
  // A temp name: if this run dies here, the next run's stale-temp cleanup removes it.
  const aside = buildTempPath(file);
  try {
    fs.renameSync(file, aside);
  } catch {
    return;
  }
  try {
    if (readLockText(aside) !== staleText) fs.linkSync(aside, file);
  } catch {
    // Another run took the lock meanwhile: it stays the holder.
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

function parseLockInfo(text: string): RunLockInfo | undefined {
  try {
    const value = JSON.parse(text) as Partial<RunLockInfo>;
    if (
      typeof value.pid === "number" &&
      typeof value.hostname === "string" &&
      typeof value.startedAt === "string" &&
      typeof value.command === "string"
    ) {
      return value as RunLockInfo;
    }
  } catch {
    // Not ours, or half-written.
  }
  return undefined;
}

function buildForeignDiagnostic(file: string, what: string): Diagnostic {
  return {
    code: Codes.RunLocked,
    message: `the run lock's path holds ${what}, not a run lock permgen wrote; permgen does not follow or read it: delete it (and never commit it)`,
    file,
    line: 1,
    column: 1,
  };
}

function buildHeldDiagnostic(file: string, info: RunLockInfo | undefined): Diagnostic {
  const who =
    info === undefined
      ? "another permgen run holds the run lock"
      : `another permgen ${info.command} is running (pid ${info.pid} on ${JSON.stringify(info.hostname)}, since ${info.startedAt})`;
  return {
    code: Codes.RunLocked,
    message: `${who}; wait for it to finish, or delete this file if no permgen run is active`,
    file,
    line: 1,
    column: 1,
  };
}

// SIGHUP too: closing the terminal of a run sends it, and without a listener node dies of it at
// once, between two renames of the write stage; with one it waits for the (synchronous) writes.
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(signal: NodeJS.Signals): void {
  // Another listener (a host program) decides what a signal means; we only stand in for
  // node's default, which is to die: release the lock, then die of the same signal.
  if (process.listenerCount(signal) > 1) return;
  releaseHeldRunLocks();
  removeExitHandlers();
  process.kill(process.pid, signal);
}

// One set of handlers per process: two copies' handlers would each see the other as "a host
// program" listening (onSignal) and neither would let the signal end the process.
function installExitHandlers(): void {
  if (state.handlers !== undefined) return;
  const handlers = { onSignal, onExit: releaseHeldRunLocks };
  state.handlers = handlers;
  for (const signal of SIGNALS) process.on(signal, handlers.onSignal);
  process.on("exit", handlers.onExit);
}

function removeExitHandlers(): void {
  const handlers = state.handlers;
  if (handlers === undefined) return;
  state.handlers = undefined;
  for (const signal of SIGNALS) process.off(signal, handlers.onSignal);
  process.off("exit", handlers.onExit);
}
