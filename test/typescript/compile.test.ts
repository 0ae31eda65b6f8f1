/**
 * The generated TypeScript compiles under the strictest settings, together with consumer code
 * that pins its types and proves undeclared pairs are compile errors (an unused
 * `@ts-expect-error` fails the compile), for every golden schema plus a resource without
 * actions; and without the directives, exactly those lines fail.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Model } from "../../src/model/model.js";
import { emitFormattedTypeScript } from "../helpers/emit.js";
import { modelFromSource } from "../helpers/model.js";
import { compileFiles } from "./compile.js";
import { buildConsumer, removeDirectives, renderConsumer } from "./consumer.js";

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "golden");

const NO_ACTIONS_SCHEMA = `
export enum Resource {
  Alert = "alert",
  Archive = "archive",
}
export enum Action {
  Read = "read",
  Purge = "purge",
}
export const permissions = {
  [Resource.Alert]: [Action.Read],
} as const;
`;

interface Case {
  readonly name: string;
  readonly model: Model;
  readonly style: "enum" | "const";
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const name of [
    "basic",
    "roles",
    "namespace",
    "const-enum-style",
    "deprecated",
    "descriptions",
  ]) {
    const source = fs.readFileSync(path.join(GOLDEN_DIR, name, "schema", "permissions.ts"), "utf8");
    const model = modelFromSource(source);
    cases.push({ name, model, style: name === "const-enum-style" ? "const" : "enum" });
    if (name === "namespace" || name === "deprecated") {
      cases.push({ name: `${name}-as-const`, model, style: "const" });
    }
  }
  cases.push({ name: "no-actions", model: modelFromSource(NO_ACTIONS_SCHEMA), style: "enum" });
  cases.push({
    name: "no-actions-as-const",
    model: modelFromSource(NO_ACTIONS_SCHEMA),
    style: "const",
  });
  return cases;
}

async function buildFiles(
  cases: readonly Case[],
  withDirectives: boolean,
): Promise<{ files: Record<string, string>; errorLines: Map<string, number[]> }> {
  const files: Record<string, string> = {};
  const errorLines = new Map<string, number[]>();
  for (const c of cases) {
    files[`${c.name}/permissions.ts`] = await emitFormattedTypeScript(c.model, {
      enumStyle: c.style,
    });
    const consumer = buildConsumer(c.model, c.style);
    if (withDirectives) {
      files[`${c.name}/consumer.ts`] = renderConsumer(consumer);
    } else {
      const stripped = removeDirectives(consumer);
      files[`${c.name}/consumer.ts`] = stripped.source;
      errorLines.set(`${c.name}/consumer.ts`, stripped.errorLines);
    }
  }
  return { files, errorLines };
}

describe("generated TypeScript under strict tsc", () => {
  const cases = loadCases();
  const enumCases = cases.filter((c) => c.style === "enum");
  const constCases = cases.filter((c) => c.style === "const");

  it("compiles with consumers (enumStyle enum) with zero diagnostics", async () => {
    const { files } = await buildFiles(enumCases, true);
    expect(compileFiles(files)).toEqual([]);
  });

  it("compiles with consumers (enumStyle const) under erasableSyntaxOnly with zero diagnostics", async () => {
    const { files } = await buildFiles(constCases, true);
    expect(compileFiles(files, { erasable: true })).toEqual([]);
  });

  it("rejects every undeclared pair, wide resource and misspelled key once the directives are gone", async () => {
    for (const [subset, erasable] of [
      [enumCases, false],
      [constCases, true],
    ] as const) {
      const { files, errorLines } = await buildFiles(subset, false);
      const diagnostics = compileFiles(files, { erasable });
      const failing = new Set(diagnostics.map((d) => d.split(": ")[0]));
      const expected = new Set(
        [...errorLines].flatMap(([file, lines]) => lines.map((line) => `${file}:${line}`)),
      );
      expect([...failing].sort()).toEqual([...expected].sort());
      expect(expected.size).toBeGreaterThanOrEqual(subset.length * 2);
    }
  });

  it("enumStyle enum output is not erasable syntax (the const style is needed for it)", async () => {
    const basic = enumCases[0];
    if (basic === undefined) throw new Error("no cases");
    const files = { "permissions.ts": await emitFormattedTypeScript(basic.model) };
    const diagnostics = compileFiles(files, { erasable: true });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.includes("TS1294"))).toBe(true);
  });
});
