/**
 * Robustness: random textual mutations of a valid schema never crash permgen. Each mutant
 * either validates or yields diagnostics that each carry a file:line:col position; the CLI
 * never exits 3 on one.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate } from "../../src/index.js";
import {
  FIXTURES,
  copyFixture,
  ensureBuilt,
  makeRepo,
  runCli,
} from "./run-cli.js";

const SCHEMA = fs.readFileSync(
  path.join(FIXTURES, "basic/schema/permissions.ts"),
  "utf8",
);
const SCHEMA_PATH = "schema/permissions.ts";

/** Characters and tokens that matter to the schema reader. */
const TOKENS = [
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ",",
  ";",
  ":",
  "=",
  ".",
  "*",
  '"',
  "'",
  "`",
  "\n",
  " ",
  "/*",
  "*/",
  "/**",
  "//",
  "@deprecated",
  "export",
  "enum",
  "const",
  "as const",
  "satisfies Record<string, string>",
  "Resource.",
  "Action.",
  "Resource.Alert",
  "Action.Read",
  '"alert"',
  '"alert.*"',
  '"*"',
  '"Bad Value"',
  "...rest",
  "f()",
  "1",
  "-1",
  "null",
  "undefined",
  "namespace",
  "roles",
  "permissions",
  "\\",
  "$",
  "é",
];

type Mutation =
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "duplicateLine"; readonly line: number }
  | { readonly kind: "swapLines"; readonly a: number; readonly b: number }
  | { readonly kind: "deleteLine"; readonly line: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...TOKENS),
      fc.string({ minLength: 1, maxLength: 3 }),
    ),
  }),
  fc.record({ kind: fc.constant("duplicateLine" as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant("swapLines" as const),
    a: fc.nat(),
    b: fc.nat(),
  }),
  fc.record({ kind: fc.constant("deleteLine" as const), line: fc.nat() }),
);

/** Applies one mutation; positions wrap around the text's length. */
function applyMutation(text: string, m: Mutation): string {
  const lines = text.split("\n");
  switch (m.kind) {
    case "delete": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case "insert": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "duplicateLine": {
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i] ?? "");
      return lines.join("\n");
    }
    case "swapLines": {
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
      return lines.join("\n");
    }
    case "deleteLine": {
      lines.splice(m.line % lines.length, 1);
      return lines.join("\n");
    }
  }
}

const mutant = fc
  .array(mutation, { minLength: 1, maxLength: 3 })
  .map((ms) => ms.reduce(applyMutation, SCHEMA));

const repos: string[] = [];

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

function makeFixtureRepo(): string {
  const dir = makeRepo();
  repos.push(dir);
  copyFixture("basic", dir);
  return dir;
}

describe("mutated schemas", () => {
  it("validate() returns ok or positioned diagnostics, never throws", async () => {
    const dir = makeFixtureRepo();
    const schemaFile = path.join(dir, SCHEMA_PATH);
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(mutant, async (text) => {
        fs.writeFileSync(schemaFile, text);
        const outcome = await validate({ cwd: dir });
        if (outcome.ok) return;
        invalid += 1;
        expect(outcome.diagnostics.length).toBeGreaterThan(0);
        for (const d of outcome.diagnostics) {
          expect(d.code).toMatch(/^PG\d{4}$/);
          expect(d.file).toBe(schemaFile);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 100 },
    );
    // The mutations must actually break schemas, or the property above proves nothing.
    expect(invalid).toBeGreaterThan(20);
  });

  describe("through the built CLI", () => {
    beforeAll(() => {
      ensureBuilt();
    });

    it("validate exits 0, or 2 with file:line:col lines and a count; never 3", () => {
      const dir = makeFixtureRepo();
      fc.assert(
        fc.property(mutant, (text) => {
          fs.writeFileSync(path.join(dir, SCHEMA_PATH), text);
          const run = runCli(["validate"], dir);
          expect(run.stderr).not.toContain("internal error");
          expect([0, 2]).toContain(run.code);
          if (run.code === 0) return;
          const lines = run.stderr.split("\n");
          expect(lines.pop()).toBe("");
          const count = lines.pop();
          expect(count).toBe(
            `${lines.length} error${lines.length === 1 ? "" : "s"}`,
          );
          for (const line of lines) {
            expect(line).toMatch(
              /^schema\/permissions\.ts:\d+:\d+: error PG\d{4}: ./,
            );
          }
        }),
        { numRuns: 5 },
      );
    });
  });
});
