// checklist: typescript checker
/**
 * Every committed golden TypeScript output (`test/golden/<case>/expected/**\/*.ts` produced by a
 * `typescript` target) compiles under the strictest settings; outputs of `enumStyle: "const"`
 * targets also under `erasableSyntaxOnly`. Skipped, with a warning, until the goldens exist.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileRoots } from "./compile.js";

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "golden");

interface GoldenOutput {
  readonly file: string;
  readonly erasable: boolean;
}

/** The TypeScript outputs the golden configs declare, where they exist on disk. */
function listGoldenOutputs(): GoldenOutput[] {
  const outputs: GoldenOutput[] = [];
  if (!fs.existsSync(GOLDEN_DIR)) return outputs;
  for (const entry of fs.readdirSync(GOLDEN_DIR, { withFileTypes: true })) {
    const caseDir = path.join(GOLDEN_DIR, entry.name);
    const configFile = path.join(caseDir, "permgen.config.json");
    if (!entry.isDirectory() || !fs.existsSync(configFile)) continue;
    const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as {
      targets?: { language?: string; out?: string; enumStyle?: string }[];
    };
    for (const target of config.targets ?? []) {
      if (target.language !== "typescript" || target.out === undefined) continue;
      const file = path.resolve(caseDir, target.out);
      const underExpected = file.startsWith(path.join(caseDir, "expected") + path.sep);
      if (underExpected && file.endsWith(".ts") && fs.existsSync(file)) {
        outputs.push({ file, erasable: target.enumStyle === "const" });
      }
    }
  }
  return outputs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Every `.ts` file under some `expected/` folder, declared by a config or not. */
function listExpectedTsFiles(): string[] {
  if (!fs.existsSync(GOLDEN_DIR)) return [];
  return fs
    .readdirSync(GOLDEN_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => path.relative(GOLDEN_DIR, file).split(path.sep)[1] === "expected")
    .sort();
}

const outputs = listGoldenOutputs();
const expectedFiles = listExpectedTsFiles();
if (expectedFiles.length === 0) {
  console.warn(
    "golden-compile: no test/golden/*/expected/**/*.ts yet; run `npm run golden:update`",
  );
}

describe("golden TypeScript outputs", () => {
  it.skipIf(expectedFiles.length === 0)("compile under strict tsc with zero diagnostics", () => {
    const plain = expectedFiles.filter(
      (file) => !outputs.some((o) => o.file === file && o.erasable),
    );
    const erasable = outputs.filter((o) => o.erasable).map((o) => o.file);
    expect(compileRoots(plain, GOLDEN_DIR)).toEqual([]);
    expect(compileRoots(erasable, GOLDEN_DIR, { erasable: true })).toEqual([]);
  });
});
