/**
 * Property: the TypeScript emitter writes prettier's layout itself. For random schemas (random
 * counts, short names and names far beyond 80 columns, hostile Unicode in doc comments and in
 * string-literal member names, @deprecated members, @renamedFrom aliases, both enum styles,
 * with and without roles, namespace and `names`), a file the emitter marks `prettierLayout`
 * is exactly what `prettier.format(file, { parser: "babel-ts" })` prints, so the output stage
 * may skip prettier for it; a file it does not mark goes through prettier (format.ts). The
 * PRNG is seeded: a failure prints its seed and case and replays.
 */
import fc from "fast-check";
import prettier from "prettier";
import { describe, expect, it } from "vitest";
import type { Model } from "../../src/model/model.js";
import type { EmitContext } from "../../src/targets/target.js";
import { emitTypeScript } from "../../src/targets/typescript/emit-typescript.js";
import { filesOf } from "../helpers/emit-result.js";
import { modelFromSource } from "../helpers/model.js";

interface Member {
  readonly name: string;
  readonly value: string;
  readonly doc: string | undefined;
  readonly renamedFrom: string | undefined;
}

interface Spec {
  readonly resources: readonly Member[];
  readonly actions: readonly Member[];
  readonly pairs: readonly (readonly number[])[];
  readonly pairDocs: readonly (string | undefined)[];
  readonly pairRenames: readonly boolean[];
  readonly roles: readonly (Member & { readonly grants: readonly string[] })[];
  readonly namespace: string | undefined;
  readonly style: "enum" | "const";
  readonly names: Readonly<Record<string, string>> | undefined;
}

// Values within the format rules, from one letter to far beyond the print width.
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{20,45}$/) },
);
const resourceValue = fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join("."));
const roleName = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{30,70}$/) },
);
// Doc text: plain, long, several lines, and hostile characters (bidi controls, line and
// paragraph separators, NEL, a BOM, `*/`, emoji and wide CJK, trailing spaces).
const hostile = fc.constantFrom(
  "\u202eevil\u202c",
  "line\u2028break",
  "para\u2029graph",
  "nel\u0085x",
  "bom\ufeff",
  "ends */ early",
  "emoji 🎉 and 漢字",
  "tab\there",
  "trailing   ",
  "quote \" and ' and `",
  "  indented",
  "\u00a0nbsp\u00a0",
);
const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
const docText = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => w.join(" ")),
  fc.array(fc.oneof(word, hostile), { minLength: 1, maxLength: 6 }).map((w) => w.join(" ")),
  fc
    .array(fc.array(fc.oneof(word, hostile), { minLength: 1, maxLength: 8 }), {
      minLength: 2,
      maxLength: 4,
    })
    .map((lines) => lines.map((l) => l.join(" ")).join("\n")),
);
const doc = fc.option(
  fc.tuple(docText, fc.option(fc.oneof(fc.constant(""), docText), { nil: undefined })),
  { nil: undefined, freq: 2 },
);
/** Renders a JSDoc block for the schema (description, then @deprecated). */
function renderJsDoc(d: readonly [string, string | undefined] | undefined): string | undefined {
  if (d === undefined) return undefined;
  const [description, deprecated] = d;
  const lines = description.split("\n");
  if (deprecated !== undefined) lines.push(`@deprecated ${deprecated}`.trimEnd());
  return `/**\n${lines.map((l) => ` * ${l.replaceAll("*/", "* /")}`).join("\n")}\n */`;
}

// Most member names are identifiers; some are string literals, including non-ASCII ones.
const quotedName = fc.constantFrom("we-ird", "with space", "Ünïcode", "has\"quote", "1st", "x'y");

function members(values: readonly string[], kind: string): fc.Arbitrary<Member[]> {
  return fc.tuple(
    ...values.map((value, i) =>
      fc.record({
        quoted: fc.oneof(
          { weight: 12, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: quotedName },
        ),
        doc,
        renamed: fc.boolean(),
      }).map(({ quoted, doc: d, renamed }) => ({
        name: quoted === undefined ? `${pascal(value)}${kind}${i}` : `${quoted}${i}`,
        value,
        doc: renderJsDoc(d),
        renamedFrom: renamed && i % 3 === 0 ? `old_${value.replaceAll(".", "_")}` : undefined,
      })),
    ),
  );
}

function pascal(value: string): string {
  return value
    .split(/[._]/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

const NAMES = [
  undefined,
  undefined,
  undefined,
  { Permission: "PermissionKey", Role: "GroupName", ROLE_PERMISSIONS: "GROUP_PERMISSIONS" },
  // Same widths as the default names: the layout still holds.
  { Permission: "Permissiox", Resource: "Resourcf", isPermission: "isPermissioN" },
];

const spec: fc.Arbitrary<Spec> = fc
  .record({
    resources: fc.uniqueArray(resourceValue, { minLength: 1, maxLength: 12 }),
    actions: fc.uniqueArray(segment, { minLength: 1, maxLength: 10 }),
    roleNames: fc.uniqueArray(roleName, { maxLength: 5, selector: (n) => pascal(n) }),
    namespace: fc.option(fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/), { nil: undefined }),
    style: fc.constantFrom("enum" as const, "const" as const),
    names: fc.constantFrom(...NAMES),
  })
  .chain(({ resources, actions, roleNames, namespace, style, names }) =>
    fc
      .record({
        resourceMembers: members(resources, "R"),
        actionMembers: members(actions, "A"),
        pairs: fc.tuple(...resources.map(() => fc.subarray(actions.map((_, i) => i)))),
        pairDocs: fc.array(fc.option(docText, { nil: undefined, freq: 4 }), {
          minLength: 40,
          maxLength: 40,
        }),
        pairRenames: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        roleDocs: fc.tuple(...roleNames.map(() => doc)),
        roleRenames: fc.tuple(...roleNames.map(() => fc.boolean())),
        grantPicks: fc.tuple(...roleNames.map(() => fc.array(fc.nat(), { maxLength: 12 }))),
      })
      .map((r) => {
        const keys = resources.flatMap((res, i) => (r.pairs[i] ?? []).map((a) => `${res}.${actions[a]}`));
        const grantable = ["*", ...resources.map((res) => `${res}.*`), ...keys];
        const roles = roleNames.map((name, i) => ({
          name,
          value: name,
          doc: renderJsDoc(r.roleDocs[i]),
          renamedFrom: r.roleRenames[i] === true ? `old_${name}` : undefined,
          grants: [...new Set((r.grantPicks[i] ?? []).map((n) => grantable[n % grantable.length] ?? "*"))],
        }));
        return {
          resources: r.resourceMembers,
          actions: r.actionMembers,
          pairs: r.pairs,
          pairDocs: r.pairDocs,
          pairRenames: r.pairRenames,
          roles,
          namespace,
          style,
          names,
        };
      }),
  );

function renderSchema(s: Spec): string {
  const member = (m: Member) =>
    [...(m.doc === undefined ? [] : [m.doc]), `${JSON.stringify(m.name)} = ${JSON.stringify(m.value)},`]
      .join("\n")
      .replaceAll(/^/gm, "  ");
  const access = (owner: string, m: Member) => `${owner}[${JSON.stringify(m.name)}]`;
  let pairIndex = 0;
  const lines = [
    "export enum Resource {",
    ...s.resources.map(member),
    "}",
    "export enum Action {",
    ...s.actions.map(member),
    "}",
    "export const permissions = {",
    ...s.resources.map((r, i) => {
      const entries = (s.pairs[i] ?? []).map((a) => {
        const pairDoc = s.pairDocs[pairIndex++ % 40];
        const action = s.actions[a];
        if (action === undefined) throw new Error("unreachable");
        const docPart = pairDoc === undefined ? "" : `${renderJsDoc([pairDoc, undefined])} `;
        return `${docPart}${access("Action", action)}`;
      });
      return `  ${JSON.stringify(r.value)}: [${entries.join(", ")}],`;
    }),
    "} as const;",
  ];
  if (s.roles.length > 0) {
    lines.push("export const roles = {");
    for (const role of s.roles) {
      if (role.doc !== undefined) lines.push(role.doc);
      lines.push(`  ${role.name}: [${role.grants.map((g) => JSON.stringify(g)).join(", ")}],`);
    }
    lines.push("} as const;");
  }
  if (s.namespace !== undefined) lines.push(`export const namespace = ${JSON.stringify(s.namespace)};`);
  return `${lines.join("\n")}\n`;
}

/**
 * The model of a spec, with `@renamedFrom` aliases added as the model builder would leave them
 * (the reader checks old names against a lock; the emitter only reads the result).
 */
function buildModel(s: Spec): Model {
  const model = modelFromSource(renderSchema(s));
  const withRename = <T extends { readonly doc: Model["resources"][number]["doc"] }>(
    item: T,
    old: string | undefined,
  ): T => (old === undefined ? item : { ...item, doc: { ...item.doc, renamedFrom: old } });
  const prefix = model.namespace === undefined ? "" : `${model.namespace}.`;
  return {
    ...model,
    resources: model.resources.map((r, i) => withRename(r, s.resources[i]?.renamedFrom)),
    actions: model.actions.map((a, i) => withRename(a, s.actions[i]?.renamedFrom)),
    roles: model.roles.map((r, i) => withRename(r, s.roles[i]?.renamedFrom)),
    permissions: model.permissions.map((p, i) =>
      s.pairRenames[i % 40] === true && i % 4 === 1
        ? { ...p, renamedFrom: { key: `${prefix}old.${p.action.value}${i}`, localKey: `old.${p.action.value}${i}` } }
        : p,
    ),
  };
}

function emit(model: Model, s: Spec): { content: string; prettierLayout: boolean | undefined } {
  const context: EmitContext = {
    lockBefore: undefined,
    lock: {
      version: 1,
      nextId: model.permissions.length,
      active: new Map(model.permissions.map((p) => [p.key, p.id])),
      retired: new Map(),
    },
    existingFiles: new Map(),
  };
  const files = filesOf(
    emitTypeScript(
      model,
      { language: "typescript", out: "/p/permissions.ts", enumStyle: s.style, names: s.names },
      context,
    ),
  );
  const file = files[0];
  if (file === undefined) throw new Error("no file");
  return { content: file.content, prettierLayout: file.prettierLayout };
}

const SEED = 20261201;
const RUNS = 240;

describe("the TypeScript emitter's own prettier layout", () => {
  it("is exactly prettier's output whenever the file claims it, over random schemas", async () => {
    let claimed = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        const model = buildModel(s);
        const { content, prettierLayout } = emit(model, s);
        total++;
        if (prettierLayout !== true) return;
        claimed++;
        const formatted = await prettier.format(content, { parser: "babel-ts" });
        expect(content).toBe(formatted);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(total).toBe(RUNS);
    // The printer must not get by on doubts: most random schemas are laid out without prettier.
    expect(claimed / total).toBeGreaterThan(0.5);
  }, 120_000);
});
