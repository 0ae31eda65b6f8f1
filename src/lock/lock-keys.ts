/**
 * The top-level keys of permgen.lock.json, for both of its readers (parse-lock.ts, which
 * positions every problem, and parse-lock-fast.ts, which reads a canonical lock).
 */

/** The id maps and their header fields. */
export const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  "$comment",
  "version",
  "schema",
  "nextId",
  "permissions",
  "retired",
  "roles",
]);

/** The rename records (`@renamedFrom`): read by `readRenames`, kept apart from the id maps. */
export const RENAME_KEYS: ReadonlySet<string> = new Set(["renamed", "renamedRoles"]);
