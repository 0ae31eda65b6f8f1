/**
 * Builds read-only Models by hand for the Go target's tests, so the Go tests do not depend on
 * the schema reader: a Go-flavoured description (members by value, names derived from them)
 * handed to the shared builder (test/helpers/hand-model.ts). Positions are synthetic (one line
 * per declaration, in declaration order) and the digest is a fixed stand-in: the emitter only
 * copies it.
 */
import type { Doc, Model } from "../../src/model/model.js";
import { makeModel, type MemberSpec } from "../helpers/hand-model.js";

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

function pascal(value: string): string {
  return value
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function toMember(member: string | { value: string; doc?: Partial<Doc> }): MemberSpec {
  if (typeof member === "string") return [pascal(member), member];
  return member.doc === undefined
    ? [pascal(member.value), member.value]
    : [pascal(member.value), member.value, member.doc];
}

/** Builds a Model from a compact test schema; throws on an unknown resource, action or grant. */
export function buildTestModel(schema: TestSchema): Model {
  return makeModel({
    ...(schema.namespace === undefined ? {} : { namespace: schema.namespace }),
    schemaFile: TEST_SCHEMA_FILE,
    resources: schema.resources.map(toMember),
    actions: schema.actions.map(toMember),
    permissions: schema.permissions,
    ...(schema.roles === undefined ? {} : { roles: schema.roles }),
    ...(schema.permissionDocs === undefined ? {} : { pairDocs: schema.permissionDocs }),
    ...(schema.ids === undefined ? {} : { ids: schema.ids }),
    unlistedIdsAfter: true,
    ...(schema.docs === undefined ? {} : { docs: schema.docs }),
    digest: schema.digest ?? "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  });
}
