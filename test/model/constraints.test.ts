/**
 * Constraints in the model (CONTRACT §9): what `Model.constraints` holds, that constraints
 * stay out of the digest, that they name roles by their current names, and — by random
 * schemas — that the checker's verdict equals a brute-force recomputation from each role's
 * expanded permissions.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatDiagnostic, sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { EMPTY_LOCK, type Lock } from "../../src/lock/lock.js";
import { loadModel } from "../../src/model/load-model.js";
import { loadFromSource, modelFromSource, TEST_ROOT } from "../helpers/model.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

const SCHEMA_PATH = "schema/permissions.ts";

function load(text: string, lock: Lock = EMPTY_LOCK): ReturnType<typeof loadModel> {
  return loadModel({
    schemas: [{ file: `${TEST_ROOT}/${SCHEMA_PATH}`, path: SCHEMA_PATH, module: undefined, text }],
    lock,
  });
}

function errorsOf(text: string, lock: Lock = EMPTY_LOCK): string[] {
  return sortDiagnostics(load(text, lock).diagnostics).map((d) => formatDiagnostic(d, TEST_ROOT));
}

describe("Model.constraints", () => {
  test("keys carry the namespace, patterns stay as written, resource.* covers its keys in schema order", () => {
    const schema = REFERENCE_SCHEMA.replace(`rt_lead: ["*"]`, `rt_lead: ["user.manage", "alert.read"]`);
    const model = modelFromSource(`${schema}
export const constraints = {
  exclusive: [["engagement.*", "user.manage"], ["user.manage", "engagement.member.manage"]],
  restricted: { "user.manage": ["rt_lead"], "alert.*": ["rt_lead", "rt_operator", "soc_analyst"] },
} as const;
`);
    expect(model.constraints).toEqual({
      exclusive: [
        {
          entries: ["engagement.*", "user.manage"],
          keys: ["soc.engagement.create", "soc.engagement.read", "soc.user.manage"],
        },
        {
          entries: ["user.manage", "engagement.member.manage"],
          keys: ["soc.user.manage", "soc.engagement.member.manage"],
        },
      ],
      restricted: [
        { pattern: "user.manage", keys: ["soc.user.manage"], roles: ["rt_lead"] },
        {
          pattern: "alert.*",
          keys: ["soc.alert.read", "soc.alert.acknowledge"],
          roles: ["rt_lead", "rt_operator", "soc_analyst"],
        },
      ],
    });
    expect(Object.isFrozen(model.constraints.restricted[0]?.keys)).toBe(true);
    expect(Object.isFrozen(model.constraints.exclusive[0]?.entries)).toBe(true);
  });

  test("both lists are empty when the schema declares no constraints", () => {
    expect(modelFromSource(REFERENCE_SCHEMA).constraints).toEqual({ exclusive: [], restricted: [] });
  });

  test("constraints change no output, so the digest stays the same with or without them", () => {
    const withConstraints = modelFromSource(`${REFERENCE_SCHEMA}
export const constraints = { restricted: { "user.manage": ["rt_lead"] } } as const;
`);
    expect(withConstraints.digest).toBe(modelFromSource(REFERENCE_SCHEMA).digest);
  });
});

describe("violations", () => {
  test("a permission added later reaches a * role, and the error names the wildcard", () => {
    const schema = REFERENCE_SCHEMA.replace(
      "[Resource.User]: [Action.Manage],",
      "[Resource.User]: [Action.Manage, Action.Create],",
    ).replace(`soc_analyst: ["alert.read"],`, `soc_analyst: ["alert.read"],\n  admin: ["*"],`);
    expect(
      errorsOf(`${schema}
export const constraints = { restricted: { "user.create": ["rt_lead"] } } as const;
`),
    ).toEqual([
      `schema/permissions.ts:31:3: error PG0315: admin holds soc.user.create through "*", but only rt_lead may (restricted at schema/permissions.ts:37:44)`,
    ]);
  });

  test("no violation means a model, with the constraints it keeps", () => {
    const result = load(`${REFERENCE_SCHEMA}
export const constraints = {
  exclusive: [["user.manage", "alert.acknowledge"], ["engagement.create", "alert.*"]],
  restricted: { "user.*": ["rt_lead"] },
} as const;
`);
    // rt_lead holds both of each set through "*"; rt_operator holds two alert keys, but both
    // are of one entry ("alert.*"), which a set does not forbid.
    expect(result.model).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}`)).toEqual(["PG0316 28", "PG0316 28"]);
    const fixed = load(`${REFERENCE_SCHEMA.replace(`rt_lead: ["*"]`, `rt_lead: ["user.*", "alert.read"]`)}
export const constraints = {
  exclusive: [["user.manage", "alert.acknowledge"], ["engagement.create", "alert.*"]],
  restricted: { "user.*": ["rt_lead"] },
} as const;
`);
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.model?.constraints.exclusive).toHaveLength(2);
  });

  test("a restricted list naming a role's former name says it was renamed", () => {
    const { lock } = loadFromSource(REFERENCE_SCHEMA);
    const renamed = REFERENCE_SCHEMA.replace(
      `soc_analyst: ["alert.read"],`,
      `/** @renamedFrom soc_analyst */\n  analyst: ["alert.read"],`,
    );
    expect(
      errorsOf(`${renamed}
export const constraints = { restricted: { "alert.read": ["rt_lead", "rt_operator", "soc_analyst"] } } as const;
`, lock),
    ).toEqual([
      `schema/permissions.ts:37:85: error PG0312: unknown role "soc_analyst" in constraints.restricted["alert.read"]: it was renamed to "analyst" (@renamedFrom soc_analyst); constraints name roles by their current name`,
    ]);
    expect(
      errorsOf(`${renamed}
export const constraints = { restricted: { "alert.read": ["rt_lead", "rt_operator", "analyst"] } } as const;
`, lock),
    ).toEqual([]);
  });

  test("a restricted list when the schema declares no roles", () => {
    const noRoles = REFERENCE_SCHEMA.replace(/\/\*\* Optional\. Roles[\s\S]*?as const;\n/, "");
    expect(
      errorsOf(`${noRoles}
export const constraints = { restricted: { "user.manage": ["rt_lead"] } } as const;
`),
    ).toEqual([
      `schema/permissions.ts:29:60: error PG0312: unknown role "rt_lead" in constraints.restricted["user.manage"]: the schema declares no roles`,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random roles and constraints, checked against a brute-force recomputation.

const RESOURCES = ["pay", "pay.refund", "user"] as const;
const ACTIONS = ["create", "approve", "read"] as const;

interface Random {
  /** Per resource, which actions it has (a bit per action). */
  readonly actionBits: readonly number[];
  readonly roles: readonly (readonly number[])[];
  readonly exclusive: readonly (readonly number[])[];
  readonly restricted: readonly { readonly pattern: number; readonly roles: readonly number[] }[];
}

/** Every grant or entry text the random schemas may use: `*`, `<resource>.*`, exact keys. */
function vocabularyOf(actionBits: readonly number[]): { keys: string[]; patterns: string[] } {
  const keys = RESOURCES.flatMap((r, i) =>
    ACTIONS.filter((_, a) => ((actionBits[i] ?? 0) >> a) & 1).map((a) => `${r}.${a}`),
  );
  return { keys, patterns: [...RESOURCES.map((r) => `${r}.*`), ...keys] };
}

/** The keys (without namespace) a pattern covers; `resource.*` covers exactly that resource. */
function coverOf(pattern: string, keys: readonly string[]): string[] {
  if (pattern === "*") return [...keys];
  if (pattern.endsWith(".*")) {
    const resource = pattern.slice(0, -2);
    return keys.filter((k) => k.slice(0, k.lastIndexOf(".")) === resource);
  }
  return keys.filter((k) => k === pattern);
}

const arbitrary = fc.record({
  actionBits: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 3, maxLength: 3 }),
  roles: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 4 }), { minLength: 1, maxLength: 5 }),
  exclusive: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 2, maxLength: 4 }), { maxLength: 3 }),
  restricted: fc.array(
    fc.record({ pattern: fc.integer({ min: 0, max: 11 }), roles: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }) }),
    { maxLength: 3 },
  ),
});

/** The schema text of a random case; what would be refused (overlaps, repeated entries or sets) is left out. */
function renderCase(random: Random): {
  text: string;
  roles: { name: string; grants: string[] }[];
  exclusive: string[][];
  restricted: { pattern: string; roles: string[] }[];
} {
  const { keys, patterns } = vocabularyOf(random.actionBits);
  const grantTexts = ["*", ...patterns];
  const roles = random.roles.map((grants, i) => ({
    name: `role_${i}`,
    grants: grants.flatMap((g) => grantTexts[g % grantTexts.length] ?? []).filter((g, j, all) => all.indexOf(g) === j),
  }));
  const exclusive = random.exclusive
    .map((set) => {
      const entries: string[] = [];
      for (const index of set) {
        const entry = patterns[index % patterns.length] ?? "";
        const cover = coverOf(entry, keys);
        if (entries.includes(entry) || entries.some((e) => coverOf(e, keys).some((k) => cover.includes(k)))) continue;
        entries.push(entry);
      }
      return entries;
    })
    .filter((entries) => entries.length >= 2)
    .filter((entries, i, all) => {
      const same = (other: string[]): boolean => JSON.stringify([...other].sort()) === JSON.stringify([...entries].sort());
      return all.findIndex(same) === i;
    });
  const seen = new Set<string>();
  const restricted = random.restricted.flatMap((r) => {
    const pattern = patterns[r.pattern % patterns.length] ?? "";
    if (seen.has(pattern)) return [];
    seen.add(pattern);
    const allowed = [...new Set(r.roles.map((i) => roles[i % roles.length]?.name ?? ""))];
    return [{ pattern, roles: allowed }];
  });
  const pairs = RESOURCES.map((r, i) => {
    const actions = ACTIONS.filter((_, a) => ((random.actionBits[i] ?? 0) >> a) & 1);
    return `  "${r}": [${actions.map((a) => JSON.stringify(a)).join(", ")}],`;
  });
  const text = `export enum Resource { Pay = "pay", Refund = "pay.refund", User = "user" }
export enum Action { Create = "create", Approve = "approve", Read = "read" }
export const permissions = {
${pairs.join("\n")}
} as const;
export const roles = {
${roles.map((r) => `  ${r.name}: [${r.grants.map((g) => JSON.stringify(g)).join(", ")}],`).join("\n")}
} as const;
export const namespace = "ns";
`;
  return { text, roles, exclusive, restricted };
}

describe("the checker against a brute-force recomputation", () => {
  test("random roles and constraints: the same violations, through the same grants", () => {
    fc.assert(
      fc.property(arbitrary, (random) => {
        const { text, roles, exclusive, restricted } = renderCase(random);
        const base = modelFromSource(text);
        const keysOf = (pattern: string): string[] =>
          coverOf(pattern, base.permissions.map((p) => p.localKey)).map((k) => `ns.${k}`);
        const expected: string[] = [];
        for (const role of base.roles) {
          const held = new Set(role.permissions.map((p) => p.key));
          const grantsOf = (key: string): string =>
            (roles.find((r) => r.name === role.name)?.grants ?? [])
              .filter((g) => keysOf(g).includes(key))
              .join(" ");
          for (const r of restricted) {
            if (r.roles.includes(role.name)) continue;
            for (const key of keysOf(r.pattern)) {
              if (held.has(key)) expected.push(`PG0315 ${role.name} ${key} via ${grantsOf(key)}`);
            }
          }
          for (const set of exclusive) {
            const entriesHeld = set.filter((entry) => keysOf(entry).some((k) => held.has(k)));
            const together = set.flatMap(keysOf).filter((k) => held.has(k));
            if (entriesHeld.length >= 2) {
              expected.push(`PG0316 ${role.name} ${together.map((k) => `${k} via ${grantsOf(k)}`).join(", ")}`);
            }
          }
        }
        const constraints = `export const constraints = {
  exclusive: ${JSON.stringify(exclusive)},
  restricted: {${restricted.map((r) => `${JSON.stringify(r.pattern)}: ${JSON.stringify(r.roles)}`).join(", ")}},
} as const;
`;
        const result = load(text + constraints);
        const actual = result.diagnostics.map((d) => {
          const role = base.roles.find((r) => r.position.line === d.line && r.position.column === d.column);
          const name = role?.name ?? `<not at a role: ${d.line}:${d.column}>`;
          const via = (grants: string): string => (JSON.parse(`[${grants.replace(/ and /g, ", ")}]`) as string[]).join(" ");
          if (d.code === "PG0315") {
            const m = /^(\w+) holds (\S+) through (.+), but /.exec(d.message);
            return `PG0315 ${m?.[1] === name ? name : "<wrong role>"} ${m?.[2]} via ${via(m?.[3] ?? "")}`;
          }
          const items = [...d.message.matchAll(/(ns\.\S+) \(through ([^)]+)\)/g)].map((m) => `${m[1]} via ${via(m[2] ?? "")}`);
          return `${d.code} ${d.message.startsWith(`${name} holds `) ? name : "<wrong role>"} ${items.join(", ")}`;
        });
        expect(actual.sort()).toEqual(expected.sort());
        expect(result.model === undefined).toBe(expected.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});
