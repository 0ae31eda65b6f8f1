/**
 * Formatting emitted files in memory, before they are compared or written, so `check` compares
 * exactly what `generate` writes.
 */
import fs from "node:fs";
import path from "node:path";
import type { EmittedFile } from "../targets/target.js";

/** A file ready to compare or write: final content, LF line endings. */
export interface FormattedFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
}

/**
 * Formats every emitted file: `format: "typescript"` runs prettier with the prettier config
 * (and `.editorconfig`) that applies to the file's path, so the user's own `prettier --check`
 * agrees with permgen — unless the emitter wrote the file in prettier's default layout
 * (`prettierLayout`) and no prettier config or layout-changing `.editorconfig` can apply to the
 * path (`findFormatConfig`): then prettier would print the same text, and is not loaded at all.
 * `format: "none"` keeps the content. Line endings are normalised to LF in both cases.
 */
export async function formatFiles(files: readonly EmittedFile[]): Promise<FormattedFile[]> {
  const searched = new Map<string, string | undefined>();
  const needsPrettier = (file: EmittedFile): boolean =>
    file.format === "typescript" &&
    (file.prettierLayout !== true || findFormatConfig(path.dirname(file.path), searched) !== undefined);
  const formattedByPrettier = files.map(needsPrettier);
  const prettier = formattedByPrettier.includes(true) ? await import("prettier") : undefined;
  // Config lookups are cached per process; a long-lived caller may have edited .prettierrc.
  if (prettier !== undefined) await prettier.clearConfigCache();
  const formatted: FormattedFile[] = [];
  for (const [index, file] of files.entries()) {
    let content = file.content;
    if (formattedByPrettier[index] === true && prettier !== undefined) {
      const userOptions = (await prettier.resolveConfig(file.path, { editorconfig: true })) ?? {};
      content = await prettier.format(content, {
        ...userOptions,
        parser: choosePrettierParser(userOptions),
        filepath: file.path,
        // permgen's output is LF everywhere (CONTRACT §4), whatever the user's config says.
        endOfLine: "lf",
      });
    }
    formatted.push({ path: file.path, content: normalizeLineEndings(content) });
  }
  return formatted;
}

/**
 * The names prettier 3 looks for in each folder, from the output file's folder up to the
 * file-system root (prettier's src/config/prettier-config/config-searcher.js, in its order:
 * `package.json` and `package.yaml` count only with a `prettier` key). Any of them present is
 * read here as "a config applies": the file then goes through prettier exactly as before.
 */
export const PRETTIER_CONFIG_NAMES: readonly string[] = [
  ".prettierrc",
  ".prettierrc.json",
  ".prettierrc.yml",
  ".prettierrc.yaml",
  ".prettierrc.json5",
  ".prettierrc.js",
  "prettier.config.js",
  ".prettierrc.ts",
  "prettier.config.ts",
  ".prettierrc.mjs",
  "prettier.config.mjs",
  ".prettierrc.mts",
  "prettier.config.mts",
  ".prettierrc.cjs",
  "prettier.config.cjs",
  ".prettierrc.cts",
  "prettier.config.cts",
  ".prettierrc.toml",
];

/**
 * Every file name whose presence or content can change the TypeScript output's layout: the
 * names above, `package.json`/`package.yaml` (a `prettier` key) and `.editorconfig`. The watch
 * mode reruns on a change to any of them, so it reacts to exactly what this module reads.
 */
export const LAYOUT_CONFIG_NAMES: ReadonlySet<string> = new Set([
  "package.json",
  "package.yaml",
  ...PRETTIER_CONFIG_NAMES,
  ".editorconfig",
]);

/**
 * The first file at or above `dir` that could change how prettier lays out a file in `dir`,
 * or undefined when there is none, found without loading prettier. Conservative where
 * prettier's own reading would take work or judgement: any entry with a config name (even
 * one prettier would fail to read, or a folder), a `package.json` that is not valid JSON or has
 * a `prettier` key (even a falsy one), any `package.yaml` (YAML is not parsed here), an
 * unreadable folder, and an `.editorconfig` that sets anything prettier could use
 * (`editorconfigMayApply`). The search does not stop at the repository root or at
 * `root = true`: looking further can only send more files to prettier. `searched` caches the
 * answer per folder within one run.
 */
export function findFormatConfig(
  dir: string,
  searched: Map<string, string | undefined> = new Map(),
): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (searched.has(current)) {
      found = searched.get(current);
      break;
    }
    visited.push(current);
    found = findInFolder(current);
    if (found !== undefined || path.dirname(current) === current) break;
  }
  for (const folder of visited) searched.set(folder, found);
  return found;
}

/** The config file in one folder that could apply (see findFormatConfig), if any. */
function findInFolder(dir: string): string | undefined {
  const exists = (name: string): boolean | undefined => {
    try {
      return fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false }) !== undefined;
    } catch {
      // EACCES and the like: prettier cannot tell either, so it is its call.
      return undefined;
    }
  };
  const packageJson = exists("package.json");
  if (packageJson !== false) {
    if (packageJson === undefined || packageJsonMayConfigure(path.join(dir, "package.json"))) {
      return path.join(dir, "package.json");
    }
  }
  for (const name of ["package.yaml", ...PRETTIER_CONFIG_NAMES]) {
    if (exists(name) !== false) return path.join(dir, name);
  }
  const editorconfig = exists(".editorconfig");
  if (editorconfig !== false) {
    const file = path.join(dir, ".editorconfig");
    if (editorconfig === undefined || editorconfigMayApply(readOrUndefined(file))) return file;
  }
  return undefined;
}

/** Whether a package.json may hold prettier options: unreadable, not JSON, or a `prettier` key. */
function packageJsonMayConfigure(file: string): boolean {
  const text = readOrUndefined(file);
  if (text === undefined) return true;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed !== "object" || parsed === null || Object.hasOwn(parsed, "prettier");
  } catch {
    return true;
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The `.editorconfig` properties prettier 3 reads (src/config/editorconfig/
 * editorconfig-to-prettier.js), each with the values that leave prettier's defaults as they
 * are. `end_of_line` is not listed: permgen writes LF whatever it says (`endOfLine: "lf"`).
 */
const EDITORCONFIG_DEFAULTS: ReadonlyMap<string, readonly string[]> = new Map([
  ["indent_style", ["space"]],
  ["indent_size", ["2"]],
  ["tab_width", ["2"]],
  ["max_line_length", ["80"]],
  ["quote_type", ["double"]],
]);

/**
 * Whether an `.editorconfig` may change prettier's layout for some file: true when any line, in
 * any section, sets one of the properties prettier reads to anything but prettier's default
 * (section globs are not matched: every section is taken to apply to the output), or when the
 * file cannot be read. Keys and values compare case-insensitively, as the editorconfig library
 * reads them; a value with anything after it (an inline comment) is not a default.
 */
export function editorconfigMayApply(text: string | undefined): boolean {
  if (text === undefined) return true;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) continue;
    const match = /^([^=:]*)[=:](.*)$/.exec(line);
    if (match === null) continue;
    const defaults = EDITORCONFIG_DEFAULTS.get((match[1] ?? "").trim().toLowerCase());
    if (defaults === undefined) continue;
    if (!defaults.includes((match[2] ?? "").trim().toLowerCase())) return true;
  }
  return false;
}

/**
 * The prettier parser for a generated TypeScript file. prettier's `babel-ts` parser formats
 * permgen's output 3-4x faster than `typescript` (10,000 pairs: 1.4 s against 5.8 s) and prints
 * the same text for the constructs permgen emits (test/output/format.test.ts checks every
 * golden file both ways). A prettier plugin may hook the `typescript` parser only (import
 * sorters do), so with any plugin configured we use `typescript`, exactly what the user's own
 * `prettier --check` runs on a .ts file.
 */
export function choosePrettierParser(options: { readonly plugins?: readonly unknown[] | undefined }): "babel-ts" | "typescript" {
  return options.plugins !== undefined && options.plugins.length > 0 ? "typescript" : "babel-ts";
}

/**
 * Converts CRLF and lone CR line endings to LF. Emitters write LF only, so the common case has
 * no CR at all: `indexOf` finds that with a plain character scan and hands the same string back
 * without running the regular expression over every output (36 ms at 10,000 pairs, 26 MB).
 * test/output/line-endings.test.ts checks that both paths agree on random text.
 */
export function normalizeLineEndings(text: string): string {
  return text.indexOf("\r") === -1 ? text : text.replace(/\r\n?/g, "\n");
}
