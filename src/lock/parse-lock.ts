/**
 * The text of permgen.lock.json → a Lock, or positioned diagnostics.
 *
 * Strict: the lock is machine-written, so anything that `serializeLock` would not write (a
 * comment, an unknown key, a fractional or negative id) is an error rather than a guess: a
 * guessed id would silently renumber permissions.
 */
import path from "node:path";
import type { Node } from "jsonc-parser";
import { Codes } from "../diagnostics/codes.js";
import { findConflictMarker } from "../diagnostics/conflict-markers.js";
import type { Diagnostic, DiagnosticCode } from "../diagnostics/diagnostic.js";
import {
  buildJsonLocator,
  describeJsonSyntaxError,
  parseJsonTree,
} from "../diagnostics/json-position.js";
import type { LocateOffset } from "../diagnostics/json-position.js";
import { sortById } from "./assign-ids.js";
import { parseCanonicalLock } from "./parse-lock-fast.js";
import type { Lock } from "./lock.js";
import { MAX_PERMISSION_IDS } from "./id-bound.js";
import { RENAME_KEYS, TOP_LEVEL_KEYS } from "./lock-keys.js";
import { ALL_KEYS } from "./role-record.js";
import { withoutByteOrderMark } from "../output/read-files.js";

/** What `parseLock` returns: the lock (undefined on any error) and every problem found. */
export interface ParseLockResult {
  readonly lock: Lock | undefined;
  readonly diagnostics: Diagnostic[];
}

interface LockParser {
  readonly file: string;
  readonly text: string;
  readonly locate: LocateOffset;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses a lock file (`file` is its absolute path, used in diagnostics). Reports invalid JSON
 * (PG0701), a wrong shape, an unknown key or an id that is not a non-negative integer (PG0702),
 * an id used twice across `permissions` and `retired` (PG0703), a key listed twice, also one
 * both active and retired (PG0704), an id not below `nextId` (PG0705), and an id at or past
 * MAX_PERMISSION_IDS or a `nextId` past it (PG0710), each at the offending token. The returned lock's maps are in id order.
 */
export function parseLock(file: string, text: string): ParseLockResult {
  // One leading mark is dropped (an editor's), never a second.
  text = withoutByteOrderMark(text);
  // The lock as serializeLock wrote it, read without the positioned tree (parse-lock-fast.ts);
  // a conflict marker is the tree path's first report (a key may hold U+2028 and a marker).
  const canonical = findConflictMarker(text) === undefined ? parseCanonicalLock(text) : undefined;
  if (canonical !== undefined) return { lock: canonical, diagnostics: [] };
  return parseTree(file, text);
}

/**
 * parseLock through the positioned JSON tree: every problem found, each at its token (one
 * leading byte order mark dropped, as parseLock drops it).
 */
export function parseLockTree(file: string, text: string): ParseLockResult {
  return parseTree(file, withoutByteOrderMark(text));
}

function parseTree(file: string, text: string): ParseLockResult {
  const parser: LockParser = { file, text, locate: buildJsonLocator(text), diagnostics: [] };
  const marker = findConflictMarker(text);
  if (marker !== undefined) {
    // JSON errors at the markers would only say "invalid symbol"; say what happened instead.
    const name = path.basename(file);
    report(
      parser,
      Codes.LockMergeConflict,
      marker,
      `the lock file has git merge conflict markers: run \`permgen resolve\`, which keeps the ids of the branch merged into and gives keys new on the other side fresh ids (or by hand: \`git checkout --ours -- ${name}\`, then \`permgen generate\`)`,
    );
    return { lock: undefined, diagnostics: parser.diagnostics };
  }
  const { tree: root, errors } = parseJsonTree(text);
  const reported = new Set<number>();
  for (const error of errors) {
    // The parser may report several errors for one token; the first says it best.
    if (reported.has(error.offset)) continue;
    reported.add(error.offset);
    const what = describeJsonSyntaxError(error);
    report(parser, Codes.LockSyntax, error.offset, `invalid JSON in the lock file: ${what}`);
  }
  if (errors.length > 0 || root === undefined)
    return { lock: undefined, diagnostics: parser.diagnostics };
  if (root.type !== "object") {
    report(parser, Codes.LockInvalid, root.offset, "the lock file must be a JSON object");
    return { lock: undefined, diagnostics: parser.diagnostics };
  }

  const seenTop = new Set<string>();
  let nextId: { value: number; node: Node } | undefined;
  let version: number | undefined;
  const maps: { name: "permissions" | "retired"; node: Node }[] = [];
  let rolesNode: Node | undefined;
  let schema: string | undefined;
  const renameNodes = new Map<string, Node>();
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || valueNode === undefined) continue;
    const key = String(keyNode.value);
    if (RENAME_KEYS.has(key)) {
      if (renameNodes.has(key)) {
        report(parser, Codes.LockInvalid, keyNode.offset, `"${key}" appears twice in the lock file`);
      } else {
        renameNodes.set(key, valueNode);
      }
      continue;
    }
    if (!TOP_LEVEL_KEYS.has(key)) {
      report(parser, Codes.LockInvalid, keyNode.offset, `unknown key "${key}" in the lock file`);
      continue;
    }
    if (seenTop.has(key)) {
      report(parser, Codes.LockInvalid, keyNode.offset, `"${key}" appears twice in the lock file`);
      continue;
    }
    seenTop.add(key);
    if (key === "$comment") {
      if (valueNode.type !== "string") {
        report(parser, Codes.LockInvalid, valueNode.offset, `"$comment" must be a string`);
      }
    } else if (key === "version") {
      if (valueNode.type !== "number" || valueNode.value !== 1) {
        report(
          parser,
          Codes.LockInvalid,
          valueNode.offset,
          `unsupported lock version ${tokenText(parser, valueNode)}: this permgen reads version 1`,
        );
      } else {
        version = 1;
      }
    } else if (key === "nextId") {
      const value = readId(parser, valueNode, `"nextId"`);
      if (value !== undefined && value > MAX_PERMISSION_IDS) {
        report(
          parser,
          Codes.LockIdTooLarge,
          valueNode.offset,
          `"nextId" ${value} is past permgen's bound of ${MAX_PERMISSION_IDS} ids (ids are 0 to ${MAX_PERMISSION_IDS - 1})`,
        );
      } else if (value !== undefined) {
        nextId = { value, node: valueNode };
      }
    } else if (key === "schema") {
      // The schema path headers named when the lock was written (see lock.ts).
      if (valueNode.type === "string" && String(valueNode.value).length > 0) {
        schema = String(valueNode.value);
      } else {
        report(parser, Codes.LockInvalid, valueNode.offset, `"schema" must be a non-empty string: the schema's path from the repository root`);
      }
    } else if (key === "roles") {
      if (valueNode.type === "object") rolesNode = valueNode;
      else report(parser, Codes.LockInvalid, valueNode.offset, `"roles" must be an object of role: keys`);
    } else if (valueNode.type !== "object") {
      report(parser, Codes.LockInvalid, valueNode.offset, `"${key}" must be an object of key: id`);
    } else {
      maps.push({ name: key === "permissions" ? "permissions" : "retired", node: valueNode });
    }
  }
  for (const required of ["version", "nextId", "permissions"]) {
    if (!seenTop.has(required)) {
      report(parser, Codes.LockInvalid, root.offset, `the lock file has no "${required}"`);
    }
  }

  const active = new Map<string, number>();
  const retired = new Map<string, number>();
  const idOwners = new Map<number, string>();
  // Every key written under "permissions", valid or not: a role record naming one that was
  // rejected for its id is not a second problem.
  const listed = new Set<string>();
  for (const map of maps) {
    const target = map.name === "permissions" ? active : retired;
    for (const entry of map.node.children ?? []) {
      const [keyNode, valueNode] = entry.children ?? [];
      if (keyNode === undefined || valueNode === undefined) continue;
      const key = String(keyNode.value);
      if (map.name === "permissions") listed.add(key);
      const id = readId(parser, valueNode, `the id of "${key}"`);
      if (active.has(key) || retired.has(key)) {
        const where = active.has(key) ? "permissions" : "retired";
        report(
          parser,
          Codes.LockDuplicateKey,
          keyNode.offset,
          `key "${key}" is listed twice in the lock file (already in "${where}")`,
        );
        continue;
      }
      if (id === undefined) continue;
      if (id >= MAX_PERMISSION_IDS) {
        report(
          parser,
          Codes.LockIdTooLarge,
          valueNode.offset,
          `id ${id} of "${key}" is past permgen's bound: ids are 0 to ${MAX_PERMISSION_IDS - 1}`,
        );
        continue;
      }
      const owner = idOwners.get(id);
      if (owner !== undefined) {
        report(
          parser,
          Codes.LockDuplicateId,
          valueNode.offset,
          `id ${id} of "${key}" is already the id of "${owner}"`,
        );
        continue;
      }
      if (nextId !== undefined && id >= nextId.value) {
        report(
          parser,
          Codes.LockReusedId,
          valueNode.offset,
          `id ${id} of "${key}" is not below "nextId" (${nextId.value}): a later permission would get it too`,
        );
      }
      idOwners.set(id, key);
      target.set(key, id);
    }
  }
  const roles = rolesNode === undefined ? undefined : readRoles(parser, rolesNode, active, listed);
  const renamedNode = renameNodes.get("renamed");
  const renamedRolesNode = renameNodes.get("renamedRoles");
  const isActive = (key: string): boolean => active.has(key);
  const renamed =
    renamedNode === undefined
      ? undefined
      : readRenames(parser, renamedNode, "renamed", isActive, (k) => isActive(k) || retired.has(k));
  const roleNames = new Set(roles?.keys() ?? []);
  const isRole = (name: string): boolean => roleNames.has(name);
  const renamedRoles =
    renamedRolesNode === undefined
      ? undefined
      : readRenames(parser, renamedRolesNode, "renamedRoles", isRole, isRole);
  if (parser.diagnostics.length > 0 || version === undefined || nextId === undefined) {
    return { lock: undefined, diagnostics: parser.diagnostics };
  }
  const lock: Lock = Object.freeze({
    version: 1,
    nextId: nextId.value,
    active: sortById(active),
    retired: sortById(retired),
    ...(roles === undefined ? {} : { roles }),
    ...(schema === undefined ? {} : { schema }),
    ...(renamed === undefined || renamed.size === 0 ? {} : { renamed }),
    ...(renamedRoles === undefined || renamedRoles.size === 0 ? {} : { renamedRoles }),
  });
  return { lock, diagnostics: parser.diagnostics };
}

/**
 * Reads `roles`: role name → array of active keys in id order, or `["*"]` for every active key.
 * A key that is not active, one listed twice, a `*` next to other keys or a role listed twice
 * is PG0702: the record is machine-written, and a wrong one would misreport who gains what.
 */
function readRoles(
  parser: LockParser,
  node: Node,
  active: ReadonlyMap<string, number>,
  listed: ReadonlySet<string>,
): Map<string, readonly string[]> {
  const roles = new Map<string, readonly string[]>();
  for (const entry of node.children ?? []) {
    const [nameNode, valueNode] = entry.children ?? [];
    if (nameNode === undefined || valueNode === undefined) continue;
    const name = String(nameNode.value);
    if (roles.has(name)) {
      report(parser, Codes.LockInvalid, nameNode.offset, `role "${name}" is listed twice in the lock file`);
      continue;
    }
    if (valueNode.type !== "array") {
      report(parser, Codes.LockInvalid, valueNode.offset, `the keys of role "${name}" must be an array of strings`);
      continue;
    }
    const items = valueNode.children ?? [];
    if (items.length === 1 && items[0]?.type === "string" && items[0].value === ALL_KEYS) {
      roles.set(name, Object.freeze([...active.keys()]));
      continue;
    }
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const key = item.type === "string" ? String(item.value) : undefined;
      if (key === undefined) {
        report(parser, Codes.LockInvalid, item.offset, `the keys of role "${name}" must be strings, found ${tokenText(parser, item)}`);
      } else if (key === ALL_KEYS) {
        report(parser, Codes.LockInvalid, item.offset, `role "${name}": "*" must be the role's only entry`);
      } else if (!listed.has(key)) {
        report(parser, Codes.LockInvalid, item.offset, `role "${name}" holds "${key}", which is not in "permissions"`);
      } else if (seen.has(key)) {
        report(parser, Codes.LockInvalid, item.offset, `role "${name}" lists "${key}" twice`);
      } else {
        seen.add(key);
        keys.push(key);
      }
    }
    keys.sort((a, b) => (active.get(a) ?? 0) - (active.get(b) ?? 0));
    roles.set(name, Object.freeze(keys));
  }
  return roles;
}

/**
 * Reads `renamed` or `renamedRoles`: former name → current name, both strings. A former name
 * that is current (`isCurrent`) or a current name the lock does not hold (`isKnown`) is PG0702:
 * the record is machine-written, and a wrong one would let a `@renamedFrom` move an id to a
 * name it never had.
 */
function readRenames(
  parser: LockParser,
  node: Node,
  field: "renamed" | "renamedRoles",
  isCurrent: (name: string) => boolean,
  isKnown: (name: string) => boolean,
): Map<string, string> {
  const renames = new Map<string, string>();
  if (node.type !== "object") {
    report(parser, Codes.LockInvalid, node.offset, `"${field}" must be an object of former name: current name`);
    return renames;
  }
  const noun = field === "renamed" ? "key" : "role";
  for (const entry of node.children ?? []) {
    const [fromNode, toNode] = entry.children ?? [];
    if (fromNode === undefined || toNode === undefined) continue;
    const from = String(fromNode.value);
    if (renames.has(from)) {
      report(parser, Codes.LockInvalid, fromNode.offset, `${noun} "${from}" is listed twice in "${field}"`);
    } else if (toNode.type !== "string") {
      report(parser, Codes.LockInvalid, toNode.offset, `"${field}": the new name of "${from}" must be a string, found ${tokenText(parser, toNode)}`);
    } else if (isCurrent(from)) {
      report(parser, Codes.LockInvalid, fromNode.offset, `"${field}": ${noun} "${from}" is current, so it cannot also be a former name`);
    } else if (!isKnown(String(toNode.value))) {
      report(parser, Codes.LockInvalid, toNode.offset, `"${field}": "${from}" was renamed to "${String(toNode.value)}", which the lock does not hold`);
    } else {
      renames.set(from, String(toNode.value));
    }
  }
  return renames;
}

/** Reads a non-negative integer id written as plain digits; reports anything else. */
function readId(parser: LockParser, node: Node, what: string): number | undefined {
  const raw = tokenText(parser, node);
  if (node.type === "number" && /^(0|[1-9][0-9]*)$/.test(raw) && Number.isSafeInteger(node.value)) {
    return node.value as number;
  }
  report(
    parser,
    Codes.LockInvalid,
    node.offset,
    `${what} must be a non-negative integer, found ${raw}`,
  );
  return undefined;
}

function tokenText(parser: LockParser, node: Node): string {
  const raw = parser.text.slice(node.offset, node.offset + node.length).replace(/\s+/g, " ");
  return raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
}

function report(parser: LockParser, code: DiagnosticCode, offset: number, message: string): void {
  parser.diagnostics.push({ code, message, file: parser.file, ...parser.locate(offset) });
}
