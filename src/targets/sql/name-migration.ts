/**
 * How a migration file is named: `NNNN_<slug>.sql`, the number zero-padded to four digits (so
 * file-name order is apply order up to migration 9999), the slug a short description derived
 * from the change alone, so the same change always gets the same name.
 */
import type { MigrationDelta } from "./migration-delta.js";

/** The slug of the first migration, which creates the tables. */
export const FIRST_MIGRATION_SLUG = "create_permission_tables";

/** Longest slug made of the change's parts; longer ones become `FALLBACK_SLUG`. */
const MAX_SLUG_LENGTH = 60;

/** The slug of a change too varied to name in a few words. */
const FALLBACK_SLUG = "update_permissions";

/** The slug of a change of the schema digest alone. */
const DIGEST_ONLY_SLUG = "update_schema_digest";

/** The pattern every migration file name matches; group 1 is the number. */
export const MIGRATION_FILE_PATTERN = /^(\d{4,})_([a-z0-9_]+)\.sql$/;

/**
 * Builds the file name of migration number `number` (1-based): `0001_create_permission_tables.sql`
 * for the first, `NNNN_<slug>.sql` with `buildMigrationSlug` for the others.
 */
export function buildMigrationFileName(number: number, delta: MigrationDelta): string {
  const slug = number === 1 ? FIRST_MIGRATION_SLUG : buildMigrationSlug(delta);
  return `${String(number).padStart(4, "0")}_${slug}.sql`;
}

/**
 * Describes a delta in a few words joined by `_and_`: `add_<key>` or `add_<n>_permissions`,
 * `remove_<key>` or `remove_<n>_permissions`, `add_role_<name>` or `add_<n>_roles`,
 * `remove_role_<name>` or `remove_<n>_roles`, `rename_<old key>` or `rename_<n>_permissions`,
 * `rename_role_<old name>` or `rename_<n>_roles`, `update_<role>_grants` or `update_<n>_role_grants`
 * (grants changed on permissions and roles that stay), `update_descriptions`. Keys have their
 * dots replaced by underscores. A result longer than 60 characters becomes `update_permissions`.
 * A change of the schema digest alone (something the digest covers but no table row shows, such
 * as a resource without permissions) is `update_schema_digest`.
 */
export function buildMigrationSlug(delta: MigrationDelta): string {
  const parts: string[] = [];
  const name = <T>(items: readonly T[], one: (item: T) => string, many: string): void => {
    const [first] = items;
    if (first === undefined) return;
    parts.push(items.length === 1 ? one(first) : many.replace("<n>", String(items.length)));
  };
  name(delta.addPermissions, (p) => `add_${slugifyKey(p.key)}`, "add_<n>_permissions");
  name(delta.removePermissions, (p) => `remove_${slugifyKey(p.key)}`, "remove_<n>_permissions");
  name(delta.addRoles, (r) => `add_role_${r.name}`, "add_<n>_roles");
  name(delta.removeRoles, (r) => `remove_role_${r.name}`, "remove_<n>_roles");
  name(delta.renamePermissions, (p) => `rename_${slugifyKey(p.from)}`, "rename_<n>_permissions");
  name(delta.renameRoles, (r) => `rename_role_${r.from}`, "rename_<n>_roles");

  // Grants that follow from added or removed permissions and roles are named by those.
  const moved = new Set([
    ...delta.addPermissions.map((p) => p.id),
    ...delta.removePermissions.map((p) => p.id),
  ]);
  const rolesAddedOrRemoved = new Set([
    ...delta.addRoles.map((r) => r.name),
    ...delta.removeRoles.map((r) => r.name),
    ...delta.renameRoles.map((r) => r.name),
  ]);
  const regranted = new Set(
    [...delta.grant, ...delta.revoke]
      .filter((link) => !moved.has(link.id) && !rolesAddedOrRemoved.has(link.role))
      .map((link) => link.role),
  );
  const [onlyRole] = regranted;
  if (onlyRole !== undefined) {
    parts.push(
      regranted.size === 1 ? `update_${onlyRole}_grants` : `update_${regranted.size}_role_grants`,
    );
  }
  if (delta.describePermissions.length > 0 || delta.describeRoles.length > 0) {
    parts.push("update_descriptions");
  }
  if (parts.length === 0 && delta.schemaDigest !== null) return DIGEST_ONLY_SLUG;
  const slug = parts.join("_and_");
  return slug === "" || slug.length > MAX_SLUG_LENGTH ? FALLBACK_SLUG : slug;
}

function slugifyKey(key: string): string {
  return key.replace(/[^a-z0-9_]+/g, "_");
}
