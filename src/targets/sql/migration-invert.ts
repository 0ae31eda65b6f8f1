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
