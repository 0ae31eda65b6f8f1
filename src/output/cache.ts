/**
 * The verdict cache (CONTRACT §7): lets `check` (and a no-op `generate`) confirm "in sync"
 * without loading ts-morph, prettier or zod.
 *
 * After a run that leaves the disk equal to what permgen would write, we store, under
 * `<nearest node_modules>/.cache/permgen/state-<config path hash>.json`, a key over every input that could change
 * the output, and the sha256 of every file that run expected. A later run whose key matches
 * only has to re-hash those files and look for orphans: when all of them match and no stray
 * header file exists, the answer is "in sync". On any mismatch, or when an input cannot be
 * proven unchanged (a JavaScript prettier config, a prettier config that names another file or
 * package or plugins, an unreadable file, a symbolic link or a special file among the outputs),
 * the caller runs the full pipeline, which produces the diffs. The cache can only skip work,
 * never change a verdict (CONTRACT §7).
 *
 * An entry is self-authenticating: it carries a sha256 over its own content (key included), and
 * a hand-edited or corrupted entry — or one whose shape is in any doubt — is ignored. What it
 * claims is re-checked against the config: every target's output and the lock must be covered.
 *
 * Stat fingerprints (entry version 4): hashing every output and input is most of a warm check
 * at size (26 MB at 100k pairs). Each file in the key or among the outputs may carry a stamp —
 * device, inode, size, mtime and ctime in nanoseconds — recorded only when the file was proven,
 * by a stat before and after reading it, to hold the bytes of the recorded sha256, and its ctime
 * lies in an earlier timestamp tick than a probe file written just before (see `takeProbeTime`):
 * an edit made after the stamp then always moves ctime (which no tool can set back), and an
 * edit within the same tick as the stamp cannot happen. A later run that finds the same stamp
 * takes the recorded sha256 without reading the file; any difference (a save, a `git checkout`
 * that rewrote the file, a copy of the same size, a `touch`) means the file is read and hashed,
 * and when its bytes still match, its new stamp is recorded for the next run.
 *
 * The key covers: permgen's build id (dist/build-id.txt, a hash of the compiled code), the
 * Node version, the bytes of the config, of each schema source and of the lock, the installed
 * prettier version, every prettier/editorconfig file that could apply to any output path, the
 * repository root and where each output path really leads (links resolved). Which files the
 * config names is read by config/config-paths.ts, the same reader the config loader uses.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readConfigFiles } from "../config/config-paths.js";
import type { ConfigPaths } from "../config/config-paths.js";
import { findCacheDir } from "./cache-dir.js";

export { findCacheDir };
import { isMissingFileError, readInputFile } from "./read-files.js";
import type { HeaderClaim } from "./header.js";
import { hasHeaderFor } from "./scan.js";
import { isSettled, statFile as statStamp, takeProbeTime } from "../loading/file-stamps.js";
import type { FileStat } from "../loading/file-stamps.js";
import { findRepositoryRoot, resolveExistingPrefix } from "./repository.js";

/** What a successful run expected on disk, relative paths from the config folder. */
export interface CacheEntry {
  readonly version: 4;
  readonly key: string;
  /** Every file permgen writes (the lock included), with the sha256 of its expected content. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  /** Folders scanned for orphans (header files that are not in `files`). */
  readonly dirs: readonly string[];
  /**
   * The header schema paths the run counted as its config's (header.ts HeaderClaim): the one
   * it writes first, then the former ones, so the stray-file check asks what the scanner asks.
   */
  readonly sources: readonly string[];
  /**
   * Proven stat fingerprints (see the module comment): path (as in `files`, or absolute for an
   * input), `dev:ino:size:mtimeNs:ctimeNs`, and the sha256 of the bytes it stands for.
   */
  readonly stamps: readonly FileStamp[];
  /** sha256 over every field above (see sealEntry): a hand-edited entry does not match. */
  readonly seal: string;
}

/** The part of an entry its seal covers. */
type UnsealedEntry = Omit<CacheEntry, "seal">;

/** A file's stat fingerprint and the sha256 of the content it was proven to hold. */
export interface FileStamp {
  readonly path: string;
  readonly stat: string;
  readonly sha256: string;
}

/**
 * The stamps of an entry, and what a run hashed because no stamp stood for it: the fast path
 * looks files up here and, when the entry still holds, records stamps for what it hashed.
 */
interface StampBook {
  /** The recorded sha256 when `file`'s current stat equals its stamp, else undefined. */
  lookup(file: string, kind: FileKind): string | undefined;
  /** Notes that `file` was read and hashed to `sha256` (a stamp may be proven for it). */
  note(file: string, kind: FileKind, sha256: string): void;
}

/**
 * An input (schema, lock: links followed, hashed as text, as the key takes it) or an output
 * (never a link, hashed as bytes, as `verifyCacheEntry` compares it).
 */
type FileKind = "input" | "output";
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
// permgen's own temp files (`.<name>.<pid>-<hex>.permgen-tmp`): a run was interrupted.
const PERMGEN_TEMP_FILE = /\.permgen-tmp$/;
// Executable configs can read anything; their effect cannot be proven unchanged.
const PRETTIER_CODE_CONFIG = /^(\.prettierrc|prettier\.config)\.(js|mjs|cjs|ts|mts|cts)$/;

/** sha256 hex of a string or buffer. */
export function hashContent(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Computes the cache key for a config file, reading its inputs; undefined when some input
 * cannot be proven unchanged from its bytes (the caller then runs the full pipeline). The
 * config is read through config-paths.ts, the reader the config loader resolves paths with;
 * `used.schemas` are the texts of its schema sources, in their order.
 */
export function computeCacheKey(
  configPath: string,
  used?: {
    readonly config: string;
    readonly schemas: readonly string[];
    readonly lock: string | undefined;
  },
  book?: StampBook,
  known?: ReadConfig,
): string | undefined {
  const h = createHash("sha256");
  const add = (label: string, value: string | Buffer) => {
    h.update(`${label}\0${value.length}\0`);
    h.update(value);
  };
  try {
    // A run that stores an entry passes the bytes it used, so a file edited during the run
    // cannot be paired with outputs made from its earlier content.
    const configText = used?.config ?? known?.text ?? readRequired(configPath);
    const config = known?.paths ?? readConfigFiles(configPath, configText);
    if (config === undefined) return undefined;
    const { configDir } = config;
    // Schemas and the lock enter the key by their sha256, so that a proven stamp can stand in
    // for reading a large file (a 100k-pair lock is megabytes).
    const schemas =
      used?.schemas.map((text) => hashContent(text)) ??
      config.sources.map((source) => hashInput(source.file, book, true));
    if (schemas.length !== config.sources.length) return undefined;
    add("build", readBuildId());
    add("node", process.version);
    add("prettier", readPrettierVersion());
    add("config", configText);
    for (const schema of schemas) add("schema", schema);
    const lock = used ? (used.lock === undefined ? undefined : hashContent(used.lock)) : hashInput(config.lockPath, book, false);
    add("lock", lock ?? "\0absent");
    const dirs = new Set<string>();
    // Whether a target path is inside the repository (else PG0601) depends on where the
    // repository root is and where links lead.
    add("root", findRepositoryRoot(configDir));
    for (const out of config.outs) {
      add("out", resolveExistingPrefix(out));
      for (let d = path.dirname(out); ; d = path.dirname(d)) {
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
        if (content === undefined) continue;
        // Only a config whose effect is all in its own bytes can be keyed on them.
        if (!isSelfContainedPrettierConfig(name, content)) return undefined;
        add(path.join(dir, name), content);
      }
    }
    return h.digest("hex");
  } catch {
    return undefined;
  }
}

// Options through which a prettier config loads code or files the key does not hash.
const EXTERNAL_OPTIONS = new Set(["plugins", "parser", "pluginSearchDirs", "extends"]);

/**
 * Whether a prettier or editorconfig file's whole effect is in its own bytes, so that hashing
 * them proves it unchanged. Not so, and the cache is bypassed, for: a config that is a string
 * (`"@co/prettier-config"` in package.json's `prettier` or in a `.prettierrc`: a shared config
 * in another file or package), one that loads plugins or a custom parser, and any YAML, TOML or
 * JSON5 permgen cannot read with certainty (nested blocks such as `overrides` included).
 */
export function isSelfContainedPrettierConfig(name: string, content: string): boolean {
  switch (name) {
    case ".editorconfig":
      return true;
    case "package.json": {
      const pkg = parseJsonOrUndefined(content);
      if (!isRecord(pkg)) return false;
      return !Object.hasOwn(pkg, "prettier") || isSelfContainedOptions(pkg["prettier"]);
    }
    case "package.yaml":
      return !/^["']?prettier["']?\s*:/m.test(content);
    case ".prettierrc.json":
    case ".prettierrc.json5":
      return isSelfContainedOptions(parseJsonOrUndefined(content));
    case ".prettierrc": {
      const json = parseJsonOrUndefined(content);
      return json !== undefined ? isSelfContainedOptions(json) : isFlatKeyValueText(content, ":");
    }
    case ".prettierrc.yaml":
    case ".prettierrc.yml":
      return isFlatKeyValueText(content, ":");
    case ".prettierrc.toml":
      return isFlatKeyValueText(content, "=");
    default:
      return false;
  }
}

/** A JSON options object none of whose keys (at any depth) loads something external. */
function isSelfContainedOptions(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...current);
    else if (isRecord(current)) {
      for (const [key, inner] of Object.entries(current)) {
        if (EXTERNAL_OPTIONS.has(key)) return false;
        stack.push(inner);
      }
    }
  }
  return true;
}

/**
 * True for YAML/TOML text that is only top-level `key: value` (or `key = value`) lines with a
 * scalar on the same line, comments and blank lines: nothing nested, nothing external.
 */
function isFlatKeyValueText(content: string, separator: ":" | "="): boolean {
  const comment = /^\s*(#.*)?$/;
  const pair =
    separator === ":"
      ? /^([A-Za-z_][\w-]*|"[^"]*"|'[^']*')[ \t]*:[ \t]+(\S.*)$/
      : /^([A-Za-z_][\w-]*|"[^"]*")[ \t]*=[ \t]*(\S.*)$/;
  for (const line of content.split(/\r?\n/)) {
    if (comment.test(line) || (separator === ":" && line.trim() === "---")) continue;
    const m = pair.exec(line);
    if (m === null) return false;
    const key = (m[1] ?? "").replace(/^["']|["']$/g, "");
    const value = (m[2] ?? "").trim();
    if (EXTERNAL_OPTIONS.has(key) || key === "overrides") return false;
    // A flow collection or a block scalar may hide nested options.
    if (/^[[{|>&*!]/.test(value)) return false;
  }
  return true;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The entry file for one config file (several configs may share a node_modules). */
function entryFile(cacheDir: string, configPath: string): string {
  return path.join(cacheDir, `state-${hashContent(configPath).slice(0, 16)}.json`);
}

/**
 * Reads the stored entry for a config file when it is intact (its seal matches its content) and
 * well-formed; anything else is undefined (the full path runs). The caller compares its key.
 */
export function readCacheEntry(cacheDir: string, configPath: string): CacheEntry | undefined {
  try {
    const text = readOptional(entryFile(cacheDir, configPath));
    if (text === undefined) return undefined;
    const entry = parseCacheEntry(JSON.parse(text));
    return entry;
  } catch {
    return undefined;
  }
}

/** The entry when `value` has exactly the shape and seal `writeCacheEntry` gives it. */
function parseCacheEntry(value: unknown): CacheEntry | undefined {
  const fields = ["version", "key", "files", "dirs", "sources", "stamps", "seal"];
  if (!isRecord(value) || !hasExactly(value, fields)) return undefined;
  const { version, key, files, dirs, sources, stamps, seal } = value;
  if (version !== 4 || typeof key !== "string" || typeof seal !== "string") return undefined;
  if (!isStringList(sources) || sources.length === 0) return undefined;
  if (!Array.isArray(files) || !isStringList(dirs)) return undefined;
  const isFile = (f: unknown): f is { path: string; sha256: string } =>
    isRecord(f) &&
    hasExactly(f, ["path", "sha256"]) &&
    typeof f["path"] === "string" &&
    typeof f["sha256"] === "string" &&
    /^[0-9a-f]{64}$/.test(f["sha256"]);
  if (!files.every(isFile)) return undefined;
  const isStamp = (f: unknown): f is FileStamp =>
    isRecord(f) &&
    hasExactly(f, ["path", "stat", "sha256"]) &&
    typeof f["path"] === "string" &&
    typeof f["stat"] === "string" &&
    typeof f["sha256"] === "string" &&
    /^[0-9a-f]{64}$/.test(f["sha256"]);
  if (!Array.isArray(stamps) || !stamps.every(isStamp)) return undefined;
  const entry: UnsealedEntry = { version, key, files, dirs, sources, stamps };
  return sealEntry(entry) === seal ? { ...entry, seal } : undefined;
}

/** The seal of an entry: sha256 over its fields in a fixed order. */
function sealEntry(entry: UnsealedEntry): string {
  const canonical = JSON.stringify([
    "permgen-cache-entry",
    entry.version,
    entry.key,
    entry.sources,
    entry.files.map((f) => [f.path, f.sha256]),
    entry.dirs,
    entry.stamps.map((f) => [f.path, f.stat, f.sha256]),
  ]);
  return hashContent(canonical);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasExactly(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(value, k));
}

/**
 * True when the disk holds exactly what the entry expects: every file a regular file (not a
 * link) byte-equal by hash, every target's output and the lock among them (`required`), and in
 * the scanned folders nothing else that the scanner could take for permgen's (checked with the
 * scanner's own header test), no symbolic link, no special file and no permgen temp file.
 */
export function verifyCacheEntry(
  configDir: string,
  entry: CacheEntry,
  required?: { readonly outs: readonly string[]; readonly lock: string },
  book?: StampBook,
): boolean {
  const [schemaPath = "", ...formerPaths] = entry.sources;
  const claim: HeaderClaim = { schemaPath, formerPaths };
  const expected = new Set<string>();
  for (const file of entry.files) {
    const abs = path.resolve(configDir, file.path);
    expected.add(abs);
    try {
      if (hashOutput(abs, book) !== file.sha256) return false;
    } catch {
      return false;
    }
  }
  const dirs = new Set(entry.dirs.map((rel) => path.resolve(configDir, rel)));
  if (required !== undefined) {
    if (!expected.has(path.resolve(required.lock))) return false;
    for (const out of required.outs) {
      const abs = path.resolve(out);
      const covered = (expected.has(abs) && dirs.has(path.dirname(abs))) || dirs.has(abs);
      if (!covered) return false;
    }
  }
  for (const dir of dirs) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissingFileError(error)) continue;
      return false;
    }
    for (const dirent of entries) {
      const abs = path.join(dir, dirent.name);
      if (expected.has(abs) || dirent.isDirectory()) continue;
      if (!dirent.isFile() || PERMGEN_TEMP_FILE.test(dirent.name)) return false;
      try {
        if (hasHeaderFor(abs, claim)) return false;
      } catch {
        return false;
      }
    }
  }
  return true;
}

/** Stores an entry (best effort: a cache that cannot be written is simply not used). */
export function writeCacheEntry(cacheDir: string, configPath: string, entry: UnsealedEntry): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = path.join(cacheDir, `.state.${process.pid}.tmp`);
    const sealed: CacheEntry = { ...entry, seal: sealEntry(entry) };
    fs.writeFileSync(tmp, JSON.stringify(sealed));
    fs.renameSync(tmp, entryFile(cacheDir, configPath));
  } catch {
    // Read-only node_modules, full disk: permgen works the same without its cache.
  }
}

/**
 * A file a run left on disk: its text, or the bytes the run already holds for it (a file it
 * found equal on disk), and the sha256 of those bytes when the run took it already (the write
 * stage hashes the bytes it writes); hashed here otherwise.
 */
export interface VerdictFile {
  readonly path: string;
  readonly content: string | Buffer;
  readonly sha256?: string | undefined;
}

/**
 * Builds the entry for files that are now on disk as expected. `inputs` are the schema files
 * and the lock with the text the run used; stamps are proven for them and for every output
 * (see `proveStamps`), so that the next run can skip reading them.
 */
export function buildCacheEntry(
  key: string,
  configDir: string,
  claim: HeaderClaim,
  files: readonly VerdictFile[],
  dirs: readonly string[],
  inputs: readonly { readonly path: string; readonly content: string }[] = [],
  cacheDir?: string,
): UnsealedEntry {
  const rel = (p: string) => path.relative(configDir, p).split(path.sep).join("/");
  const hashed = files.map(
    (f): ExpectedFile => ({
      path: path.resolve(f.path),
      sha256: f.sha256 ?? hashContent(f.content),
      kind: "output",
      content: f.content,
    }),
  );
  const expected: ExpectedFile[] = [
    ...hashed,
    ...inputs.map((f) => ({
      path: path.resolve(f.path),
      sha256: hashContent(f.content),
      kind: "input" as const,
      content: f.content,
    })),
  ];
  return {
    version: 4,
    key,
    sources: [claim.schemaPath, ...claim.formerPaths],
    files: hashed.map((f) => ({ path: rel(f.path), sha256: f.sha256 })),
    dirs: [...new Set(dirs.map(rel))].sort(),
    stamps: cacheDir === undefined ? [] : proveStamps(cacheDir, expected),
  };
}

/**
 * A file's stat fingerprint (file-stamps.ts; links followed for an input, not for an output, as
 * each is read); undefined when it is not a regular file.
 */
function statFile(file: string, kind: FileKind): FileStat | undefined {
  return statStamp(file, kind === "input");
}

/** A file's sha256 as its kind is compared: an input's text, an output's bytes. */
function hashFileBytes(bytes: Buffer, kind: FileKind): string {
  return kind === "input" ? hashContent(bytes.toString("utf8")) : hashContent(bytes);
}

/** A file expected to hold `sha256`, for which a stamp may be proven. */
interface ExpectedFile {
  readonly path: string;
  readonly sha256: string;
  readonly kind: FileKind;
  /**
   * The text the run wrote (an output) or read (an input), when it has it: the file is then
   * compared with it, byte for byte, instead of hashed again (the sha256 above is of this text,
   * or of these bytes).
   */
  readonly content?: string | Buffer;
}

/**
 * The stamps that can be proven for files expected to hold `sha256`: for each, a stat, a read,
 * a stat again; the stamp counts when both stats agree, the bytes are the expected ones (equal
 * to the run's text, else hashing to the expected sha256), and the ctime is in a tick before
 * the probe (taken first, on the file system's clock). A file that fails any of these is simply
 * read and hashed on the next run.
 */
function proveStamps(cacheDir: string, expected: readonly ExpectedFile[]): FileStamp[] {
  if (expected.length === 0) return [];
  const probe = takeProbeTime(cacheDir);
  if (probe === undefined) return [];
  const stamps: FileStamp[] = [];
  for (const file of expected) {
    try {
      const before = statFile(file.path, file.kind);
      if (before === undefined || !isSettled(before.ctimeNs, probe)) continue;
      const bytes = fs.readFileSync(file.path);
      const after = statFile(file.path, file.kind);
      if (after?.stat !== before.stat || !holdsExpected(bytes, file)) continue;
      stamps.push({ path: file.path, stat: `${file.kind}:${before.stat}`, sha256: file.sha256 });
    } catch {
      // unreadable now: no stamp, the next run reads it
    }
  }
  return stamps;
}

/**
 * Whether a file's bytes are those of `expected`: compared with its text or bytes when there are
 * some (an input's as decoded, an output's as encoded — what each sha256 is taken over), else
 * hashed.
 * Comparing 23 MB of outputs at 10k pairs is a memcmp; hashing them again was ≈ 45 ms.
 */
function holdsExpected(bytes: Buffer, expected: ExpectedFile): boolean {
  const { content } = expected;
  if (content === undefined) return hashFileBytes(bytes, expected.kind) === expected.sha256;
  if (expected.kind === "input") return bytes.toString("utf8") === content.toString();
  return bytes.equals(typeof content === "string" ? Buffer.from(content, "utf8") : content);
}

/** A stamp book over an entry's stamps, keeping what the run had to hash. */
function openStampBook(stamps: readonly FileStamp[]): StampBook & { readonly hashed: ExpectedFile[] } {
  // The lock is both an input (in the key) and an output: one stamp per kind.
  const byPath = new Map(stamps.map((s) => [`${s.stat.slice(0, s.stat.indexOf(":"))}\0${s.path}`, s]));
  const hashed: ExpectedFile[] = [];
  return {
    hashed,
    lookup(file, kind) {
      const recorded = byPath.get(`${kind}\0${file}`);
      if (recorded === undefined) return undefined;
      try {
        const current = statFile(file, kind);
        return current !== undefined && `${kind}:${current.stat}` === recorded.stat ? recorded.sha256 : undefined;
      } catch {
        return undefined;
      }
    },
    note(file, kind, sha256) {
      hashed.push({ path: file, sha256, kind });
    },
  };
}

/**
 * The sha256 of an input (a schema, the lock), from its proven stamp when its stat still
 * matches, else read (through readInputFile's checks) and hashed; undefined when absent and
 * optional. Anything but a small regular file throws (the full path then reports it).
 */
function hashInput(file: string, book: StampBook | undefined, required: true): string;
function hashInput(file: string, book: StampBook | undefined, required: false): string | undefined;
function hashInput(file: string, book: StampBook | undefined, required: boolean): string | undefined {
  const known = book?.lookup(file, "input");
  if (known !== undefined) return known;
  const text = readOptional(file);
  if (text === undefined) {
    if (required) throw new Error("missing input: caching disabled");
    return undefined;
  }
  const sha256 = hashContent(text);
  book?.note(file, "input", sha256);
  return sha256;
}

/** The sha256 of an output, which must be a regular file (not a link); throws otherwise. */
function hashOutput(file: string, book: StampBook | undefined): string {
  const known = book?.lookup(file, "output");
  if (known !== undefined) return known;
  if (!fs.lstatSync(file).isFile()) throw new Error("not a regular file");
  const sha256 = hashContent(fs.readFileSync(file));
  book?.note(file, "output", sha256);
  return sha256;
}

function readBuildId(): string {
  // dist/output/cache.js → dist/build-id.txt, written by scripts/build-id.mjs at build time.
  const file = new URL("../build-id.txt", import.meta.url);
  const id = readOptional(file);
  if (id === undefined) throw new Error("no build id: caching disabled");
  return id;
}

/**
 * The version of the prettier the formatting stage would load (format.ts `import("prettier")`
 * from dist/output/): the package in the first `node_modules/prettier` folder from here up, the
 * folder an ES import of a bare name resolves to. Looked up with a stat per folder rather than
 * `require.resolve`, whose first call sets up the CommonJS resolver (≈ 10–20 ms of a warm
 * `check` that otherwise takes ≈ 50). A prettier folder without a readable package.json
 * throws (no cache: the full path runs).
 */
function readPrettierVersion(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const folder = path.join(dir, "node_modules", "prettier");
    if (isDirectory(folder)) {
      const version = (JSON.parse(readRequired(path.join(folder, "package.json"))) as { version?: unknown }).version;
      if (typeof version !== "string") throw new Error("prettier without a version: caching disabled");
      return version;
    }
    if (path.dirname(dir) === dir) throw new Error("prettier not found: caching disabled");
  }
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
  // The stored entry is read first: its stamps let the key and the outputs be checked by stat.
  const stored = readCacheEntry(cacheDir, configPath);
  if (stored === undefined) return undefined;
  const config = readConfig(configPath);
  if (config === undefined) return undefined;
  const book = openStampBook(stored.stamps);
  const key = computeCacheKey(configPath, undefined, book, config);
  if (key === undefined || key !== stored.key) return undefined;
  const required = { outs: config.paths.outs, lock: config.paths.lockPath };
  if (!verifyCacheEntry(configDir, stored, required, book)) return undefined;
  // The verdict holds. Files that had to be hashed (a checkout or a touch rewrote them with the
  // same bytes, or they were too fresh to stamp) get stamps now, so the next run skips them.
  if (book.hashed.length > 0) {
    const redone = new Set(book.hashed.map((h) => `${h.kind}:${h.path}`));
    const kept = stored.stamps.filter((s) => !redone.has(`${s.stat.slice(0, s.stat.indexOf(":"))}:${s.path}`));
    const { seal: _, ...unsealed } = stored;
    writeCacheEntry(cacheDir, configPath, { ...unsealed, stamps: [...kept, ...proveStamps(cacheDir, book.hashed)] });
  }
  return stored;
}

/** A config's bytes and the paths they name, read once for the key and the coverage check. */
interface ReadConfig {
  readonly text: string;
  readonly paths: ConfigPaths;
}

/**
 * The config's text and paths (its bytes are in the key; every target's `out` and the lock are
 * what any entry must cover), through the light reader of config-paths.ts. Undefined when the
 * config cannot be read so.
 */
function readConfig(configPath: string): ReadConfig | undefined {
  try {
    const text = readRequired(configPath);
    const paths = readConfigFiles(configPath, text);
    return paths === undefined ? undefined : { text, paths };
  } catch {
    return undefined;
  }
}
