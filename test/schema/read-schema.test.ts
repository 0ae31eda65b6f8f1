import { describe, expect, test } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import type { RawRef, RawSchema } from "../../src/schema/raw-schema.js";
import { readSchema } from "../../src/schema/read-schema.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

const FILE = "/repo/schema/permissions.ts";

const ENUMS = `export enum Resource {
  Alert = "alert",
  User = "user",
}
export enum Action {
  Read = "read",
  Manage = "manage",
}
`;

/** Reads a schema that must be valid and returns its raw declarations. */
function readValid(text: string): RawSchema {
  const result = readSchema(FILE, text);
  expect(result.diagnostics.map((d) => formatDiagnostic(d, "/repo"))).toEqual([]);
  if (result.raw === undefined) throw new Error("no raw schema");
  return result.raw;
}

/** Reads a schema and returns its formatted diagnostics. */
function readErrors(text: string): string[] {
  return readSchema(FILE, text).diagnostics.map((d) => formatDiagnostic(d, "/repo"));
}

function showRef(ref: RawRef): string {
  if (ref.kind === "rejected") return "<rejected>";
  const at = `@${ref.position.line}:${ref.position.column}`;
  return ref.kind === "member" ? `.${ref.member}${at}` : `"${ref.value}"${at}`;
}

/** One line per permissions entry: `key -> element, element`. */
function showPermissions(raw: RawSchema): string[] {
  return raw.permissions.entries.map(
    (e) => `${showRef(e.resource)} -> ${e.actions.map((a) => showRef(a.action)).join(", ")}`,
  );
}

describe("readSchema on the CONTRACT example", () => {
  const raw = readValid(REFERENCE_SCHEMA);

  test("reads enum members with names, values, positions and docs", () => {
    expect(
      raw.resource.members.map((m) => [
        m.name,
        m.value.kind === "string" ? m.value.value : m.value.kind,
        `${m.position.line}:${m.position.column}`,
        m.doc.description,
      ]),
    ).toEqual([
      ["Alert", "alert", "4:3", "Security alerts raised by detections."],
      ["Engagement", "engagement", "5:3", undefined],
      ["EngagementMember", "engagement.member", "6:3", undefined],
      ["User", "user", "7:3", undefined],
    ]);
    expect(raw.action.members.map((m) => m.name)).toEqual([
      "Read",
      "Acknowledge",
      "Create",
      "Manage",
    ]);
    expect(raw.resource.doc).toEqual({
      description: "Things a permission can be about.",
      deprecated: undefined,
    });
    expect(raw.resource.position).toEqual({ file: FILE, line: 2, column: 13 });
  });

  test("reads permissions entries in order with element positions", () => {
    expect(showPermissions(raw)).toEqual([
      ".Alert@19:4 -> .Read@19:22, .Acknowledge@19:35",
      ".Engagement@20:4 -> .Create@20:27, .Read@20:42",
      ".EngagementMember@21:4 -> .Manage@21:33",
      ".User@22:4 -> .Manage@22:21",
    ]);
    expect(raw.permissions.doc.description).toBe("The only (resource, action) pairs that exist.");
  });

  test("reads roles with grants, docs and the namespace", () => {
    expect(
      raw.roles?.roles.map((r) => [r.name, r.grants.map((g) => g.text), r.doc.description]),
    ).toEqual([
      ["rt_lead", ["*"], "Red-team lead: everything, including permissions added later."],
      ["rt_operator", ["alert.*", "engagement.read"], undefined],
      ["soc_analyst", ["alert.read"], undefined],
    ]);
    expect(raw.roles?.roles[1]?.grants[1]?.position).toEqual({ file: FILE, line: 29, column: 28 });
    expect(raw.namespace).toEqual({ value: "soc", position: { file: FILE, line: 34, column: 26 } });
  });
});

describe("readSchema accepts every literal form", () => {
  test.each([
    ["as const", `{ [Resource.Alert]: [Action.Read] } as const`],
    [
      "satisfies",
      `{ [Resource.Alert]: [Action.Read] } satisfies Partial<Record<Resource, readonly Action[]>>`,
    ],
    [
      "as const satisfies",
      `{ [Resource.Alert]: [Action.Read] } as const satisfies Record<string, readonly Action[]>`,
    ],
    ["parenthesized", `(({ [Resource.Alert]: [Action.Read] }) as const)`],
    ["bare object", `{ [Resource.Alert]: [Action.Read] }`],
    ["as const on the array", `{ [Resource.Alert]: [Action.Read] as const }`],
  ])("permissions written with %s", (_name, initializer) => {
    const raw = readValid(`${ENUMS}export const permissions = ${initializer};\n`);
    expect(showPermissions(raw).map((line) => line.replace(/@\d+:\d+/g, ""))).toEqual([
      ".Alert -> .Read",
    ]);
  });

  test("string keys, identifier keys, element access and string elements", () => {
    const raw = readValid(`${ENUMS}export const permissions = {
  "alert": ["read", \`manage\`],
  user: [Action["Read"]],
  ["alert"]: [Action.Manage],
  [Resource["User"]]: [],
};
`);
    expect(showPermissions(raw)).toEqual([
      `"alert"@10:3 -> "read"@10:13, "manage"@10:21`,
      `"user"@11:3 -> .Read@11:10`,
      `"alert"@12:4 -> .Manage@12:15`,
      `.User@13:4 -> `,
    ]);
  });

  test("a JSDoc comment before an array element documents that permission", () => {
    const raw = readValid(`${ENUMS}export const permissions = {
  [Resource.Alert]: [
    /** See an alert. */
    Action.Read,
    // a line comment is not documentation
    Action.Manage,
    /**
     * Old way to manage.
     * @deprecated use the admin console
     */
    "manage",
  ],
};
`);
    const docs = raw.permissions.entries[0]?.actions.map((a) => a.doc);
    expect(docs).toEqual([
      { description: "See an alert.", deprecated: undefined },
      { description: undefined, deprecated: undefined },
      { description: "Old way to manage.", deprecated: "use the admin console" },
    ]);
  });

  test("@deprecated on enum members and on the enum itself", () => {
    const raw = readValid(`/**
 * Resources.
 * @deprecated
 */
export enum Resource {
  /** @deprecated use User */
  Account = "account",
  /**
   * People.
   *
   * Second paragraph.
   */
  User = "user",
}
export enum Action { Read = "read" }
export const permissions = { [Resource.User]: [Action.Read] };
`);
    expect(raw.resource.doc).toEqual({ description: "Resources.", deprecated: "" });
    expect(raw.resource.members.map((m) => m.doc)).toEqual([
      { description: undefined, deprecated: "use User" },
      { description: "People.\n\nSecond paragraph.", deprecated: undefined },
    ]);
  });

  test("roles with string keys, JSDoc and @deprecated", () => {
    const raw = readValid(`${ENUMS}export const permissions = { [Resource.Alert]: [Action.Read] };
export const roles = {
  /** Sees alerts. */
  "viewer": ["alert.read"],
  /** @deprecated merged into viewer */
  ["old_viewer"]: [\`alert.*\`],
  admin: ["*"],
} satisfies Record<string, readonly string[]>;
`);
    expect(raw.roles?.roles.map((r) => [r.name, r.grants.map((g) => g.text), r.doc])).toEqual([
      ["viewer", ["alert.read"], { description: "Sees alerts.", deprecated: undefined }],
      ["old_viewer", ["alert.*"], { description: undefined, deprecated: "merged into viewer" }],
      ["admin", ["*"], { description: undefined, deprecated: undefined }],
    ]);
  });

  test("declarations exported with a separate export list", () => {
    const raw = readValid(`enum Resource { Alert = "alert" }
enum Action { Read = "read" }
const permissions = { [Resource.Alert]: [Action.Read] };
export { Resource, Action, permissions };
`);
    expect(showPermissions(raw)).toEqual([".Alert@3:24 -> .Read@3:42"]);
  });

  test("other statements are ignored", () => {
    const raw = readValid(`import { something } from "./elsewhere.js";
import type { Other } from "./types.js";
// A comment.
export type Pair = readonly [string, string];
const helper = () => something();
export function describe(): string { return helper(); }
${ENUMS}export const permissions = { [Resource.Alert]: [Action.Read] } as const;
export const other = compute();
`);
    expect(showPermissions(raw)).toEqual([".Alert@15:31 -> .Read@15:49"]);
    expect(raw.roles).toBeUndefined();
    expect(raw.namespace).toBeUndefined();
  });

  test("merged enum declarations keep their members in file order", () => {
    const raw = readValid(`export enum Resource { Alert = "alert" }
export enum Action { Read = "read" }
export enum Resource { User = "user" }
export const permissions = {};
`);
    expect(raw.resource.members.map((m) => m.name)).toEqual(["Alert", "User"]);
  });

  test("enum members without a string value are kept for the model builder", () => {
    const raw = readValid(`export enum Resource { Alert = 1, User, Team = -2, "quoted-name" = "q" }
export enum Action { Read = "read" }
export const permissions = {};
`);
    expect(
      raw.resource.members.map((m) => [
        m.name,
        m.value.kind === "non-string" ? m.value.found : m.value.kind,
      ]),
    ).toEqual([
      ["Alert", "1"],
      ["User", ""],
      ["Team", "-2"],
      ["quoted-name", "string"],
    ]);
  });
});

describe("readSchema rejects what it would have to run", () => {
  test("every unsupported expression is reported at its position", () => {
    expect(
      readErrors(`const extra = ["read"];
export enum Resource { Alert = "alert", User = makeValue(), Team = "a" + "b" }
export enum Action { Read = "read" }
export const permissions = {
  [Resource.Alert]: [...extra, Action.Read, Resource.User, 3],
  [keyOf("user")]: [Action.Read],
  user: actions(),
  ...more,
  shorthand,
  method() { return []; },
  get getter() { return []; },
  7: [],
};
export const roles = { admin: [grantAll()], [key]: [], ops: "alert.*" };
export const namespace = prefix;
`),
    ).toEqual([
      "schema/permissions.ts:2:48: error PG0105: unsupported call `makeValue()` in Resource; expected a string literal (permgen reads the schema, it does not run it)",
      `schema/permissions.ts:2:68: error PG0105: unsupported computed value \`"a" + "b"\` in Resource; expected a string literal`,
      "schema/permissions.ts:5:22: error PG0105: unsupported spread `...extra` in permissions; expected Action.Member or an action string (permgen reads the schema, it does not run it)",
      "schema/permissions.ts:5:45: error PG0105: unsupported reference `Resource.User` in permissions; expected Action.Member or an action string (permgen reads the schema, it does not run it)",
      "schema/permissions.ts:5:60: error PG0105: unsupported number `3` in permissions; expected Action.Member or an action string",
      `schema/permissions.ts:6:4: error PG0105: unsupported call \`keyOf("user")\` in permissions keys; expected Resource.Member or a resource string (permgen reads the schema, it does not run it)`,
      "schema/permissions.ts:7:9: error PG0105: unsupported call `actions()` in permissions; expected an array of actions (permgen reads the schema, it does not run it)",
      `schema/permissions.ts:8:3: error PG0105: unsupported spread \`...more\` in permissions; expected "[Resource.Member]: [...]" (permgen reads the schema, it does not run it)`,
      `schema/permissions.ts:9:3: error PG0105: unsupported shorthand property \`shorthand\` in permissions; expected "[Resource.Member]: [...]" (permgen reads the schema, it does not run it)`,
      `schema/permissions.ts:10:3: error PG0105: unsupported method \`method() { return []; }\` in permissions; expected "[Resource.Member]: [...]"`,
      `schema/permissions.ts:11:3: error PG0105: unsupported getter \`get getter() { return []; }\` in permissions; expected "[Resource.Member]: [...]"`,
      "schema/permissions.ts:12:3: error PG0105: unsupported number `7` in permissions keys; expected [Resource.Member] or a resource string",
      `schema/permissions.ts:14:32: error PG0105: unsupported call \`grantAll()\` in roles; expected a grant string such as "alert.*" (permgen reads the schema, it does not run it)`,
      "schema/permissions.ts:14:46: error PG0105: unsupported variable reference `key` in roles; expected a role name (permgen reads the schema, it does not run it)",
      `schema/permissions.ts:14:61: error PG0105: unsupported string literal \`"alert.*"\` in roles; expected an array of grant strings`,
      `schema/permissions.ts:15:26: error PG0105: unsupported variable reference \`prefix\` in namespace; expected a string literal such as "soc" (permgen reads the schema, it does not run it)`,
    ]);
  });

  test("syntax errors are reported with positions and stop the read", () => {
    const result = readSchema(
      FILE,
      `export enum Resource { Alert = "alert" }\nexport const permissions = { a: [Action.Read };\nconst x = "unterminated;\n`,
    );
    expect(result.raw).toBeUndefined();
    expect(result.diagnostics.map((d) => formatDiagnostic(d, "/repo"))).toEqual([
      "schema/permissions.ts:2:46: error PG0102: syntax error: ',' expected",
      "schema/permissions.ts:3:25: error PG0102: syntax error: unterminated string literal",
    ]);
  });

  test("missing, unexported and wrongly declared declarations", () => {
    expect(readErrors(`export const x = 1;\n`)).toEqual([
      `schema/permissions.ts:1:1: error PG0103: the schema declares no Resource enum; add "export enum Resource { ... }"`,
      `schema/permissions.ts:1:1: error PG0103: the schema declares no Action enum; add "export enum Action { ... }"`,
      `schema/permissions.ts:1:1: error PG0103: the schema declares no permissions; add "export const permissions = { ... }"`,
    ]);
    expect(
      readErrors(`enum Resource { Alert = "alert" }
export const Action = { Read: "read" } as const;
export let permissions = {};
const roles = {};
export const namespace = "a", namespace2 = "b";
export enum namespace {}
`),
    ).toEqual([
      `schema/permissions.ts:1:6: error PG0104: Resource must be exported: write "export enum Resource"`,
      `schema/permissions.ts:2:14: error PG0106: Action must be an enum: write "export enum Action { ... }"`,
      `schema/permissions.ts:3:12: error PG0106: permissions must be declared with const: write "export const permissions = ..."`,
      `schema/permissions.ts:4:7: error PG0104: roles must be exported: write "export const roles"`,
      "schema/permissions.ts:6:13: error PG0106: namespace is declared more than once",
    ]);
  });
});

describe("line terminators outside comments are read as TypeScript reads them (issue 8 item 1)", () => {
  const PERMISSIONS = "export const permissions = { [Resource.Alert]: [Action.Read] } as const;\n";

  test("NEL, VT and FF do not end a // comment, so what follows stays a comment, as for tsc", () => {
    for (const sep of ["\u0085", "\v", "\f"]) {
      const raw = readValid(`${ENUMS}${PERMISSIONS}// hidden${sep}export const roles = { viewer: ["*"] };\n`);
      expect(raw.roles).toBeUndefined();
    }
  });

  test("CR, U+2028 and U+2029 end a line for positions as they do for tsc", () => {
    for (const sep of ["\r", "\u2028", "\u2029", "\r\n"]) {
      const text = `${ENUMS}${PERMISSIONS}//${sep}export const roles = { x: ["nope.*"] };\n`;
      const raw = readValid(text);
      // ENUMS, then the permissions line, the comment line, and the roles on the line after.
      expect(raw.roles?.roles[0]?.position.line).toBe(ENUMS.split("\n").length + 2);
    }
  });
});
