/**
 * A model narrowed to some of its modules, for a target entry that lists `"modules": [...]`
 * (one Go package per domain, seed 004): the target then emits only those modules' resources
 * and permissions, while everything that must agree across targets stays the whole model's.
 *
 * Pure and read-only like the model itself: the result shares the model's frozen objects
 * (a permission is the same object in both), only the lists are new.
 */
import type { Grant, Model, Role } from "./model.js";
import { freezeDeep } from "./freeze-deep.js";

/**
 * The model as a target restricted to `modules` sees it (names from the config's `modules`,
 * validated by the config stage; undefined or absent: the whole model, returned as it is):
 *
 * - `resources` and `permissions`: those of the listed modules only, in model order;
 * - `actions`: those a kept permission uses, in model order (the global action vocabulary
 *   would otherwise name actions no emitted pair has);
 * - `roles`: every role is kept, in model order, holding only the kept permissions — a role
 *   that holds none of them is still listed and grants nothing (fail closed: code that asks
 *   for it by name gets an empty set, not an unknown-role surprise in one package only); its
 *   grants keep `*` and the grants that name a kept module, resource or permission;
 * - `modules`: the listed modules, in config order;
 * - `sources`, `namespace`, `docs`, `constraints` and `digest` stay the model's: headers keep
 *   naming every file the vocabulary came from (so `check` recognises the files as this
 *   config's), and `SCHEMA_DIGEST` stays the whole vocabulary's, so a restricted service's
 *   start-up check agrees with the database the unrestricted SQL target writes.
 *
 * Ids are the permissions' own (the lock's, for the whole vocabulary): restricting never moves
 * or reuses one.
 */
export function restrictModel(model: Model, modules: readonly string[] | undefined): Model {
  if (modules === undefined) return model;
  const wanted = new Set(modules);
  const permissions = model.permissions.filter((p) => p.module !== undefined && wanted.has(p.module));
  const resources = model.resources.filter((r) => r.module !== undefined && wanted.has(r.module));
  const usedActions = new Set(permissions.map((p) => p.action.value));
  const kept = new Set(permissions.map((p) => p.key));
  const keptResources = new Set(resources.map((r) => r.value));
  const keepGrant = (grant: Grant): boolean => {
    if (grant.kind === "resource") return keptResources.has(grant.resource.value);
    if (grant.kind === "exact") return kept.has(grant.permission.key);
    // A root schema's grant of a whole module (`"patients.*"`) stays when its module does.
    if (grant.kind === "module") return wanted.has(grant.module);
    return true;
  };
  const roles = model.roles.map(
    (role): Role => ({
      ...role,
      grants: role.grants.filter(keepGrant),
      permissions: role.permissions.filter((p) => kept.has(p.key)),
    }),
  );
  return freezeDeep({
    ...model,
    modules: model.modules.filter((m) => wanted.has(m.name)),
    resources,
    actions: model.actions.filter((a) => usedActions.has(a.value)),
    permissions,
    roles,
  });
}
