/**
 * describeVocabularyChanges builds its id → key tables only when a key is new, and resolves a
 * role's key through them only when it is not still active with its id, and takes a role whose
 * list and ids are unchanged in one pass (vocabulary-changes.ts).
 * That is exact because no id is held twice within a lock (lock.ts): checked here against the
 * version that always built both tables, on random pairs of locks that keep that rule —
 * renames, revivals, removals, additions and role changes mixed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Lock } from "../../src/lock/lock.js";
import type { RoleChange, VocabularyChanges } from "../../src/lock/vocabulary-changes.js";
import { describeVocabularyChanges } from "../../src/lock/vocabulary-changes.js";

const KEYS = ["a.read", "a.write", "b.read", "b.write", "c.read", "c.close", "d.read", "d.list"];
const ROLE_NAMES = ["admin", "viewer", "editor", "auditor"];

/** A lock from a permutation of ids: each key active, retired or absent; ids never shared. */
const lockArb = (idPool: number[]) =>
  fc
    .tuple(
      fc.shuffledSubarray(idPool, { minLength: KEYS.length, maxLength: KEYS.length }),
      fc.array(fc.constantFrom("active", "retired", "absent"), { minLength: KEYS.length, maxLength: KEYS.length }),
      fc.option(
        fc.dictionary(fc.constantFrom(...ROLE_NAMES), fc.subarray(KEYS), { maxKeys: ROLE_NAMES.length }),
        { nil: undefined },
      ),
      fc.dictionary(fc.constantFrom(...ROLE_NAMES), fc.constantFrom(...ROLE_NAMES), { maxKeys: 2 }),
    )
    .map(([ids, states, roles, renamedRoles]): Lock => {
      const active = new Map<string, number>();
      const retired = new Map<string, number>();
      KEYS.forEach((key, i) => {
        const id = ids[i] as number;
        if (states[i] === "active") active.set(key, id);
        else if (states[i] === "retired") retired.set(key, id);
      });
      const roleMap =
        roles === undefined
          ? undefined
          : new Map(Object.entries(roles).map(([name, keys]) => [name, keys.filter((k) => active.has(k))] as const));
      return {
        version: 1,
        nextId: Math.max(...idPool) + 1,
        active,
        retired,
        roles: roleMap,
        renamedRoles: new Map(Object.entries(renamedRoles)),
      };
    });

describe("describeVocabularyChanges", () => {
  it("says what the version with both id tables always built says", () => {
    // Ids from a small pool, so the two locks often give one id to different keys (a rename).
    const pool = Array.from({ length: KEYS.length + 3 }, (_, i) => i);
    fc.assert(
      fc.property(fc.option(lockArb(pool), { nil: undefined }), lockArb(pool), fc.boolean(), (before, drawn, keepRoles) => {
        // Often the roles hold what they held (the usual check): the same lists where the keys
        // are still active.
        const after: Lock =
          keepRoles && before?.roles !== undefined
            ? { ...drawn, roles: new Map([...before.roles].map(([n, keys]) => [n, keys.filter((k) => drawn.active.has(k))])) }
            : drawn;
        expect(describeVocabularyChanges(before, after)).toEqual(referenceChanges(before, after));
      }),
      { numRuns: 3000 },
    );
  });
});

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** describeVocabularyChanges as it was before the tables were built lazily. */
function referenceChanges(before: Lock | undefined, after: Lock): VocabularyChanges {
  const beforeActive = before?.active ?? new Map<string, number>();
  // Ids never move, so an id held by another key than before is a rename.
  const keyOfIdBefore = new Map([...beforeActive, ...(before?.retired ?? [])].map(([key, id]) => [id, key]));
  const keyOfIdAfter = new Map([...after.active].map(([key, id]) => [id, key]));
  const renamed = [...after.active].flatMap(([key, id]) => {
    const from = keyOfIdBefore.get(id);
    return from === undefined || from === key || beforeActive.has(key) ? [] : [{ from, key, id }];
  });
  const renamedIds = new Set(renamed.map((r) => r.id));
  const added = [...after.active]
    .filter(([key, id]) => !beforeActive.has(key) && !renamedIds.has(id))
    .map(([key, id]) => ({ key, id, revived: before?.retired.has(key) ?? false }));
  const removed = [...beforeActive]
    .filter(([key, id]) => !after.active.has(key) && !renamedIds.has(id))
    .map(([key, id]) => ({ key, id }));
  // A role's keys compared by id, so a renamed key is neither gained nor lost.
  const sameKey = (key: string): string => {
    const id = beforeActive.get(key);
    return id === undefined ? key : (keyOfIdAfter.get(id) ?? key);
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
      const wasSet = new Set((was ?? []).map(sameKey));
      const nowSet = new Set(now ?? []);
      const gained = (now ?? []).filter((key) => !wasSet.has(key));
      const lost = (was ?? []).filter((key) => !nowSet.has(sameKey(key)));
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
