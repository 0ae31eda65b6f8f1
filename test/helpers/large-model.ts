/**
 * Test helper: a large `Model` built by hand (no schema reader involved) for the targets' size
 * and performance tests: `resourceCount` resources × `actionCount` actions, every pair declared,
 * namespace `big`, and three roles: `admin` holding everything (`*`), `half` holding every other
 * permission (exact grants), `none` holding nothing.
 */
import type { Action, Doc, Model, Permission, Resource, Role } from "../../src/model/model.js";

const NO_DOC: Doc = { description: undefined, deprecated: undefined };

/** Builds the model; permission ids follow schema order. */
export function buildLargeModel(resourceCount: number, actionCount: number): Model {
  const position = { file: "/large/schema/permissions.ts", line: 1, column: 1 };
  const resources: Resource[] = [];
  for (let i = 0; i < resourceCount; i++) {
    resources.push({
      kind: "resource",
      name: `R${i}`,
      value: `area${i}.r${i}`,
      module: undefined,
      declared: { name: `R${i}`, value: `area${i}.r${i}` },
      doc: NO_DOC,
      position,
    });
  }
  const actions: Action[] = [];
  for (let i = 0; i < actionCount; i++) {
    actions.push({
      kind: "action",
      name: `A${i}`,
      value: `action${i}`,
      doc: NO_DOC,
      position,
    });
  }
  const permissions: Permission[] = [];
  for (const resource of resources) {
    for (const action of actions) {
      const localKey = `${resource.value}.${action.value}`;
      permissions.push({
        kind: "permission",
        key: `big.${localKey}`,
        localKey,
        module: undefined,
        resource,
        action,
        id: permissions.length,
        doc: NO_DOC,
        position,
      });
    }
  }
  const role = (name: string, held: readonly Permission[], grants: Role["grants"]): Role => ({
    kind: "role",
    name,
    doc: NO_DOC,
    grants,
    permissions: held,
    position,
  });
  const roles = [
    role("admin", permissions, [{ kind: "all", text: "*", position }]),
    role(
      "half",
      permissions.filter((p) => p.id % 2 === 0),
      permissions
        .filter((p) => p.id % 2 === 0)
        .map((p) => ({
          kind: "exact",
          text: p.localKey,
          permission: p,
          position,
        })),
    ),
    role("none", [], []),
  ];
  return {
    sources: [{ path: "schema/permissions.ts", module: undefined }],
    modules: [],
    header: "schema/permissions.ts",
    namespace: "big",
    resources,
    actions,
    permissions,
    roles,
    docs: {
      resource: NO_DOC,
      action: NO_DOC,
      permissions: NO_DOC,
      roles: NO_DOC,
    },
    digest: "0".repeat(64),
    constraints: { exclusive: [], restricted: [] },
  };
}
