/**
 * Checklist markers: a file that covers one item of a target language's checklist says so on a
 * line of its own, `// checklist: <language> <item>` (`# checklist: …` in a Python, shell or
 * YAML file). The checklist test (test/targets/checklist.test.ts) fails unless every
 * registered language has every item; the replay runner imports the `replay` files it finds.
 * Markers are read from test/ and bench/, so a language is covered by what exists, not by a
 * list someone has to keep in step.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The items every registered target language must have. */
export const CHECKLIST_ITEMS = ["golden", "checker", "replay", "bench"] as const;

export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** One marker found in a file. */
export interface ChecklistMarker {
  readonly language: string;
  readonly item: string;
  /** Absolute path of the file that carries it. */
  readonly file: string;
}

/** The repository root (the folder holding test/ and bench/). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const MARKER = /^\s*(?:\/\/|#)\s*checklist:\s*([a-z][a-z0-9_-]*)\s+([a-z][a-z0-9_-]*)\s*$/gm;
const SCANNED = /\.(?:ts|mts|mjs|js|py|go|rs|sh|ya?ml)$/;

/** Every file below `dir` whose name has a scanned extension, skipping node_modules and dot folders. */
function listScannedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listScannedFiles(full);
    return entry.isFile() && SCANNED.test(entry.name) ? [full] : [];
  });
}

/** Every marker in `text` (exported for the test that proves the pattern reads what it should). */
export function readMarkers(text: string, file: string): ChecklistMarker[] {
  return [...text.matchAll(MARKER)].map((m) => ({ language: m[1] ?? "", item: m[2] ?? "", file }));
}

/** Every checklist marker under test/ and bench/, sorted by file. */
export function findChecklistMarkers(root: string = REPO_ROOT): ChecklistMarker[] {
  return ["test", "bench"]
    .flatMap((dir) => listScannedFiles(path.join(root, dir)))
    .sort()
    .flatMap((file) => readMarkers(fs.readFileSync(file, "utf8"), file));
}
