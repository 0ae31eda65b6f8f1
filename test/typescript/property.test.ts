/**
 * Property: for random valid schemas (resource and action values within the format rules,
 * random subsets as pairs, random roles with valid grants, an optional namespace, either enum
 * style), the schema reads, and the emitted code compiles under strict tsc together with its
 * consumer (exact types pinned, undeclared pairs rejected). All schemas of a run are checked as
 * one tsc program to keep it fast.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertToPascalCase } from "../../src/targets/case.js";
import { emitFormattedTypeScript } from "../helpers/emit.js";
import { modelFromSource } from "../helpers/model.js";
import { compileFiles } from "./compile.js";
import { buildConsumer, renderConsumer } from "./consumer.js";

interface SchemaSpec {
  readonly resources: readonly string[];
  readonly actions: readonly string[];
  /** For each resource, which actions it supports (indexes into `actions`). */
  readonly pairs: readonly (readonly number[])[];
  /** Role name → grants. */
  readonly roles: readonly (readonly [string, readonly string[]])[];
  readonly namespace: string | undefined;
  readonly style: "enum" | "const";
}

const segment = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/);
const tricky = fc.constantFrom(
  "constructor",
  "prototype",
  "to_string",
  "has_own_property",
  "delete",
  "default",
);
const resourceValue = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(".")),
  tricky,
);
const actionValue = fc.oneof(segment, tricky);

const schemaSpec: fc.Arbitrary<SchemaSpec> = fc
  .record({
    resources: fc.uniqueArray(resourceValue, { minLength: 1, maxLength: 6 }),
    actions: fc.uniqueArray(actionValue, { minLength: 1, maxLength: 5 }),
    namespace: fc.option(fc.stringMatching(/^[a-z][a-z0-9_]{0,4}$/), { nil: undefined }),
    style: fc.constantFrom("enum" as const, "const" as const),
    roleNames: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), {
      maxLength: 4,
      // Distinct TypeScript role names (PascalCase; a role name is never escaped).
      selector: (name) => convertToPascalCase(name),
    }),
  })
  .chain(({ resources, actions, namespace, style, roleNames }) =>
    fc
      .record({
        pairs: fc.tuple(...resources.map(() => fc.subarray(actions.map((_, index) => index)))),
        grantPicks: fc.tuple(...roleNames.map(() => fc.array(fc.nat(), { maxLength: 4 }))),
      })
      .map(({ pairs, grantPicks }) => {
        const localKeys = resources.flatMap((r, i) =>
          (pairs[i] ?? []).map((a) => `${r}.${actions[a]}`),
        );
        const grantable = ["*", ...resources.map((r) => `${r}.*`), ...localKeys];
        const roles = roleNames.map(
          (name, i) =>
            [
              name,
              [
                ...new Set(
                  (grantPicks[i] ?? []).map((n) => grantable[n % grantable.length] ?? "*"),
                ),
              ],
            ] as const,
        );
        return { resources, actions, pairs, roles, namespace, style };
      }),
  );

/** Renders a spec as a schema file, the way a user would write it. */
function renderSchema(spec: SchemaSpec): string {
  const pascal = (value: string): string =>
    value
      .split(/[._]/)
      .filter((part) => part !== "")
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join("");
  const resourceNames = spec.resources.map((value, i) => `${pascal(value)}R${i}`);
  const actionNames = spec.actions.map((value, i) => `${pascal(value)}A${i}`);
  const lines = [
    "export enum Resource {",
    ...spec.resources.map((value, i) => `  ${resourceNames[i]} = ${JSON.stringify(value)},`),
    "}",
    "export enum Action {",
    ...spec.actions.map((value, i) => `  ${actionNames[i]} = ${JSON.stringify(value)},`),
    "}",
    "export const permissions = {",
    ...spec.resources.map(
      (_, i) =>
        `  [Resource.${resourceNames[i]}]: [${(spec.pairs[i] ?? []).map((a) => `Action.${actionNames[a]}`).join(", ")}],`,
    ),
    "} as const;",
  ];
  if (spec.roles.length > 0) {
    lines.push(
      "export const roles = {",
      ...spec.roles.map(
        ([name, grants]) => `  ${name}: [${grants.map((g) => JSON.stringify(g)).join(", ")}],`,
      ),
      "} as const;",
    );
  }
  if (spec.namespace !== undefined)
    lines.push(`export const namespace = ${JSON.stringify(spec.namespace)};`);
  return `${lines.join("\n")}\n`;
}

describe("random valid schemas", () => {
  it("emit TypeScript that compiles under strict tsc with its consumer", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(schemaSpec, { minLength: 20, maxLength: 20 }), async (specs) => {
        const constFiles: Record<string, string> = {};
        const enumFiles: Record<string, string> = {};
        for (const [i, spec] of specs.entries()) {
          const model = modelFromSource(renderSchema(spec));
          const files = spec.style === "const" ? constFiles : enumFiles;
          files[`case${i}/permissions.ts`] = await emitFormattedTypeScript(model, {
            enumStyle: spec.style,
          });
          files[`case${i}/consumer.ts`] = renderConsumer(buildConsumer(model, spec.style));
        }
        expect(compileFiles(enumFiles)).toEqual([]);
        expect(compileFiles(constFiles, { erasable: true })).toEqual([]);
      }),
      { numRuns: 1, endOnFailure: true },
    );
  });
});
