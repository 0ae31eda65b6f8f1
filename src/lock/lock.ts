/**
 * permgen.lock.json: stable integer ids for permission keys (CONTRACT §6).
 *
 * File format (version 1), keys ordered by id so a diff shows one line per change:
 *
 *   {
 *     "$comment": "...",
 *     "version": 1,
 *     "schema": "backend/schema/permissions.ts",
 *     "nextId": 3,
 *     "permissions": { "soc.alert.read": 0, "soc.alert.acknowledge": 2 },
 *     "retired": { "soc.alert.close": 1 },
 *     "roles": {
 *       "admin": ["*"],
 *       "viewer": [
 *         "soc.alert.read"
 *       ]
 *     }
 *   }
 *
 * Rules: ids are append-only. A new key gets `nextId` (then nextId grows); a key that leaves
 * the schema moves to `retired` with its id; a retired key that comes back gets its old id
 * back. No id appears twice across both maps, and every id is below `nextId`, so deleting a
 * retired entry by hand still cannot make an id be reused.
 *
 * `roles` records what each role held when the lock was last written: its expanded permission
 * keys in id order, or `["*"]` when it held every key of `permissions`. It is what `check`
 * compares against to say who gains and loses what, and (later) what a role rename is checked
 * against. Locks written before roles were recorded have no `roles`; they read as "unknown".
 *
 * `schema` is the schema's path from the repository root, as the generated headers named it
 * when the lock was last written. After the schema file moves (and the config with it), the
 * files that still name the old path are recognised as this config's, so one `generate`
 * rewrites their headers instead of refusing them as foreign (SQL migrations keep theirs).
 * Locks written before it was recorded have none; their config's files are then recognised
 * by the older header form too (the path relative to the config's folder), for one transition.
 *
 * `renamed` and `renamedRoles` (written only when not empty) record `@renamedFrom` renames:
 *
 *     "renamed": { "soc.alert.escalate": "soc.alert.acknowledge" },
 *     "renamedRoles": { "auditor": "reviewer" }
 *
 * This module holds only the type and the empty lock, so a model or an emitter that names a
 * lock loads nothing else; reading, writing and id assignment are imported from their own
 * modules (parse-lock.ts, serialize-lock.ts, assign-ids.ts), never through a barrel.
 */

/** The lock's content, read-only. */
export interface Lock {
  readonly version: 1;
  /** The id the next new key gets; greater than every id ever given. */
  readonly nextId: number;
  /** Keys of the current vocabulary → id, in id order. */
  readonly active: ReadonlyMap<string, number>;
  /** Keys that left the vocabulary → their id, never reused; in id order. */
  readonly retired: ReadonlyMap<string, number>;
  /**
   * Role name → the keys it held, in id order (`*` already expanded); undefined when the lock
   * was written before permgen recorded roles. Names in code-unit order.
   */
  readonly roles?: ReadonlyMap<string, readonly string[]> | undefined;
  /**
   * The schema path (from the repository root, `/`-separated) the config's headers named when
   * the lock was last written; undefined in locks written before permgen recorded it.
   */
  readonly schema?: string | undefined;
  /**
   * Renames (`@renamedFrom`, CONTRACT §8): a former permission key → the key that carries its
   * id now; chains are collapsed (a → b, later b → c records a → c and b → c). A key never
   * maps to an active key's name. What lets a tag that stays in the schema after its generate
   * still name something the lock knew. Undefined or empty when nothing was ever renamed.
   */
  readonly renamed?: ReadonlyMap<string, string> | undefined;
  /** Likewise for roles: a former role name → the role's name now. */
  readonly renamedRoles?: ReadonlyMap<string, string> | undefined;
}

/** The empty lock a repository starts with. */
export const EMPTY_LOCK: Lock = Object.freeze({
  version: 1,
  nextId: 0,
  active: new Map<string, number>(),
  retired: new Map<string, number>(),
});
