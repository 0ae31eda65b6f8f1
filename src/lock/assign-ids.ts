/**
 * Id assignment: the append-only rules of permgen.lock.json (CONTRACT §6).
 */
import type { Lock } from "./lock.js";

/**
 * Returns the lock after a generate run whose schema has `keysInSchemaOrder`: a key already
 * active keeps its id, a retired key that comes back gets its old id back, a new key gets
 * `nextId` (in schema order, so ids of one run are consecutive), and an active key that is no
 * longer in the schema moves to `retired` with its id. Ids are never changed or reused. Both
 * maps of the result are in id order; the input lock is not modified.
 */
export function assignIds(lock: Lock, keysInSchemaOrder: readonly string[]): Lock {
  const active = new Map<string, number>();
  const retired = new Map(lock.retired);
  let nextId = lock.nextId;
  for (const key of keysInSchemaOrder) {
    if (active.has(key)) continue;
    const current = lock.active.get(key);
    const revived = retired.get(key);
    if (current !== undefined) {
      active.set(key, current);
    } else if (revived !== undefined) {
      active.set(key, revived);
      retired.delete(key);
    } else {
      active.set(key, nextId);
      nextId += 1;
    }
  }
  for (const [key, id] of lock.active) {
    if (!active.has(key)) retired.set(key, id);
  }
  return Object.freeze({
    version: 1,
    nextId,
    active: sortById(active),
    retired: sortById(retired),
  });
}

/** A copy of `entries` ordered by id (ties, which a valid lock never has, by key). */
export function sortById(entries: Iterable<readonly [string, number]>): Map<string, number> {
  const list = [...entries].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(list);
}
