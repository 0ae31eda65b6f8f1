/**
 * Down migrations: the exact inverse of a delta, computed from the delta and the state before
 * it (which the manifest's history yields by folding every delta before it), so a down needs no
 * record of its own and up → down → up leaves a database as it was.
 *
 * The inverse lists the same kinds of change swapped (grants revoked, additions removed,
 * removals added back with the rows and descriptions they had, renames and descriptions set
 * back), in the order `DELTA_FIELDS` applies them, which is valid for the inverse too: links go
 * before the rows they reference, and rows come back before the links that reference them.
 * Renames are undone in reverse order, so a chain `a → b, c → a` unwinds without a key clash.
 */
import type {
  MigrationDelta,
  PermissionRef,
  PermissionRow,
  RoleRow,
  TableState,
} from "./migration-delta.js";

/**
 * Returns the delta that undoes `delta` applied to `before`. The digest is set back to the one
 * before; the first migration's digest has none (its `from` is null), so its inverse leaves the
 * digest alone: the first migration's down drops the tables instead (see `renderDropTables`).
 */
export function invertDelta(before: TableState, delta: MigrationDelta): MigrationDelta {
  const permissionBefore = (id: number): PermissionRow => {
    const row = before.permissions.get(id);
    // The history was folded successfully, so every id a delta names existed before it.
    if (row === undefined) throw new Error(`unreachable: no permission ${id} before the delta`);
    return row;
  };
  const roleBefore = (name: string): RoleRow => {
    const row = before.roles.get(name);
    if (row === undefined) throw new Error(`unreachable: no role ${name} before the delta`);
    return row;
  };
  // New role name → the name it had, for the descriptions of renamed roles.
  const renamedFrom = new Map(delta.renameRoles.map((r) => [r.name, r.from]));
  const schemaDigest = delta.schemaDigest;
  return {
    revoke: delta.grant,
    removeRoles: delta.addRoles.map((role) => ({ name: role.name })),
    removePermissions: delta.addPermissions.map((p): PermissionRef => ({ id: p.id, key: p.key })),
    renamePermissions: [...delta.renamePermissions].reverse().map((change) => {
      const row = permissionBefore(change.id);
      const { resource, action } = row;
      return { id: change.id, from: change.key, key: change.from, resource, action };
    }),
    renameRoles: [...delta.renameRoles].reverse().map((r) => ({ from: r.name, name: r.from })),
    describePermissions: delta.describePermissions.map((change) => {
      const row = permissionBefore(change.id);
      return { id: row.id, key: row.key, description: row.description };
    }),
    describeRoles: delta.describeRoles.map((role) =>
      roleBefore(renamedFrom.get(role.name) ?? role.name),
    ),
    addPermissions: delta.removePermissions.map((ref) => permissionBefore(ref.id)),
    addRoles: delta.removeRoles.map((role) => roleBefore(role.name)),
    grant: delta.revoke,
    schemaDigest:
      schemaDigest === null || schemaDigest.from === null
        ? null
        : { from: schemaDigest.to, to: schemaDigest.from },
  };
}

/**
 * The rows of `before` that `invertDelta(before, delta)` reads — the permissions and roles the
 * delta names by id or name, nothing else — as a state of their own: the inverse computed from
 * it is the one computed from all of `before`. For a history replayed on one state changed in
 * place (emit-sql.ts `readHistory`), which keeps no copy of the state before each migration.
 * Kept next to `invertDelta`: a row that one reads must be one this selects.
 */
export function selectInverseRows(before: TableState, delta: MigrationDelta): TableState {
  const permissions = new Map<number, PermissionRow>();
  const roles = new Map<string, RoleRow>();
  const keepPermission = (id: number) => {
    const row = before.permissions.get(id);
    if (row !== undefined) permissions.set(id, row);
  };
  const keepRole = (name: string) => {
    const row = before.roles.get(name);
    if (row !== undefined) roles.set(name, row);
  };
  for (const change of delta.renamePermissions) keepPermission(change.id);
  for (const change of delta.describePermissions) keepPermission(change.id);
  for (const ref of delta.removePermissions) keepPermission(ref.id);
  for (const role of delta.removeRoles) keepRole(role.name);
  for (const role of delta.describeRoles) keepRole(role.name);
  for (const change of delta.renameRoles) keepRole(change.from);
  return { permissions, roles, links: new Map(), digest: before.digest };
}
