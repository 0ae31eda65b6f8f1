/**
 * Golden cases: every folder `test/golden/<case>/` holding a `permgen.config.json` is planned
 * with permgen's own pipeline, and every planned file (the lock included) must equal the
 * committed file byte for byte; a file under `<case>/expected/` that permgen does not plan fails
 * too. `npm run golden:update` (env PERMGEN_UPDATE_GOLDEN=1) rewrites them instead; CI never
 * sets it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { generate, plan } from "../../src/index.js";
import { TARGETS } from "../../src/targets/index.js";
import {
  GOLDEN_DIR,
  listFiles,
  listGoldenCases,
  readGoldenTargets,
  PARTIAL_CASES,
  UPDATING,
} from "./golden-files.js";

async function planCase(caseDir: string) {
  const result = await plan({ cwd: caseDir });
  if (!result.ok) {
    throw new Error(
      `permgen reported errors:\n${result.diagnostics.map((d) => formatDiagnostic(d, caseDir)).join("\n")}`,
    );
  }
  return result.files;
}

async function updateCase(caseDir: string): Promise<void> {
  const result = await generate({ cwd: caseDir, force: true });
  if (!result.ok) {
    throw new Error(result.diagnostics.map((d) => formatDiagnostic(d, caseDir)).join("\n"));
  }
  // generate only deletes files carrying the header; an update also drops anything else stale.
  const planned = new Set((await planCase(caseDir)).map((f) => f.path));
  for (const file of listFiles(path.join(caseDir, "expected"))) {
    if (!planned.has(file)) fs.rmSync(file);
  }
}

const cases = listGoldenCases();

describe("golden cases", () => {
  it("exist", () => {
    expect(cases, `no test/golden/<case>/permgen.config.json found in ${GOLDEN_DIR}`).not.toEqual([]);
  });

  it("configure every target language, except a partial case, which configures only its own", () => {
    const languages = TARGETS.map((t) => t.language).sort();
    for (const name of cases) {
      const configured = [...new Set(readGoldenTargets(name).map((t) => t.language))].sort();
      const partial = PARTIAL_CASES[name];
      expect(configured, name).toEqual(partial === undefined ? languages : [...partial].sort());
    }
  });

  for (const name of cases) {
    it(name, async () => {
      const caseDir = path.join(GOLDEN_DIR, name);
      if (UPDATING) await updateCase(caseDir);
      const files = await planCase(caseDir);
      const hint = "run `npm run golden:update` if the change is intended";
      for (const file of files) {
        const rel = path.relative(caseDir, file.path).split(path.sep).join("/");
        expect(fs.existsSync(file.path), `${name}/${rel} is missing; ${hint}`).toBe(true);
        expect(fs.readFileSync(file.path, "utf8"), `${name}/${rel} differs; ${hint}`).toBe(file.content);
      }
      const planned = new Set(files.map((f) => f.path));
      const extra = listFiles(path.join(caseDir, "expected"))
        .filter((file) => !planned.has(file))
        .map((file) => path.relative(caseDir, file).split(path.sep).join("/"));
      expect(extra, `files permgen does not generate; ${hint}`).toEqual([]);
    });
  }
});
