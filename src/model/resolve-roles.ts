/**
 * Raw `roles` → validated roles with expanded permissions.
 *
 * Part of the model builder (build-model.ts). A grant is `*` (every permission), `<resource>.*`
 * (every action of exactly that resource: `engagement.*` does not cover
 * `engagement.member.manage`) or an exact key written without the namespace.
 */
import { Codes } from "../diagnostics/codes.js";
import { formatSuggestion } from "../diagnostics/suggest.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Doc, Grant, Permission, Resource, Role, SourcePosition } from "../model/model.js";
import type { RawRoles } from "../schema/raw-schema.js";
import { pushDiagnostic, type Vocabulary } from "./build-vocabulary.js";
import { formatList, PERMISSION_KEY, RESOURCE_VALUE, ROLE_NAME } from "./naming-rules.js";

/** A grant resolved against the vocabulary, before permissions have their ids. */
export type PendingGrant =
  | { readonly kind: "all"; readonly text: string; readonly position: SourcePosition }
  | {
      readonly kind: "module";
      readonly text: string;
      readonly module: string;
      readonly position: SourcePosition;
    }
  | {
      readonly kind: "resource";
      readonly text: string;
      readonly resource: Resource;
      readonly position: SourcePosition;
    }
  | {
      readonly kind: "exact";
      readonly text: string;
      readonly localKey: string;
      readonly position: SourcePosition;
    };

/** A validated role whose grants are resolved but not yet expanded. */
export interface PendingRole {
  readonly name: string;
  readonly doc: Doc;
  readonly grants: readonly PendingGrant[];
  readonly position: SourcePosition;
}

/**
 * Validates the roles against the vocabulary: role names (PG0301), duplicate roles (PG0302),
 * grants naming an unknown permission (PG0303, with a hint when the grant carries the
 * namespace) or an unknown resource (PG0304), malformed grants (PG0305) and a grant listed twice
 * in one role (PG0306). Unknown-name checks are skipped where the vocabulary is incomplete
 * (already reported), so one mistake is reported once. Pushes diagnostics, returns valid roles.
 */
export function resolveRoles(
  raw: RawRoles | undefined,
  vocabulary: Vocabulary,
  namespace: string | undefined,
  diagnostics: Diagnostic[],
): PendingRole[] {
  if (raw === undefined) return [];
  const localKeys = new Set(vocabulary.pairs.map((p) => p.localKey));
  const seenRoles = new Set<string>();
  const roles: PendingRole[] = [];
  for (const role of raw.roles) {
    if (!ROLE_NAME.test(role.name)) {
      pushDiagnostic(
        diagnostics,
        Codes.InvalidRoleName,
        role.position,
        `invalid role name "${role.name}": use lowercase letters, digits and underscores, starting with a letter, such as "rt_lead"`,
      );
    }
    if (seenRoles.has(role.name)) {
      pushDiagnostic(
        diagnostics,
        Codes.DuplicateRole,
        role.position,
        `duplicate role "${role.name}"`,
      );
      continue;
    }
    seenRoles.add(role.name);
    // Per file: a role merged from several module files may name one grant in each.
    const seenGrants = new Set<string>();
    const grants: PendingGrant[] = [];
    for (const grant of role.grants) {
      const seenKey = `${grant.position.file}\0${grant.text}`;
      if (seenGrants.has(seenKey)) {
        pushDiagnostic(
          diagnostics,
          Codes.DuplicateGrant,
          grant.position,
          `grant "${grant.text}" is listed twice in role "${role.name}"`,
        );
        continue;
      }
      seenGrants.add(seenKey);
      const resolved = resolveGrant(grant.text, grant.position, role.name, {
        vocabulary,
        localKeys,
        namespace,
        diagnostics,
      });
      if (resolved !== undefined) grants.push(resolved);
    }
    roles.push({ name: role.name, doc: role.doc, grants, position: role.position });
  }
  return roles;
}

interface GrantContext {
  readonly vocabulary: Vocabulary;
  readonly localKeys: ReadonlySet<string>;
  readonly namespace: string | undefined;
  readonly diagnostics: Diagnostic[];
}

function resolveGrant(
  text: string,
  position: SourcePosition,
  roleName: string,
  context: GrantContext,
): PendingGrant | undefined {
  const { vocabulary, namespace, diagnostics } = context;
  if (text === "*") return { kind: "all", text, position };
  if (text.endsWith(".*") && RESOURCE_VALUE.test(text.slice(0, -2))) {
    const value = text.slice(0, -2);
    const resource = vocabulary.resources.byValue.get(value);
    if (resource !== undefined) return { kind: "resource", text, resource, position };
    // A module's values all have a dot after its name, so no resource value is a module name.
    if (vocabulary.modules?.has(value) === true) {
      return { kind: "module", text, module: value, position };
    }
    const hint = hintUnknownResource(text, vocabulary, namespace);
    if (hint !== undefined) {
      pushDiagnostic(
        diagnostics,
        Codes.UnknownGrantResource,
        position,
        `unknown resource "${value}" in grant "${text}" of role "${roleName}"${hint}`,
      );
    }
    return undefined;
  }
  if (PERMISSION_KEY.test(text)) {
    if (context.localKeys.has(text)) return { kind: "exact", text, localKey: text, position };
    const hint = hintUnknownKey(text, vocabulary, namespace);
    if (hint !== undefined) {
      pushDiagnostic(
        diagnostics,
        Codes.UnknownGrantPermission,
        position,
        `unknown permission "${text}" in role "${roleName}"${hint}`,
      );
    }
    return undefined;
  }
  const example = vocabulary.pairs[0]?.localKey ?? "alert.read";
  pushDiagnostic(
    diagnostics,
    Codes.InvalidGrant,
    position,
    `malformed grant "${text}" in role "${roleName}": write "*", "<resource>.*" or a permission key such as "${example}"`,
  );
  return undefined;
}

function hintNamespace(text: string, namespace: string | undefined): string {
  return namespace !== undefined && text.startsWith(`${namespace}.`)
    ? `; write keys without the namespace ("${text.slice(namespace.length + 1)}")`
    : "";
}

/**
 * The end of a message about `<resource>.*` naming an undeclared resource (the declared ones,
 * a suggestion, or that the namespace must go), or undefined when the resources could not all
 * be read, so the unknown name is not reported on top of what broke them.
 */
export function hintUnknownResource(
  text: string,
  vocabulary: Vocabulary,
  namespace: string | undefined,
): string | undefined {
  if (!vocabulary.resources.complete) return undefined;
  const value = text.slice(0, -2);
  const declared = vocabulary.resources.members.map((r) => r.value);
  return (
    hintNamespace(text, namespace) ||
    `; declared resources: ${formatList(declared)}${formatSuggestion(value, declared, (r) => JSON.stringify(`${r}.*`))}`
  );
}

/**
 * The end of a message about an undeclared permission key (what its resource has, a
 * suggestion, or that the namespace must go), or undefined when the vocabulary around it is
 * incomplete (already reported), so one mistake is reported once.
 */
export function hintUnknownKey(
  text: string,
  vocabulary: Vocabulary,
  namespace: string | undefined,
): string | undefined {
  const resourceValue = text.slice(0, text.lastIndexOf("."));
  const uncertain =
    !vocabulary.resources.complete ||
    vocabulary.unresolvedEntries ||
    vocabulary.uncertainResources.has(resourceValue);
  if (uncertain) return undefined;
  const ofResource = vocabulary.pairs
    .filter((p) => p.resource.value === resourceValue)
    .map((p) => p.localKey);
  return (
    hintNamespace(text, namespace) ||
    (!vocabulary.resources.byValue.has(resourceValue)
      ? `; there is no resource "${resourceValue}"`
      : ofResource.length === 0
        ? `; resource "${resourceValue}" has no permissions`
        : `; resource "${resourceValue}" has: ${formatList(ofResource)}`) +
      suggestPermissionKey(text, vocabulary.pairs)
  );
}

/**
 * "Did you mean" for an unknown key: one part of it must name a declared resource or action
 * exactly and the other be a near miss, so `user.manaeg` suggests `user.manage` but
 * `alert.create` does not suggest `alert.read` for sharing letters.
 */
function suggestPermissionKey(
  text: string,
  pairs: Vocabulary["pairs"],
): string {
  const dot = text.lastIndexOf(".");
  const resource = text.slice(0, dot);
  const action = text.slice(dot + 1);
  const sameResource = pairs.filter((p) => p.resource.value === resource);
  if (sameResource.length > 0) {
    return formatSuggestion(
      action,
      sameResource.map((p) => p.action.value),
      (a) => JSON.stringify(`${resource}.${a}`),
    );
  }
  return formatSuggestion(
    resource,
    pairs.filter((p) => p.action.value === action).map((p) => p.resource.value),
    (r) => JSON.stringify(`${r}.${action}`),
  );
}

/**
 * Turns resolved roles into model roles: each grant points at model objects and `permissions`
 * lists every permission the role holds, in the schema's permission order, without duplicates.
 */
export function expandRoles(
  pending: readonly PendingRole[],
  permissions: readonly Permission[],
): Role[] {
  const indexOfKey = new Map(permissions.map((p, index) => [p.localKey, index]));
  const indexesOfResource = new Map<Resource, number[]>();
  permissions.forEach((p, index) => {
    const list = indexesOfResource.get(p.resource);
    if (list) list.push(index);
    else indexesOfResource.set(p.resource, [index]);
  });
  return pending.map((role) => {
    // One mark per schema permission keeps the result in schema order without sorting.
    const held = new Uint8Array(permissions.length);
    let all = false;
    const grants = role.grants.map((grant): Grant => {
      if (grant.kind === "all") {
        all = true;
        return grant;
      }
      if (grant.kind === "module") {
        permissions.forEach((p, index) => {
          if (p.module === grant.module) held[index] = 1;
        });
        return grant;
      }
      if (grant.kind === "resource") {
        for (const index of indexesOfResource.get(grant.resource) ?? []) held[index] = 1;
        return grant;
      }
      const index = indexOfKey.get(grant.localKey);
      const permission = index === undefined ? undefined : permissions[index];
      if (index === undefined || permission === undefined) {
        throw new Error(`internal error: grant "${grant.text}" lost its permission`);
      }
      held[index] = 1;
      return { kind: "exact", text: grant.text, permission, position: grant.position };
    });
    return {
      kind: "role",
      name: role.name,
      doc: role.doc,
      grants,
      permissions: all ? [...permissions] : permissions.filter((_, index) => held[index] === 1),
      position: role.position,
    };
  });
}
