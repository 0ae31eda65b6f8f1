/**
 * The pure half of `permgen import`: readings in, schema text (exact lines) or positioned
 * diagnostics out. The readers are tested through the CLI (test/cli/import.test.ts) and by
 * readers.test.ts; here the readings are written by hand.
 */
import { describe, expect, test } from "vitest";
import type { ImportedPermission, SourceReading } from "../../src/import/imported-vocabulary.js";
import { buildImportedSchema } from "../../src/import/render-schema.js";

const FILE = "/repo/src/perms.py";

function at(line: number): { file: string; line: number; column: number } {
  return { file: FILE, line, column: 5 };
}

function reading(part: Partial<SourceReading>): SourceReading {
  return { file: FILE, permissions: [], roles: [], ids: [], doc: undefined, diagnostics: [], ...part };
}

function keys(...list: string[]): ImportedPermission[] {
  return list.map((key, i) => ({ key, doc: undefined, at: at(i + 1) }));
}

describe("buildImportedSchema", () => {
  test("a shared first part becomes the namespace; roles grant keys without it, or \"*\"", () => {
    const result = buildImportedSchema(
      [
        reading({
          permissions: keys("soc.alert.read", "soc.alert.ack", "soc.case.read", "soc.alert.rule.edit"),
          roles: [
            { name: "analyst", doc: "Reads.", grants: [{ kind: "key", key: "soc.alert.read", at: at(9) }, { kind: "key", key: "soc.alert.ack", at: at(9) }], at: at(9) },
            { name: "lead", doc: undefined, grants: [{ kind: "all", at: at(10) }], at: at(10) },
          ],
          ids: [{ key: "soc.alert.read", id: 4, at: at(1) }],
        }),
      ],
      [],
      ["perms.py"],
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.schema.text.split("\n")).toEqual([
      '// Written by `permgen import` from "perms.py".',
      "// This file is the vocabulary's source of truth now: edit it, then run `permgen generate`.",
      "",
      "export enum Resource {",
      '  Alert = "alert",',
      '  Case = "case",',
      '  AlertRule = "alert.rule",',
      "}",
      "",
      "export enum Action {",
      '  Read = "read",',
      '  Ack = "ack",',
      '  Edit = "edit",',
      "}",
      "",
      "export const permissions = {",
      "  [Resource.Alert]: [Action.Read, Action.Ack],",
      "  [Resource.Case]: [Action.Read],",
      "  [Resource.AlertRule]: [Action.Edit],",
      "} as const;",
      "",
      "export const roles = {",
      "  /** Reads. */",
      '  analyst: ["alert.read", "alert.ack"],',
      '  /** Holds every permission ("*"), including permissions added later. */',
      '  lead: ["*"],',
      "} as const;",
      "",
      'export const namespace = "soc";',
      "",
    ]);
    expect([...(result.schema.ids ?? [])]).toEqual([["soc.alert.read", 4]]);
  });

  test("a role covering a whole resource today still lists its keys: no wildcard it never said", () => {
    const result = buildImportedSchema(
      [
        reading({
          permissions: keys("host.crud", "ttp.read"),
          roles: [{ name: "op", doc: undefined, grants: [{ kind: "key", key: "host.crud", at: at(5) }], at: at(5) }],
        }),
      ],
      [],
      ["perms.py"],
    );
    expect(result.ok && result.schema.text.includes('  op: ["host.crud"],\n')).toBe(true);
  });

  test("every problem at once, each at its place", () => {
    const result = buildImportedSchema(
      [
        reading({
          permissions: keys("alert.read", "Alert.Write", "alert.read", "alert.rule.read", "alert_rule.edit"),
          roles: [
            { name: "Lead", doc: undefined, grants: [], at: at(20) },
            { name: "op", doc: undefined, grants: [{ kind: "key", key: "case.read", at: at(21) }], at: at(21) },
            { name: "op", doc: undefined, grants: [], at: at(22) },
          ],
          ids: [{ key: "alert.read", id: 1, at: at(30) }, { key: "alert.rule.read", id: 1, at: at(31) }],
        }),
      ],
      [{ key: "alert.read", id: 2, at: { file: "/repo/ids.csv", line: 2, column: 1 } }],
      ["perms.py"],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => `${d.line} ${d.code} ${d.message}`)).toEqual([
      '2 PG0904 "Alert.Write" is not a permission key: permgen keys are `resource.action` (lowercase letters, digits and `_`, parts joined by dots)',
      '3 PG0907 "alert.read" is declared twice (first at perms.py:1)',
      '5 PG0908 the resource "alert_rule" and the resource "alert.rule" would both be Resource.AlertRule in the schema; rename one of them in the source first',
      '20 PG0909 "Lead" is not a role name permgen accepts (lowercase letters, digits and `_`, starting with a letter)',
      '21 PG0906 the role "op" grants "case.read", which no source declares as a permission',
      '22 PG0907 the role "op" is declared twice (first at perms.py:21)',
      '31 PG0910 id 1 of "alert.rule.read" is already the id of "alert.read" (at perms.py:30)',
      '2 PG0910 "alert.read" gets id 2 here and id 1 at perms.py:30',
    ]);
  });

  test("a source with nothing in it is PG0903", () => {
    const result = buildImportedSchema([reading({})], [], ["perms.py"]);
    expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toEqual(["PG0903"]);
  });
});
