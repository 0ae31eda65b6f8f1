/**
 * Runs every language's replay of the shared behaviour table (test/behaviour/table.json over
 * test/behaviour/permissions.ts) and checks what each one answered: one answer per row, exactly
 * as many as the table has, each equal to the row's `allowed`. A replay is a module that carries
 * the marker `// checklist: <language> replay` and exports a `Replay` (or a list of them, one per
 * engine); the runner finds them by that marker, so a replay that is gone, imports nothing, or
 * answers for the wrong language fails here instead of passing by its file's name.
 */
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { TARGETS } from "../../src/targets/index.js";
import { findMismatches, NO_GUARDS, parseRowAnswers, TABLE_ROWS, type Replay } from "../behaviour/table.js";
import { findChecklistMarkers } from "../helpers/checklist.js";

/** Whether an exported value is a replay (the modules export nothing else of this shape). */
function isReplay(value: unknown): value is Replay {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Replay).language === "string" &&
    typeof (value as Replay).run === "function"
  );
}

const markers = findChecklistMarkers().filter((m) => m.item === "replay");
/** Replay modules by language, each with the replays it exports. */
const modules = await Promise.all(
  markers.map(async (marker) => {
    const exports = (await import(pathToFileURL(marker.file).href)) as Record<string, unknown>;
    const replays = Object.values(exports).flatMap((v) => (Array.isArray(v) ? v : [v])).filter(isReplay);
    return { marker, replays };
  }),
);
const replays = modules.flatMap((m) => m.replays);

describe("behaviour table replays", () => {
  test("the table covers both answers, roles and null grants", () => {
    expect(TABLE_ROWS.some((r) => r.allowed) && TABLE_ROWS.some((r) => !r.allowed)).toBe(true);
    expect(TABLE_ROWS.some((r) => r.roles !== undefined)).toBe(true);
    expect(TABLE_ROWS.some((r) => r.granted === null)).toBe(true);
  });

  test("every registered target language has a replay or says why it has no guards, never both", () => {
    const replayed = new Set(replays.map((r) => r.language));
    const problems = TARGETS.map((t) => t.language).flatMap((language) => {
      if (replayed.has(language) && NO_GUARDS[language] !== undefined) {
        return [`${language}: has a replay and a no-guards reason`];
      }
      if (!replayed.has(language) && NO_GUARDS[language] === undefined) {
        return [`${language}: no module marked "// checklist: ${language} replay" exports a Replay`];
      }
      return [];
    });
    expect(problems).toEqual([]);
  });

  test("every replay module exports replays of the language its marker names, and only those", () => {
    const problems = modules.flatMap(({ marker, replays: found }) =>
      found.length === 0
        ? [`${marker.file}: marked ${marker.language} replay but exports no Replay`]
        : found
            .filter((r) => r.language !== marker.language)
            .map((r) => `${marker.file}: marked ${marker.language} but replays ${r.language}`),
    );
    expect(problems).toEqual([]);
  });

  test("the answer reader takes rows in order and refuses a skipped or repeated row", () => {
    expect(parseRowAnswers("=== RUN x\nrow 0 true\nrow 1 false\n--- PASS\n")).toEqual([true, false]);
    expect(() => parseRowAnswers("row 0 true\nrow 2 true\n")).toThrow(/row 2 answered where row 1/);
    expect(() => parseRowAnswers("row 0 true\nrow 0 true\n")).toThrow(/row 0 answered where row 1/);
    expect(findMismatches(TABLE_ROWS.map((r, i) => (i === 3 ? !r.allowed : r.allowed)))).toEqual([
      `row 3 (${TABLE_ROWS[3]?.note}): got ${String(!TABLE_ROWS[3]?.allowed)}, table says ${TABLE_ROWS[3]?.allowed}`,
    ]);
  });
});

for (const replay of replays) {
  replay.describeWith(`behaviour table: ${replay.language} on ${replay.engine}`, () => {
    test(`the ${replay.language} output answers all ${TABLE_ROWS.length} rows as the table says`, async () => {
      const result = await replay.run();
      expect({ language: result.language, engine: result.engine, rows: result.answers.length }).toEqual({
        language: replay.language,
        engine: replay.engine,
        rows: TABLE_ROWS.length,
      });
      expect(findMismatches(result.answers)).toEqual([]);
    });
  });
}
