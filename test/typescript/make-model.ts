/**
 * Builds `Model` objects by hand for the TypeScript target's tests, independently of the schema
 * reader: a compact description in, a model shaped exactly like src/model/model.ts out (roles
 * expanded, ids in schema order unless given).
 */
import { createHash } from "node:crypto";
import type {
  Action,
  Doc,
  Grant,
  Model,
  Permission,
  Resource,
  Role,
  SourcePosition,
} from "../../src/model/model.js";
import type { Lock } from "../../src/lock/lock.js";
import type { EmitContext } from "../../src/targets/target.js";

/** A member as written in a test: `[name, value]` or with a doc. */
export type MemberSpec = readonly [name: string, value: string, doc?: Partial<Doc>];

/** The compact description `makeModel` turns into a model. */
export interface ModelSpec {
  readonly schemaPath?: string;
  readonly namespace?: string;
  readonly resources: readonly MemberSpec[];
  readonly actions: readonly MemberSpec[];
  /** Resource value → action values, in schema order. */
  readonly permissions: readonly (readonly [resource: string, actions: readonly string[]])[];
  /** Role name → grants (`*`, `<resource>.*`, or a key without namespace). */
  readonly roles?: readonly (readonly [
    name: string,
    grants: readonly string[],
    doc?: Partial<Doc>,
  ])[];
  readonly docs?: Partial<Record<keyof Model["docs"], Partial<Doc>>>;
  /** Local key (`alert.read`) → the pair's own doc. */
  readonly pairDocs?: Readonly<Record<string, Partial<Doc>>>;
  /** Key → id; defaults to the permission's index in schema order. */
  readonly ids?: Readonly<Record<string, number>>;
}

const FILE = "/project/schema/permissions.ts";

/** Builds a model from a compact description; throws on an unknown resource, action or grant. */
export function makeModel(spec: ModelSpec): Model {
  let line = 1;
  const at = (): SourcePosition => ({ file: FILE, line: line++, column: 3 });
  const resources: Resource[] = spec.resources.map(([name, value, doc]) => ({
    kind: "resource",
    name,
    value,
    doc: makeDoc(doc),
    position: at(),
  }));
  const actions: Action[] = spec.actions.map(([name, value, doc]) => ({
    kind: "action",
    name,
    value,
    doc: makeDoc(doc),
    position: at(),
  }));
  const prefix = spec.namespace === undefined ? "" : `${spec.namespace}.`;
  const permissions: Permission[] = [];
  for (const [resourceValue, actionValues] of spec.permissions) {
    const resource = resources.find((r) => r.value === resourceValue);
    if (resource === undefined) throw new Error(`unknown resource ${resourceValue}`);
    for (const actionValue of actionValues) {
      const action = actions.find((a) => a.value === actionValue);
      if (action === undefined) throw new Error(`unknown action ${actionValue}`);
      const localKey = `${resource.value}.${action.value}`;
      const key = prefix + localKey;
      permissions.push({
        kind: "permission",
        key,
        localKey,
        resource,
        action,
        id: spec.ids?.[key] ?? permissions.length,
        doc: makeDoc({
          description: spec.pairDocs?.[localKey]?.description,
          deprecated:
            spec.pairDocs?.[localKey]?.deprecated ??
            resource.doc.deprecated ??
            action.doc.deprecated,
        }),
        position: at(),
      });
    }
  }
  const roles: Role[] = (spec.roles ?? []).map(([name, grantTexts, doc]) => {
    const position = at();
    const grants: Grant[] = grantTexts.map((text) =>
      makeGrant(text, resources, permissions, position),
    );
    const held = permissions.filter((permission) =>
      grants.some(
        (grant) =>
          grant.kind === "all" ||
          (grant.kind === "resource" && grant.resource === permission.resource) ||
          (grant.kind === "exact" && grant.permission === permission),
      ),
    );
    return { kind: "role", name, doc: makeDoc(doc), grants, permissions: held, position };
  });
  const digest = createHash("sha256")
    .update(
      JSON.stringify({
        namespace: spec.namespace ?? null,
        resources: resources.map((r) => r.value),
        actions: actions.map((a) => a.value),
        permissions: permissions.map((p) => [p.key, p.id]),
        roles: roles.map((r) => [r.name, r.permissions.map((p) => p.key)]),
      }),
    )
    .digest("hex");
  return {
    schemaPath: spec.schemaPath ?? "schema/permissions.ts",
    namespace: spec.namespace,
    resources,
    actions,
    permissions,
    roles,
    docs: {
      resource: makeDoc(spec.docs?.resource),
      action: makeDoc(spec.docs?.action),
      permissions: makeDoc(spec.docs?.permissions),
      roles: makeDoc(spec.docs?.roles),
    },
    digest,
  };
}

function makeDoc(doc: Partial<Doc> | undefined): Doc {
  return { description: doc?.description, deprecated: doc?.deprecated };
}

function makeGrant(
  text: string,
  resources: readonly Resource[],
  permissions: readonly Permission[],
  position: SourcePosition,
): Grant {
  if (text === "*") return { kind: "all", text, position };
  if (text.endsWith(".*")) {
    const resource = resources.find((r) => r.value === text.slice(0, -2));
    if (resource === undefined) throw new Error(`unknown grant ${text}`);
    return { kind: "resource", text, resource, position };
  }
  const permission = permissions.find((p) => p.localKey === text);
  if (permission === undefined) throw new Error(`unknown grant ${text}`);
  return { kind: "exact", text, permission, position };
}

/** The CONTRACT §2 example, with or without its roles and namespace. */
export function makeContractSpec(options: { roles: boolean; namespace: boolean }): ModelSpec {
  return {
    ...(options.namespace ? { namespace: "soc" } : {}),
    resources: [
      ["Alert", "alert", { description: "Security alerts raised by detections." }],
      ["Engagement", "engagement"],
      ["EngagementMember", "engagement.member"],
      ["User", "user"],
    ],
    actions: [
      ["Read", "read"],
      ["Acknowledge", "acknowledge"],
      ["Create", "create"],
      ["Manage", "manage"],
    ],
    permissions: [
      ["alert", ["read", "acknowledge"]],
      ["engagement", ["create", "read"]],
      ["engagement.member", ["manage"]],
      ["user", ["manage"]],
    ],
    ...(options.roles
      ? {
          roles: [
            [
              "rt_lead",
              ["*"],
              { description: "Red-team lead: everything, including permissions added later." },
            ],
            ["rt_operator", ["alert.*", "engagement.read"]],
            ["soc_analyst", ["alert.read"]],
          ],
        }
      : {}),
    docs: {
      resource: { description: "Things a permission can be about." },
      permissions: { description: "The only (resource, action) pairs that exist." },
      ...(options.roles ? { roles: { description: "Optional. Roles and what they hold." } } : {}),
    },
  };
}

/**
 * The emit context for a model: a lock holding exactly the model's ids, no earlier lock and no
 * existing files (the TypeScript emitter reads none of them, but the contract passes them).
 */
export function makeContext(model: Model): EmitContext {
  const lock: Lock = {
    version: 1,
    nextId: model.permissions.reduce((max, p) => Math.max(max, p.id + 1), 0),
    active: new Map(model.permissions.map((p) => [p.key, p.id])),
    retired: new Map(),
  };
  return { lockBefore: undefined, lock, existingFiles: new Map() };
}
