/**
 * The generated TypeScript at run time: transpiled to JavaScript (as a bundler or tsc would),
 * imported from a temp folder and called the way untyped code can call it. Guards fail closed.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../src/model/model.js";
import { emitFormattedTypeScript } from "../helpers/emit.js";
import { modelFromSource } from "../helpers/model.js";
import { transpileToModule, writeProject } from "./compile.js";

/** The generated module as untyped code sees it. */
interface GeneratedModule {
  readonly Resource: Record<string, string>;
  readonly Action: Record<string, string>;
  readonly Role: Record<string, string>;
  readonly ALL_PERMISSIONS: readonly string[];
  readonly RESOURCE_ACTION_PAIRS: ReadonlySet<string>;
  readonly PERMISSION_IDS: ReadonlyMap<string, number>;
  readonly ROLE_PERMISSIONS: ReadonlyMap<string, ReadonlySet<string>>;
  readonly SCHEMA_DIGEST: string;
  readonly PermissionDeniedError: new (permission: string) => Error & {
    readonly status: number;
    readonly permission: string;
  };
  requirePermission(resource: unknown, action: unknown): (granted: unknown) => void;
  hasPermission(granted: unknown, resource: unknown, action: unknown): boolean;
  permissionKey(resource: unknown, action: unknown): string;
  isPermission(value: unknown): boolean;
  permissionsOfRoles(roles: unknown): ReadonlySet<string>;
}

const SCHEMA = fs.readFileSync(
  path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    "..",
    "golden",
    "namespace",
    "schema",
    "permissions.ts",
  ),
  "utf8",
);

/** Captures what a call throws (the test fails if it does not throw). */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe.each(["enum", "const"] as const)(
  "generated TypeScript at run time (enumStyle %s)",
  (style) => {
    let dir = "";
    let model: Model;
    let gen: GeneratedModule;

    beforeAll(async () => {
      model = modelFromSource(SCHEMA);
      const source = await emitFormattedTypeScript(model, { enumStyle: style });
      dir = writeProject({ "permissions.js": transpileToModule(source) });
      gen = (await import(pathToFileURL(path.join(dir, "permissions.js")).href)) as GeneratedModule;
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("exposes the vocabulary with schema values, order, ids and digest", () => {
      expect(gen.Resource["EngagementMember"]).toBe("engagement.member");
      expect(gen.Action["Acknowledge"]).toBe("acknowledge");
      expect(gen.Role["RtLead"]).toBe("rt_lead");
      expect(gen.ALL_PERMISSIONS).toEqual([
        "soc.alert.read",
        "soc.alert.acknowledge",
        "soc.engagement.create",
        "soc.engagement.read",
        "soc.engagement.member.manage",
        "soc.user.manage",
      ]);
      expect(Object.isFrozen(gen.ALL_PERMISSIONS)).toBe(true);
      expect([...gen.RESOURCE_ACTION_PAIRS]).toEqual(gen.ALL_PERMISSIONS);
      expect([...gen.PERMISSION_IDS]).toEqual(model.permissions.map((p) => [p.key, p.id]));
      expect(gen.SCHEMA_DIGEST).toBe(model.digest);
    });

    it("a guard returns when the key is granted", () => {
      const guard = gen.requirePermission("alert", "acknowledge");
      expect(guard(["soc.alert.read", "soc.alert.acknowledge"])).toBeUndefined();
      expect(guard(new Set(["soc.alert.acknowledge"]))).toBeUndefined();
      expect(guard({ permissions: ["soc.alert.acknowledge"] })).toBeUndefined();
      expect(guard({ permissions: new Set(["soc.alert.acknowledge"]) })).toBeUndefined();
      function* keys(): Generator<string> {
        yield "soc.alert.acknowledge";
      }
      expect(guard(keys())).toBeUndefined();
    });

    it("a guard throws PermissionDeniedError (403, the key) when the key is missing", () => {
      const error = thrownBy(() =>
        gen.requirePermission(gen.Resource["Alert"], gen.Action["Read"])(["soc.alert.acknowledge"]),
      );
      expect(error).toBeInstanceOf(gen.PermissionDeniedError);
      expect(error).toBeInstanceOf(Error);
      const denied = error as InstanceType<GeneratedModule["PermissionDeniedError"]>;
      expect(denied.name).toBe("PermissionDeniedError");
      expect(denied.status).toBe(403);
      expect(denied.permission).toBe("soc.alert.read");
      expect(denied.message).toBe("Permission denied: soc.alert.read is not granted");
    });

    it("a guard fails closed on everything but the exact key", () => {
      const guard = gen.requirePermission("alert", "read");
      const denials: unknown[] = [
        ["constructor"],
        ["__proto__"],
        ["toString"],
        ["hasOwnProperty"],
        [""],
        [],
        new Set(),
        null,
        undefined,
        "soc.alert.read",
        ["SOC.ALERT.READ"],
        ["soc.alert.read "],
        ["alert.read"],
        ["soc.alert.*"],
        ["*"],
        { permissions: "soc.alert.read" },
        { permissions: null },
        { permission: ["soc.alert.read"] },
        {},
        42,
        true,
        { "soc.alert.read": true },
        [["soc.alert.read"]],
        [{ toString: () => "soc.alert.read" }],
        () => ["soc.alert.read"],
      ];
      for (const granted of denials) {
        expect(
          thrownBy(() => guard(granted)),
          JSON.stringify(granted) ?? String(granted),
        ).toBeInstanceOf(gen.PermissionDeniedError);
        expect(gen.hasPermission(granted, "alert", "read")).toBe(false);
      }
      expect(gen.hasPermission(["soc.alert.read"], "alert", "read")).toBe(true);
    });

    it("an undeclared pair from untyped code throws a TypeError at once", () => {
      const cases: [unknown, unknown, string][] = [
        ["alert", "create", 'Undeclared permission: resource "alert" has no action "create"'],
        [
          "engagement",
          "member.manage",
          'Undeclared permission: resource "engagement" has no action "member.manage"',
        ],
        ["soc.alert", "read", 'Undeclared permission: resource "soc.alert" has no action "read"'],
        ["Alert", "Read", 'Undeclared permission: resource "Alert" has no action "Read"'],
        [
          "constructor",
          "read",
          'Undeclared permission: resource "constructor" has no action "read"',
        ],
        [undefined, "read", 'Undeclared permission: resource undefined has no action "read"'],
        [
          { toString: () => "alert" },
          "read",
          'Undeclared permission: resource object has no action "read"',
        ],
      ];
      for (const [resource, action, message] of cases) {
        for (const call of [
          () => gen.requirePermission(resource, action),
          () => gen.hasPermission(["soc.alert.read"], resource, action),
          () => gen.permissionKey(resource, action),
        ]) {
          const error = thrownBy(call);
          expect(error).toBeInstanceOf(TypeError);
          expect((error as TypeError).message).toBe(message);
        }
      }
    });

    it("permissionKey and isPermission use exact declared keys only", () => {
      expect(gen.permissionKey("engagement.member", "manage")).toBe("soc.engagement.member.manage");
      expect(gen.isPermission("soc.user.manage")).toBe(true);
      for (const value of [
        "user.manage",
        "SOC.USER.MANAGE",
        "constructor",
        "__proto__",
        "",
        1,
        null,
        undefined,
        ["soc.user.manage"],
      ]) {
        expect(gen.isPermission(value)).toBe(false);
      }
    });

    it("roles list their expanded permissions and permissionsOfRoles unions them", () => {
      expect([...(gen.ROLE_PERMISSIONS.get("rt_lead") ?? [])]).toEqual(gen.ALL_PERMISSIONS);
      expect([...(gen.ROLE_PERMISSIONS.get("rt_operator") ?? [])]).toEqual([
        "soc.alert.read",
        "soc.alert.acknowledge",
        "soc.engagement.read",
      ]);
      expect([
        ...gen.permissionsOfRoles(["soc_analyst", "nobody", "__proto__", "constructor"]),
      ]).toEqual(["soc.alert.read"]);
      expect([...gen.permissionsOfRoles(new Set(["rt_operator", "soc_analyst"]))]).toEqual([
        "soc.alert.read",
        "soc.alert.acknowledge",
        "soc.engagement.read",
      ]);
      for (const roles of ["rt_lead", null, undefined, 7, {}, ["RT_LEAD"], ["RtLead"], [""]]) {
        expect(gen.permissionsOfRoles(roles).size).toBe(0);
      }
      const guard = gen.requirePermission("user", "manage");
      expect(guard(gen.permissionsOfRoles(["rt_lead"]))).toBeUndefined();
      expect(thrownBy(() => guard(gen.permissionsOfRoles(["rt_operator"])))).toBeInstanceOf(
        gen.PermissionDeniedError,
      );
    });

    it("no exported table can be changed from untyped code, so nothing is granted by mutation", () => {
      // Untyped code sees the mutators: every one of them throws and changes nothing.
      const analyst = gen.ROLE_PERMISSIONS.get("soc_analyst") as Set<string>;
      const pairs = gen.RESOURCE_ACTION_PAIRS as Set<string>;
      const ids = gen.PERMISSION_IDS as Map<string, number>;
      const roles = gen.ROLE_PERMISSIONS as Map<string, ReadonlySet<string>>;
      const attempts: (() => unknown)[] = [
        () => analyst.add("soc.user.manage"),
        () => analyst.delete("soc.alert.read"),
        () => analyst.clear(),
        () => pairs.add("soc.evil"),
        () => pairs.delete("soc.alert.read"),
        () => pairs.clear(),
        () => ids.set("soc.evil", 99),
        () => ids.delete("soc.alert.read"),
        () => ids.clear(),
        () => roles.set("soc_analyst", new Set(gen.ALL_PERMISSIONS)),
        () => roles.delete("rt_lead"),
        () => roles.clear(),
        () => (gen.ALL_PERMISSIONS as string[]).push("soc.evil"),
      ];
      for (const attempt of attempts) expect(thrownBy(attempt)).toBeInstanceOf(TypeError);
      // Replacing a mutator or a member on the object itself is refused too (frozen, strict mode).
      expect(thrownBy(() => Object.assign(analyst, { has: () => true }))).toBeInstanceOf(TypeError);
      expect(thrownBy(() => Object.assign(gen.Action, { Manage: "read" }))).toBeInstanceOf(TypeError);
      expect(thrownBy(() => Object.assign(gen.Resource, { User: "alert" }))).toBeInstanceOf(TypeError);
      expect(thrownBy(() => Object.assign(gen.Role, { SocAnalyst: "rt_lead" }))).toBeInstanceOf(TypeError);

      expect([...analyst]).toEqual(["soc.alert.read"]);
      expect(gen.isPermission("soc.evil")).toBe(false);
      expect(gen.PERMISSION_IDS.has("soc.evil")).toBe(false);
      expect(gen.PERMISSION_IDS.get("soc.alert.read")).toBe(0);
      expect(gen.ROLE_PERMISSIONS.get("rt_lead")?.size).toBe(gen.ALL_PERMISSIONS.length);
      expect(gen.Action["Manage"]).toBe("manage");
      expect(gen.Resource["User"]).toBe("user");
      const analystGuard = gen.requirePermission("user", "manage");
      expect(thrownBy(() => analystGuard(gen.permissionsOfRoles(["soc_analyst"])))).toBeInstanceOf(
        gen.PermissionDeniedError,
      );
      // They are still real Sets and Maps for every reader.
      expect(analyst).toBeInstanceOf(Set);
      expect(gen.ROLE_PERMISSIONS).toBeInstanceOf(Map);
      expect(new Set(gen.RESOURCE_ACTION_PAIRS).size).toBe(gen.ALL_PERMISSIONS.length);
    });
  },
);
