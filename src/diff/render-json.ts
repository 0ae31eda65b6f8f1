/**
 * `permgen diff --format json`, for bots: the `VocabularyDiff` as it is, with which ref it was
 * compared with and the verdict. The shape is documented by the JSON Schema permgen ships,
 * `schemas/permgen-diff.schema.json` (`version` changes when a field changes meaning).
 */
import type { FailOn, VocabularyDiff } from "./diff-report.js";
import { failsAt, findDiffLevel } from "./diff-report.js";
import type { DiffAgainst } from "./render-text.js";
import { escapeUnsafeJson } from "../targets/unsafe-chars.js";

/** The `$schema` of the JSON output: the id of schemas/permgen-diff.schema.json. */
export const DIFF_SCHEMA_ID = "https://permgen.dev/schemas/permgen-diff.v1.json";

/** Renders the JSON report (two-space indented, one trailing newline). */
export function renderDiffJson(diff: VocabularyDiff, against: DiffAgainst, failOn: FailOn): string {
  const report = {
    $schema: DIFF_SCHEMA_ID,
    version: 1,
    against: { ref: against.ref, commit: against.commit, setUp: against.setUp },
    failOn,
    level: findDiffLevel(diff) ?? null,
    fails: failsAt(diff, failOn),
    ...diff,
  };
  // JSON escapes C0 controls; C1 (a terminal's CSI), U+2028/9, BOM and bidi too, same value.
  return `${escapeUnsafeJson(JSON.stringify(report, null, 2))}\n`;
}
