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
 * - V8 may still reject an entry (other flags): the bundle is then compiled from source;
 * - an entry is written (temp file, then rename) only when none was usable, at the end of the
 *   run so that the functions the run compiled lazily are in it; every failure to read or write
 *   it is ignored: the cache lives in `node_modules/.cache/permgen/code`, which may be read-only.
 *
 * `PERMGEN_CODE_CACHE=0` turns it off (then this is a plain `require`).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

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
  for (const file of files) {
    if (cache._cache[file] !== undefined) continue;
    const bytes = fs.readFileSync(file);
    let source = bytes.toString("utf8");
    // Node's loader strips a byte-order mark before compiling; so must we.
    if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
    const entry = cacheDir === undefined ? undefined : path.join(cacheDir, `${entryName(bytes)}.bin`);
    const read = entry === undefined ? { status: "miss" as const } : readEntry(entry);
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
  return results;
}

/** Writes the entries this process compiled without a usable one (best effort). */
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

function entryName(bytes: Buffer): string {
  return createHash("sha256")
    .update(`permgen-code-cache\0${process.version}\0${process.versions.v8}\0${process.arch}\0`)
    .update(bytes)
    .digest("hex");
}

function readEntry(entry: string): { status: "miss" | "corrupt" | "hit"; data?: Buffer } {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(entry);
  } catch {
    return { status: "miss" };
  }
  if (raw.length <= DIGEST_BYTES) return { status: "corrupt" };
  const data = raw.subarray(DIGEST_BYTES);
  const digest = createHash("sha256").update(data).digest();
  return digest.equals(raw.subarray(0, DIGEST_BYTES)) ? { status: "hit", data } : { status: "corrupt" };
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
  }
}
