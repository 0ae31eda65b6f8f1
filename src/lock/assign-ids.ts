/**
 * Id assignment: the append-only rules of permgen.lock.json (CONTRACT §6).
 */
import type { Lock } from "./lock.js";

/**
 * Returns the lock after a generate run whose schema has `keysInSchemaOrder`: a key already
 * active keeps its id, a retired key that comes back gets its old id back, a new key gets
 * `nextId` (in schema order, so ids of one run are consecutive), and an active key that is no
 * longer in the schema moves to `retired` with its id. `renames` (new key → former key, already
 * resolved through the lock's rename record) moves the former key's id, active or retired, to
 * the new key and records the rename in `renamed`. Ids are never changed or reused. Both
 * maps of the result are in id order; the input lock is not modified.
 */
export function assignIds(
  lock: Lock,
  keysInSchemaOrder: readonly string[],
  renames: ReadonlyMap<string, string> = new Map(),
): Lock {
  const active = new Map<string, number>();
  const retired = new Map(lock.retired);
  // Former key → new key, for the renames this run makes.
  const moved = new Map<string, string>();
  let nextId = lock.nextId;
  for (const key of keysInSchemaOrder) {
    if (active.has(key)) continue;
    const current = lock.active.get(key);
    const revived = retired.get(key);
    const from = renames.get(key);
    const fromId = from === undefined ? undefined : (lock.active.get(from) ?? retired.get(from));
    if (current !== undefined) {
      active.set(key, current);
    } else if (from !== undefined && fromId !== undefined && !moved.has(from)) {
      // A rename: the id moves to the new key, neither retired nor given anew.
      active.set(key, fromId);
      retired.delete(from);
      // Renamed onto a key retired long ago: that key's old id is dropped, never reused (it
      // is below nextId), so the key is not active and retired at once.
      retired.delete(key);
      moved.set(from, key);
    } else if (revived !== undefined) {
      active.set(key, revived);
      retired.delete(key);
    } else {
      active.set(key, nextId);
      nextId += 1;
    }
  }
  for (const [key, id] of lock.active) {
    if (!active.has(key) && !moved.has(key)) retired.set(key, id);
  }
  const renamed = recordRenames(lock.renamed, moved, (key) => active.has(key));
  return Object.freeze({
    version: 1,
    nextId,
    active: sortById(active),
    retired: sortById(retired),
    ...(renamed.size === 0 ? {} : { renamed }),
    // Role renames are recordRoles' to update; they pass through untouched.
    ...(lock.renamedRoles === undefined ? {} : { renamedRoles: lock.renamedRoles }),
  });
}

/**
 * The rename record after this run's `moved` (former name → new name): chains are collapsed so
 * every former name maps to the current one (a → b then b → c gives a → c, b → c), and a former
 * name that is current again (`isCurrent`) leaves the record. Names in code-unit order.
 */
export function recordRenames(
  before: ReadonlyMap<string, string> | undefined,
  moved: ReadonlyMap<string, string>,
  isCurrent: (name: string) => boolean,
): Map<string, string> {
  const record = new Map<string, string>();
  for (const [from, to] of before ?? []) record.set(from, moved.get(to) ?? to);
  for (const [from, to] of moved) record.set(from, to);
  const names = [...record.keys()].filter((name) => !isCurrent(name)).sort(compareText);
  return new Map(names.map((name) => [name, record.get(name) ?? name]));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `entries` ordered by id (ties, which a valid lock never has, by key). */
export function sortById(entries: Iterable<readonly [string, number]>): Map<string, number> {
  const list = [...entries].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(list);
}
