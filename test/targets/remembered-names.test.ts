/**
 * `rememberPermissionNames` (name-table.ts), the array the Go and Python emitters keep in front
 * of their permission name tables: it must give exactly what the table gives, for every
 * permission and on every repeat, and a permission the table lacks must still throw
 * `NameTableMiss` (never a remembered name).
 */
import { describe, expect, test } from "vitest";
import { buildGoNames } from "../../src/targets/go/names.js";
import { buildPythonNames } from "../../src/targets/python/names.js";
import { NameTableMiss, rememberPermissionNames } from "../../src/targets/name-table.js";
import { buildTestModel } from "../go/build-test-model.js";

const model = buildTestModel({
  namespace: "soc",
  resources: ["alert", "user", "a.b_c"],
  actions: ["read", "manage"],
  permissions: [
    ["alert", ["read", "manage"]],
    ["user", ["manage"]],
    ["a.b_c", ["read"]],
  ],
  roles: [["admin", ["*"]]],
  // Id 1 and 4 were retired; ids need not follow schema order.
  ids: new Map([
    ["soc.alert.read", 5],
    ["soc.alert.manage", 0],
    ["soc.user.manage", 3],
    ["soc.a.b_c.read", 2],
  ]),
});

describe.each([
  ["Go", buildGoNames(model)],
  ["Python", buildPythonNames(model)],
])("rememberPermissionNames over the %s table", (_language, names) => {
  const maxId = Math.max(...model.permissions.map((p) => p.id));

  test("agrees with the name table for every permission, first lookup and repeats", () => {
    const name = rememberPermissionNames(names, maxId);
    for (let round = 0; round < 3; round++) {
      for (const p of [...model.permissions, ...(model.roles[0]?.permissions ?? [])]) {
        expect(name(p)).toBe(names.permission.get(p.key));
      }
    }
  });

  test("a permission the table lacks throws, even at an id another permission holds", () => {
    const name = rememberPermissionNames(names, maxId);
    const known = model.permissions[0];
    if (known === undefined) throw new Error("no permission");
    expect(name(known)).toBe(names.permission.get(known.key));
    const stranger = { ...known, key: "soc.nobody.read" };
    expect(() => name(stranger)).toThrow(NameTableMiss);
    expect(() => name({ ...known, id: maxId + 7, key: "soc.nobody.read" })).toThrow(NameTableMiss);
    expect(name(known)).toBe(names.permission.get(known.key));
  });
});
