/**
 * The reader of `export const constraints` (CONTRACT §9): the shapes it accepts, with the
 * positions the model builder's messages point at, and every shape it refuses, positioned.
 */
import { describe, expect, test } from "vitest";
import { formatDiagnostic, sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import { loadModel } from "../../src/model/load-model.js";
import type { RawConstraints, RawConstraintText } from "../../src/schema/raw-schema.js";
import { readSchema } from "../../src/schema/read-schema.js";

const FILE = "/repo/schema/permissions.ts";

const HEAD = `export enum Resource {
  Payment = "payment",
}
export enum Action {
  Create = "create",
  Approve = "approve",
}
export const permissions = { [Resource.Payment]: [Action.Create, Action.Approve] } as const;
export const roles = { lead: ["*"] } as const;
`;

function read(constraints: string): { raw: RawConstraints | undefined; errors: string[] } {
  const result = readSchema(FILE, HEAD + constraints);
  return {
    raw: result.raw?.constraints,
    errors: result.diagnostics.map((d) => formatDiagnostic(d, "/repo")),
  };
}

const show = (t: RawConstraintText): string => `${t.text}@${t.position.line}:${t.position.column}`;

describe("readConstraints accepts", () => {
  test("exclusive sets and restricted patterns with the position of every string", () => {
    const { raw, errors } = read(`/** Rules. */
export const constraints = {
  exclusive: [["payment.create", "payment.approve"], ['payment.*', \`user.*\`]],
  restricted: { "payment.approve": ["lead", "auditor"], 'user.*': [] },
} as const satisfies object;
`);
    expect(errors).toEqual([]);
    expect(raw?.exclusive.map((s) => [`${s.position.line}:${s.position.column}`, s.entries.map(show)])).toEqual([
      ["12:15", ["payment.create@12:16", "payment.approve@12:34"]],
      ["12:54", ["payment.*@12:55", "user.*@12:68"]],
    ]);
    expect(raw?.restricted.map((r) => [show(r.pattern), r.roles.map(show)])).toEqual([
      ["payment.approve@13:17", ["lead@13:37", "auditor@13:45"]],
      ["user.*@13:57", []],
    ]);
    expect(raw?.position).toMatchObject({ line: 11, column: 14 });
  });

  test("identifier property names, parentheses and a separate export list", () => {
    const { raw, errors } = read(`const constraints = ({ exclusive: ([["payment.create", "payment.approve"]]) });
export { constraints };
`);
    expect(errors).toEqual([]);
    expect(raw?.exclusive[0]?.entries.map((e) => e.text)).toEqual(["payment.create", "payment.approve"]);
    expect(raw?.restricted).toEqual([]);
  });

  test("no constraints declaration: undefined, not an empty object", () => {
    expect(read("").raw).toBeUndefined();
  });
});

describe("readConstraints refuses, each at its position", () => {
  test.each([
    [
      "a spread of the whole object",
      `const base = {};\nexport const constraints = { ...base };`,
      ["schema/permissions.ts:11:30: error PG0105: unsupported spread `...base` in constraints; expected \"exclusive: [...]\" or \"restricted: {...}\" (permgen reads the schema, it does not run it)"],
    ],
    [
      "a spread inside a set and of a set",
      `const more = ["x.y"];\nexport const constraints = { exclusive: [["payment.create", ...more], ...[]] };`,
      [
        "schema/permissions.ts:11:61: error PG0105: unsupported spread `...more` in constraints.exclusive; expected a permission key such as \"payment.create\", or \"payment.*\" (permgen reads the schema, it does not run it)",
        "schema/permissions.ts:11:71: error PG0105: unsupported spread `...[]` in constraints.exclusive; expected a set such as [\"payment.create\", \"payment.approve\"] (permgen reads the schema, it does not run it)",
      ],
    ],
    [
      "a call instead of the object",
      `export const constraints = build();`,
      ["schema/permissions.ts:10:28: error PG0105: unsupported call `build()` in constraints; expected an object literal (permgen reads the schema, it does not run it)"],
    ],
    [
      "non-string entries and role names",
      `export const constraints = { exclusive: [["payment.create", 1]], restricted: { "payment.approve": [true, Role.Lead] } };`,
      [
        "schema/permissions.ts:10:61: error PG0105: unsupported number `1` in constraints.exclusive; expected a permission key such as \"payment.create\", or \"payment.*\"",
        "schema/permissions.ts:10:100: error PG0105: unsupported boolean `true` in constraints.restricted; expected a role name such as \"rt_lead\"",
        "schema/permissions.ts:10:106: error PG0105: unsupported reference `Role.Lead` in constraints.restricted; expected a role name such as \"rt_lead\" (permgen reads the schema, it does not run it)",
      ],
    ],
    [
      "a set that is not an array and lists that are not arrays",
      `export const constraints = { exclusive: ["payment.create"], restricted: { "payment.approve": "lead" } };`,
      [
        "schema/permissions.ts:10:42: error PG0105: unsupported string literal `\"payment.create\"` in constraints.exclusive; expected a set such as [\"payment.create\", \"payment.approve\"]",
        "schema/permissions.ts:10:94: error PG0105: unsupported string literal `\"lead\"` in constraints.restricted; expected an array of role names such as [\"rt_lead\"]",
      ],
    ],
    [
      "exclusive as an object and restricted as an array",
      `export const constraints = { exclusive: {}, restricted: [] };`,
      [
        "schema/permissions.ts:10:41: error PG0105: unsupported object `{}` in constraints.exclusive; expected an array of sets such as [[\"payment.create\", \"payment.approve\"]]",
        "schema/permissions.ts:10:57: error PG0105: unsupported array `[]` in constraints.restricted; expected an object such as { \"user.manage\": [\"rt_lead\"] }",
      ],
    ],
    [
      "an unknown property, a computed key and a method",
      `export const constraints = { separate: [], [kind]: [], restricted: { [\`payment.create\`]: [] }, check() {} };`,
      [
        "schema/permissions.ts:10:30: error PG0310: unknown constraint \"separate\": constraints has \"exclusive\" and \"restricted\"",
        "schema/permissions.ts:10:44: error PG0310: unsupported computed key `[kind]` in constraints: write the name itself, such as exclusive: [...]",
        "schema/permissions.ts:10:70: error PG0310: unsupported computed key `[`payment.create`]` in constraints.restricted: write the name itself, such as \"user.manage\": [...]",
        "schema/permissions.ts:10:96: error PG0105: unsupported method `check() {}` in constraints; expected \"exclusive: [...]\" or \"restricted: {...}\"",
      ],
    ],
    [
      "a kind declared twice",
      `export const constraints = { exclusive: [], exclusive: [] };`,
      ["schema/permissions.ts:10:45: error PG0313: constraints.exclusive is declared twice; write all its entries in one"],
    ],
    [
      "a let declaration",
      `export let constraints = {};`,
      ["schema/permissions.ts:10:12: error PG0106: constraints must be declared with const: write \"export const constraints = ...\""],
    ],
    [
      "a declaration that is not exported",
      `const constraints = {};`,
      ["schema/permissions.ts:10:7: error PG0104: constraints must be exported: write \"export const constraints\""],
    ],
  ])("%s", (_name, text, expected) => {
    expect(read(text).errors).toEqual(expected);
  });
});

describe("hostile text in constraints", () => {
  test("a pattern, entry or role holding line breaks and workflow commands stays on its line", () => {
    const hostile = `"a\\u2028::error file=x::pwned", "b\\nc"`;
    const text = `${HEAD}export const constraints = {
  exclusive: [[${hostile}]],
  restricted: { "x\\u2029y": ["r\\u0085\\u001b[31m"], [\`\\u2028\`]: [] },
} as const;
`;
    const result = loadModel({
      schemas: [{ file: FILE, path: "schema/permissions.ts", module: undefined, text }],
      lock: EMPTY_LOCK,
    });
    const lines = sortDiagnostics(result.diagnostics).map((d) => formatDiagnostic(d, "/repo"));
    expect(result.model).toBeUndefined();
    expect(lines.map((line) => line.slice(0, line.indexOf(" error ") + 13))).toEqual([
      "schema/permissions.ts:11:16: error PG0310",
      "schema/permissions.ts:11:48: error PG0310",
      "schema/permissions.ts:12:17: error PG0310",
      "schema/permissions.ts:12:30: error PG0312",
      "schema/permissions.ts:12:52: error PG0310",
    ]);
    for (const line of lines) {
      expect(line).not.toMatch(/[\n\r\u2028\u2029\u0085\u001b]/);
    }
  });
});
