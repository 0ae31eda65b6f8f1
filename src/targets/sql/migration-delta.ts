/**
 * The SQL target's data model: the rows the three tables hold plus the schema digest the
 * metadata table records (a `TableState`), and the change one migration makes to them (a
 * `MigrationDelta`).
 *
 * A migration history is a list of deltas. Folding them in order from the empty state gives the
 * rows a database holds after applying every migration; diffing that with the rows the current
 * model asks for gives the next migration. Everything here is pure and ordered deterministically
 * (ids numerically, names by UTF-16 code unit), so the same history always renders the same SQL.
 */
import type { Model } from "../../model/model.js";

/** One row of the permission table. */
export interface PermissionRow {
  /** The lock id: primary key, never reused. */
  readonly id: number;
  /** The full key, namespace included. */
  readonly key: string;
  readonly resource: string;
  readonly action: string;
  readonly description: string | null;
}

/** One row of the role table. */
export interface RoleRow {
  readonly name: string;
  readonly description: string | null;
}

/** One row of the role-permission table; `key` is the permission's key, for comments and checks. */
export interface LinkRow {
  readonly role: string;
  readonly id: number;
  readonly key: string;
}

/** A permission named by id and key (what a removal or a description change needs). */
export interface PermissionRef {
  readonly id: number;
  readonly key: string;
}

/**
 * The rows of the three tables and the `schema_digest` row of the metadata table (null before
 * the first migration). Maps keep insertion order; links are keyed by `linkKey`.
 */
export interface TableState {
  readonly permissions: ReadonlyMap<number, PermissionRow>;
  readonly roles: ReadonlyMap<string, RoleRow>;
  readonly links: ReadonlyMap<string, LinkRow>;
  readonly digest: string | null;
  /**
   * Role name → the name it had before a `@renamedFrom` still in the schema: set only on the
   * state the model asks for, so `diffStates` renames the row in place instead of deleting it.
   */
  readonly roleRenames?: ReadonlyMap<string, string>;
}

/** A permission renamed in place: same id, new key (and resource or action). */
export interface PermissionRename {
  readonly id: number;
  /** The key before. */
  readonly from: string;
  readonly key: string;
  readonly resource: string;
  readonly action: string;
}

/** A role renamed in place. */
export interface RoleRename {
  /** The name before. */
  readonly from: string;
  readonly name: string;
}

/**
 * A change of the `schema_digest` row: `from` is the value before (null: the row does not exist
 * yet and is inserted), `to` the value after. Both are recorded so a migration renders from its
 * own delta alone.
 */
export interface DigestChange {
  readonly from: string | null;
  readonly to: string;
}

/**
 * What one migration changes, in the order the migration applies it: links go before the rows
 * they reference, rows are deleted before rows that may reuse their key are inserted, and the
 * schema digest is written last. `schemaDigest` is null when the digest does not change (a
 * change of descriptions alone, which the digest does not cover).
 */
export interface MigrationDelta {
  readonly revoke: readonly LinkRow[];
  readonly removeRoles: readonly { readonly name: string }[];
  readonly removePermissions: readonly PermissionRef[];
  readonly renamePermissions: readonly PermissionRename[];
  readonly renameRoles: readonly RoleRename[];
  readonly describePermissions: readonly (PermissionRef & {
    readonly description: string | null;
  })[];
  readonly describeRoles: readonly RoleRow[];
  readonly addPermissions: readonly PermissionRow[];
  readonly addRoles: readonly RoleRow[];
  readonly grant: readonly LinkRow[];
  readonly schemaDigest: DigestChange | null;
}

/** The list fields of a delta, in the order a migration applies them (`schemaDigest` comes after). */
export const DELTA_FIELDS = [
  "revoke",
  "removeRoles",
  "removePermissions",
  "renamePermissions",
  "renameRoles",
  "describePermissions",
  "describeRoles",
  "addPermissions",
  "addRoles",
  "grant",
] as const satisfies readonly (keyof MigrationDelta)[];

/** A delta that changes nothing. */
export const EMPTY_DELTA: MigrationDelta = Object.freeze({
  revoke: [],
  removeRoles: [],
  removePermissions: [],
  renamePermissions: [],
  renameRoles: [],
  describePermissions: [],
  describeRoles: [],
  addPermissions: [],
  addRoles: [],
  grant: [],
  schemaDigest: null,
});

/** Where a problem is inside one delta: `[field, index]`, e.g. `["grant", 2]`, or `["schemaDigest", "from"]`. */
export type DeltaPath = readonly [keyof MigrationDelta, number | string];

/** Why a delta cannot be applied to a state: the entry at fault and what is wrong with it. */
export interface DeltaProblem {
  readonly at: DeltaPath;
  readonly message: string;
}

/** The map key of a link row: role name and permission id. */
export function buildLinkKey(role: string, id: number): string {
  return `${role}\u0000${id}`;
}

/** The state of a database no migration has touched: empty tables. */
export function createEmptyState(): TableState {
  return { permissions: new Map(), roles: new Map(), links: new Map(), digest: null };
}

/**
 * Builds the rows the model asks for: one permission row per permission (id from the lock,
 * description from its doc comment), one role row per role, one link per permission a role
 * holds (wildcards already expanded by the model), and the model's digest.
 */
export function buildModelState(model: Model): TableState {
  const permissions = new Map<number, PermissionRow>();
  for (const p of model.permissions) {
    permissions.set(p.id, {
      id: p.id,
      key: p.key,
      resource: p.resource.value,
      action: p.action.value,
      description: p.doc.description ?? null,
    });
  }
  const roles = new Map<string, RoleRow>();
  const links = new Map<string, LinkRow>();
  const roleRenames = new Map<string, string>();
  for (const role of model.roles) {
    if (role.doc.renamedFrom !== undefined) roleRenames.set(role.name, role.doc.renamedFrom);
    roles.set(role.name, { name: role.name, description: role.doc.description ?? null });
    for (const p of role.permissions) {
      links.set(buildLinkKey(role.name, p.id), { role: role.name, id: p.id, key: p.key });
    }
  }
  return { permissions, roles, links, digest: model.digest, roleRenames };
}

/**
 * Computes the delta that turns `before` into `after`. A permission whose id is kept but whose
 * key, resource or action differs is renamed in place (an UPDATE: the id is the permission, and
 * rows of the application's own tables that reference it stay valid; its links stay); one whose
 * description alone differs is described. A role `after.roleRenames` says was renamed from a
 * role of `before` that `after` no longer has is renamed in place (its links are revoked first
 * and granted again under the new name, since the link table's foreign key does not cascade). Removals and revocations come in
 * the order of `before`'s ids and names, additions in id order (roles in `after`'s order), links
 * by role name then id. The digest changes when `after`'s differs from `before`'s.
 */
export function diffStates(before: TableState, after: TableState): MigrationDelta {
  const samePermission = (a: PermissionRow, b: PermissionRow): boolean =>
    a.key === b.key && a.resource === b.resource && a.action === b.action;
  const removePermissions: PermissionRef[] = [];
  const renamePermissions: PermissionRename[] = [];
  const describePermissions: (PermissionRef & { description: string | null })[] = [];
  for (const row of sortPermissions(before.permissions.values())) {
    const next = after.permissions.get(row.id);
    if (next === undefined) {
      removePermissions.push({ id: row.id, key: row.key });
      continue;
    }
    if (!samePermission(row, next)) {
      const { id, key, resource, action } = next;
      renamePermissions.push({ id, from: row.key, key, resource, action });
    }
    if (next.description !== row.description) {
      describePermissions.push({ id: row.id, key: next.key, description: next.description });
    }
  }
  // Filtered before sorting, into one array: at 100k pairs a copy of every row (then filtered
  // into another) was garbage the size of the vocabulary.
  const addPermissions: PermissionRow[] = [];
  for (const row of after.permissions.values()) {
    if (!before.permissions.has(row.id)) addPermissions.push(row);
  }
  addPermissions.sort(compareIds);

  // New name → old name, for each role renamed in place.
  const renamed = new Map<string, string>();
  for (const [name, from] of after.roleRenames ?? []) {
    if (before.roles.has(from) && !before.roles.has(name) && !after.roles.has(from)) {
      renamed.set(name, from);
    }
  }
  const renamedAway = new Set(renamed.values());
  const removeRoles = [...before.roles.values()]
    .filter((role) => !after.roles.has(role.name) && !renamedAway.has(role.name))
    .map((role) => ({ name: role.name }));
  const renameRoles = [...after.roles.values()].flatMap((role) => {
    const from = renamed.get(role.name);
    return from === undefined ? [] : [{ from, name: role.name }];
  });
  const describeRoles = [...after.roles.values()].filter((role) => {
    const previous = before.roles.get(renamed.get(role.name) ?? role.name);
    return previous !== undefined && previous.description !== role.description;
  });
  const addRoles = [...after.roles.values()].filter(
    (role) => !before.roles.has(role.name) && !renamed.has(role.name),
  );

  // A link is its (role, id): a permission renamed in place keeps its links. Collected in one
  // array each and sorted in place (no array of every [key, link] entry, filtered, mapped and
  // copied to sort, as at 100k pairs each of those held every link).
  const revoke: LinkRow[] = [];
  for (const [k, link] of before.links) if (!after.links.has(k)) revoke.push(link);
  revoke.sort(compareLinks);
  const grant: LinkRow[] = [];
  for (const [k, link] of after.links) if (!before.links.has(k)) grant.push(link);
  grant.sort(compareLinks);
  return {
    revoke,
    removeRoles,
    removePermissions,
    renamePermissions,
    renameRoles,
    describePermissions,
    describeRoles,
    addPermissions,
    addRoles,
    grant,
    schemaDigest:
      after.digest === null || after.digest === before.digest
        ? null
        : { from: before.digest, to: after.digest },
  };
}

/** Tells whether a delta changes nothing. */
export function isEmptyDelta(delta: MigrationDelta): boolean {
  return DELTA_FIELDS.every((field) => delta[field].length === 0) && delta.schemaDigest === null;
}

/**
 * Applies a delta to a state, field by field in migration order, checking each entry the way
 * the database's constraints would (no duplicate id, key, role or link; nothing removed that is
 * absent or still referenced; keys matching the ids they name; a digest change starting from
 * the digest the state holds). Returns the new state, or the
 * first entry that cannot apply. `state` is not modified.
 */
export function applyDelta(
  state: TableState,
  delta: MigrationDelta,
):
  | { readonly state: TableState; readonly problem?: undefined }
  | { readonly problem: DeltaProblem } {
  const next = copyState(state);
  const problem = applyDeltaInPlace(next, delta);
  return problem === undefined ? { state: next } : { problem };
}

/** A state whose tables can be changed in place (see `applyDeltaInPlace`). */
export interface WorkingState {
  readonly permissions: Map<number, PermissionRow>;
  readonly roles: Map<string, RoleRow>;
  readonly links: Map<string, LinkRow>;
  digest: string | null;
}

/** A copy of `state` to change in place (its rows are shared: they are never modified). */
export function copyState(state: TableState): WorkingState {
  return {
    permissions: new Map(state.permissions),
    roles: new Map(state.roles),
    links: new Map(state.links),
    digest: state.digest,
  };
}

/**
 * `applyDelta` on `state` itself: the same checks in the same order, the state changed to the
 * one after the delta and undefined returned, or the first problem (the state is then partly
 * changed, and must be dropped). For a replay of a whole history: copying every table for each
 * migration made reading 300 migrations of a 2,000-pair vocabulary cost 300 copies of it.
 */
export function applyDeltaInPlace(state: WorkingState, delta: MigrationDelta): DeltaProblem | undefined {
  const { permissions, roles, links } = state;
  const fail = (field: keyof MigrationDelta, index: number | string, message: string): DeltaProblem => ({
    at: [field, index] as const,
    message,
  });
  const describeLinkedKey = (id: number, key: string): string | undefined => {
    const row = permissions.get(id);
    if (row === undefined) return `no permission has id ${id}`;
    if (row.key !== key)
      return `permission ${id} is ${JSON.stringify(row.key)}, not ${JSON.stringify(key)}`;
    return undefined;
  };

  for (const [i, link] of delta.revoke.entries()) {
    const current = links.get(buildLinkKey(link.role, link.id));
    if (current === undefined || current.key !== link.key) {
      return fail(
        "revoke",
        i,
        `role ${JSON.stringify(link.role)} does not hold ${JSON.stringify(link.key)} (id ${link.id})`,
      );
    }
    links.delete(buildLinkKey(link.role, link.id));
  }
  const linkedRoles = new Set<string>();
  const linkedIds = new Set<number>();
  for (const link of links.values()) {
    linkedRoles.add(link.role);
    linkedIds.add(link.id);
  }
  for (const [i, { name }] of delta.removeRoles.entries()) {
    if (!roles.has(name))
      return fail("removeRoles", i, `no role ${JSON.stringify(name)} to remove`);
    if (linkedRoles.has(name)) {
      return fail("removeRoles", i, `role ${JSON.stringify(name)} still holds permissions`);
    }
    roles.delete(name);
  }
  for (const [i, ref] of delta.removePermissions.entries()) {
    const problem = describeLinkedKey(ref.id, ref.key);
    if (problem !== undefined) return fail("removePermissions", i, problem);
    if (linkedIds.has(ref.id)) {
      return fail(
        "removePermissions",
        i,
        `permission ${JSON.stringify(ref.key)} is still granted to a role`,
      );
    }
    permissions.delete(ref.id);
  }
  // Renames are applied one after the other, each against the keys the earlier ones left: how
  // many rows hold each key, and which link rows name each id (no link is added before the
  // grants), so that renaming an action of every resource is linear, not rows × renames.
  const rowsByKey = new Map<string, number>();
  const linksById = new Map<number, string[]>();
  if (delta.renamePermissions.length > 0) {
    for (const row of permissions.values()) rowsByKey.set(row.key, (rowsByKey.get(row.key) ?? 0) + 1);
    for (const [k, link] of links) {
      const named = linksById.get(link.id);
      if (named === undefined) linksById.set(link.id, [k]);
      else named.push(k);
    }
  }
  for (const [i, change] of delta.renamePermissions.entries()) {
    const problem = describeLinkedKey(change.id, change.from);
    if (problem !== undefined) return fail("renamePermissions", i, problem);
    if ((rowsByKey.get(change.key) ?? 0) > 0) {
      return fail("renamePermissions", i, `key ${JSON.stringify(change.key)} already exists`);
    }
    const row = permissions.get(change.id);
    if (row !== undefined) {
      const { key, resource, action } = change;
      permissions.set(change.id, { ...row, key, resource, action });
      rowsByKey.set(row.key, (rowsByKey.get(row.key) ?? 1) - 1);
      rowsByKey.set(key, 1);
    }
    // The link rows name the permission by id; only the key they carry for messages changes.
    for (const k of linksById.get(change.id) ?? []) {
      const link = links.get(k);
      if (link !== undefined) links.set(k, { ...link, key: change.key });
    }
  }
  for (const [i, change] of delta.renameRoles.entries()) {
    const row = roles.get(change.from);
    if (row === undefined) return fail("renameRoles", i, `no role ${JSON.stringify(change.from)} to rename`);
    if (roles.has(change.name)) {
      return fail("renameRoles", i, `role ${JSON.stringify(change.name)} already exists`);
    }
    if (linkedRoles.has(change.from)) {
      return fail("renameRoles", i, `role ${JSON.stringify(change.from)} still holds permissions`);
    }
    roles.delete(change.from);
    roles.set(change.name, { ...row, name: change.name });
  }
  for (const [i, change] of delta.describePermissions.entries()) {
    const problem = describeLinkedKey(change.id, change.key);
    if (problem !== undefined) return fail("describePermissions", i, problem);
    const row = permissions.get(change.id);
    if (row !== undefined) permissions.set(change.id, { ...row, description: change.description });
  }
  for (const [i, change] of delta.describeRoles.entries()) {
    if (!roles.has(change.name))
      return fail("describeRoles", i, `no role ${JSON.stringify(change.name)}`);
    roles.set(change.name, change);
  }
  const keys = new Set([...permissions.values()].map((row) => row.key));
  for (const [i, row] of delta.addPermissions.entries()) {
    if (permissions.has(row.id)) return fail("addPermissions", i, `id ${row.id} is already taken`);
    if (keys.has(row.key))
      return fail("addPermissions", i, `key ${JSON.stringify(row.key)} already exists`);
    permissions.set(row.id, row);
    keys.add(row.key);
  }
  for (const [i, role] of delta.addRoles.entries()) {
    if (roles.has(role.name))
      return fail("addRoles", i, `role ${JSON.stringify(role.name)} already exists`);
    roles.set(role.name, role);
  }
  for (const [i, link] of delta.grant.entries()) {
    if (!roles.has(link.role)) return fail("grant", i, `no role ${JSON.stringify(link.role)}`);
    const problem = describeLinkedKey(link.id, link.key);
    if (problem !== undefined) return fail("grant", i, problem);
    const k = buildLinkKey(link.role, link.id);
    if (links.has(k)) {
      return fail(
        "grant",
        i,
        `role ${JSON.stringify(link.role)} already holds ${JSON.stringify(link.key)}`,
      );
    }
    links.set(k, link);
  }
  if (delta.schemaDigest !== null) {
    if (delta.schemaDigest.from !== state.digest) {
      return fail(
        "schemaDigest",
        "from",
        `it changes the schema digest from ${delta.schemaDigest.from ?? "nothing"}, but the one before it is ${state.digest ?? "nothing"}`,
      );
    }
    state.digest = delta.schemaDigest.to;
  }
  return undefined;
}

function sortPermissions(rows: Iterable<PermissionRow>): PermissionRow[] {
  return [...rows].sort(compareIds);
}

function compareIds(a: PermissionRow, b: PermissionRow): number {
  return a.id - b.id;
}

/** Links by role name (UTF-16 code units), then id. */
function compareLinks(a: LinkRow, b: LinkRow): number {
  return a.role < b.role ? -1 : a.role > b.role ? 1 : a.id - b.id;
}
