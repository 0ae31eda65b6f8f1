/**
 * Builds read-only Models by hand for the Go target's tests, matching src/model/model.ts, so the
 * Go tests do not depend on the schema reader. Positions are synthetic (one line per declaration,
 * in declaration order) and the digest is a fixed stand-in: the emitter only copies it.
 */
import type {
  Action,
  Doc,
  Model,
  Permission,
  Resource,
  Role,
  SourcePosition,
} from "../../src/model/model.js";

/** A compact description of a schema for tests. */
export interface TestSchema {
  readonly namespace?: string;
  /** Resource values, optionally with docs. */
  readonly resources: readonly (string | { value: string; doc?: Partial<Doc> })[];
  readonly actions: readonly (string | { value: string; doc?: Partial<Doc> })[];
  /** resource value → action values, in schema order. */
  readonly permissions: readonly (readonly [string, readonly string[]])[];
  /** role name → grants (`*`, `<resource>.*`, local keys), in schema order. */
  readonly roles?: readonly (readonly [string, readonly string[], Partial<Doc>?])[];
  /** Local key → doc of the permission. */
  readonly permissionDocs?: Readonly<Record<string, Partial<Doc>>>;
  /** Full key → lock id; keys not listed get ids after the highest listed, in schema order. */
  readonly ids?: ReadonlyMap<string, number>;
  readonly docs?: {
    resource?: Partial<Doc>;
    action?: Partial<Doc>;
    permissions?: Partial<Doc>;
    roles?: Partial<Doc>;
  };
  readonly digest?: string;
}

export const TEST_SCHEMA_FILE = "/repo/schema/permissions.ts";

function makeDoc(doc: Partial<Doc> | undefined): Doc {
  return { description: doc?.description, deprecated: doc?.deprecated };
}

function pascal(value: string): string {
  return value
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** Builds a Model from a compact test schema; throws on an unknown resource or action. */
export function buildTestModel(schema: TestSchema): Model {
  let line = 1;
  const at = (): SourcePosition => ({ file: TEST_SCHEMA_FILE, line: line++, column: 3 });
  const resources: Resource[] = schema.resources.map((r) => {
    const { value, doc } = typeof r === "string" ? { value: r, doc: undefined } : r;
    return { kind: "resource", name: pascal(value), value, doc: makeDoc(doc), position: at() };
  });
  const actions: Action[] = schema.actions.map((a) => {
    const { value, doc } = typeof a === "string" ? { value: a, doc: undefined } : a;
    return { kind: "action", name: pascal(value), value, doc: makeDoc(doc), position: at() };
  });
  const prefix = schema.namespace === undefined ? "" : `${schema.namespace}.`;
  let nextId = [...(schema.ids?.values() ?? [])].reduce((max, id) => Math.max(max, id), -1) + 1;
  const permissions: Permission[] = [];
  const resourceByValue = new Map(resources.map((r) => [r.value, r]));
  const actionByValue = new Map(actions.map((a) => [a.value, a]));
  for (const [rv, avs] of schema.permissions) {
    const resource = resourceByValue.get(rv);
    if (resource === undefined) throw new Error(`unknown resource ${rv}`);
    for (const av of avs) {
      const action = actionByValue.get(av);
      if (action === undefined) throw new Error(`unknown action ${av}`);
      const localKey = `${rv}.${av}`;
      const key = prefix + localKey;
      const id = schema.ids?.get(key) ?? nextId++;
      const doc = makeDoc(schema.permissionDocs?.[localKey]);
      const deprecated = doc.deprecated ?? resource.doc.deprecated ?? action.doc.deprecated;
      permissions.push({
        kind: "permission",
        key,
        localKey,
        resource,
        action,
        id,
        doc: { description: doc.description, deprecated },
        position: at(),
      });
    }
  }
  const roles: Role[] = (schema.roles ?? []).map(([name, grants, doc]) => {
    const set = new Set(grants);
    const held = permissions.filter(
      (p) => set.has("*") || set.has(p.localKey) || set.has(`${p.resource.value}.*`),
    );
    return {
      kind: "role",
      name,
      doc: makeDoc(doc),
      grants: [],
      permissions: held,
      position: at(),
    };
  });
  return {
    schemaPath: "schema/permissions.ts",
    namespace: schema.namespace,
    resources,
    actions,
    permissions,
    roles,
    docs: {
      resource: makeDoc(schema.docs?.resource),
      action: makeDoc(schema.docs?.action),
      permissions: makeDoc(schema.docs?.permissions),
      roles: makeDoc(schema.docs?.roles),
    },
    digest: schema.digest ?? "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  };
}
