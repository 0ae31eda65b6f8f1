/**
 * Lock → the text of permgen.lock.json.
 */
import type { Lock } from "./lock.js";
import { ALL_KEYS, holdsEveryKey } from "./role-record.js";

/** The `$comment` every lock file carries. */
export const LOCK_COMMENT =
  "Managed by permgen generate: stable ids for permission keys. Append-only: ids are never changed or reused, removed keys stay under retired. Commit this file; do not edit it.";

/**
 * Serializes a lock in the documented format (see lock.ts): 2-space JSON, `$comment`,
 * `version`, (when recorded) `schema`, `nextId`, `permissions`, `retired`, (when recorded)
 * `roles` and (when not empty) `renamed` and `renamedRoles` in that order,
 * entries ordered by id and roles by name with one key per line (so a diff shows one line per
 * change), LF line endings and a trailing newline. Deterministic: the same lock always gives the
 * same bytes.
 */
export function serializeLock(lock: Lock): string {
  const lines = [
    `  "$comment": ${JSON.stringify(LOCK_COMMENT)}`,
    `  "version": ${lock.version}`,
    ...(lock.schema === undefined ? [] : [`  "schema": ${JSON.stringify(lock.schema)}`]),
    `  "nextId": ${lock.nextId}`,
    `  "permissions": ${serializeEntries(lock.active)}`,
    `  "retired": ${serializeEntries(lock.retired)}`,
    ...(lock.roles === undefined ? [] : [`  "roles": ${serializeRoles(lock, lock.roles)}`]),
    ...serializeRenames(lock),
  ];
  // Every member but the last ends with a comma; `{` opens the first line.
  return `{\n${lines.join(",\n")}\n}\n`;
}

// Written by hand rather than with JSON.stringify of an object: object keys that look like
// integers would be reordered, and entries must stay in id order.
function serializeEntries(entries: ReadonlyMap<string, number>): string {
  const sorted = [...entries].sort(
    (a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  if (sorted.length === 0) return "{}";
  const body = sorted.map(([key, id]) => `    ${JSON.stringify(key)}: ${id}`).join(",\n");
  return `{\n${body}\n  }`;
}

/**
 * `"renamed"` and `"renamedRoles"`, each only when not empty: former name → current name, one
 * per line in code-unit order of the former name.
 */
function serializeRenames(lock: Lock): string[] {
  const blocks: string[] = [];
  for (const [field, map] of [
    ["renamed", lock.renamed],
    ["renamedRoles", lock.renamedRoles],
  ] as const) {
    if (map === undefined || map.size === 0) continue;
    const body = [...map].map(([from, to]) => `    ${JSON.stringify(from)}: ${JSON.stringify(to)}`);
    blocks.push(`  ${JSON.stringify(field)}: {\n${body.join(",\n")}\n  }`);
  }
  return blocks;
}

function serializeRoles(lock: Lock, roles: ReadonlyMap<string, readonly string[]>): string {
  if (roles.size === 0) return "{}";
  const body = [...roles].map(([name, keys]) => {
    if (holdsEveryKey(lock, keys)) return `    ${JSON.stringify(name)}: [${JSON.stringify(ALL_KEYS)}]`;
    if (keys.length === 0) return `    ${JSON.stringify(name)}: []`;
    const lines = keys.map((key) => `      ${JSON.stringify(key)}`).join(",\n");
    return `    ${JSON.stringify(name)}: [\n${lines}\n    ]`;
  });
  return `{\n${body.join(",\n")}\n  }`;
}
