/**
 * The lock's record of roles: what each role held when the lock was last written (see lock.ts).
 */
import { recordRenames } from "./assign-ids.js";
import type { Lock } from "./lock.js";

/** The grant text the lock writes for a role that holds every key of `permissions`. */
export const ALL_KEYS = "*";

/**
 * Returns `lock` with `roles` recording each role's permission keys: names in code-unit order,
 * keys in id order. Every key must be active in `lock` (the model's roles only hold the model's
 * permissions, which `assignIds` made active); a key that is not is an internal error.
 * `renames` (new name → former name, resolved through the lock's record) are added to
 * `renamedRoles`, chains collapsed, so a `@renamedFrom` that stays still names a known role.
 */
export function recordRoles(
  lock: Lock,
  roles: readonly { readonly name: string; readonly keys: readonly string[] }[],
  renames: ReadonlyMap<string, string> = new Map(),
): Lock {
  const record = new Map<string, readonly string[]>();
  for (const role of [...roles].sort((a, b) => compareText(a.name, b.name))) {
    const keys = [...new Set(role.keys)].map((key) => {
      const id = lock.active.get(key);
      if (id === undefined) throw new Error(`internal error: role "${role.name}" holds "${key}", which has no id`);
      return { key, id };
    });
    keys.sort((a, b) => a.id - b.id);
    record.set(role.name, Object.freeze(keys.map((k) => k.key)));
  }
  const names = new Set(roles.map((role) => role.name));
  const moved = new Map([...renames].map(([to, from]) => [from, to] as const));
  const renamedRoles = recordRenames(lock.renamedRoles, moved, (name) => names.has(name));
  const { renamedRoles: _previous, ...rest } = lock;
  return Object.freeze({
    ...rest,
    roles: record,
    ...(renamedRoles.size === 0 ? {} : { renamedRoles }),
  });
}

/** Whether a role that holds `keys` holds every active key of `lock` (written as `["*"]`). */
export function holdsEveryKey(lock: Lock, keys: readonly string[]): boolean {
  return lock.active.size > 0 && keys.length === lock.active.size && keys.every((k) => lock.active.has(k));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
