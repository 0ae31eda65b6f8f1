/**
 * The golden TypeScript files are emitted in prettier's default layout by the emitter itself:
 * planning every golden case, prettier formats no TypeScript file except those of the cases
 * whose `names` rename symbols to names of another width (the runtime template is laid out for
 * the default names), and every planned file is still the committed golden (golden.test.ts
 * checks the bytes; here, that they were reached without prettier).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { plan } from "../../src/index.js";
import { GOLDEN_DIR, listGoldenCases } from "./golden-files.js";

const formatted: string[] = [];

vi.mock("prettier", async (importOriginal) => {
  const real = await importOriginal<typeof import("prettier")>();
  const format: typeof real.format = async (source, options) => {
    formatted.push(String(options?.filepath));
    return real.format(source, options);
  };
  return { ...real, format, default: { ...real, format } };
});

/** Cases whose TypeScript target renames symbols to names of another width. */
const RENAMING_CASES = new Set(["renamed-symbols"]);

describe("golden TypeScript files", () => {
  it("are planned without prettier, except where `names` changes a symbol's width", async () => {
    const planned: string[] = [];
    for (const name of listGoldenCases()) {
      const result = await plan({ cwd: path.join(GOLDEN_DIR, name) });
      if (!result.ok) throw new Error(`${name}: permgen reported errors`);
      for (const file of result.files) {
        if (!file.path.endsWith(".ts")) continue;
        planned.push(file.path);
        expect(file.content, file.path).toBe(fs.readFileSync(file.path, "utf8"));
      }
    }
    const expected = planned.filter((file) =>
      RENAMING_CASES.has(path.relative(GOLDEN_DIR, file).split(path.sep)[0] ?? ""),
    );
    expect(planned.length).toBeGreaterThan(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    expect(formatted.sort()).toEqual(expected.sort());
  });
});
