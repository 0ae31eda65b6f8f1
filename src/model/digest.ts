/**
 * SCHEMA_DIGEST: one sha256 hex digest of the canonical vocabulary, identical in every target,
 * so two services can confirm at run time that they were built from the same schema.
 *
 * Canonical serialization (version 1), so any language can recompute it: the UTF-8 bytes of the
 * JSON text, without any whitespace, of
 *
 *   {"v":1,"namespace":<string|null>,"resources":[<resource values, sorted>],
 *    "actions":[<action values, sorted>],
 *    "permissions":[[<key>,<resource value>,<action value>,<id>], ... sorted by key],
 *    "roles":[[<role name>,[<permission keys of the role, sorted>]], ... sorted by name]}
 *
 * with the object keys in exactly that order, strings escaped as JSON.stringify does, ids as
 * JSON integers, `namespace` null when there is none, permission keys including the namespace,
 * and every sort by UTF-16 code unit (JavaScript's plain `<`, never a locale). The digest is the
 * lowercase hex sha256 of those bytes. Descriptions and deprecations are not covered: editing a
 * doc comment does not change the digest.
 *
 * With modules (issue 12) the text gains `,"modules":[<module names, sorted>]` right after
 * `namespace`, and each permission tuple a fifth element, its module:
 * `[<key>,<resource value>,<action value>,<id>,<module>]`. A flat schema whose resource values
 * happen to read like a module's (`patients.patient`) thus never shares a module config's
 * digest, though its keys are the same; without modules the text is exactly version 1's, so no
 * existing digest changes.
 */
import { createHash } from "node:crypto";

/** The parts of the model the digest covers (the Model satisfies it). */
export interface DigestInput {
  /** The config's module names; absent or empty outside modules. */
  readonly modules?: readonly { readonly name: string }[] | undefined;
  readonly namespace: string | undefined;
  readonly resources: readonly { readonly value: string }[];
  readonly actions: readonly { readonly value: string }[];
  readonly permissions: readonly {
    readonly key: string;
    readonly resource: { readonly value: string };
    readonly action: { readonly value: string };
    readonly id: number;
    readonly module?: string | undefined;
  }[];
  readonly roles: readonly {
    readonly name: string;
    readonly permissions: readonly { readonly key: string }[];
  }[];
}

/**
 * Computes the schema digest: the lowercase hex sha256 of the canonical serialization described
 * at the top of this file. Same input, same digest, on every machine and locale.
 */
export function computeDigest(input: DigestInput): string {
  const hash = createHash("sha256");
  for (const chunk of generateCanonicalChunks(input)) hash.update(chunk, "utf8");
  return hash.digest("hex");
}

/**
 * Builds the canonical JSON text the digest is computed over (exported for tests and for
 * people reimplementing the digest in another language).
 */
export function serializeCanonical(input: DigestInput): string {
  return [...generateCanonicalChunks(input)].join("");
}

/**
 * Yields the canonical JSON text in pieces, so a large vocabulary (many roles holding 100,000
 * permissions each) is hashed without building one huge string.
 */
function* generateCanonicalChunks(input: DigestInput): Generator<string> {
  const modular = (input.modules?.length ?? 0) > 0;
  const permissions = input.permissions
    .map((p) =>
      modular
        ? ([p.key, p.resource.value, p.action.value, p.id, p.module ?? null] as const)
        : ([p.key, p.resource.value, p.action.value, p.id] as const),
    )
    .sort((a, b) => compareCodeUnits(a[0], b[0]));
  const sortedKeys = permissions.map((p) => p[0]);
  let allKeysJson: string | undefined;
  yield `{"v":1,"namespace":${JSON.stringify(input.namespace ?? null)}`;
  if (modular) yield `,"modules":${JSON.stringify(sortStrings((input.modules ?? []).map((m) => m.name)))}`;
  yield `,"resources":${JSON.stringify(sortStrings(input.resources.map((r) => r.value)))}`;
  yield `,"actions":${JSON.stringify(sortStrings(input.actions.map((a) => a.value)))}`;
  yield `,"permissions":${JSON.stringify(permissions)}`;
  yield `,"roles":[`;
  const roles = [...input.roles].sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const [index, role] of roles.entries()) {
    // A role that holds exactly the vocabulary's permissions ("*") reuses the sorted key list.
    const holdsAll =
      role.permissions.length === input.permissions.length &&
      role.permissions.every((p, i) => p === input.permissions[i]);
    const keysJson = holdsAll
      ? (allKeysJson ??= JSON.stringify(sortedKeys))
      : JSON.stringify(sortStrings(role.permissions.map((p) => p.key)));
    yield `${index === 0 ? "" : ","}[${JSON.stringify(role.name)},${keysJson}]`;
  }
  yield "]}";
}

function sortStrings(values: readonly string[]): string[] {
  return [...values].sort(compareCodeUnits);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
