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
  /** `renamed`: the role was `from` (`@renamedFrom`); gained and lost compare with its record. */
  readonly kind: "added" | "removed" | "changed" | "renamed";
  readonly from?: string;
  readonly gained: readonly string[];
  readonly lost: readonly string[];
}

/** A permission renamed (`@renamedFrom`): its id stays, its key changes. */
export interface RenamedPermission {
  readonly from: string;
  readonly key: string;
  readonly id: number;
}

export interface VocabularyChanges {
  readonly added: readonly AddedPermission[];
  readonly removed: readonly RemovedPermission[];
  /**
   * Keys whose id is now another key's (a rename), in id order; not in `added`/`removed`.
   * Absent when nothing was renamed, so `check --format json` reads as before.
   */
  readonly renamed?: readonly RenamedPermission[];
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
  // Ids never move, so an id held by another key than before is a rename. No id is held twice
  // within a lock (lock.ts), so only keys not active before can be renames or additions, and
  // the id → key tables are built only when such a key is there: a check in sync at 100,000
  // pairs spent ~0.15 s building them for nothing.
  let keyOfIdBefore: Map<number, string> | undefined;
  const renamed: RenamedPermission[] = [];
  const fresh: [string, number][] = [];
  for (const [key, id] of after.active) {
    if (beforeActive.has(key)) continue;
    keyOfIdBefore ??= new Map([...beforeActive, ...(before?.retired ?? [])].map(([k, i]) => [i, k]));
    const from = keyOfIdBefore.get(id);
    if (from === undefined || from === key) fresh.push([key, id]);
    else renamed.push({ from, key, id });
  }
  const renamedIds = new Set(renamed.map((r) => r.id));
  const added = fresh
    .filter(([, id]) => !renamedIds.has(id))
    .map(([key, id]) => ({ key, id, revived: before?.retired.has(key) ?? false }));
  const removed: RemovedPermission[] = [];
  for (const [key, id] of beforeActive) {
    if (!after.active.has(key) && !renamedIds.has(id)) removed.push({ key, id });
  }
  // A role's keys compared by id, so a renamed key is neither gained nor lost. A key still
  // active with its id is itself (its id is no other key's).
  let keyOfIdAfter: Map<number, string> | undefined;
  const sameKey = (key: string): string => {
    const id = beforeActive.get(key);
    if (id === undefined || after.active.get(key) === id) return key;
    keyOfIdAfter ??= new Map([...after.active].map(([k, i]) => [i, k]));
    return keyOfIdAfter.get(id) ?? key;
  };
  const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;
  const rolesBefore = before === undefined ? new Map<string, readonly string[]>() : before.roles;
  const rolesAfter = after.roles ?? new Map<string, readonly string[]>();
  const roles: RoleChange[] = [];
  if (rolesBefore !== undefined) {
    // New name → old name, for roles renamed since `before` (`@renamedFrom`).
    const renamedRoles = new Map(
      [...(after.renamedRoles ?? [])]
        .filter(([from, to]) => rolesBefore.has(from) && !rolesAfter.has(from) && !rolesBefore.has(to))
        .map(([from, to]) => [to, from] as const),
    );
    const formerNames = new Set(renamedRoles.values());
    const names = [...new Set([...rolesBefore.keys(), ...rolesAfter.keys()])]
      .filter((name) => !formerNames.has(name))
      .sort(compareText);
    for (const name of names) {
      const from = renamedRoles.get(name);
      const was = rolesBefore.get(from ?? name);
      const now = rolesAfter.get(name);
      let gained: string[] = [];
      let lost: string[] = [];
      // The usual case, a role holding the same keys under the same ids, in one pass: a role
      // holding every key has them all (100,000 at that many pairs), and two sets of them cost
      // ~0.1 s of a check in sync.
      const same =
        was !== undefined &&
        now !== undefined &&
        was.length === now.length &&
        was.every((key, i) => now[i] === key && sameKey(key) === key);
      if (!same) {
        const wasSet = new Set((was ?? []).map(sameKey));
        const nowSet = new Set(now ?? []);
        gained = (now ?? []).filter((key) => !wasSet.has(key));
        lost = (was ?? []).filter((key) => !nowSet.has(sameKey(key)));
      }
      if (from !== undefined) roles.push({ name, kind: "renamed", from, gained, lost });
      else if (was === undefined) roles.push({ name, kind: "added", gained, lost });
      else if (now === undefined) roles.push({ name, kind: "removed", gained, lost });
      else if (gained.length > 0 || lost.length > 0) roles.push({ name, kind: "changed", gained, lost });
    }
  }
  return Object.freeze({
    added: added.sort(byId),
    removed: removed.sort(byId),
    ...(renamed.length === 0 ? {} : { renamed: renamed.sort(byId) }),
    roles,
    rolesKnown: rolesBefore !== undefined,
  });
}

/** Whether nothing a grant depends on changed: no permission, id or role's permissions. */
export function isVocabularyUnchanged(changes: VocabularyChanges): boolean {
  return (
    changes.added.length === 0 &&
    changes.removed.length === 0 &&
    (changes.renamed ?? []).length === 0 &&
    changes.roles.length === 0
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
