/**
 * Rebuilding a lost permgen.lock.json from the ids permgen's outputs carry (read-output-ids.ts).
 *
 * The richest output is the base: the SQL manifest (the whole history, retired ids included),
 * else the JSON target (current and retired ids), else a code target's id table (current ids
 * only). Every other output is cross-checked against it: each key it names must have the same
 * id, active or retired alike, and no id may belong to two keys. A disagreement means one of
 * the outputs was edited, or is from another state of the schema; guessing which one is right
 * would renumber a permission, so it is an error naming both files.
 */
import type { Lock } from "./lock.js";
import { sortById } from "./assign-ids.js";
import type { IdSource } from "./read-output-ids.js";
import { SOURCE_RANK } from "./read-output-ids.js";

/** A lock rebuilt from outputs and what it was built from. */
export interface RecoveredLock {
  readonly lock: Lock;
  /** The output the lock was built from. */
  readonly base: IdSource;
  /** The outputs it was cross-checked against. */
  readonly checked: readonly IdSource[];
  /** Whether retired ids could be recovered (an output that records them was there). */
  readonly retiredKnown: boolean;
}

/** Two outputs that disagree about a key or an id. */
export interface RecoveryConflict {
  readonly message: string;
  readonly file: string;
  readonly other: string;
}

/**
 * Builds the lock from `sources` (at least one): ids of the base, cross-checked against every
 * other source; `nextId` one past the highest id any source holds; the role record from the
 * base when it has one (the lock parser accepts a lock without). Returns the first conflict
 * found otherwise, in a fixed order (sources by richness, then path), so runs agree.
 */
export function recoverLock(
  sources: readonly IdSource[],
):
  | { readonly ok: true; readonly recovered: RecoveredLock }
  | { readonly ok: false; readonly conflict: RecoveryConflict } {
  const ordered = [...sources].sort(
    (a, b) => SOURCE_RANK[a.kind] - SOURCE_RANK[b.kind] || compareText(a.file, b.file),
  );
  const [base, ...others] = ordered;
  if (base === undefined) throw new Error("internal error: recoverLock needs at least one source");
  for (const other of others) {
    const conflict = findConflict(base, other);
    if (conflict !== undefined) return { ok: false, conflict };
  }
  const retired = new Map(base.retired ?? []);
  // Retired ids only a richer-than-code output records (two SQL targets, SQL and JSON) were
  // cross-checked above; every retired key any of them knows stays retired.
  for (const other of others) for (const [key, id] of other.retired ?? []) retired.set(key, id);
  let nextId = 0;
  for (const source of ordered) {
    for (const id of [...source.active.values(), ...(source.retired?.values() ?? [])]) {
      nextId = Math.max(nextId, id + 1);
    }
  }
  const active = sortById(base.active);
  const roles = base.roles === undefined ? undefined : sortRoles(base.roles, active);
  const lock: Lock = Object.freeze({
    version: 1,
    nextId,
    active,
    retired: sortById(retired),
    ...(roles === undefined ? {} : { roles }),
    ...(base.renamed === undefined ? {} : { renamed: base.renamed }),
    ...(base.renamedRoles === undefined ? {} : { renamedRoles: base.renamedRoles }),
  });
  return {
    ok: true,
    recovered: { lock, base, checked: others, retiredKnown: base.retired !== undefined },
  };
}

/**
 * The first way `other` disagrees with `base`: a key with another id, an id of another key, a
 * key active in one and retired in the other, a key one of them has that the other must have
 * too (the same current vocabulary), or a role that holds other keys.
 */
function findConflict(base: IdSource, other: IdSource): RecoveryConflict | undefined {
  const conflict = (message: string): RecoveryConflict => ({
    message,
    file: base.file,
    other: other.file,
  });
  const baseIds = new Map<string, { id: number; state: string }>();
  for (const [key, id] of base.active) baseIds.set(key, { id, state: "active" });
  for (const [key, id] of base.retired ?? []) baseIds.set(key, { id, state: "retired" });
  const owners = new Map([...baseIds].map(([key, { id }]) => [id, key]));
  const entries = [
    ...[...other.active].map(([key, id]) => ({ key, id, state: "active" })),
    ...[...(other.retired ?? [])].map(([key, id]) => ({ key, id, state: "retired" })),
  ];
  for (const { key, id, state } of entries) {
    const known = baseIds.get(key);
    if (known !== undefined && known.id !== id) {
      return conflict(`"${key}" has id ${known.id} in one and id ${id} in the other`);
    }
    if (known !== undefined && known.state !== state) {
      return conflict(`"${key}" is ${known.state} in one and ${state} in the other`);
    }
    const owner = owners.get(id);
    if (owner !== undefined && owner !== key) {
      return conflict(`id ${id} is "${owner}" in one and "${key}" in the other`);
    }
    if (known === undefined && state === "active") {
      return conflict(`"${key}" (id ${id}) is only in the second`);
    }
  }
  for (const key of base.active.keys()) {
    if (!other.active.has(key)) {
      return conflict(`"${key}" (id ${base.active.get(key)}) is only in the first`);
    }
  }
  if (base.roles !== undefined && other.roles !== undefined) {
    for (const name of new Set([...base.roles.keys(), ...other.roles.keys()])) {
      const a = [...(base.roles.get(name) ?? [])].sort();
      const b = [...(other.roles.get(name) ?? [])].sort();
      if (!base.roles.has(name) || !other.roles.has(name) || a.join("\n") !== b.join("\n")) {
        return conflict(`role "${name}" holds other permissions in one than in the other`);
      }
    }
  }
  return undefined;
}

/** Roles by name (code-unit order), each role's keys in id order, as the lock records them. */
function sortRoles(
  roles: ReadonlyMap<string, readonly string[]>,
  active: ReadonlyMap<string, number>,
): ReadonlyMap<string, readonly string[]> {
  const names = [...roles.keys()].sort(compareText);
  return new Map(
    names.map((name) => {
      const keys = [...new Set(roles.get(name) ?? [])];
      keys.sort((a, b) => (active.get(a) ?? 0) - (active.get(b) ?? 0));
      return [name, Object.freeze(keys)];
    }),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
