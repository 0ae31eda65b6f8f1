/**
 * Test helper: `Model` objects built by hand, independently of the schema reader, for the
 * emitter tests of every target: a compact description in, a model shaped exactly like
 * src/model/model.ts out (roles expanded with their grants, a pair deprecated when its
 * resource or action is, ids in schema order unless given).
 */
import { createHash } from "node:crypto";
import type {
  Action,
  Doc,
  Grant,
  Model,
  ModelConstraints,
  Permission,
  Resource,
  Role,
  SourcePosition,
} from "../../src/model/model.js";

/** A member as written in a test: `[name, value]` or with a doc. */
export type MemberSpec = readonly [name: string, value: string, doc?: Partial<Doc>];

/** The compact description `makeModel` turns into a model. */
export interface ModelSpec {
  /** The path of the model's one schema source; default `schema/permissions.ts`. */
  readonly schemaPath?: string;
  /** The file of every source position; default `/project/schema/permissions.ts`. */
  readonly schemaFile?: string;
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
  /**
   * Key → id. A key not listed gets its index in schema order, or, with `unlistedIdsAfter`,
   * the next id after the highest listed one (in schema order), as a lock would give it.
   */
  readonly ids?: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
  readonly unlistedIdsAfter?: boolean;
  /** The model's digest; default a sha256 of the vocabulary (not permgen's canonical one). */
  readonly digest?: string;
  /** The schema's constraints; default none. */
  readonly constraints?: ModelConstraints;
}

const DEFAULT_FILE = "/project/schema/permissions.ts";

/** Builds a model from a compact description; throws on an unknown resource, action or grant. */
export function makeModel(spec: ModelSpec): Model {
  let line = 1;
  const file = spec.schemaFile ?? DEFAULT_FILE;
  const at = (): SourcePosition => ({ file, line: line++, column: 3 });
  const ids: ReadonlyMap<string, number> =
    spec.ids instanceof Map ? spec.ids : new Map(Object.entries(spec.ids ?? {}));
  let nextId = [...ids.values()].reduce((max, id) => Math.max(max, id), -1) + 1;
  const resources: Resource[] = spec.resources.map(([name, value, doc]) => ({
    kind: "resource",
    name,
    value,
    module: undefined,
    declared: { name, value },
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
  // Maps, not scans: the scale tests build models of 100,000 permissions.
  const resourceByValue = new Map(resources.map((r) => [r.value, r]));
  const actionByValue = new Map(actions.map((a) => [a.value, a]));
  const permissions: Permission[] = [];
  for (const [resourceValue, actionValues] of spec.permissions) {
    const resource = resourceByValue.get(resourceValue);
    if (resource === undefined) throw new Error(`unknown resource ${resourceValue}`);
    for (const actionValue of actionValues) {
      const action = actionByValue.get(actionValue);
      if (action === undefined) throw new Error(`unknown action ${actionValue}`);
      const localKey = `${resource.value}.${action.value}`;
      const key = prefix + localKey;
      permissions.push({
        kind: "permission",
        key,
        localKey,
        module: undefined,
        resource,
        action,
        id: ids.get(key) ?? (spec.unlistedIdsAfter === true ? nextId++ : permissions.length),
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
  const permissionByLocalKey = new Map(permissions.map((p) => [p.localKey, p]));
  const roles: Role[] = (spec.roles ?? []).map(([name, grantTexts, doc]) => {
    const position = at();
    const grants: Grant[] = grantTexts.map((text) =>
      makeGrant(text, resourceByValue, permissionByLocalKey, position),
    );
    const all = grants.some((grant) => grant.kind === "all");
    const heldResources = new Set(
      grants.flatMap((g) => (g.kind === "resource" ? [g.resource] : [])),
    );
    const heldExact = new Set(grants.flatMap((g) => (g.kind === "exact" ? [g.permission] : [])));
    const held = permissions.filter(
      (p) => all || heldResources.has(p.resource) || heldExact.has(p),
    );
    return { kind: "role", name, doc: makeDoc(doc), grants, permissions: held, position };
  });
  const digest =
    spec.digest ??
    createHash("sha256")
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
    sources: [{ path: spec.schemaPath ?? "schema/permissions.ts", module: undefined }],
    modules: [],
    header: spec.schemaPath ?? "schema/permissions.ts",
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
    constraints: spec.constraints ?? { exclusive: [], restricted: [] },
  };
}

function makeDoc(doc: Partial<Doc> | undefined): Doc {
  return { description: doc?.description, deprecated: doc?.deprecated };
}

function makeGrant(
  text: string,
  resourceByValue: ReadonlyMap<string, Resource>,
  permissionByLocalKey: ReadonlyMap<string, Permission>,
  position: SourcePosition,
): Grant {
  if (text === "*") return { kind: "all", text, position };
  if (text.endsWith(".*")) {
    const resource = resourceByValue.get(text.slice(0, -2));
    if (resource === undefined) throw new Error(`unknown grant ${text}`);
    return { kind: "resource", text, resource, position };
  }
  const permission = permissionByLocalKey.get(text);
  if (permission === undefined) throw new Error(`unknown grant ${text}`);
  return { kind: "exact", text, permission, position };
}
