/**
 * The per-target checklist: every language registered in src/targets/index.ts must have
 *
 * - a golden: some test/golden case configures it (read from the cases' configs);
 * - a strictest-checker run: a test file marked `// checklist: <language> checker` that runs
 *   the language's strictest tool over the golden outputs (tsc strict, pyright + mypy strict,
 *   gofmt + go vet, rustc -D warnings, a real SQL engine, the JSON format's schema, the
 *   Markdown lint);
 * - a behaviour replay: a module marked `// checklist: <language> replay` (the replay runner,
 *   test/parity/behaviour-replays.test.ts, imports and runs it), or a reason in NO_GUARDS;
 * - bench options: a `// checklist: <language> bench` marker in bench/ directly above the
 *   language's entry in the options the emitter benchmark runs.
 *
 * The suite fails naming each missing item, so adding a language is: its folder, one registry
 * line, its golden, its checker, its replay and its bench line — and this test says which is
 * still missing.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { TARGETS } from "../../src/targets/index.js";
import { NO_GUARDS } from "../behaviour/table.js";
import { listGoldenCases, readGoldenTargets } from "../golden/golden-files.js";
import {
  CHECKLIST_ITEMS,
  findChecklistMarkers,
  readMarkers,
  REPO_ROOT,
  type ChecklistMarker,
} from "../helpers/checklist.js";

const LANGUAGES = TARGETS.map((t) => t.language);
const MARKERS = findChecklistMarkers();

/** Where a marker sits, relative to the repository, for messages. */
function where(marker: ChecklistMarker): string {
  return path.relative(REPO_ROOT, marker.file).split(path.sep).join("/");
}

/** Whether a bench marker is directly followed by the language's options entry. */
function isAboveOptions(marker: ChecklistMarker): boolean {
  const lines = fs.readFileSync(marker.file, "utf8").split("\n");
  const at = lines.findIndex((line) => line.trim() === `// checklist: ${marker.language} bench`);
  return at >= 0 && new RegExp(`^\\s*${marker.language}: \\{`).test(lines[at + 1] ?? "");
}

/** What each language is missing, as readable lines. */
function findMissingItems(): string[] {
  const golden = new Set(listGoldenCases().flatMap((c) => readGoldenTargets(c).map((t) => t.language)));
  const has = (language: string, item: string): boolean =>
    MARKERS.some((m) => m.language === language && m.item === item);
  return LANGUAGES.flatMap((language) => [
    ...(golden.has(language) ? [] : [`${language}: no golden (no test/golden/<case>/permgen.config.json configures it)`]),
    ...(has(language, "checker") ? [] : [`${language}: no strictest-checker run (no test marked "// checklist: ${language} checker")`]),
    ...(has(language, "replay") || NO_GUARDS[language] !== undefined
      ? []
      : [`${language}: no behaviour replay (no module marked "// checklist: ${language} replay", no NO_GUARDS reason)`]),
    ...(has(language, "bench") ? [] : [`${language}: no bench options (no "// checklist: ${language} bench" in bench/)`]),
  ]);
}

describe("per-target checklist", () => {
  test("every registered language has a golden, a strictest-checker run, a replay and bench options", () => {
    expect(findMissingItems()).toEqual([]);
  });

  test("every marker names a registered language and a known item, in a file that does that item", () => {
    const problems = MARKERS.flatMap((m) => {
      const file = where(m);
      if (!LANGUAGES.includes(m.language)) return [`${file}: unknown language "${m.language}"`];
      if (!(CHECKLIST_ITEMS as readonly string[]).includes(m.item)) return [`${file}: unknown item "${m.item}"`];
      if (m.item === "golden") return [`${file}: goldens are read from test/golden configs, not marked`];
      if (m.item === "checker" && !file.endsWith(".test.ts")) return [`${file}: a checker marker belongs in a test file`];
      if (m.item === "replay" && file.endsWith(".test.ts")) return [`${file}: a replay is a module the runner imports`];
      if (m.item === "bench" && (!file.startsWith("bench/") || !isAboveOptions(m))) {
        return [`${file}: a bench marker sits in bench/, directly above the "${m.language}: {" options`];
      }
      return [];
    });
    expect(problems).toEqual([]);
  });

  test("the marker reader takes whole comment lines only", () => {
    const text = [
      "// checklist: go checker",
      "  # checklist: python replay",
      "// checklist: go",
      'const s = "// checklist: rust bench";',
      "// see checklist: sql checker",
    ].join("\n");
    expect(readMarkers(text, "/x").map((m) => `${m.language} ${m.item}`)).toEqual([
      "go checker",
      "python replay",
    ]);
  });
});
