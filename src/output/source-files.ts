/**
 * Finding and reading the sources `permgen audit` scans: a walk of the repository filtered by
 * the config's `audit.include` / `audit.exclude` globs, skipping what is never the user's own
 * code (node_modules, vendor folders, hidden folders such as .git and .venv, Python caches,
 * permgen's generated files). The only place the audit touches the disk.
 *
 * The walk never follows a symbolic link (a link may lead out of the repository or round in a
 * loop), and reads every file with readInputFile, which never blocks on a FIFO or a device.
 */
import fs from "node:fs";
import path from "node:path";
import type { AuditGlob } from "../config/resolved-config.js";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { readHeaderSchema } from "./header.js";
import { describeUnreadableInput, readInputFile } from "./read-files.js";

/** The languages the audit reads, by file extension. */
export const SOURCE_EXTENSIONS: Readonly<Record<string, "typescript" | "python" | "go" | "rust">> = {
  ".ts": "typescript",
  ".tsx": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".js": "typescript",
  ".jsx": "typescript",
  ".mjs": "typescript",
  ".cjs": "typescript",
  ".py": "python",
  ".go": "go",
  ".rs": "rust",
};

/** Folders no default walk enters (hidden folders, `.git` among them, are skipped too). */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(["node_modules", "vendor", "venv", "__pycache__", "site-packages"]);

/** One source file to scan. */
export interface SourceFile {
  /** Absolute path. */
  readonly file: string;
  readonly language: "typescript" | "python" | "go" | "rust";
  readonly text: string;
}

/** What to walk and what to leave out. */
export interface SourceSelection {
  /** The repository root: the walk's start, and the bound every glob must stay inside. */
  readonly root: string;
  /** The config's folder: globs are relative to it. */
  readonly configDir: string;
  readonly configFile: string;
  readonly include: readonly AuditGlob[] | undefined;
  readonly exclude: readonly AuditGlob[];
  /** Files never scanned whatever the globs say: outputs, the schema, the config, the lock. */
  readonly skip: ReadonlySet<string>;
  /** Folders never entered: folder targets' outputs. */
  readonly skipDirs: ReadonlySet<string>;
}

/**
 * A glob compiled to a regular expression over `/`-separated paths relative to the config's
 * folder: `**` any number of folders, `*` and `?` within one name, `{a,b}` alternatives; every
 * other character literal. Undefined when the pattern is malformed (an unclosed `{`).
 */
export function compileGlob(pattern: string): RegExp | undefined {
  let source = "";
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? "";
    if (char === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "{") {
      depth++;
      source += "(?:";
    } else if (char === "}" && depth > 0) {
      depth--;
      source += ")";
    } else if (char === "," && depth > 0) source += "|";
    else source += char.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
  }
  if (depth !== 0) return undefined;
  // A pattern naming a folder (`src`, `app/`) covers everything under it.
  return new RegExp(`^${source.replace(/\/$/, "")}(?:/.*)?$`);
}

/**
 * Checks the audit globs: each must be relative and stay inside the repository (PG0540), and
 * be well-formed. Returns the compiled include and exclude expressions, or the diagnostics.
 */
export function compileSelection(
  selection: SourceSelection,
): { ok: true; include: RegExp[] | undefined; exclude: RegExp[] } | { ok: false; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const compile = (globs: readonly AuditGlob[], field: string) =>
    globs.flatMap((glob, i) => {
      const fail = (why: string) => {
        diagnostics.push({
          code: Codes.AuditGlobInvalid,
          message: `audit.${field}[${i}]: ${JSON.stringify(glob.pattern)} ${why}`,
          file: selection.configFile,
          ...glob.position,
        });
        return [];
      };
      if (path.isAbsolute(glob.pattern) || /^[A-Za-z]:/.test(glob.pattern)) return fail("is absolute; audit globs are relative to the config file");
      // The part before the first wildcard is a folder the pattern can only match below.
      const segments = glob.pattern.split("/");
      const firstWild = segments.findIndex((s) => /[*?{]/.test(s));
      const base = path.resolve(selection.configDir, ...(firstWild === -1 ? segments : segments.slice(0, firstWild)));
      const rel = path.relative(selection.root, base);
      if (rel.startsWith("..") || path.isAbsolute(rel)) return fail("leaves the repository; audit scans only the repository's own files");
      const regex = compileGlob(glob.pattern.replace(/^\.\//, ""));
      return regex === undefined ? fail("has an unclosed \"{\"") : [regex];
    });
  const include = selection.include === undefined ? undefined : compile(selection.include, "include");
  const exclude = compile(selection.exclude, "exclude");
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, include, exclude };
}

/**
 * Walks the repository and reads every source file the selection takes, in path order.
 * Generated files (first line permgen's header, whatever schema it names) are skipped. A file
 * the selection takes that is not a regular file or cannot be read is PG0931: the audit does
 * not pass code it did not read.
 */
export function readSourceFiles(
  selection: SourceSelection,
  include: readonly RegExp[] | undefined,
  exclude: readonly RegExp[],
): { files: SourceFile[]; diagnostics: Diagnostic[] } {
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const relative = (file: string) => path.relative(selection.configDir, file).split(path.sep).join("/");
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(unreadable(dir, (error as Error).message));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || SKIPPED_FOLDERS.has(entry.name) || selection.skipDirs.has(file)) continue;
        walk(file);
        continue;
      }
      const language = SOURCE_EXTENSIONS[path.extname(entry.name)];
      if (language === undefined || entry.name.endsWith(".d.ts") || selection.skip.has(file)) continue;
      const rel = relative(file);
      if (include !== undefined && !include.some((r) => r.test(rel))) continue;
      if (exclude.some((r) => r.test(rel))) continue;
      const input = readInputFile(file);
      if (input.kind === "missing") continue;
      if (input.kind !== "file") {
        diagnostics.push(unreadable(file, `it ${describeUnreadableInput(input)}`));
        continue;
      }
      const text = input.bytes.toString("utf8");
      if (readHeaderSchema(text.slice(0, 8192)) !== undefined) continue;
      files.push({ file, language, text });
    }
  };
  walk(selection.root);
  return { files, diagnostics };
}

function unreadable(file: string, why: string): Diagnostic {
  return { code: Codes.AuditSourceUnreadable, message: `cannot audit this source file: ${why}`, file, line: 1, column: 1 };
}

/**
 * The Go import path of a folder from the nearest go.mod at or above it (up to `root`): its
 * `module` line plus the folder's path below go.mod's folder; undefined without a go.mod.
 */
export function readGoImportPath(dir: string, root: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const input = readInputFile(path.join(current, "go.mod"), 1024 * 1024);
    if (input.kind === "file") {
      const module = /^\s*module\s+("?)([^\s"]+)\1\s*$/m.exec(input.bytes.toString("utf8"))?.[2];
      if (module === undefined) return undefined;
      const rel = path.relative(current, dir).split(path.sep).join("/");
      return rel === "" ? module : `${module}/${rel}`;
    }
    if (current === root || path.dirname(current) === current) return undefined;
  }
}

/** Reads a schema file's text for its `permgen: ignore` comments; undefined when unreadable. */
export function readTextIfFile(file: string): string | undefined {
  const input = readInputFile(file);
  return input.kind === "file" ? input.bytes.toString("utf8") : undefined;
}
