/**
 * The golden cases on disk, for the golden test and for the checkers that compile every golden
 * output with its language's strictest tool: the cases (`test/golden/<case>/` holding a
 * `permgen.config.json`), the files under their `expected/` folders, their configs and the
 * schema digest each case's outputs carry.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";
import type { Lock } from "../../src/lock/lock.js";
import { parseLock } from "../../src/lock/parse-lock.js";
import { findRepositoryRoot, formatRepositoryPath } from "../../src/output/repository.js";
import type { Model } from "../../src/model/model.js";
import { loadFromSource } from "../helpers/model.js";

/** test/golden/ itself. */
export const GOLDEN_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * True while `npm run golden:update` rewrites the expected files. The checkers skip then: they
 * would read files half rewritten; the next plain run checks what the update wrote.
 */
export const UPDATING = process.env["PERMGEN_UPDATE_GOLDEN"] === "1";

/**
 * Declares a checker's describe block through `describeWith` (the language's
 * fail-under-CI-else-skip-loudly wrapper), or skips it while the goldens are being updated.
 */
export function describeGoldenChecker(
  title: string,
  describeWith: (title: string, body: () => void) => void,
  body: () => void,
): void {
  if (UPDATING) describe.skip(title, body);
  else describeWith(title, body);
}

/** The names of the golden cases, sorted. */
export function listGoldenCases(): string[] {
  return fs
    .readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() && fs.existsSync(path.join(GOLDEN_DIR, e.name, "permgen.config.json")),
    )
    .map((e) => e.name)
    .sort();
}

/**
 * Cases that configure only some targets. A single-target case exists for a target's option
 * (its schema is another case's, so the other languages' outputs would repeat that case byte
 * for byte) or pins what one emitter does with a schema its own tests are about (docs, escapes,
 * line splitting, retired ids); the other languages have cases of their own for that.
 * `sql-formats` holds one SQL target per runner format and the JSON output whose digest and rows
 * golden-sql checks the migrations against; its code outputs would repeat `roles` byte for byte.
 */
export const PARTIAL_CASES: Readonly<Record<string, readonly string[]>> = {
  "const-enum-style": ["typescript"],
  "go-small": ["go"],
  "json-small": ["json"],
  "markdown-plain": ["markdown"],
  "markdown-small": ["markdown"],
  "python-docs-fastapi": ["python"],
  "python-docs-plain": ["python"],
  "python-long-names-fastapi": ["python"],
  "python-single-resource-fastapi": ["python"],
  "python-small-plain": ["python"],
  "rust-small": ["rust"],
  "sql-formats": ["json", "sql"],
};

/** The golden cases that configure `language`: all but partial cases without it. */
export function listCasesFor(language: string): string[] {
  return listGoldenCases().filter((c) => PARTIAL_CASES[c]?.includes(language) ?? true);
}

/** Every file below `dir` (absolute paths, sorted); none when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** One committed golden output. */
export interface GoldenFile {
  /** The case it belongs to. */
  readonly caseName: string;
  /** Absolute path. */
  readonly file: string;
  /** Path relative to test/golden/, with `/`: `basic/expected/permissions.py`. */
  readonly rel: string;
}

/** Every file under some case's `expected/` folder whose name ends with `suffix`. */
export function listExpectedFiles(suffix: string): GoldenFile[] {
  return listGoldenCases().flatMap((caseName) =>
    listFiles(path.join(GOLDEN_DIR, caseName, "expected"))
      .filter((file) => file.endsWith(suffix))
      .map((file) => ({
        caseName,
        file,
        rel: path.relative(GOLDEN_DIR, file).split(path.sep).join("/"),
      })),
  );
}

/** A target entry of a golden config, as written (only the fields the checkers read). */
export interface GoldenTarget {
  readonly language: string;
  readonly out: string;
  readonly dialect?: string;
  /** The `names` option: such a target's runtime sections are renamed on purpose. */
  readonly names?: Readonly<Record<string, string>>;
  readonly format?: string;
}

/** The targets a case's `permgen.config.json` lists. */
export function readGoldenTargets(caseName: string): GoldenTarget[] {
  const configFile = path.join(GOLDEN_DIR, caseName, "permgen.config.json");
  const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as {
    targets: GoldenTarget[];
  };
  return config.targets;
}

/**
 * The schema path a case's headers name: its config's `schema` (the config itself for a modules
 * config), from the repository root the goldens are planned in (permgen's own), as every header
 * names it (CONTRACT §4).
 */
export function readGoldenHeaderPath(caseName: string): string {
  const caseDir = path.join(GOLDEN_DIR, caseName);
  const config = JSON.parse(fs.readFileSync(path.join(caseDir, "permgen.config.json"), "utf8")) as {
    schema?: string;
    modules?: unknown;
  };
  // A modules config's headers name the config, which names every schema file (issue 12).
  const named = config.modules === undefined ? (config.schema ?? "schema/permissions.ts") : "permgen.config.json";
  const schema = path.resolve(caseDir, named);
  return formatRepositoryPath(findRepositoryRoot(caseDir), schema);
}

/**
 * The case's SCHEMA_DIGEST, read from its committed TypeScript output (`expected/permissions.ts`),
 * or from its JSON output when the case has no TypeScript target; throws when it is not there.
 */
export function readCaseDigest(caseName: string): string {
  const expected = path.join(GOLDEN_DIR, caseName, "expected");
  const ts = path.join(expected, "permissions.ts");
  if (!fs.existsSync(ts)) {
    const json = JSON.parse(fs.readFileSync(path.join(expected, "permissions.json"), "utf8")) as {
      readonly schemaDigest?: unknown;
    };
    if (typeof json.schemaDigest !== "string") throw new Error(`no schemaDigest in ${expected}`);
    return json.schemaDigest;
  }
  const match = /\bSCHEMA_DIGEST =\s*"([0-9a-f]{64})"/.exec(fs.readFileSync(ts, "utf8"));
  if (match?.[1] === undefined) throw new Error(`no SCHEMA_DIGEST in ${ts}`);
  return match[1];
}

/** A committed golden file, by its path relative to test/golden/ (`go-small/expected/small.go`). */
export function readGoldenFile(rel: string): string {
  return fs.readFileSync(path.join(GOLDEN_DIR, rel), "utf8");
}

/**
 * A case's model and the lock its run leaves, read from its schema and `permgen.lock.json` as
 * the pipeline reads them, with the schema path the headers name (`schema/permissions.ts`):
 * for emitter unit tests that compare one function's output with the case's golden file.
 */
export function loadGoldenCase(caseName: string): { model: Model; lock: Lock } {
  const dir = path.join(GOLDEN_DIR, caseName);
  const lockFile = path.join(dir, "permgen.lock.json");
  const parsed = parseLock(lockFile, fs.readFileSync(lockFile, "utf8"));
  if (parsed.lock === undefined) throw new Error(`${lockFile} does not parse`);
  const source = fs.readFileSync(path.join(dir, "schema", "permissions.ts"), "utf8");
  return loadFromSource(source, { lock: parsed.lock, schemaPath: readGoldenHeaderPath(caseName) });
}
