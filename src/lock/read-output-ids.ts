/**
 * Reading ids back out of permgen's own outputs, for `permgen lock --recover` and for the
 * refusal of `generate` when the lock is gone but the outputs still carry ids.
 *
 * Each reader knows one output's format as permgen writes it and refuses anything else: a
 * guessed id would renumber a permission, so a file that is not exactly permgen's is reported
 * as unreadable and never half-read. The SQL manifest and the JSON target are JSON and are read
 * with JSON parsers; of the code targets only the generated id table is read, line by line
 * (TypeScript token by token: prettier may join or split its lines).
 *
 * What each output holds: the SQL manifest the whole history (every id ever given, retired ones
 * included, and every role's grants); the JSON target the current ids, the retired ones and the
 * roles; the code targets only the current ids.
 */
import { recordRenames } from "./assign-ids.js";
import path from "node:path";
import { parseManifest, MANIFEST_FILE_NAME } from "../targets/sql/migration-manifest.js";

/** The kinds of output that carry ids, richest first. */
export type IdSourceKind = "sql" | "json" | "go" | "typescript" | "python" | "rust";

/** The ids one output file holds. */
export interface IdSource {
  readonly file: string;
  readonly kind: IdSourceKind;
  /** Keys of the current vocabulary → id. */
  readonly active: ReadonlyMap<string, number>;
  /** Retired keys → id; undefined when the output does not record them (the code targets). */
  readonly retired?: ReadonlyMap<string, number> | undefined;
  /** Role name → its keys; undefined when the output does not record roles. */
  readonly roles?: ReadonlyMap<string, readonly string[]> | undefined;
  /**
   * The lock's rename records (former key → current key, former role → current role), chains
   * collapsed as generate keeps them; only the SQL history holds them (its in-place renames).
   */
  readonly renamed?: ReadonlyMap<string, string> | undefined;
  readonly renamedRoles?: ReadonlyMap<string, string> | undefined;
}

/** What reading one file gives: its ids, or why it cannot be read (with the line, 1-based). */
export type IdSourceResult =
  | { readonly ok: true; readonly source: IdSource }
  | { readonly ok: false; readonly file: string; readonly line: number; readonly message: string };

/** How much each kind is trusted as the base of a recovered lock: lower is richer. */
export const SOURCE_RANK: Readonly<Record<IdSourceKind, number>> = {
  sql: 0,
  json: 1,
  go: 2,
  typescript: 3,
  python: 4,
  rust: 5,
};

/** A permission key as permgen writes it: dot-separated lowercase segments, at least two. */
const KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const ROLE = /^[a-z][a-z0-9_]*$/;
const ID = /^(0|[1-9][0-9]*)$/;
/** A Go `permissionTable` line of a current id. */
const GO_ENTRY = /^\t\{"([^"\\]*)", [A-Za-z_][A-Za-z0-9_]*, [A-Za-z_][A-Za-z0-9_]*\},$/;
/** Up to the `[` that opens the TypeScript entries, with whatever breaks prettier put in. */
const TS_OPEN = new RegExp(
  String.raw`export const PERMISSION_IDS:\s*ReadonlyMap<\s*Permission,\s*number,?\s*>\s*=\s*` +
    String.raw`freezeMap\(\s*new Map<\s*Permission,\s*number,?\s*>\(\s*\[`,
);
/** Doc comments, then one `["key", id],` entry (either quote, any spacing) or the closing `]`. */
const TS_ENTRY = new RegExp(
  String.raw`\s*(?:\/\*\*(?:[^*]|\*(?!\/))*\*\/\s*)*` +
    String.raw`(?:\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*,\s*(0|[1-9][0-9]*)\s*,?\s*\]\s*,?|(\]))`,
);
/** A Python `PERMISSION_IDS` line. */
const PY_ENTRY = /^        Permission\.([A-Za-z_][A-Za-z0-9_]*): (0|[1-9][0-9]*),$/;

/**
 * Reads the ids of one of permgen's generated files (the caller has checked its header).
 * Returns undefined for a file that carries no ids by design: a SQL migration (the manifest
 * next to it holds its history), Markdown.
 */
export function readIdSource(file: string, content: string): IdSourceResult | undefined {
  const ext = path.extname(file);
  if (path.basename(file) === MANIFEST_FILE_NAME) return readManifestIds(file, content);
  if (ext === ".json") return readJsonTargetIds(file, content);
  if (ext === ".go") return readGoIds(file, content);
  if (ext === ".ts") return readTypeScriptIds(file, content);
  if (ext === ".py") return readPythonIds(file, content);
  if (ext === ".rs") return readRustIds(file, content);
  return undefined;
}

/**
 * The SQL manifest: the history replayed in order. `addPermissions` makes a key active (a
 * retired key coming back gets the same id), `removePermissions` retires it,
 * `renamePermissions` moves an id to its new key (the key's roles follow) and records the
 * rename as generate did; roles follow `addRoles`, `grant`, `revoke`, `removeRoles` and
 * `renameRoles`.
 */
function readManifestIds(file: string, content: string): IdSourceResult {
  const parsed = parseManifest(content);
  if (parsed.problems !== undefined) {
    const [first] = parsed.problems;
    const what = first?.message ?? "empty";
    return unreadable(file, first?.line ?? 1, `not a SQL manifest permgen wrote: ${what}`);
  }
  const active = new Map<string, number>();
  const retired = new Map<string, number>();
  const roles = new Map<string, Set<string>>();
  let renamed = new Map<string, string>();
  let renamedRoles = new Map<string, string>();
  for (const [index, migration] of parsed.manifest.migrations.entries()) {
    const { delta } = migration;
    const where = (field: string): number => parsed.locate(["migrations", index, field]).line;
    for (const link of delta.revoke) roles.get(link.role)?.delete(link.key);
    for (const role of delta.removeRoles) roles.delete(role.name);
    for (const removed of delta.removePermissions) {
      if (active.get(removed.key) !== removed.id) {
        const what = `"${removed.key}" (id ${removed.id})`;
        return unreadable(
          file,
          where("removePermissions"),
          `${migration.file} removes ${what}, which is not in the history before it`,
        );
      }
      active.delete(removed.key);
      retired.set(removed.key, removed.id);
      // A retired key is held by no role, whether or not the migration revoked it first.
      for (const keys of roles.values()) keys.delete(removed.key);
    }
    const moved = new Map<string, string>();
    for (const rename of delta.renamePermissions) {
      if (active.get(rename.from) !== rename.id || active.has(rename.key)) {
        const what = `"${rename.from}" (id ${rename.id}) to "${rename.key}"`;
        return unreadable(file, where("renamePermissions"), `${migration.file} renames ${what}, which disagrees with the history before it`);
      }
      active.delete(rename.from);
      active.set(rename.key, rename.id);
      // Renamed onto a key retired before: it is active now, and no longer retired (as generate
      // leaves it; its old id stays given, below nextId).
      retired.delete(rename.key);
      for (const keys of roles.values()) if (keys.delete(rename.from)) keys.add(rename.key);
      moved.set(rename.from, rename.key);
    }
    const movedRoles = new Map<string, string>();
    for (const rename of delta.renameRoles) {
      const held = roles.get(rename.from);
      if (held === undefined || roles.has(rename.name)) {
        const what = `role "${rename.from}" to "${rename.name}"`;
        return unreadable(file, where("renameRoles"), `${migration.file} renames ${what}, which disagrees with the history before it`);
      }
      roles.delete(rename.from);
      roles.set(rename.name, held);
      movedRoles.set(rename.from, rename.name);
    }
    for (const added of delta.addPermissions) {
      const before = retired.get(added.key);
      if (active.has(added.key) || (before !== undefined && before !== added.id)) {
        const what = `"${added.key}" with id ${added.id}`;
        return unreadable(
          file,
          where("addPermissions"),
          `${migration.file} adds ${what}, which disagrees with the history before it`,
        );
      }
      retired.delete(added.key);
      active.set(added.key, added.id);
    }
    for (const role of delta.addRoles) roles.set(role.name, roles.get(role.name) ?? new Set());
    for (const link of delta.grant) {
      // permgen adds a role and a permission before it grants one to the other.
      const held = roles.get(link.role);
      if (held === undefined || active.get(link.key) !== link.id) {
        const what = `"${link.key}" (id ${link.id}) to role "${link.role}"`;
        return unreadable(file, where("grant"), `${migration.file} grants ${what}, unknown before it`);
      }
      held.add(link.key);
    }
    // The records as each run's generate left them: a former name in use again leaves them.
    if (moved.size > 0 || renamed.size > 0) renamed = recordRenames(renamed, moved, (key) => active.has(key));
    if (movedRoles.size > 0 || renamedRoles.size > 0) {
      renamedRoles = recordRenames(renamedRoles, movedRoles, (name) => roles.has(name));
    }
  }
  return {
    ok: true,
    source: {
      file,
      kind: "sql",
      active,
      retired,
      roles: freezeRoles(roles),
      ...(renamed.size === 0 ? {} : { renamed }),
      ...(renamedRoles.size === 0 ? {} : { renamedRoles }),
    },
  };
}

/** The JSON target: `permissions[].key/id`, `retired[].key/id`, `roles[].name/permissions`. */
function readJsonTargetIds(file: string, content: string): IdSourceResult {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return unreadable(file, 1, `not valid JSON: ${(error as Error).message}`);
  }
  const doc = asRecord(data);
  if (doc === undefined || doc["formatVersion"] !== 1) {
    return unreadable(file, 1, "not a JSON target file of format version 1");
  }
  const active = new Map<string, number>();
  const retired = new Map<string, number>();
  const roles = new Map<string, Set<string>>();
  for (const [field, into] of [["permissions", active], ["retired", retired]] as const) {
    const list = doc[field];
    if (!Array.isArray(list)) return unreadable(file, 1, `"${field}" is not an array`);
    for (const item of list) {
      const entry = asRecord(item);
      const key = entry?.["key"];
      const id = entry?.["id"];
      if (typeof key !== "string" || !KEY.test(key) || !isId(id) || into.has(key)) {
        const what = JSON.stringify(item);
        return unreadable(file, 1, `"${field}" holds an entry that is not a key and an id: ${what}`);
      }
      into.set(key, id);
    }
  }
  const list = doc["roles"];
  if (!Array.isArray(list)) return unreadable(file, 1, `"roles" is not an array`);
  for (const item of list) {
    const role = asRecord(item);
    const name = role?.["name"];
    const keys = role?.["permissions"];
    if (typeof name !== "string" || !ROLE.test(name) || roles.has(name) || !Array.isArray(keys)
      || !keys.every((k): k is string => typeof k === "string" && active.has(k))) {
      const what = JSON.stringify(item);
      return unreadable(file, 1, `"roles" holds an entry that is not a role and its keys: ${what}`);
    }
    roles.set(name, new Set(keys));
  }
  return { ok: true, source: { file, kind: "json", active, retired, roles: freezeRoles(roles) } };
}

/**
 * Go: `permissionTable`, indexed by id, one line per id: `\t{"key", ResourceX, ActionY},`, or
 * `\t{},` for a retired id.
 */
function readGoIds(file: string, content: string): IdSourceResult {
  const lines = content.split("\n");
  const start = lines.indexOf("var permissionTable = [...]permissionInfo{");
  if (start === -1) return unreadable(file, 1, "no `permissionTable` as permgen writes it");
  const active = new Map<string, number>();
  for (let i = start + 1, id = 0; ; i += 1, id += 1) {
    const line = lines[i];
    if (line === "}") break;
    if (line === "\t{},") continue;
    const match = line === undefined ? null : GO_ENTRY.exec(line);
    const key = match?.[1];
    if (key === undefined || !KEY.test(key) || active.has(key)) {
      return unreadable(file, i + 1, "a `permissionTable` line that is not as permgen writes it");
    }
    active.set(key, id);
  }
  return { ok: true, source: { file, kind: "go", active } };
}

/**
 * TypeScript: the entries of `PERMISSION_IDS` (`["key", 0],`), after doc comments are dropped.
 * The file went through the user's prettier config, so quotes may be single and entries may
 * share lines or be split over several; anything but entries between the brackets is refused.
 */
function readTypeScriptIds(file: string, content: string): IdSourceResult {
  const open = TS_OPEN.exec(content);
  if (open === null) return unreadable(file, 1, "no `PERMISSION_IDS` as permgen writes it");
  // The line of the first non-blank character at or after `offset`: where the reader stopped.
  const lineOf = (offset: number): number => {
    const next = content.slice(offset).search(/\S/);
    return content.slice(0, next === -1 ? offset : offset + next).split("\n").length;
  };
  const entry = new RegExp(TS_ENTRY.source, "y");
  entry.lastIndex = open.index + open[0].length;
  const active = new Map<string, number>();
  for (;;) {
    const at = entry.lastIndex;
    const match = entry.exec(content);
    if (match === null) {
      return unreadable(file, lineOf(at), "a `PERMISSION_IDS` entry that is not as permgen writes it");
    }
    if (match[4] !== undefined) break;
    const key = match[1] ?? match[2] ?? "";
    if (!KEY.test(key) || active.has(key)) {
      return unreadable(file, lineOf(at), `\`PERMISSION_IDS\` lists "${key}" twice or as no key`);
    }
    active.set(key, Number(match[3]));
  }
  return { ok: true, source: { file, kind: "typescript", active } };
}

/**
 * Python: `PERMISSION_IDS` names `Permission` members (`        Permission.ALERT_READ: 0,`),
 * whose keys are the members of `class Permission(enum.StrEnum):` (`    ALERT_READ = "alert.read"`).
 */
function readPythonIds(file: string, content: string): IdSourceResult {
  const lines = content.split("\n");
  const members = readBlock(
    lines,
    "class Permission(enum.StrEnum):",
    /^    ([A-Za-z_][A-Za-z0-9_]*) = "([^"\\]*)"$/,
    (line) => line !== "" && !line.startsWith(" "),
  );
  if (members === undefined) return unreadable(file, 1, "no `Permission` enum as permgen writes it");
  const start = lines.indexOf("PERMISSION_IDS: Final[Mapping[Permission, int]] = MappingProxyType(");
  if (start === -1 || lines[start + 1] !== "    {") {
    return unreadable(file, 1, "no `PERMISSION_IDS` as permgen writes it");
  }
  const keyOf = new Map(members.map(([name, key]) => [name, key]));
  const active = new Map<string, number>();
  for (let i = start + 2; ; i += 1) {
    const line = lines[i];
    if (line === "    }") break;
    const match = line === undefined ? null : PY_ENTRY.exec(line);
    const key = match === null ? undefined : keyOf.get(match[1] ?? "");
    if (match === null || key === undefined || !KEY.test(key) || active.has(key)) {
      return unreadable(file, i + 1, "a `PERMISSION_IDS` line that is not as permgen writes it");
    }
    active.set(key, Number(match[2]));
  }
  return { ok: true, source: { file, kind: "python", active } };
}

/**
 * Rust: `Permission::id` (`            Self::AlertRead => 0,`) joined with `Permission::as_str`
 * (`            Self::AlertRead => "alert.read",`), the match blocks of `impl Permission`.
 */
function readRustIds(file: string, content: string): IdSourceResult {
  const lines = content.split("\n");
  const impl = lines.indexOf("impl Permission {");
  if (impl === -1) return unreadable(file, 1, "no `impl Permission` as permgen writes it");
  const from = (header: string): number => lines.indexOf(header, impl);
  const arm = /^            Self::([A-Za-z_][A-Za-z0-9_]*) => (.*),$/;
  const readArms = (header: string): [string, string][] | undefined => {
    const at = from(header);
    if (at === -1 || lines[at + 1] !== "        match self {") return undefined;
    const arms: [string, string][] = [];
    for (let i = at + 2; lines[i] !== "        }"; i += 1) {
      const match = arm.exec(lines[i] ?? "");
      if (match === null) return undefined;
      arms.push([match[1] ?? "", match[2] ?? ""]);
    }
    return arms;
  };
  const keys = readArms("    pub const fn as_str(self) -> &'static str {");
  const ids = readArms("    pub const fn id(self) -> u32 {");
  if (keys === undefined || ids === undefined) {
    return unreadable(file, impl + 1, "`Permission::as_str` or `Permission::id` is not as permgen writes it");
  }
  const keyOf = new Map(keys.map(([name, literal]) => [name, /^"([^"\\]*)"$/.exec(literal)?.[1]]));
  const active = new Map<string, number>();
  for (const [name, literal] of ids) {
    const key = keyOf.get(name);
    if (key === undefined || !KEY.test(key) || !ID.test(literal) || active.has(key)) {
      return unreadable(file, impl + 1, `\`Permission::id\` of ${name} is not as permgen writes it`);
    }
    active.set(key, Number(literal));
  }
  return { ok: true, source: { file, kind: "rust", active } };
}

/**
 * The two groups of each line of the block after `header` that matches `member`, until `ends`
 * says the block ended; undefined when there is no such header.
 */
function readBlock(
  lines: readonly string[],
  header: string,
  member: RegExp,
  ends: (line: string) => boolean,
): [string, string][] | undefined {
  const start = lines.indexOf(header);
  if (start === -1) return undefined;
  const found: [string, string][] = [];
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i] ?? "";
    if (ends(line)) break;
    const match = member.exec(line);
    if (match !== null) found.push([match[1] ?? "", match[2] ?? ""]);
  }
  return found;
}

function freezeRoles(
  roles: ReadonlyMap<string, ReadonlySet<string>>,
): ReadonlyMap<string, readonly string[]> {
  return new Map([...roles].map(([name, keys]) => [name, Object.freeze([...keys])]));
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function unreadable(file: string, line: number, message: string): IdSourceResult {
  return { ok: false, file, line, message };
}
