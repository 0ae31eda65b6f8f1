/**
 * The TypeScript target's test models: the CONTRACT §2 example as a compact description, and
 * the emit context for a model. The builder itself is shared (test/helpers/hand-model.ts).
 */
import type { Lock } from "../../src/lock/lock.js";
import type { Model } from "../../src/model/model.js";
import type { EmitContext } from "../../src/targets/target.js";
import type { ModelSpec } from "../helpers/hand-model.js";

export { makeModel, type MemberSpec, type ModelSpec } from "../helpers/hand-model.js";

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
