/**
 * What changed in the vocabulary between the lock on disk and the lock a run would write: the
 * summary `check` prints before its per-file diffs (who gains and loses what). Pure: two locks
 * in, plain data out.
 */
import type { Lock } from "./lock.js";

/** A permission that became active: new, or a retired key that came back with its old id. */
export interface AddedPermission {
  readonly key: string;
  readonly id: number;
  readonly revived: boolean;
}

/** A permission that left the vocabulary: its id is retired, never reused. */
export interface RemovedPermission {
  readonly key: string;
  readonly id: number;
}

/** A role whose permissions differ; `gained`/`lost` are keys in id order. */
export interface RoleChange {
  readonly name: string;
  readonly kind: "added" | "removed" | "changed";
  readonly gained: readonly string[];
  readonly lost: readonly string[];
}

export interface VocabularyChanges {
  readonly added: readonly AddedPermission[];
  readonly removed: readonly RemovedPermission[];
  /** Roles in name order; empty when `rolesKnown` is false. */
  readonly roles: readonly RoleChange[];
  /**
   * false when the lock on disk was written before permgen recorded roles, so role changes
   * cannot be told (a lock that does not exist yet counts as known: every role is new).
   */
  readonly rolesKnown: boolean;
}

/**
 * Compares the lock on disk (`before`, undefined when there is none) with the lock the run
 * would write. Permission lines come from the active keys; a key active before and after with
 * the same id is unchanged (ids never move). Role lines compare each role's recorded keys.
 */
export function describeVocabularyChanges(before: Lock | undefined, after: Lock): VocabularyChanges {
  const beforeActive = before?.active ?? new Map<string, number>();
  const added = [...after.active]
    .filter(([key]) => !beforeActive.has(key))
    .map(([key, id]) => ({ key, id, revived: before?.retired.has(key) ?? false }));
  const removed = [...beforeActive]
    .filter(([key]) => !after.active.has(key))
    .map(([key, id]) => ({ key, id }));
  const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;
  const rolesBefore = before === undefined ? new Map<string, readonly string[]>() : before.roles;
  const rolesAfter = after.roles ?? new Map<string, readonly string[]>();
  const roles: RoleChange[] = [];
  if (rolesBefore !== undefined) {
    const names = [...new Set([...rolesBefore.keys(), ...rolesAfter.keys()])].sort(compareText);
    for (const name of names) {
      const was = rolesBefore.get(name);
      const now = rolesAfter.get(name);
      const wasSet = new Set(was ?? []);
      const nowSet = new Set(now ?? []);
      const gained = (now ?? []).filter((key) => !wasSet.has(key));
      const lost = (was ?? []).filter((key) => !nowSet.has(key));
      if (was === undefined) roles.push({ name, kind: "added", gained, lost });
      else if (now === undefined) roles.push({ name, kind: "removed", gained, lost });
      else if (gained.length > 0 || lost.length > 0) roles.push({ name, kind: "changed", gained, lost });
    }
  }
  return Object.freeze({
    added: added.sort(byId),
    removed: removed.sort(byId),
    roles,
    rolesKnown: rolesBefore !== undefined,
  });
}

/** Whether nothing a grant depends on changed: no permission, id or role's permissions. */
export function isVocabularyUnchanged(changes: VocabularyChanges): boolean {
  return changes.added.length === 0 && changes.removed.length === 0 && changes.roles.length === 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
