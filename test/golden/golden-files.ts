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
 * Cases that exist for one target's option and configure only that target: their schema is
 * another case's, so the other languages' outputs would repeat that case byte for byte.
 */
export const SINGLE_TARGET_CASES: Readonly<Record<string, string>> = {
  "const-enum-style": "typescript",
};

/** The golden cases that configure `language`: all but other languages' single-target cases. */
export function listCasesFor(language: string): string[] {
  return listGoldenCases().filter((c) => (SINGLE_TARGET_CASES[c] ?? language) === language);
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
 * The case's SCHEMA_DIGEST, read from its committed TypeScript output
 * (`expected/permissions.ts`); throws when it is not there.
 */
export function readCaseDigest(caseName: string): string {
  const file = path.join(GOLDEN_DIR, caseName, "expected", "permissions.ts");
  const match = /\bSCHEMA_DIGEST =\s*"([0-9a-f]{64})"/.exec(fs.readFileSync(file, "utf8"));
  if (match?.[1] === undefined) throw new Error(`no SCHEMA_DIGEST in ${file}`);
  return match[1];
}
