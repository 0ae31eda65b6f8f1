/**
 * The fast path of parseLock: `JSON.parse` and plain checks instead of a positioned JSON tree.
 *
 * The tree (jsonc-parser, with an offset on every node) is what lets parse-lock.ts put each
 * problem at its token, but it costs 20 times what `JSON.parse` does (a 10,000-pair lock: 628
 * against 29 ms), and a lock almost always is exactly what serializeLock wrote. So this reads
 * the text with `JSON.parse`, checks every rule parse-lock.ts checks, builds the lock as it
 * does, and returns it only when serializing it gives the very same text: canonical text has no
 * duplicate key (which `JSON.parse` would have dropped silently), no other number spelling, no
 * other comment, order or spacing. Anything else returns undefined and the caller takes the
 * tree path, which finds and positions the problem, or accepts a valid lock written by hand.
 * test/lock/parse-lock-fast.test.ts checks that both paths agree on random locks and edits.
 */
import type { Lock } from "./lock.js";
import { sortById } from "./assign-ids.js";
import { MAX_PERMISSION_IDS } from "./id-bound.js";
import { ALL_KEYS } from "./role-record.js";
import { serializeLock } from "./serialize-lock.js";
import { RENAME_KEYS, TOP_LEVEL_KEYS } from "./lock-keys.js";

const KNOWN_KEYS: ReadonlySet<string> = new Set([...TOP_LEVEL_KEYS, ...RENAME_KEYS]);

type Json = Record<string, unknown>;

/** The lock `text` holds when it is exactly serializeLock's output for a valid lock; else undefined. */
export function parseCanonicalLock(text: string): Lock | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(root)) return undefined;
  for (const key of Object.keys(root)) if (!KNOWN_KEYS.has(key)) return undefined;
  const { version, nextId, schema } = root;
  if (version !== 1 || typeof root.$comment !== "string") return undefined;
  if (!isId(nextId) || nextId > MAX_PERMISSION_IDS) return undefined;
  if (schema !== undefined && (typeof schema !== "string" || schema.length === 0)) return undefined;

  const active = new Map<string, number>();
  const retired = new Map<string, number>();
  const ids = new Set<number>();
  for (const [map, value] of [[active, root.permissions], [retired, root.retired ?? {}]] as const) {
    if (!isObject(value)) return undefined;
    for (const [key, id] of Object.entries(value)) {
      if (!isId(id) || id >= MAX_PERMISSION_IDS || id >= nextId) return undefined;
      if (ids.has(id) || active.has(key) || retired.has(key)) return undefined;
      ids.add(id);
      map.set(key, id);
    }
  }
  // In id order, which is the text's order once the text is canonical: `Object.entries` puts
  // keys that look like array indexes first, and `["*"]` lists the keys in the text's order.
  const activeById = sortById(active);
  const roles = root.roles === undefined ? undefined : readRoles(root.roles, activeById);
  if (roles === null) return undefined;
  const renamed = readRenames(root.renamed, (k) => active.has(k), (k) => active.has(k) || retired.has(k));
  const roleNames = new Set(roles?.keys() ?? []);
  const isRole = (name: string): boolean => roleNames.has(name);
  const renamedRoles = readRenames(root.renamedRoles, isRole, isRole);
  if (renamed === null || renamedRoles === null) return undefined;
  // Built as parse-lock.ts builds it, field for field.
  const lock: Lock = Object.freeze({
    version: 1,
    nextId,
    active: activeById,
    retired: sortById(retired),
    ...(roles === undefined ? {} : { roles }),
    ...(schema === undefined ? {} : { schema }),
    ...(renamed === undefined || renamed.size === 0 ? {} : { renamed }),
    ...(renamedRoles === undefined || renamedRoles.size === 0 ? {} : { renamedRoles }),
  });
  return serializeLock(lock) === text ? lock : undefined;
}

/** `roles` as parse-lock.ts reads it (keys in id order, `["*"]` for every key); null when invalid. */
function readRoles(value: unknown, active: ReadonlyMap<string, number>): Map<string, readonly string[]> | null {
  if (!isObject(value)) return null;
  const roles = new Map<string, readonly string[]>();
  for (const [name, items] of Object.entries(value)) {
    if (!Array.isArray(items)) return null;
    if (items.length === 1 && items[0] === ALL_KEYS) {
      roles.set(name, Object.freeze([...active.keys()]));
      continue;
    }
    const seen = new Set<string>();
    for (const key of items) {
      if (typeof key !== "string" || key === ALL_KEYS || !active.has(key) || seen.has(key)) return null;
      seen.add(key);
    }
    const keys = [...seen].sort((a, b) => (active.get(a) ?? 0) - (active.get(b) ?? 0));
    roles.set(name, Object.freeze(keys));
  }
  return roles;
}

/** `renamed` or `renamedRoles` as parse-lock.ts reads it; undefined when absent, null when invalid. */
function readRenames(
  value: unknown,
  isCurrent: (name: string) => boolean,
  isKnown: (name: string) => boolean,
): Map<string, string> | undefined | null {
  if (value === undefined) return undefined;
  if (!isObject(value)) return null;
  const renames = new Map<string, string>();
  for (const [from, to] of Object.entries(value)) {
    if (typeof to !== "string" || isCurrent(from) || !isKnown(to)) return null;
    renames.set(from, to);
  }
  return renames;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && !Object.is(value, -0);
}
