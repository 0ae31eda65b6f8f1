/**
 * A V8 code cache for the large CommonJS bundles permgen requires: ts-morph and the TypeScript
 * compiler it bundles are 13 MB of JavaScript, and compiling them was the largest single cost of
 * a cold `check` (450-700 ms of the loader on this machine; 200-270 ms with the cache, the
 * hashing below included).
 *
 * Node 20 has no compile cache of its own (`module.enableCompileCache` is Node 22), so each
 * bundle is compiled here with `vm.Script` and its `cachedData`, run with the CommonJS wrapper
 * and placed in `require.cache` under the path Node resolves it to; the plain `require` that
 * follows finds it there. The module object is the one Node's loader would build (filename,
 * lookup paths, a `require` relative to the file), so the bundle cannot tell the difference.
 *
 * A cache may skip work, never change a result (CONTRACT §7):
 * - an entry is named by a sha256 over the bundle's bytes (and the Node version, V8 version and
 *   CPU architecture): V8's own check compares only the source's length, so a bundle patched
 *   in place must never meet the code of its former text;
 * - an entry carries the sha256 of its payload, checked before V8 sees it: release builds of V8
 *   do not checksum a code cache, and a truncated or corrupted file must not reach it;
 * - hashing is most of what the cache costs (13 MB of bundles and 9 MB of entries: ≈ 40 ms of a
 *   ≈ 500 ms cold `check`), so both hashes may come from a stamp (file-stamps.ts) recorded in
 *   `stamps.json` next to the entries: a bundle or entry whose stat fingerprint, taken before and
 *   after reading it, equals one proven when it held bytes of that hash is taken to hold them
 *   still (a rewrite, even of the same length, moves its ctime; so does a `touch`);
 * - V8 may still reject an entry (other flags): the bundle is then compiled from source;
 * - an entry is written (temp file, then rename) only when none was usable, at the end of the
 *   run so that the functions the run compiled lazily are in it; every failure to read or write
 *   it is ignored: the cache lives in `node_modules/.cache/permgen/code`, which may be read-only;
 * - an entry's name starts with its slot: a hash of the bundle's path and of the Node version,
 *   V8 version and architecture. Writing an entry removes the slot's other entries (the code of
 *   the bundle's earlier texts: every permgen or ts-morph upgrade left one behind, 1-9 MB each,
 *   that nothing would ever read again) and entries in the unslotted names of earlier permgen
 *   versions, with their stamps. Another Node version keeps its own slot, so switching between
 *   two Node versions never makes them evict each other.
 *
 * `PERMGEN_CODE_CACHE=0` turns it off (then this is a plain `require`).
 */
import { createHash } from "node:crypto";
import { isAscii } from "node:buffer";
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { isSettled, statFile, takeProbeTime } from "./file-stamps.js";

/** What happened to one bundle's cache entry. */
export type CodeCacheStatus =
  /** Compiled from a valid entry. */
  | "hit"
  /** No entry for these bytes (or the cache is off): compiled from source. */
  | "miss"
  /** An entry whose payload hash did not match (truncated, corrupted): ignored. */
  | "corrupt"
  /** An intact entry V8 refused (other V8 flags): compiled from source. */
  | "rejected";

/** One bundle to preload: its absolute, resolved path. */
export interface PreloadResult {
  readonly file: string;
  readonly status: CodeCacheStatus;
}

const DIGEST_BYTES = 32;
const STAMPS_FILE = "stamps.json";
const pending = new Map<string, { script: vm.Script; entry: string }>();
let flushRegistered = false;

/**
 * Loads each file (absolute paths as Node resolves them, dependencies first) into
 * `require.cache` through the code cache in `cacheDir`, unless it is already loaded; entries
 * to write are written when the process is about to exit (or by `flushCodeCache`). Returns
 * what happened to each file, for tests.
 */
export function preloadWithCodeCache(files: readonly string[], cacheDir: string | undefined): PreloadResult[] {
  const results: PreloadResult[] = [];
  const cache = Module as unknown as { _cache: Record<string, Module | undefined> };
  const stamps = cacheDir === undefined ? undefined : openStamps(cacheDir);
  for (const file of files) {
    if (cache._cache[file] !== undefined) continue;
    const { bytes, sha256 } = readHashed(file, stamps, (b) => createHash("sha256").update(b).digest("hex"));
    // All of TypeScript's bundles are ASCII; a latin1 read of ASCII is the same string, faster.
    let source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
    // Node's loader strips a byte-order mark before compiling; so must we.
    if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
    const entry = cacheDir === undefined ? undefined : path.join(cacheDir, `${entryName(file, sha256)}.bin`);
    const read = entry === undefined ? { status: "miss" as const } : readEntry(entry, stamps);
    const script = new vm.Script(Module.wrap(source), {
      filename: file,
      ...(read.data !== undefined ? { cachedData: read.data } : {}),
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const status: CodeCacheStatus =
      read.data !== undefined && script.cachedDataRejected === true ? "rejected" : read.status;
    const loaded = new Module(file);
    loaded.filename = file;
    loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
      path.dirname(file),
    );
    // Registered before it runs, as Node does, so a require cycle sees the partial exports.
    cache._cache[file] = loaded;
    try {
      const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
      wrapper.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, path.dirname(file));
    } catch (error) {
      delete cache._cache[file];
      throw error;
    }
    loaded.loaded = true;
    if (entry !== undefined && status !== "hit") schedule(file, script, entry);
    results.push({ file, status });
  }
  if (cacheDir !== undefined && stamps !== undefined) saveStamps(cacheDir, stamps);
  return results;
}

/** The stamps of `stamps.json` by path, and the files read this run that may earn one. */
interface StampBook {
  readonly known: Map<string, { readonly stat: string; readonly sha256: string }>;
  /** Files read and hashed this run whose stamp is proven (settled before the probe). */
  readonly fresh: { path: string; stat: string; sha256: string }[];
  /**
   * The file system's "now" (file-stamps.ts `takeProbeTime`), taken once per run before the
   * first file that must be hashed is stat'ed; undefined when it could not be taken.
   */
  probe(): bigint | undefined;
}

/**
 * A file's bytes and their hash: the recorded one when the file's stat, before and after the
 * read, is the stamp recorded for it; else `hash(bytes)`. A file hashed so earns a stamp when
 * its stat did not move around the read and its ctime lies in a tick before a probe taken
 * before that first stat — the order of cache.ts's `proveStamps`: a write during the read, even
 * one in the same tick as an earlier write, then has a later ctime than the stat before.
 */
function readHashed(
  file: string,
  stamps: StampBook | undefined,
  hash: (bytes: Buffer) => string,
): { bytes: Buffer; sha256: string } {
  const recorded = stamps?.known.get(file);
  if (recorded !== undefined) {
    const before = statFile(file, true);
    if (before?.stat === recorded.stat) {
      const bytes = fs.readFileSync(file);
      if (statFile(file, true)?.stat === before.stat) return { bytes, sha256: recorded.sha256 };
    }
  }
  const probe = stamps?.probe();
  const before = probe === undefined ? undefined : statFile(file, true);
  const bytes = fs.readFileSync(file);
  const after = before === undefined ? undefined : statFile(file, true);
  const sha256 = hash(bytes);
  if (probe !== undefined && before !== undefined && after?.stat === before.stat && isSettled(before.ctimeNs, probe)) {
    stamps?.fresh.push({ path: file, stat: before.stat, sha256 });
  }
  return { bytes, sha256 };
}

/** The recorded stamps (none when `stamps.json` is absent or not of the shape written). */
function openStamps(cacheDir: string): StampBook {
  const known = new Map<string, { stat: string; sha256: string }>();
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(cacheDir, STAMPS_FILE), "utf8"));
    const list = isRecord(value) && value["version"] === 1 ? value["stamps"] : undefined;
    if (Array.isArray(list)) {
      for (const item of list as unknown[]) {
        if (!isRecord(item)) continue;
        const { path: file, stat, sha256 } = item;
        if (typeof file === "string" && typeof stat === "string" && typeof sha256 === "string") {
          known.set(file, { stat, sha256 });
        }
      }
    }
  } catch {
    // absent or unreadable: every file is hashed, as without stamps
  }
  let probe: { readonly at: bigint | undefined } | undefined;
  return {
    known,
    fresh: [],
    probe: () => (probe ??= { at: takeProbeTime(cacheDir) }).at,
  };
}

/**
 * Records the stamps this run proved, keeping the other recorded ones; writes nothing when there
 * is nothing new (best effort).
 */
function saveStamps(cacheDir: string, stamps: StampBook): void {
  const settled = [...stamps.fresh];
  stamps.fresh.length = 0;
  if (settled.length === 0) return;
  for (const f of settled) stamps.known.set(f.path, { stat: f.stat, sha256: f.sha256 });
  writeStamps(cacheDir, stamps.known);
}

/** Writes `stamps.json` with `known` (temp file, then rename; best effort). */
function writeStamps(cacheDir: string, known: StampBook["known"]): void {
  const list = [...known].map(([file, s]) => ({ path: file, stat: s.stat, sha256: s.sha256 }));
  const target = path.join(cacheDir, STAMPS_FILE);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify({ version: 1, stamps: list }));
    fs.renameSync(tmp, target);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing left to do
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Writes the entries this process compiled without a usable one (best effort). Called at exit,
 * and by the pipeline right after the schema is read, TypeScript's main use: V8 drops the
 * bytecode of a function that did not run during its last five full collections
 * (`--bytecode-old-age`), and an entry holds only functions that still have bytecode. Written
 * at exit, a `check` at 100,000 pairs (ten full collections after the parse) recorded 1.2 MB of
 * TypeScript's 2.6 MB, and every later cold run compiled the parser again: a cold `check` of
 * this repository took 280-300 ms instead of 190-200 ms until the bundle changed.
 */
export function flushCodeCache(): void {
  for (const { script, entry } of pending.values()) writeEntry(entry, script.createCachedData());
  pending.clear();
}

/** The cache folder for bundles installed under `file`'s outermost `node_modules`, if any. */
export function findCodeCacheDir(file: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env["PERMGEN_CODE_CACHE"] === "0") return undefined;
  const parts = file.split(path.sep);
  const at = parts.indexOf("node_modules");
  if (at <= 0) return undefined;
  return path.join(parts.slice(0, at + 1).join(path.sep), ".cache", "permgen", "code");
}

/**
 * The entry for the bundle at `file` whose bytes hash to `sha256`, on this Node, V8 and CPU:
 * `<slot>-<hash>`, where the slot names the bundle's path on this Node, V8 and CPU (so that
 * writing an entry can remove the slot's older ones) and the hash also covers the bytes.
 */
function entryName(file: string, sha256: string): string {
  const runtime = `${process.version}\0${process.versions.v8}\0${process.arch}`;
  const slot = createHash("sha256").update(`permgen-code-cache-slot\0${runtime}\0${file}`).digest("hex");
  const hash = createHash("sha256")
    .update(`permgen-code-cache\0${ENTRY_GENERATION}\0${runtime}\0${sha256}`)
    .digest("hex");
  return `${slot.slice(0, SLOT_CHARS)}-${hash}`;
}

const SLOT_CHARS = 16;
/**
 * Part of every entry's name: raised when entries written before are worse than a miss. 2:
 * entries had been written at exit, and TypeScript's, written after a long run, could lack the
 * parser (see flushCodeCache); its bytes never change with permgen, so such an entry stayed.
 * The next run misses, writes a new entry in the same slot, and that removes the old one.
 */
const ENTRY_GENERATION = 2;
/** An entry file's name: its slot, and the rest (see entryName). */
const SLOTTED_ENTRY = /^([0-9a-f]{16})-[0-9a-f]{64}\.bin$/;
/** The names entries had before they were slotted (permgen before this one): never read now. */
const UNSLOTTED_ENTRY = /^[0-9a-f]{64}\.bin$/;

/**
 * Removes, after `entry` was written, the other entries of its slot and every unslotted one,
 * and their stamps (best effort: an entry another run is reading stays readable on POSIX, and
 * one that cannot be removed is simply left).
 */
function pruneSlot(entry: string): void {
  const dir = path.dirname(entry);
  const slot = SLOTTED_ENTRY.exec(path.basename(entry))?.[1];
  if (slot === undefined) return;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const removed = new Set<string>();
  for (const name of names) {
    const other = path.join(dir, name);
    if (other === entry) continue;
    if (SLOTTED_ENTRY.exec(name)?.[1] !== slot && !UNSLOTTED_ENTRY.test(name)) continue;
    try {
      fs.rmSync(other, { force: true });
      removed.add(other);
    } catch {
      // left for a later run
    }
  }
  if (removed.size > 0) forgetStamps(dir, removed);
}

/** Drops the recorded stamps of `files` from the folder's `stamps.json` (best effort). */
function forgetStamps(cacheDir: string, files: ReadonlySet<string>): void {
  const stamps = openStamps(cacheDir);
  const before = stamps.known.size;
  for (const file of files) stamps.known.delete(file);
  if (stamps.known.size !== before) writeStamps(cacheDir, stamps.known);
}

/**
 * An entry's V8 data when its payload is intact: the sha256 in its first bytes matches the rest
 * (or the entry's stamp says it still holds a payload that matched).
 */
function readEntry(entry: string, stamps: StampBook | undefined): { status: "miss" | "corrupt" | "hit"; data?: Buffer } {
  let read: { bytes: Buffer; sha256: string };
  try {
    read = readHashed(entry, stamps, (raw) =>
      raw.length > DIGEST_BYTES ? createHash("sha256").update(raw.subarray(DIGEST_BYTES)).digest("hex") : "",
    );
  } catch {
    return { status: "miss" };
  }
  const raw = read.bytes;
  if (raw.length <= DIGEST_BYTES) return { status: "corrupt" };
  return raw.subarray(0, DIGEST_BYTES).toString("hex") === read.sha256
    ? { status: "hit", data: raw.subarray(DIGEST_BYTES) }
    : { status: "corrupt" };
}

function schedule(file: string, script: vm.Script, entry: string): void {
  pending.set(file, { script, entry });
  if (flushRegistered) return;
  flushRegistered = true;
  // `beforeExit`: the event loop is empty, the run is over; the bin sets exitCode, never exits.
  process.once("beforeExit", flushCodeCache);
}

function writeEntry(entry: string, data: Buffer): void {
  const tmp = `${entry}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    const digest = createHash("sha256").update(data).digest();
    fs.writeFileSync(tmp, Buffer.concat([digest, data]));
    fs.renameSync(tmp, entry);
  } catch {
    // A read-only or full node_modules: the next run compiles from source, as without a cache.
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing left to do
    }
    return;
  }
  pruneSlot(entry);
}
