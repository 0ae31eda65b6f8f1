/**
 * The Markdown emitter: one reviewable document of the vocabulary, readable on GitHub, for
 * people who approve permission changes without reading code.
 *
 * Layout: the header comment, a title, a summary (namespace, digest, counts), then a section per
 * declaration (Resources, Actions, Permissions, Roles), each with the declaration's own doc
 * comment and a table, and a role × permission matrix (rows are permissions, columns roles, `✓`
 * where the role holds the permission). A schema without roles gets a sentence instead of the
 * matrix. Everything from the schema goes through escape-markdown.ts; the text is built line by
 * line in declaration order, linear in the size of the vocabulary (the matrix in permissions ×
 * roles), with LF endings and no trailing spaces.
 */
import type { Doc, Model, Permission, Role } from "../../model/model.js";
import { formatDeprecation } from "../doc-text.js";
import type { EmitContext, EmitResult } from "../target.js";
import { formatHeaderText } from "../../output/header.js";
import { endWithOneNewline, LineBuffer, type LineSink } from "../lines.js";
import type { MarkdownOptions } from "./descriptor.js";
import {
  escapeMarkdownText,
  renderCodeCell,
  renderCodeSpan,
  renderHtmlComment,
  renderTableRow,
} from "./escape-markdown.js";

/** The mark in a matrix cell whose role holds the row's permission. */
const GRANTED_MARK = "✓";

/** "1 resource", "2 resources". */
function countNoun(count: number, singular: string): string {
  return `${count} ${singular}${count === 1 ? "" : "s"}`;
}

/**
 * Renders a member's documentation for a table cell: a bold deprecation note (with its reason
 * when given), then the description, separated by a line break; "" when there is neither.
 */
function renderDocCell(doc: Doc): string {
  if (doc.deprecated === undefined && (doc.description === undefined || doc.description === "")) {
    return "";
  }
  const parts: string[] = [];
  if (doc.deprecated !== undefined) {
    parts.push(
      formatDeprecation(escapeMarkdownText(doc.deprecated), {
        prefix: "**Deprecated:** ",
        withoutReason: "**Deprecated.**",
      }),
    );
  }
  if (doc.description !== undefined && doc.description !== "") {
    parts.push(escapeMarkdownText(doc.description));
  }
  return parts.join("<br>");
}

/** Pushes a declaration's doc comment as a paragraph followed by a blank line, or nothing. */
function pushDeclarationDoc(out: LineSink, doc: Doc): void {
  const cell = renderDocCell(doc);
  if (cell !== "") out.push(cell, "");
}

/**
 * Pushes a table (header, alignment row, one row per entry) followed by a blank line, or
 * `empty` as a sentence when there are no rows. `row(entry, i)` gives an entry's cells: rows
 * are rendered as they are pushed, never gathered into an array of every row's cells.
 */
function pushTable<T>(
  out: LineSink,
  header: readonly string[],
  alignment: readonly string[],
  entries: readonly T[],
  row: (entry: T, index: number) => readonly string[],
  empty: string,
): void {
  pushRenderedTable(out, header, alignment, entries, (e, i) => renderTableRow(row(e, i)), empty);
}

/** `pushTable`, with `line(entry, i)` giving an entry's row already rendered. */
function pushRenderedTable<T>(
  out: LineSink,
  header: readonly string[],
  alignment: readonly string[],
  entries: readonly T[],
  line: (entry: T, index: number) => string,
  empty: string,
): void {
  if (entries.length === 0) {
    out.push(empty, "");
    return;
  }
  out.push(renderTableRow(header), renderTableRow(alignment));
  for (let i = 0; i < entries.length; i++) out.push(line(entries[i] as T, i));
  out.push("");
}

/** The document's head: header comment, title, what the file is, summary list. */
function pushHead(out: LineSink, model: Model): void {
  const namespace =
    model.namespace === undefined
      ? "none"
      : `${renderCodeSpan(model.namespace)} (every permission key starts with ${renderCodeSpan(`${model.namespace}.`)})`;
  out.push(
    renderHtmlComment(formatHeaderText(model.header)),
    "",
    "# Permissions",
    "",
    `The permission vocabulary declared in ${renderCodeSpan(model.header)}. permgen generates this file: edit the schema and run \`permgen generate\`.`,
    "",
    `- Namespace: ${namespace}`,
    `- Schema digest: ${renderCodeSpan(model.digest)} (\`SCHEMA_DIGEST\` in every generated target)`,
    `- ${[
      countNoun(model.resources.length, "resource"),
      countNoun(model.actions.length, "action"),
      countNoun(model.permissions.length, "permission"),
      countNoun(model.roles.length, "role"),
    ].join(", ")}`,
    "",
  );
}

/**
 * The Modules section (issue 12; only when the config has modules): each module, its schema
 * file and its former name, in config order.
 */
function pushModules(out: LineSink, model: Model): void {
  if (model.modules.length === 0) return;
  out.push(
    "## Modules",
    "",
    `Every key of a module starts with its name. ${renderCodeSpan(model.header)} lists them.`,
    "",
  );
  pushTable(
    out,
    ["Module", "Schema", "Renamed from", "Permissions"],
    ["---", "---", "---", "---:"],
    model.modules,
    (m) => [
      renderCodeCell(m.name),
      renderCodeCell(m.path),
      m.renamedFrom === undefined ? "" : renderCodeCell(m.renamedFrom),
      String(model.permissions.filter((p) => p.module === m.name).length),
    ],
    "The config lists no modules.",
  );
}

/** One member of the Resources or Actions table. */
interface VocabularyEntry {
  readonly value: string;
  readonly name: string;
  readonly doc: Doc;
  readonly module?: string | undefined;
}

/**
 * The Resources and Actions sections: value, enum member name, documentation; with modules a
 * Module column on resources (actions are one vocabulary across modules).
 */
function pushVocabulary(out: LineSink, model: Model): void {
  const modular = model.modules.length > 0;
  const section = (
    title: string,
    doc: Doc,
    entries: readonly VocabularyEntry[],
    noun: string,
    withModule: boolean,
  ): void => {
    out.push(`## ${title}`, "");
    pushDeclarationDoc(out, doc);
    pushTable(
      out,
      withModule ? ["Value", "Member", "Module", "Description"] : ["Value", "Member", "Description"],
      withModule ? ["---", "---", "---", "---"] : ["---", "---", "---"],
      entries,
      withModule
        ? (e) => [
            renderCodeCell(e.value),
            renderCodeCell(e.name),
            e.module === undefined ? "" : renderCodeCell(e.module),
            renderDocCell(e.doc),
          ]
        : (e) => [renderCodeCell(e.value), renderCodeCell(e.name), renderDocCell(e.doc)],
      `The schema declares no ${noun}.`,
    );
  };
  section("Resources", model.docs.resource, model.resources, "resources", modular);
  section("Actions", model.docs.action, model.actions, "actions", false);
}

/** The Permissions section: key, stable id, documentation. */
function pushPermissions(out: LineSink, model: Model): void {
  out.push("## Permissions", "");
  pushDeclarationDoc(out, model.docs.permissions);
  out.push("Ids are stable: they come from `permgen.lock.json` and are never reused.", "");
  if (model.modules.length === 0) {
    pushTable(
      out,
      ["Key", "Id", "Description"],
      ["---", "---:", "---"],
      model.permissions,
      (p) => [renderCodeCell(p.key), String(p.id), renderDocCell(p.doc)],
      "The schema declares no permissions.",
    );
  } else {
    pushTable(
      out,
      ["Key", "Module", "Id", "Description"],
      ["---", "---", "---:", "---"],
      model.permissions,
      (p) => [
        renderCodeCell(p.key),
        p.module === undefined ? "" : renderCodeCell(p.module),
        String(p.id),
        renderDocCell(p.doc),
      ],
      "The schema declares no permissions.",
    );
  }
}

/**
 * One matrix row's cells: the permission (at `index` in schema order), then a mark or an empty
 * cell per role; `held[role][index]` is 1 when the role holds it.
 */
export function renderMatrixRow(
  permission: Permission,
  index: number,
  held: readonly Uint8Array[],
): string[] {
  const cells = [renderCodeCell(permission.key)];
  for (const marks of held) cells.push(marks[index] === 1 ? GRANTED_MARK : "");
  return cells;
}

/** Up to this many roles, a permission's marks fit in one bitmask (`matrixRowRenderer`). */
const MASK_ROLES = 30;

/**
 * The matrix's rows, rendered: `renderTableRow(renderMatrixRow(permission, index, held))`.
 * With up to 30 roles a permission's marks are one bitmask, and the cells after the key are
 * rendered once per distinct mask (a schema has few distinct rows of marks, and 100,000 rows)
 * then reused: `renderTableRow([key, ...marks])` is `renderTableRow([key])` followed by
 * `renderTableRow(marks)` without its leading `|`.
 */
export function matrixRowRenderer(
  held: readonly Uint8Array[],
): (permission: Permission, index: number) => string {
  if (held.length > MASK_ROLES) {
    return (permission, index) => renderTableRow(renderMatrixRow(permission, index, held));
  }
  const marksByMask = new Map<number, string>();
  return (permission, index) => {
    let mask = 0;
    for (let r = 0; r < held.length; r++) if (held[r]?.[index] === 1) mask |= 1 << r;
    let marks = marksByMask.get(mask);
    if (marks === undefined) {
      const cells: string[] = [];
      for (let r = 0; r < held.length; r++) cells.push((mask >> r) & 1 ? GRANTED_MARK : "");
      marks = renderTableRow(cells).slice(1);
      marksByMask.set(mask, marks);
    }
    return renderTableRow([renderCodeCell(permission.key)]) + marks;
  };
}

/** The Roles section: the roles table, then the role × permission matrix. */
function pushRoles(out: LineSink, model: Model): void {
  out.push("## Roles", "");
  pushDeclarationDoc(out, model.docs.roles);
  if (model.roles.length === 0) {
    out.push("The schema declares no roles, so there is no role matrix.", "");
    return;
  }
  // One mark per permission per role, built once from each role's list (a permission's
  // position found in one map): the matrix is linear in permissions × roles.
  const position = new Map<Permission, number>();
  model.permissions.forEach((p, i) => position.set(p, i));
  const held = model.roles.map((role) => {
    const marks = new Uint8Array(model.permissions.length);
    for (const p of role.permissions) {
      const i = position.get(p);
      if (i !== undefined) marks[i] = 1;
    }
    return marks;
  });
  pushTable(
    out,
    ["Role", "Grants", "Permissions", "Description"],
    ["---", "---", "---:", "---"],
    model.roles,
    (role: Role) => [
      renderCodeCell(role.name),
      role.grants.map((g) => renderCodeCell(g.text)).join(", "),
      String(role.permissions.length),
      renderDocCell(role.doc),
    ],
    "The schema declares no roles.",
  );
  out.push(
    "### Permissions by role",
    "",
    `Wildcard grants are expanded: ${GRANTED_MARK} marks each permission a role holds.`,
    "",
  );
  pushRenderedTable(
    out,
    ["Permission", ...model.roles.map((role) => renderCodeCell(role.name))],
    ["---", ...model.roles.map(() => ":---:")],
    model.permissions,
    matrixRowRenderer(held),
    "The schema declares no permissions.",
  );
}

/**
 * Renders the Markdown target's document (see the top of this file): LF line endings, exactly
 * one trailing newline, no trailing spaces. The lines go into a `LineBuffer` (joined in chunks
 * as they come): the Permissions table and the matrix hold a line per permission each.
 */
export function renderMarkdownFile(model: Model): string {
  const lines = new LineBuffer();
  pushHead(lines, model);
  pushModules(lines, model);
  pushVocabulary(lines, model);
  pushPermissions(lines, model);
  pushRoles(lines, model);
  // Every section ends with a blank line; the file ends with exactly one newline. No line
  // holds a line break (escape-markdown.ts writes them as `<br>`), so trimming the text's
  // trailing newlines is dropping the trailing empty lines.
  return endWithOneNewline(`${lines.text()}\n`);
}

/** The Markdown target's emitter: one file at `options.out`, already canonical (`format: "none"`). */
export function emitMarkdown(
  model: Model,
  options: MarkdownOptions,
  _context: EmitContext,
): EmitResult {
  const content = renderMarkdownFile(model);
  return { ok: true, files: [{ path: options.out, content, format: "none" }] };
}
