/**
 * The pure half of `permgen import`: what the source readers found (imported-vocabulary.ts) →
 * the text of a permgen schema file and the ids for the lock, or every problem, positioned.
 *
 * Decisions a user can rely on (the README's "Adopting permgen" section says the same):
 * - keys split at their last dot into resource and action; a prefix every key shares, when
 *   every key has at least three parts, becomes `namespace`;
 * - resources, actions and pairs keep the order they were first seen in;
 * - enum member names are the PascalCase of the value (`engagement.soc_token` →
 *   `EngagementSocToken`); two values with one name are an error, never a renamed member;
 * - a role that holds every permission through an "every member" expression
 *   (`frozenset(Permission)`) is `"*"`, which also grants permissions added later, and its
 *   comment says so; every other role lists its keys exactly, even when they happen to cover
 *   a whole resource today: `"resource.*"` would silently grant that resource's future actions,
 *   which the source never said.
 */
import path from "node:path";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { MAX_PERMISSION_IDS } from "../lock/id-bound.js";
import { LINE_TERMINATOR } from "../model/line-terminators.js";
import { convertToPascalCase } from "../targets/case.js";
import { formatDocText } from "../targets/typescript/emit-typescript.js";
import { escapeUnsafeChars } from "../targets/unsafe-chars.js";
import type { ImportedId, MemberDocs, SourcePosition, SourceReading } from "./imported-vocabulary.js";
import { IMPORT_KEY, IMPORT_ROLE_NAME } from "./imported-vocabulary.js";

/** What the schema holds, for the command's report. */
export interface ImportSummary {
  readonly permissions: number;
  readonly resources: number;
  readonly actions: number;
  readonly roles: number;
  readonly namespace: string | undefined;
}

/** The schema text and the lock ids (undefined when no source and no `--ids` gave any). */
export interface ImportedSchema {
  readonly text: string;
  readonly ids: ReadonlyMap<string, number> | undefined;
  readonly summary: ImportSummary;
}

export type BuildImportResult =
  | { readonly ok: true; readonly schema: ImportedSchema }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The longest line the writer puts a list on before it breaks it one item per line. */
const LINE_WIDTH = 100;

/**
 * Builds the schema from every source's reading (in the order given on the command line) and
 * the ids of `--ids` (already parsed; they win nothing: a disagreement with the sources is
 * PG0910). `sourceNames` are the sources as the header comment names them.
 */
export function buildImportedSchema(
  readings: readonly SourceReading[],
  extraIds: readonly ImportedId[],
  sourceNames: readonly string[],
): BuildImportResult {
  const diagnostics: Diagnostic[] = readings.flatMap((r) => r.diagnostics);
  const report = (code: Diagnostic["code"], at: SourcePosition, message: string): void => {
    diagnostics.push({ code, message, ...at });
  };

  const permissions = new Map<string, { doc: string | undefined; at: SourcePosition }>();
  for (const permission of readings.flatMap((r) => r.permissions)) {
    const seen = permissions.get(permission.key);
    if (!IMPORT_KEY.test(permission.key)) {
      report(Codes.ImportInvalidKey, permission.at, `${quote(permission.key)} is not a permission key: permgen keys are \`resource.action\` (lowercase letters, digits and \`_\`, parts joined by dots)`);
    } else if (seen !== undefined) {
      report(Codes.ImportDuplicate, permission.at, `${quote(permission.key)} is declared twice (first at ${formatAt(seen.at)})`);
    } else {
      permissions.set(permission.key, { doc: permission.doc, at: permission.at });
    }
  }
  for (const reading of readings) {
    if (reading.permissions.length > 0 || reading.roles.length > 0 || reading.diagnostics.length > 0) continue;
    report(Codes.ImportNothingFound, { file: reading.file, line: 1, column: 1 }, "nothing to import here: no enum or object of permission keys, no key list");
  }

  const namespace = findNamespace([...permissions.keys()]);
  const strip = (key: string): string => (namespace === undefined ? key : key.slice(namespace.length + 1));
  const resources = new Map<string, { actions: { action: string; doc: string | undefined }[] }>();
  const actions = new Set<string>();
  for (const [key, { doc }] of permissions) {
    const local = strip(key);
    const dot = local.lastIndexOf(".");
    const resource = local.slice(0, dot);
    const action = local.slice(dot + 1);
    let entry = resources.get(resource);
    if (entry === undefined) resources.set(resource, (entry = { actions: [] }));
    entry.actions.push({ action, doc });
    actions.add(action);
  }
  const resourceNames = nameMembers([...resources.keys()], "resource", permissions, strip, report);
  const actionNames = nameMembers([...actions], "action", permissions, strip, report);

  const roles = buildRoles(readings, permissions, strip, report);
  const ids = collectIds([...readings.flatMap((r) => r.ids), ...extraIds], report);

  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const doc = readings.map((r) => r.doc).find((d) => d !== undefined);
  const memberDocs = readings.map((r) => r.memberDocs).filter((m): m is MemberDocs => m !== undefined);
  const text = renderSchema({
    sourceNames,
    doc,
    memberDocs,
    resources: [...resources].map(([value, { actions: list }]) => ({
      value,
      name: mustName(resourceNames, value),
      actions: list,
    })),
    actionNames,
    roles,
    namespace,
  });
  return {
    ok: true,
    schema: {
      text,
      ids: ids.size === 0 ? undefined : ids,
      summary: {
        permissions: permissions.size,
        resources: resources.size,
        actions: actions.size,
        roles: roles.length,
        namespace,
      },
    },
  };
}

/**
 * The namespace: the first part of every key when all share it and every key has at least
 * three parts (so each keeps a resource and an action once it is taken off). None otherwise.
 */
function findNamespace(keys: readonly string[]): string | undefined {
  if (keys.length === 0) return undefined;
  const first = keys[0]?.split(".")[0];
  const shared = keys.every((key) => {
    const parts = key.split(".");
    return parts.length >= 3 && parts[0] === first;
  });
  return shared ? first : undefined;
}

/** Enum member names by value; a name two values share is PG0908 at the second's first key. */
function nameMembers(
  values: readonly string[],
  kind: "resource" | "action",
  permissions: ReadonlyMap<string, { at: SourcePosition }>,
  strip: (key: string) => string,
  report: (code: Diagnostic["code"], at: SourcePosition, message: string) => void,
): Map<string, string> {
  const byName = new Map<string, string>();
  const names = new Map<string, string>();
  for (const value of values) {
    const name = convertToPascalCase(value);
    const other = byName.get(name);
    if (other !== undefined) {
      const at = firstUse(value, kind, permissions, strip);
      const enumName = kind === "resource" ? "Resource" : "Action";
      report(Codes.ImportNameCollision, at, `the ${kind} ${quote(value)} and the ${kind} ${quote(other)} would both be ${enumName}.${name} in the schema; rename one of them in the source first`);
      continue;
    }
    byName.set(name, value);
    names.set(value, name);
  }
  return names;
}

/** Where a resource or action value is first used, for a diagnostic about it. */
function firstUse(
  value: string,
  kind: "resource" | "action",
  permissions: ReadonlyMap<string, { at: SourcePosition }>,
  strip: (key: string) => string,
): SourcePosition {
  for (const [key, { at }] of permissions) {
    const local = strip(key);
    const dot = local.lastIndexOf(".");
    if ((kind === "resource" ? local.slice(0, dot) : local.slice(dot + 1)) === value) return at;
  }
  throw new Error(`internal error: ${kind} ${value} has no key`);
}

function mustName(names: ReadonlyMap<string, string>, value: string): string {
  const name = names.get(value);
  if (name === undefined) throw new Error(`internal error: no member name for ${value}`);
  return name;
}

/** A role as the schema writes it: its grants in source order, `["*"]` for every permission. */
interface SchemaRole {
  readonly name: string;
  readonly doc: string | undefined;
  readonly all: boolean;
  readonly grants: readonly string[];
}

/** Checks each role's name and grants; unknown members are PG0906, a repeated role PG0907. */
function buildRoles(
  readings: readonly SourceReading[],
  permissions: ReadonlyMap<string, unknown>,
  strip: (key: string) => string,
  report: (code: Diagnostic["code"], at: SourcePosition, message: string) => void,
): SchemaRole[] {
  const roles: SchemaRole[] = [];
  const seen = new Map<string, SourcePosition>();
  for (const role of readings.flatMap((r) => r.roles)) {
    const first = seen.get(role.name);
    if (!IMPORT_ROLE_NAME.test(role.name)) {
      report(Codes.ImportInvalidRoleName, role.at, `${quote(role.name)} is not a role name permgen accepts (lowercase letters, digits and \`_\`, starting with a letter)`);
      continue;
    }
    if (first !== undefined) {
      report(Codes.ImportDuplicate, role.at, `the role ${quote(role.name)} is declared twice (first at ${formatAt(first)})`);
      continue;
    }
    seen.set(role.name, role.at);
    const all = role.grants.some((g) => g.kind === "all");
    const grants: string[] = [];
    for (const grant of role.grants) {
      if (grant.kind !== "key") continue;
      if (!permissions.has(grant.key)) {
        report(Codes.ImportUnknownMember, grant.at, `the role ${quote(role.name)} grants ${quote(grant.key)}, which no source declares as a permission`);
        continue;
      }
      // A repeated member means the same thing once; a set would have dropped it too.
      const local = strip(grant.key);
      if (!grants.includes(local)) grants.push(local);
    }
    roles.push({ name: role.name, doc: role.doc, all, grants });
  }
  return roles;
}

/** Key → id from every source and `--ids`; a key given two ids, or an id two keys, is PG0910. */
function collectIds(
  entries: readonly ImportedId[],
  report: (code: Diagnostic["code"], at: SourcePosition, message: string) => void,
): Map<string, number> {
  const ids = new Map<string, number>();
  const owners = new Map<number, { key: string; at: SourcePosition }>();
  const places = new Map<string, SourcePosition>();
  for (const { key, id, at } of entries) {
    const known = ids.get(key);
    const owner = owners.get(id);
    if (!IMPORT_KEY.test(key)) {
      report(Codes.ImportInvalidKey, at, `${quote(key)} is not a permission key (\`resource.action\`, with the namespace if there is one)`);
    } else if (!Number.isSafeInteger(id) || id < 0 || id >= MAX_PERMISSION_IDS) {
      report(Codes.ImportIdConflict, at, `id ${id} of ${quote(key)} is outside permgen's ids: 0 to ${MAX_PERMISSION_IDS - 1}`);
    } else if (known !== undefined && known !== id) {
      report(Codes.ImportIdConflict, at, `${quote(key)} gets id ${id} here and id ${known} at ${formatAt(places.get(key) ?? at)}`);
    } else if (owner !== undefined && owner.key !== key) {
      report(Codes.ImportIdConflict, at, `id ${id} of ${quote(key)} is already the id of ${quote(owner.key)} (at ${formatAt(owner.at)})`);
    } else if (known === undefined) {
      ids.set(key, id);
      owners.set(id, { key, at });
      places.set(key, at);
    }
  }
  return ids;
}

/** What renderSchema writes. */
interface SchemaParts {
  readonly sourceNames: readonly string[];
  readonly doc: string | undefined;
  readonly memberDocs: readonly MemberDocs[];
  readonly resources: readonly {
    readonly value: string;
    readonly name: string;
    readonly actions: readonly { readonly action: string; readonly doc: string | undefined }[];
  }[];
  readonly actionNames: ReadonlyMap<string, string>;
  readonly roles: readonly SchemaRole[];
  readonly namespace: string | undefined;
}

/** The schema file's text: every value JSON-quoted, every doc through `renderDoc`. */
function renderSchema(parts: SchemaParts): string {
  const out: string[] = [];
  const from = parts.sourceNames.map((name) => escapeUnsafeChars(JSON.stringify(name))).join(", ");
  out.push(
    `// Written by \`permgen import\` from ${from}.`,
    "// This file is the vocabulary's source of truth now: edit it, then run `permgen generate`.",
    "",
  );
  const docs = parts.memberDocs;
  const first = (pick: (m: MemberDocs) => string | undefined): string | undefined =>
    docs.map(pick).find((d) => d !== undefined);
  out.push(...renderDoc(first((m) => m.resource), ""), "export enum Resource {");
  for (const { value, name } of parts.resources) {
    out.push(...renderDoc(first((m) => m.resources.get(value)), "  "), `  ${name} = ${JSON.stringify(value)},`);
  }
  out.push("}", "", ...renderDoc(first((m) => m.action), ""), "export enum Action {");
  for (const [value, name] of parts.actionNames) {
    out.push(...renderDoc(first((m) => m.actions.get(value)), "  "), `  ${name} = ${JSON.stringify(value)},`);
  }
  out.push("}", "");
  out.push(...renderDoc(parts.doc, ""));
  out.push("export const permissions = {");
  for (const { name, actions } of parts.resources) {
    const items = actions.map(({ action, doc }) => ({
      text: `Action.${mustName(parts.actionNames, action)}`,
      doc,
    }));
    out.push(...renderList(`  [Resource.${name}]: `, items, ","));
  }
  out.push("} as const;");
  if (parts.roles.length > 0) {
    out.push("", "export const roles = {");
    for (const role of parts.roles) {
      const doc = role.all
        ? joinDoc(role.doc, 'Holds every permission ("*"), including permissions added later.')
        : role.doc;
      out.push(...renderDoc(doc, "  "));
      const grants = role.all ? ['"*"'] : role.grants.map((grant) => JSON.stringify(grant));
      out.push(...renderList(`  ${role.name}: `, grants.map((text) => ({ text, doc: undefined })), ","));
    }
    out.push("} as const;");
  }
  if (parts.namespace !== undefined) {
    out.push("", `export const namespace = ${JSON.stringify(parts.namespace)};`);
  }
  return `${out.join("\n")}\n`;
}

/** `[a, b]` on the line when it fits and nothing in it is documented, else one item per line. */
function renderList(
  prefix: string,
  items: readonly { readonly text: string; readonly doc: string | undefined }[],
  suffix: string,
): string[] {
  const flat = `${prefix}[${items.map((item) => item.text).join(", ")}]${suffix}`;
  if (flat.length <= LINE_WIDTH && items.every((item) => item.doc === undefined)) return [flat];
  const indent = `${" ".repeat(prefix.length - prefix.trimStart().length)}  `;
  const lines = [`${prefix}[`];
  for (const item of items) lines.push(...renderDoc(item.doc, indent), `${indent}${item.text},`);
  lines.push(`${indent.slice(2)}]${suffix}`);
  return lines;
}

/**
 * A JSDoc comment for imported documentation, through the TypeScript target's one JSDoc text
 * writer (`formatDocText`: line terminators become line breaks, unsafe characters visible
 * `\uXXXX`, `*\/` broken up). Before that, a line that starts with `@` gets a `\` in front:
 * imported prose must never become a tag the schema reader acts on (`@renamedFrom` moves
 * ids, `@deprecated` changes every target).
 */
function renderDoc(doc: string | undefined, indent: string): string[] {
  if (doc === undefined) return [];
  const guarded = doc
    .split(LINE_TERMINATOR)
    .map((line) => line.replace(/^(\s*)@/, "$1\\@"))
    .join("\n");
  const text = formatDocText({ description: guarded.trim(), deprecated: undefined }, undefined);
  if (text === undefined) return [];
  const lines = text.split("\n");
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  const body = lines.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`));
  return [`${indent}/**`, ...body, `${indent} */`];
}

function joinDoc(doc: string | undefined, note: string): string {
  return doc === undefined || doc.trim() === "" ? note : `${doc.trim()}\n\n${note}`;
}

/** A value in a message: JSON-quoted, so a hostile one stays on its line. */
function quote(value: string): string {
  return JSON.stringify(value);
}

/** Where an earlier declaration is, short: `matrix.py:12`. */
function formatAt(at: SourcePosition): string {
  return `${escapeUnsafeChars(path.basename(at.file))}:${at.line}`;
}
