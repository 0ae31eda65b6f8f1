/**
 * Issue 8 item 16: every enum member name the schema's own TypeScript accepts gives TypeScript
 * that compiles (string-literal names such as "r-e-a-d" or "weird name", non-ASCII identifiers,
 * escapes, `__proto__` with enumStyle "const"), in both enum styles, and behaves at run time;
 * the names TypeScript itself rejects, or that a TypeScript enum cannot hold, are positioned
 * errors.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Codes } from "../../src/diagnostics/codes.js";
import { checkTypeScriptNames } from "../../src/targets/typescript/names.js";
import { ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import { emitFormattedTypeScript } from "../helpers/emit.js";
import { modelFromSource } from "../helpers/model.js";
import { compileFiles, transpileToModule, writeProject } from "./compile.js";

/** Member names TypeScript accepts in an enum, each written the way a schema would. */
const RESOURCE_MEMBERS: readonly (readonly [string, string])[] = [
  ['"weird name"', "weird"],
  ["Ünïcode", "unicode"],
  ['"r-e-a-d"', "dashed"],
  ['"with \\"quotes\\" and \\\\"', "quoted"],
  ['"line\\u2028sep"', "line_sep"],
  ['"nul\\u0000bom\\ufeff"', "nul_bom"],
  ['"lone\\ud800"', "lone"],
  ['""', "empty"],
  ["NaN", "nan"],
  ["constructor", "ctor"],
  ["Plain", "plain"],
];
const ACTION_MEMBERS: readonly (readonly [string, string])[] = [
  ['"r-e-a-d"', "read"],
  ['"weird name"', "weird"],
  ["Ωmega", "omega"],
  ["Write", "write"],
];

function buildSchema(withProto: boolean): string {
  const resources = withProto ? [...RESOURCE_MEMBERS, ['"__proto__"', "proto"] as const] : RESOURCE_MEMBERS;
  const access = (enumName: string, member: string): string =>
    /^["]/.test(member) ? `${enumName}[${member}]` : `${enumName}.${member}`;
  return [
    "export enum Resource {",
    ...resources.map(([name, value]) => `  ${name} = "${value}",`),
    "}",
    "export enum Action {",
    ...ACTION_MEMBERS.map(([name, value]) => `  ${name} = "${value}",`),
    "}",
    "export const permissions = {",
    ...resources.map(([name], i) => {
      const actions = ACTION_MEMBERS.filter((_, j) => (i + j) % 2 === 0).map(([a]) => access("Action", a));
      return `  [${access("Resource", name)}]: [${actions.join(", ")}],`;
    }),
    "} as const;",
    'export const roles = { admin: ["*"], reader: ["weird.*", "dashed.read"] } as const;',
    "",
  ].join("\n");
}

/** A consumer that names the odd members in types and values, and rejects an undeclared pair. */
const CONSUMER = `import { Action, Resource, requirePermission, type ActionOf } from "./permissions.js";

const read: ActionOf<(typeof Resource)["r-e-a-d"]> = Action["r-e-a-d"];
const unicode: ActionOf<(typeof Resource)["Ünïcode"]> = Action["weird name"];
requirePermission(Resource["weird name"], Action["r-e-a-d"]);
requirePermission(Resource.NaN, Action.Ωmega);
// @ts-expect-error weird has no action "weird name"
requirePermission(Resource["weird name"], Action["weird name"]);
export const used = [read, unicode];
`;

describe("enum members with any name TypeScript accepts", () => {
  const model = modelFromSource(buildSchema(false));
  const modelWithProto = modelFromSource(buildSchema(true));

  it("compile under strict tsc with a consumer, in both enum styles", async () => {
    const enumFile = await emitFormattedTypeScript(model, { enumStyle: "enum" });
    const constFile = await emitFormattedTypeScript(modelWithProto, { enumStyle: "const" });
    expect(enumFile).not.toMatch(/[\0\ufeff\u2028\ud800-\udfff]/);
    expect(enumFile).toContain('(typeof Action)["r-e-a-d"]');
    expect(compileFiles({ "enum/permissions.ts": enumFile, "enum/consumer.ts": CONSUMER })).toEqual([]);
    expect(
      compileFiles(
        { "const/permissions.ts": constFile, "const/consumer.ts": CONSUMER },
        { erasable: true },
      ),
    ).toEqual([]);
  });

  describe("at run time", () => {
    let dir = "";
    beforeAll(() => {
      dir = writeProject({});
    });
    afterAll(() => {
      if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
    });

    it("keep every member's exact name and value, and the guards work with them", async () => {
      for (const [style, m] of [
        ["enum", model],
        ["const", modelWithProto],
      ] as const) {
        const source = await emitFormattedTypeScript(m, { enumStyle: style });
        const file = path.join(dir, `${style}.mjs`);
        fs.writeFileSync(file, transpileToModule(source));
        const mod = (await import(pathToFileURL(file).href)) as {
          Resource: Record<string, string>;
          Action: Record<string, string>;
          hasPermission(granted: unknown, r: unknown, a: unknown): boolean;
        };
        const names = m.resources.map((r) => r.name);
        expect(names).toContain("line\u2028sep");
        expect(names).toContain("lone\ud800");
        for (const r of m.resources) {
          expect(Object.prototype.hasOwnProperty.call(mod.Resource, r.name)).toBe(true);
          expect(mod.Resource[r.name]).toBe(r.value);
        }
        expect(mod.hasPermission(["weird.read"], mod.Resource["weird name"], mod.Action["r-e-a-d"])).toBe(
          true,
        );
      }
    });
  });

  it("reject __proto__ as a TypeScript enum member (PG0402), but not with enumStyle const", () => {
    const enumDiagnostics = checkTypeScriptNames(modelWithProto, "enum");
    expect(enumDiagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      [Codes.UnusableMemberName, RESOURCE_MEMBERS.length + 2, 3],
    ]);
    expect(checkTypeScriptNames(modelWithProto, "const")).toEqual([]);
  });
});

describe("through the CLI", () => {
  let dir = "";
  beforeAll(() => {
    ensureBuilt();
  });
  afterAll(() => {
    if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a __proto__ enum member is a positioned error with a TypeScript target, and nothing is written", () => {
    dir = makeRepo();
    fs.mkdirSync(path.join(dir, "schema"));
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), buildSchema(true));
    fs.writeFileSync(
      path.join(dir, "permgen.config.json"),
      JSON.stringify({ targets: [{ language: "typescript", out: "gen/permissions.ts" }] }),
    );
    const run = runCli(["generate"], dir);
    expect(run.stderr).toBe(
      `schema/permissions.ts:${RESOURCE_MEMBERS.length + 2}:3: error PG0402: Resource member "__proto__" cannot be a TypeScript enum member (the compiled enum would set the prototype, not the member); rename it, or set "enumStyle": "const" for this target\n1 error\n`,
    );
    expect(run.code).toBe(2);
    expect(fs.existsSync(path.join(dir, "gen"))).toBe(false);
  });
});
