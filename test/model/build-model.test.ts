import { describe, expect, test } from "vitest";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import { computeDigest } from "../../src/model/digest.js";
import { loadModel } from "../../src/model/load-model.js";
import type { Model, Permission } from "../../src/model/model.js";
import { loadFromSource, modelFromSource } from "../helpers/model.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

function rolesOf(model: Model): string[] {
  return model.roles.map((r) => `${r.name}: ${r.permissions.map((p) => p.key).join(", ")}`);
}

describe("the CONTRACT example", () => {
  const model = modelFromSource(REFERENCE_SCHEMA);

  test("has its resources, actions and namespaced permission keys in schema order", () => {
    expect(model.sources).toEqual([{ path: "schema/permissions.ts", module: undefined }]);
    expect(model.namespace).toBe("soc");
    expect(model.resources.map((r) => `${r.name}=${r.value}`)).toEqual([
      "Alert=alert",
      "Engagement=engagement",
      "EngagementMember=engagement.member",
      "User=user",
    ]);
    expect(model.actions.map((a) => a.value)).toEqual(["read", "acknowledge", "create", "manage"]);
    expect(
      model.permissions.map(
        (p) => `${p.key} ${p.localKey} ${p.resource.name} ${p.action.name} #${p.id}`,
      ),
    ).toEqual([
      "soc.alert.read alert.read Alert Read #0",
      "soc.alert.acknowledge alert.acknowledge Alert Acknowledge #1",
      "soc.engagement.create engagement.create Engagement Create #2",
      "soc.engagement.read engagement.read Engagement Read #3",
      "soc.engagement.member.manage engagement.member.manage EngagementMember Manage #4",
      "soc.user.manage user.manage User Manage #5",
    ]);
  });

  test("expands roles: * is everything, alert.* every alert action, exact keys as written", () => {
    expect(rolesOf(model)).toEqual([
      "rt_lead: soc.alert.read, soc.alert.acknowledge, soc.engagement.create, soc.engagement.read, soc.engagement.member.manage, soc.user.manage",
      "rt_operator: soc.alert.read, soc.alert.acknowledge, soc.engagement.read",
      "soc_analyst: soc.alert.read",
    ]);
    expect(model.roles.map((r) => r.grants.map((g) => `${g.kind}:${g.text}`))).toEqual([
      ["all:*"],
      ["resource:alert.*", "exact:engagement.read"],
      ["exact:alert.read"],
    ]);
  });

  test("shares one object per resource, action and permission", () => {
    const [alertRead] = model.permissions;
    const grant = model.roles[2]?.grants[0];
    expect(grant?.kind === "exact" ? grant.permission : undefined).toBe(alertRead);
    expect(alertRead?.resource).toBe(model.resources[0]);
    expect(model.roles[0]?.permissions[0]).toBe(alertRead);
  });

  test("carries the docs of the enums, members, declarations and roles", () => {
    expect(model.docs.resource.description).toBe("Things a permission can be about.");
    expect(model.docs.action.description).toBeUndefined();
    expect(model.docs.permissions.description).toBe(
      "The only (resource, action) pairs that exist.",
    );
    expect(model.docs.roles.description).toBe("Optional. Roles and what they hold.");
    expect(model.resources[0]?.doc.description).toBe("Security alerts raised by detections.");
    expect(model.roles[0]?.doc.description).toBe(
      "Red-team lead: everything, including permissions added later.",
    );
  });

  test("is deeply frozen", () => {
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.permissions)).toBe(true);
    expect(Object.isFrozen(model.permissions[0]?.doc)).toBe(true);
    expect(Object.isFrozen(model.roles[1]?.grants[0]?.position)).toBe(true);
    expect(Object.isFrozen(model.docs.roles)).toBe(true);
    expect(() => {
      (model.permissions as Permission[]).push(model.permissions[0] as Permission);
    }).toThrow(TypeError);
    expect(() => {
      (model.resources[0] as { value: string }).value = "changed";
    }).toThrow(TypeError);
    expect(model.resources[0]?.value).toBe("alert");
  });

  test("carries the digest of its vocabulary", () => {
    expect(model.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(model.digest).toBe(computeDigest(model));
  });
});

const ENUMS = `export enum Resource {
  Engagement = "engagement",
  EngagementMember = "engagement.member",
  Alert = "alert",
}
export enum Action {
  Read = "read",
  Create = "create",
  Manage = "manage",
}
`;

describe("roles", () => {
  test("res.* covers exactly that resource, not its sub-resources", () => {
    const model = modelFromSource(`${ENUMS}export const permissions = {
  [Resource.Engagement]: [Action.Read, Action.Create],
  [Resource.EngagementMember]: [Action.Manage, Action.Read],
};
export const roles = { lead: ["engagement.*"], member_admin: ["engagement.member.*"] };
`);
    expect(rolesOf(model)).toEqual([
      "lead: engagement.read, engagement.create",
      "member_admin: engagement.member.manage, engagement.member.read",
    ]);
  });

  test("a role lists its permissions in schema order, each once", () => {
    const model = modelFromSource(`${ENUMS}export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Manage],
  [Resource.Engagement]: [Action.Read, Action.Create],
};
export const roles = {
  mixed: ["engagement.create", "alert.manage", "engagement.*", "alert.read"],
  everything: ["alert.read", "*"],
  nothing: [],
  empty_resource: ["engagement.member.*"],
};
`);
    expect(rolesOf(model)).toEqual([
      "mixed: alert.read, alert.manage, engagement.read, engagement.create",
      "everything: alert.read, alert.manage, engagement.read, engagement.create",
      "nothing: ",
      "empty_resource: ",
    ]);
  });

  test("a schema without roles or namespace has plain keys and no roles", () => {
    const model = modelFromSource(`${ENUMS}export const permissions = { alert: ["read"] };\n`);
    expect(model.namespace).toBeUndefined();
    expect(model.roles).toEqual([]);
    expect(model.docs.roles).toEqual({ description: undefined, deprecated: undefined });
    expect(model.permissions.map((p) => [p.key, p.localKey])).toEqual([
      ["alert.read", "alert.read"],
    ]);
  });

  test("a dotted namespace prefixes every key", () => {
    const model = modelFromSource(`${ENUMS}export const permissions = { alert: ["read"] };
export const namespace = "acme.soc";
export const roles = { viewer: ["alert.read"] };
`);
    expect(model.permissions.map((p) => p.key)).toEqual(["acme.soc.alert.read"]);
    expect(rolesOf(model)).toEqual(["viewer: acme.soc.alert.read"]);
  });
});

describe("permission docs", () => {
  test("deprecation comes from the element, else the resource, else the action", () => {
    const model = modelFromSource(`export enum Resource {
  /** @deprecated alerts moved to incidents */
  Alert = "alert",
  User = "user",
}
export enum Action {
  Read = "read",
  /**
   * Old.
   * @deprecated use manage
   */
  Write = "write",
  /** Inline tags are text: @deprecated is not a tag here. */
  Delete = "delete",
  Manage = "manage",
}
export const permissions = {
  [Resource.Alert]: [Action.Read, /** @deprecated element says so */ Action.Write],
  [Resource.User]: [
    /** Read a user. */
    Action.Read,
    Action.Write,
    Action.Manage,
  ],
};
`);
    expect(model.permissions.map((p) => [p.key, p.doc.description, p.doc.deprecated])).toEqual([
      ["alert.read", undefined, "alerts moved to incidents"],
      ["alert.write", undefined, "element says so"],
      ["user.read", "Read a user.", undefined],
      ["user.write", undefined, "use manage"],
      ["user.manage", undefined, undefined],
    ]);
    expect(model.actions[1]?.doc).toEqual({ description: "Old.", deprecated: "use manage" });
    expect(model.actions[2]?.doc).toEqual({
      description: "Inline tags are text: @deprecated is not a tag here.",
      deprecated: undefined,
    });
  });
});

describe("ids", () => {
  const v1 = `${ENUMS}export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Manage],
  [Resource.Engagement]: [Action.Read],
};
`;

  test("come from the lock and survive reordering and insertion", () => {
    const first = loadFromSource(v1);
    expect(first.model.permissions.map((p) => `${p.key}#${p.id}`)).toEqual([
      "alert.read#0",
      "alert.manage#1",
      "engagement.read#2",
    ]);
    const v2 = `${ENUMS}export const permissions = {
  [Resource.Engagement]: [Action.Create, Action.Read],
  [Resource.Alert]: [Action.Manage, Action.Read],
};
`;
    const second = loadFromSource(v2, { lock: first.lock });
    expect(second.model.permissions.map((p) => `${p.key}#${p.id}`)).toEqual([
      "engagement.create#3",
      "engagement.read#2",
      "alert.manage#1",
      "alert.read#0",
    ]);
    expect(second.lock.nextId).toBe(4);
  });

  test("an invalid schema leaves the lock as it was", () => {
    const first = loadFromSource(v1);
    const text = `${ENUMS}export const permissions = { [Resource.Alert]: [Action.Delete] };\n`;
    const result = loadModel({
      schemas: [{ file: "/x/schema/permissions.ts", path: "schema/permissions.ts", module: undefined, text }],
      lock: first.lock,
    });
    expect(result.model).toBeUndefined();
    expect(result.lock).toBe(first.lock);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["PG0207"]);
  });

  test("a fresh lock numbers permissions in schema order from 0", () => {
    const result = loadModel({
      schemas: [{ file: "/x/schema/permissions.ts", path: "schema/permissions.ts", module: undefined, text: v1 }],
      lock: EMPTY_LOCK,
    });
    expect([...result.lock.active]).toEqual([
      ["alert.read", 0],
      ["alert.manage", 1],
      ["engagement.read", 2],
    ]);
    expect(EMPTY_LOCK.active.size).toBe(0);
  });
});

describe("pair docs", () => {
  test("a JSDoc on a permissions key documents every pair of that resource without its own", () => {
    const model = modelFromSource(`${ENUMS}export const permissions = {
  /** Members are managed by leads only. */
  [Resource.EngagementMember]: [Action.Manage, /** Look up a member. */ Action.Read],
  /**
   * Old engagement API.
   * @deprecated Use alerts.
   */
  [Resource.Engagement]: [Action.Read, /** @deprecated Gone in v3. */ Action.Create],
  [Resource.Alert]: [Action.Read],
};
`);
    expect(model.permissions.map((p) => [p.key, p.doc.description, p.doc.deprecated])).toEqual([
      ["engagement.member.manage", "Members are managed by leads only.", undefined],
      ["engagement.member.read", "Look up a member.", undefined],
      ["engagement.read", "Old engagement API.", "Use alerts."],
      ["engagement.create", "Old engagement API.", "Gone in v3."],
      ["alert.read", undefined, undefined],
    ]);
  });
});
