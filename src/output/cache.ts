/**
 * The verdict cache (CONTRACT §7): lets `check` (and a no-op `generate`) confirm "in sync"
 * without loading ts-morph, prettier or zod.
 *
 * After a run that leaves the disk equal to what permgen would write, we store, under
 * `<nearest node_modules>/.cache/permgen/state-<config path hash>.json`, a key over every input that could change
 * the output, and the sha256 of every file that run expected. A later run whose key matches
 * only has to re-hash those files and look for orphans: when all of them match and no stray
 * header file exists, the answer is "in sync". On any mismatch, or when an input cannot be
 * proven unchanged (a JavaScript prettier config, an unreadable file), the caller runs the full
 * pipeline, which produces the diffs. The cache can only skip work, never change a verdict.
 *
 * The key covers: permgen's build id (dist/build-id.txt, a hash of the compiled code), the
 * Node version, the bytes of the config, the schema and the lock, the installed prettier
 * version, every prettier/editorconfig file that could apply to any output path, the
 * repository root and where each output path really leads (links resolved).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LOCK_FILE_NAME } from "../config/file-names.js";
import { readHeaderSchema } from "../targets/target.js";
import { readInputFile } from "./read-files.js";
import { findRepositoryRoot, resolveExistingPrefix } from "./repository.js";

/** What a successful run expected on disk, relative paths from the config folder. */
export interface CacheEntry {
  readonly version: 1;
  readonly key: string;
  /** Every file permgen writes (the lock included), with the sha256 of its expected content. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  /** Folders scanned for orphans (header files that are not in `files`). */
  readonly dirs: readonly string[];
  /** The schema path the headers name. */
  readonly schemaPath: string;
}

const PRETTIER_CONFIG_FILES = [
  "package.json",
  "package.yaml",
  ".prettierrc",
  ".prettierrc.json",
  ".prettierrc.yaml",
  ".prettierrc.yml",
  ".prettierrc.json5",
  ".prettierrc.toml",
  ".editorconfig",
];
// Executable configs can read anything; their effect cannot be proven unchanged.
const PRETTIER_CODE_CONFIG = /^(\.prettierrc|prettier\.config)\.(js|mjs|cjs|ts|mts|cts)$/;

/** sha256 hex of a string or buffer. */
export function hashContent(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * The folder the cache lives in: `.cache/permgen` under the nearest `node_modules` at or above
 * the config folder, or undefined when there is none (then no cache is used or written).
 */
export function findCacheDir(configDir: string): string | undefined {
  for (let dir = configDir; ; dir = path.dirname(dir)) {
    const nm = path.join(dir, "node_modules");
    if (isDirectory(nm)) return path.join(nm, ".cache", "permgen");
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Computes the cache key for a config file, reading its inputs; undefined when some input
 * cannot be proven unchanged from its bytes (the caller then runs the full pipeline).
 */
export function computeCacheKey(
  configPath: string,
  used?: { readonly config: string; readonly schema: string; readonly lock: string | undefined },
): string | undefined {
  const h = createHash("sha256");
  const add = (label: string, value: string | Buffer) => {
    h.update(`${label}\0${value.length}\0`);
    h.update(value);
  };
  try {
    const configDir = path.dirname(configPath);
    // A run that stores an entry passes the bytes it used, so a file edited during the run
    // cannot be paired with outputs made from its earlier content.
    const configText = used?.config ?? readRequired(configPath);
    const config = JSON.parse(configText) as { schema?: unknown; targets?: unknown };
    const schemaRel = typeof config.schema === "string" ? config.schema : "schema/permissions.ts";
    if (!Array.isArray(config.targets)) return undefined;
    add("build", readBuildId());
    add("node", process.version);
    add("prettier", readPrettierVersion());
    add("config", configText);
    add("schema", used?.schema ?? readRequired(path.resolve(configDir, schemaRel)));
    const lock = used ? used.lock : readOptional(path.join(configDir, LOCK_FILE_NAME));
    add("lock", lock ?? "\0absent");
    const dirs = new Set<string>();
    // Whether a target path is inside the repository (else PG0601) depends on where the
    // repository root is and where links lead.
    add("root", findRepositoryRoot(configDir));
    for (const t of config.targets as unknown[]) {
      const out = (t as { out?: unknown }).out;
      if (typeof out !== "string") return undefined;
      add("out", resolveExistingPrefix(path.resolve(configDir, out)));
      for (let d = path.dirname(path.resolve(configDir, out)); ; d = path.dirname(d)) {
        if (dirs.has(d)) break;
        dirs.add(d);
        if (path.dirname(d) === d) break;
      }
    }
    for (const dir of [...dirs].sort()) {
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        names = [];
      }
      if (names.some((n) => PRETTIER_CODE_CONFIG.test(n))) return undefined;
      for (const name of PRETTIER_CONFIG_FILES) {
        const content = names.includes(name) ? readOptional(path.join(dir, name)) : undefined;
        if (content !== undefined) add(path.join(dir, name), content);
      }
    }
    return h.digest("hex");
  } catch {
    return undefined;
  }
}

/** The entry file for one config file (several configs may share a node_modules). */
function entryFile(cacheDir: string, configPath: string): string {
  return path.join(cacheDir, `state-${hashContent(configPath).slice(0, 16)}.json`);
}

/** Reads the stored entry for a config file when its key matches `key`. */
export function readCacheEntry(cacheDir: string, configPath: string, key: string): CacheEntry | undefined {
  try {
    const text = readOptional(entryFile(cacheDir, configPath));
    if (text === undefined) return undefined;
    const entry = JSON.parse(text) as CacheEntry;
    return entry.version === 1 && entry.key === key && Array.isArray(entry.files) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the disk holds exactly what the entry expects: every file byte-equal (by hash) and
 * no other file carrying this schema's header in the scanned folders.
 */
export function verifyCacheEntry(configDir: string, entry: CacheEntry): boolean {
  const expected = new Set<string>();
  for (const file of entry.files) {
    const abs = path.resolve(configDir, file.path);
    expected.add(abs);
    let content: Buffer;
    try {
      content = fs.readFileSync(abs);
    } catch {
      return false;
    }
    if (hashContent(content) !== file.sha256) return false;
  }
  for (const rel of entry.dirs) {
    const dir = path.resolve(configDir, rel);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const abs = path.join(dir, name);
      if (expected.has(abs)) continue;
      const head = readHead(abs);
      if (head !== undefined && readHeaderSchema(head) === entry.schemaPath) return false;
    }
  }
  return true;
}

/** Stores an entry (best effort: a cache that cannot be written is simply not used). */
export function writeCacheEntry(cacheDir: string, configPath: string, entry: CacheEntry): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = path.join(cacheDir, `.state.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, entryFile(cacheDir, configPath));
  } catch {
    // Read-only node_modules, full disk: permgen works the same without its cache.
  }
}

/** Builds the entry for files that are now on disk as expected. */
export function buildCacheEntry(
  key: string,
  configDir: string,
  schemaPath: string,
  files: readonly { readonly path: string; readonly content: string }[],
  dirs: readonly string[],
): CacheEntry {
  const rel = (p: string) => path.relative(configDir, p).split(path.sep).join("/");
  return {
    version: 1,
    key,
    schemaPath,
    files: files.map((f) => ({ path: rel(f.path), sha256: hashContent(f.content) })),
    dirs: [...new Set(dirs.map(rel))].sort(),
  };
}

function readBuildId(): string {
  // dist/output/cache.js → dist/build-id.txt, written by scripts/build-id.mjs at build time.
  const file = new URL("../build-id.txt", import.meta.url);
  const id = readOptional(file);
  if (id === undefined) throw new Error("no build id: caching disabled");
  return id;
}

function readPrettierVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("prettier/package.json");
  return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version: string }).version;
}

/** A file's text; undefined when it is absent. Anything but a small regular file throws. */
function readOptional(file: string | URL): string | undefined {
  const input = readInputFile(file instanceof URL ? fileURLToPath(file) : file);
  if (input.kind === "missing") return undefined;
  if (input.kind !== "file") throw new Error("not a regular file: caching disabled");
  return input.bytes.toString("utf8");
}

/** A file's text; anything but a small regular file throws (the full path then reports it). */
function readRequired(file: string): string {
  const text = readOptional(file);
  if (text === undefined) throw new Error("missing input: caching disabled");
  return text;
}

function readHead(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const buf = Buffer.alloc(2048);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString("utf8");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The fast path: when the stored entry for this config matches the current inputs and the
 * disk, returns it (the caller answers "in sync"); otherwise undefined (run the pipeline).
 */
export function findCachedVerdict(configPath: string): CacheEntry | undefined {
  const configDir = path.dirname(configPath);
  const cacheDir = findCacheDir(configDir);
  if (cacheDir === undefined) return undefined;
  const key = computeCacheKey(configPath);
  if (key === undefined) return undefined;
  const entry = readCacheEntry(cacheDir, configPath, key);
  return entry !== undefined && verifyCacheEntry(configDir, entry) ? entry : undefined;
}
