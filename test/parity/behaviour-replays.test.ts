/**
 * The one list of where each language replays the shared behaviour table
 * (test/behaviour/table.json over test/behaviour/permissions.ts). It fails when a registered
 * target language has no replay and no stated reason to have none, or when a listed replay
 * file is gone or no longer reads the table, so a new target cannot ship guards that were
 * never checked against the other languages.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { TARGETS } from "../../src/targets/index.js";

/** Language → the test file (relative to test/) that replays the table against its output. */
const REPLAYS: Readonly<Record<string, string>> = {
  typescript: "behaviour/replay.test.ts",
  python: "behaviour/replay.test.ts",
  go: "go/go-behaviour.test.ts",
  rust: "rust/rust-behaviour.test.ts",
  // The table answered by SQL queries over the migrated tables, on SQLite and PostgreSQL.
  sql: "sql/sql-behaviour.test.ts",
};

/** Languages whose output has no guard to replay the table against, and why. */
const NO_GUARDS: Readonly<Record<string, string>> = {
  json: "data only: the vocabulary as JSON, no permission check",
  markdown: "documentation only",
};

/** Reads a test file named relative to test/. */
function readTestFile(relative: string): string | undefined {
  const file = fileURLToPath(new URL(`../${relative}`, import.meta.url));
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

describe("behaviour table replays", () => {
  test("every registered target language replays the table or says why it has no guards", () => {
    const missing = TARGETS.map((t) => t.language).filter(
      (language) => REPLAYS[language] === undefined && NO_GUARDS[language] === undefined,
    );
    expect(missing).toEqual([]);
  });

  test.each(Object.entries(REPLAYS))(
    "the %s replay (%s) exists and reads the shared table",
    (language, file) => {
      const content = readTestFile(file);
      expect(content, `${file} exists`).toBeDefined();
      expect(content).toMatch(/behaviour\/table\.json|"table\.json"/);
      expect(content).toMatch(/behaviour\/permissions\.ts|"permissions\.ts"/);
      // The file names the language it replays, so a replay of another language does not count.
      expect(content?.toLowerCase()).toContain(language);
    },
  );

  test("a language is either replayed or exempt, never both", () => {
    expect(Object.keys(REPLAYS).filter((language) => NO_GUARDS[language] !== undefined)).toEqual(
      [],
    );
  });
});
