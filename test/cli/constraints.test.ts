/**
 * Constraints through the built CLI (CONTRACT §9): `validate`, `generate` and `check` refuse a
 * schema whose roles break one, at the role, naming the grant — `generate` writing nothing and
 * the verdict cache never answering "in sync" for it — while constraints the roles keep change
 * no generated file, so adding them leaves `check` green.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitAll, copyFixture, ensureBuilt, makeRepo, runCli, snapshotTree } from "./run-cli.js";

const SCHEMA = "schema/permissions.ts";
const repos: string[] = [];

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

/** The basic fixture, generated and committed, with node_modules so the cache is kept. */
function makeGeneratedRepo(edit: (schema: string) => string = (s) => s): string {
  const dir = makeRepo();
  repos.push(dir);
  copyFixture("basic", dir);
  fs.mkdirSync(path.join(dir, "node_modules"));
  writeSchema(dir, edit(readSchema(dir)));
  expect(runCli(["generate"], dir).code).toBe(0);
  commitAll(dir);
  return dir;
}

function readSchema(dir: string): string {
  return fs.readFileSync(path.join(dir, SCHEMA), "utf8");
}

function writeSchema(dir: string, text: string): void {
  fs.writeFileSync(path.join(dir, SCHEMA), text);
}

function answeredFromCache(dir: string): { code: number | null; cached: boolean } {
  const run = runCli(["check", "--debug"], dir);
  return { code: run.code, cached: /timings: cache /.test(run.stderr) };
}

describe("constraints through the CLI", () => {
  it("constraints the roles keep change no generated file: validate and check stay green", () => {
    const dir = makeGeneratedRepo();
    const before = snapshotTree(dir);
    writeSchema(
      dir,
      `${readSchema(dir)}
export const constraints = {
  restricted: { "user.manage": ["rt_lead"], "engagement.*": ["rt_lead", "rt_operator"] },
} as const;
`,
    );
    expect(runCli(["validate"], dir)).toEqual({
      code: 0,
      stdout: `permgen: ${SCHEMA} is valid (4 resources, 4 actions, 6 permissions, 3 roles, 2 constraints kept)\n`,
      stderr: "",
    });
    expect(runCli(["check"], dir).code).toBe(0);
    const generate = runCli(["generate"], dir);
    expect(generate.code).toBe(0);
    expect(generate.stdout).not.toMatch(/written/);
    const after = snapshotTree(dir);
    expect({ ...after, [SCHEMA]: "" }).toEqual({ ...before, [SCHEMA]: "" });
  });

  it("a violation through a wildcard is exit 2 at the role for validate, generate (nothing written) and check, cache or not", () => {
    const dir = makeGeneratedRepo();
    expect(answeredFromCache(dir)).toEqual({ code: 0, cached: true });
    writeSchema(
      dir,
      `${readSchema(dir)}
export const constraints = {
  restricted: { "alert.acknowledge": ["rt_lead"] },
  exclusive: [["engagement.create", "alert.*"]],
} as const;
`,
    );
    const before = snapshotTree(dir);
    const expected =
      `${SCHEMA}:28:3: error PG0316: rt_lead holds soc.engagement.create (through "*"), soc.alert.read (through "*") and soc.alert.acknowledge (through "*"), which constraints.exclusive forbids together (set at ${SCHEMA}:38:15)\n` +
      `${SCHEMA}:29:3: error PG0315: rt_operator holds soc.alert.acknowledge through "alert.*", but only rt_lead may (restricted at ${SCHEMA}:37:17)\n` +
      "2 errors\n";
    expect(runCli(["validate"], dir)).toEqual({ code: 2, stdout: "", stderr: expected });
    expect(runCli(["generate"], dir)).toEqual({ code: 2, stdout: "", stderr: expected });
    expect(snapshotTree(dir)).toEqual(before);
    expect(runCli(["check"], dir)).toEqual({ code: 2, stdout: "", stderr: expected });
    expect(answeredFromCache(dir)).toEqual({ code: 2, cached: false });
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("a permission added later reaches a * role a restriction does not list", () => {
    // A default role holding "*" — the Sourcegraph incident: new permissions flow into it.
    const dir = makeGeneratedRepo((schema) =>
      schema
        .replace(`User = "user",`, `User = "user",\n  Audit = "audit",`)
        .replace(`soc_analyst: ["alert.read"],`, `soc_analyst: ["alert.read"],\n  default_user: ["*"],`)
        .concat(`\nexport const constraints = { restricted: { "audit.*": ["rt_lead"] } } as const;\n`),
    );
    expect(runCli(["check"], dir).code).toBe(0);
    writeSchema(
      dir,
      readSchema(dir).replace(
        "[Resource.User]: [Action.Manage],",
        "[Resource.User]: [Action.Manage],\n  [Resource.Audit]: [Action.Read],",
      ),
    );
    const before = snapshotTree(dir);
    expect(runCli(["generate"], dir)).toEqual({
      code: 2,
      stdout: "",
      stderr: `${SCHEMA}:33:3: error PG0315: default_user holds soc.audit.read through "*", but only rt_lead may (restricted at ${SCHEMA}:39:44)\n1 error\n`,
    });
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("validate --format json carries each violation with its position", () => {
    const dir = makeGeneratedRepo();
    writeSchema(dir, `${readSchema(dir)}\nexport const constraints = { restricted: { "user.manage": [] } } as const;\n`);
    const run = runCli(["validate", "--format", "json"], dir);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as { diagnostics: unknown[] };
    expect(json.diagnostics).toEqual([
      {
        code: "PG0315",
        message: `rt_lead holds soc.user.manage through "*", but no role may (restricted at ${SCHEMA}:36:44)`,
        file: SCHEMA,
        line: 28,
        column: 3,
      },
    ]);
  });
});
