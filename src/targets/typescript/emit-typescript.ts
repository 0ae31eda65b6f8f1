/**
 * The TypeScript emitter: model → one `.ts` file (CONTRACT §5, TypeScript).
 *
 * The file is written as text, already in the layout prettier 3 prints with its default
 * options (prettier-layout.ts decides each data-driven line break the way prettier does), next
 * to the fixed runtime code of templates/typescript/runtime.ts, which is kept in that layout by
 * hand. The output stage then runs prettier only when a prettier config or `.editorconfig`
 * could change the layout for the output path (src/output/format.ts): prettier was the largest
 * cost at size (0.8 s of 2.4 s at 10,000 pairs). Where the printer is not sure of prettier's
 * layout (see `Layout.doubt`), the file is marked as not in prettier's layout and goes through
 * prettier as before. Statements are built in bulk from arrays of lines, never one by one on a
 * syntax tree, which is quadratic on large vocabularies.
 *
 * The output is valid for `strict`, `noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`,
 * `verbatimModuleSyntax` and, with `enumStyle: "const"`, `erasableSyntaxOnly`.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../../loading/typescript.js";
import { splitLines } from "../../model/line-terminators.js";
import type { Doc, Model } from "../../model/model.js";
import { formatDeprecation } from "../doc-text.js";
import { fillPlaceholders, loadRuntimeTemplate } from "../runtime-template.js";
import { renderSchemaDigestQuery } from "../digest-query.js";
import type { EmitContext, EmitResult } from "../target.js";
import { formatHeaderText } from "../../output/header.js";
import { escapeUnsafeChars } from "../unsafe-chars.js";
import { convertToPascalCase } from "../case.js";
import type { RenameAliases } from "../rename-aliases.js";
import { appendRenameAliases, collectRenameAliases, replaceTemplateLine } from "../rename-aliases.js";
import type { TypeScriptOptions } from "./descriptor.js";
import { renderTypeScriptModules } from "./emit-modules.js";
import { renameSymbols, SymbolNames, type RenameSyntax } from "../symbol-names.js";
import { TYPESCRIPT_SYMBOLS } from "./symbols.js";
import { LineBuffer, type LineSink } from "../lines.js";
import {
  brokenList,
  brokenListOf,
  callWithArray,
  docComment,
  fits,
  fitsJoined,
  Layout,
  measureJoined,
  pair,
  unionAfterAssignment,
  unionProperty,
} from "./prettier-layout.js";

/** How `renameSymbols` reads the TypeScript template. */
const TYPESCRIPT_SYNTAX: RenameSyntax = {
  lineComment: "//",
  blockComments: true,
  tripleStrings: false,
  backquoteStrings: true,
  identifiers: false,
};
import {
  buildTypeScriptNames,
  escapeIdentifier,
  formatEnumMemberName,
  formatMemberAccess,
  formatMemberType,
  formatPropertyName,
  formatResourceKey,
  isTypeAliasName,
  quoteTs,
  type TypeScriptNames,
} from "./names.js";

/**
 * The fixed runtime code, from templates/typescript/runtime.ts (read once, when this module
 * loads). It is written in prettier's default layout, so with the default names it needs no
 * formatting; the output stage formats the whole file again when the user's config differs.
 */
const RUNTIME = loadRuntimeTemplate("typescript/runtime.ts");
const RUNTIME_DECLARATIONS = RUNTIME.section("runtime");
/** `permissionsOfRoles`, emitted after `ROLE_PERMISSIONS` when the schema has roles. */
const PERMISSIONS_OF_ROLES = RUNTIME.section("permissions_of_roles");
/**
 * `SchemaDigestQuery`, `SchemaDigestMismatchError` and `verifySchemaDigest`, the start-up check
 * against the SQL target's metadata table; they read `SCHEMA_DIGEST_QUERY`, written here.
 */
const SCHEMA_DIGEST_CHECK = RUNTIME.section("schema_digest_check");

/**
 * Top-level statements printed together, as one text without its final newline; a blank line
 * separates groups.
 */
type StatementGroup = string;

/** One member of a generated `Resource`, `Action` or `Role` vocabulary. */
interface VocabularyMember {
  readonly name: string;
  readonly value: string;
  readonly doc: Doc;
}

/**
 * Emits the TypeScript file for a model: the vocabulary (`Resource`, `Action`, `Permission`,
 * `ActionOf`), the runtime helpers (`permissionKey`, `isPermission`, `requirePermission`,
 * `hasPermission`, `PermissionDeniedError`), the roles when the model has any, the lock ids, the
 * schema digest and its start-up check (`verifySchemaDigest`, reading `context.metaTable`). Pure:
 * returns one file at `options.out`; `prettierLayout` says whether it is already exactly what
 * prettier prints with its defaults.
 */
export function emitTypeScript(
  model: Model,
  options: TypeScriptOptions,
  context: EmitContext,
): EmitResult {
  const renames = new SymbolNames("TypeScript", TYPESCRIPT_SYMBOLS, options.names).renamed();
  const layout = new Layout();
  const groups = buildGroups(model, options, renames, context.metaTable, layout);
  const text = `${groups.join("\n\n")}\n`;
  // The template and the fixed statements are in prettier's layout for the default names; a
  // rename that changes a name's width may move a line across the print width.
  for (const [from, to] of renames) {
    if (from.length !== to.length || !/^[\x20-\x7e]*$/.test(to)) {
      layout.doubt(`"names" renames ${from} to a name of another width`);
      break;
    }
  }
  const content = renameIdentifiers(text, renames);
  return {
    ok: true,
    files: [
      { path: options.out, content, format: "typescript", prettierLayout: layout.certain },
    ],
  };
}

/**
 * Applies `names` to every identifier of the finished file in one syntax-aware pass (the
 * template's comments and exact string literals were renamed as text before, identifiers
 * nowhere else, so each occurrence is renamed once, and a swap stays a swap). A name in a
 * member position is left alone: after a `.` (`Role.Admin`), in a qualified type name
 * (`Resource.Role`), an enum member, an object key or a class member, so a schema member named
 * like a symbol keeps its name. Syntax only, no type checker: fast on any size of file.
 */
function renameIdentifiers(text: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return text;
  const sourceFile = ts.createSourceFile("/permissions.ts", text, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; name: string }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node)) {
      const name = renames.get(node.text);
      if (name !== undefined && !isMemberName(node)) {
        edits.push({ start: node.getStart(sourceFile), end: node.end, name });
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.name;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Whether an identifier names a member (of an object, enum, class or namespace), not a symbol. */
function isMemberName(node: TS.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  if (
    ts.isEnumMember(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent)
  ) {
    return parent.name === node;
  }
  return false;
}

/** Every top-level statement group of the file, in reading order. */
function buildGroups(
  model: Model,
  options: TypeScriptOptions,
  renames: ReadonlyMap<string, string>,
  metaTable: string | undefined,
  layout: Layout,
): StatementGroup[] {
  const template = (text: string): string => renameSymbols(text, renames, TYPESCRIPT_SYNTAX);
  const style = options.enumStyle;
  const names = buildTypeScriptNames(model);
  const aliases = collectRenameAliases(model);
  const resources = model.resources.map((r) => ({
    name: names.resource.get(r.value),
    value: r.value,
    doc: r.doc,
  }));
  const actions = model.actions.map((a) => ({
    name: names.action.get(a.value),
    value: a.value,
    doc: a.doc,
  }));
  const resourceAliases = aliases.resources.map((a) => ({ old: a.old, value: a.current.value }));
  const actionAliases = aliases.actions.map((a) => ({ old: a.old, value: a.current.value }));
  const vocabulary = (
    name: string,
    members: readonly VocabularyMember[],
    doc: Doc,
    fallback: string,
  ): StatementGroup => buildVocabulary(layout, name, members, doc, style, fallback);
  return [
    renderTsLineComment(formatHeaderText(model.header)),
    vocabulary("Resource", withAliases(resources, resourceAliases), model.docs.resource, RESOURCE_DOC),
    vocabulary("Action", withAliases(actions, actionAliases), model.docs.action, ACTION_DOC),
    ...buildPermissionDeclarations(model, layout),
    ...buildPermissionRenames(aliases, layout),
    ...buildActionOfDeclarations(model, names, style, layout),
    ...renderTypeScriptModules(model, formatDocText),
    ...(model.roles.length > 0
      ? buildRoleDeclarations(model, names, aliases, template, vocabulary, layout)
      : []),
    buildDigestDeclaration(model, layout),
    buildRuntimeDeclarations(model, aliases, template),
    ...buildDigestCheck(metaTable, template, layout),
  ];
}

/** `members` and their `@renamedFrom` aliases (rename-aliases.ts), named in this language. */
function withAliases(
  members: readonly VocabularyMember[],
  aliases: readonly { readonly old: string; readonly value: string }[],
): VocabularyMember[] {
  return appendRenameAliases(members, aliases, (old) => escapeIdentifier(convertToPascalCase(old)));
}

/** `PERMISSION_RENAMES`: old key → current key, when a `@renamedFrom` renamed a permission. */
function buildPermissionRenames(aliases: RenameAliases, layout: Layout): StatementGroup[] {
  if (aliases.permissions.length === 0) return [];
  return [
    exportMap(
      layout,
      "PERMISSION_RENAMES",
      "ReadonlyMap<string, Permission>",
      joinLines(
        "Old permission keys (`@renamedFrom`) → the key they are now. The guards accept an old",
        "key as the new one, so stored grants keep working until they are migrated.",
        "",
        "@deprecated the old keys go away when the schema drops its `@renamedFrom` tags.",
      ),
      "new Map<string, Permission>",
      aliases.permissions,
      (a) => ({ first: quoteTs(a.old), second: quoteTs(a.current.key), doc: undefined }),
    ),
  ];
}

const RESOURCE_DOC = "The things a permission can be about.";
const ACTION_DOC = "What can be done to a resource.";
const ROLE_DOC = "The roles and the permissions they hold.";
const PERMISSION_DOC =
  "A declared permission key: `resource.action`, prefixed by the namespace when there is one.";

/** A vocabulary member name: measured for its width (non-ASCII names are prettier's to lay out). */
function checkMemberName(layout: Layout, name: string): void {
  if (!/^[\x20-\x7e]*$/.test(name)) layout.doubt("a member name that is not printable ASCII");
}

/** `Resource`, `Action` or `Role`: an enum, or an `as const` object plus its union type. */
function buildVocabulary(
  layout: Layout,
  name: string,
  members: readonly VocabularyMember[],
  doc: Doc,
  style: TypeScriptOptions["enumStyle"],
  fallback: string,
): StatementGroup {
  const docText = formatDocText(doc, fallback);
  const docs = docText === undefined ? [] : [docComment(layout, 0, docText)];
  if (members.length === 0) layout.doubt(`an empty ${name}`);
  // A line per member (and per member doc): joined in chunks as they come.
  const lines = new LineBuffer();
  if (style === "enum") {
    lines.push(...docs, `export enum ${name} {`);
    for (const member of members) {
      checkMemberName(layout, member.name);
      pushDocs(lines, layout, 2, member.doc);
      // prettier never breaks an enum member, however long.
      lines.push(`  ${formatEnumMemberName(member.name)} = ${quoteTs(member.value)},`);
    }
    // An enum is a plain mutable object at run time; untyped code that reassigned a member
    // (`Action.Manage = "read"`) would change what every later guard requires.
    lines.push("}", "", `Object.freeze(${name});`);
    return lines.text();
  }
  lines.push(...docs, `export const ${name} = {`);
  for (const member of members) {
    checkMemberName(layout, member.name);
    pushDocs(lines, layout, 2, member.doc);
    const key = formatPropertyName(member.name);
    const value = quoteTs(member.value);
    // A string value that does not fit moves to the next line, unless the key is too short
    // for that to gain anything (prettier: narrower than tabWidth + 3).
    const property = `${key}: ${value},`;
    const shortKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) && key.length < 5;
    lines.push(fits(layout, 2, property) || shortKey ? `  ${property}` : `  ${key}:\n    ${value},`);
  }
  lines.push("} as const;", ...docs, `export type ${name} = (typeof ${name})[keyof typeof ${name}];`);
  pushMemberTypes(lines, layout, name, members);
  lines.push("", `Object.freeze(${name});`);
  return lines.text();
}

/** Pushes a member's JSDoc lines at `indent`, if it has any. */
function pushDocs(lines: LineSink, layout: Layout, indent: number, doc: Doc): void {
  const text = formatDocText(doc, undefined);
  if (text !== undefined) lines.push(docComment(layout, indent, text));
}

/**
 * enumStyle "const": a type-only namespace merged with the object, so each member is also a
 * type (`Resource.Alert` = `typeof Resource.Alert`) and `ActionOf<Resource.Alert>` reads as it
 * does with an enum. It holds no value, so it is erasable. A member whose name cannot name a
 * type (not an identifier, a reserved or predefined type name) is left out: write
 * `(typeof Resource)["odd-name"]` for it.
 */
function pushMemberTypes(
  lines: LineSink,
  layout: Layout,
  name: string,
  members: readonly VocabularyMember[],
): void {
  const typed = members.filter((member) => isTypeAliasName(member.name));
  if (typed.length === 0) {
    // ts-morph printed this case without the blank line before `Object.freeze`; unverified.
    layout.doubt("a const vocabulary without member types");
    return;
  }
  lines.push(
    docComment(
      layout,
      0,
      `Each member as a type, as with an enum: \`${name}.X\` is \`typeof ${name}.X\`.`,
    ),
    `export declare namespace ${name} {`,
  );
  for (const member of typed) {
    const deprecated = member.doc.deprecated;
    if (deprecated !== undefined) pushDocs(lines, layout, 2, { description: undefined, deprecated });
    const alias = `type ${member.name} = typeof ${name}.${member.name};`;
    // A type alias breaks after `=` when it does not fit.
    lines.push(
      fits(layout, 2, alias)
        ? `  ${alias}`
        : `  type ${member.name} =\n    typeof ${name}.${member.name};`,
    );
  }
  lines.push("}");
}

/** `Permission`, `PERMISSION_IDS`, `ALL_PERMISSIONS` and `RESOURCE_ACTION_PAIRS`. */
function buildPermissionDeclarations(model: Model, layout: Layout): StatementGroup[] {
  const keys = model.permissions.map((permission) => quoteTs(permission.key));
  const permissionDoc = formatDocText(model.docs.permissions, PERMISSION_DOC);
  return [
    [
      ...(permissionDoc === undefined ? [] : [docComment(layout, 0, permissionDoc)]),
      unionAfterAssignment(layout, 0, "export type Permission = ", keys, ";"),
    ].join("\n"),
    exportMap(
      layout,
      "PERMISSION_IDS",
      "ReadonlyMap<Permission, number>",
      joinLines(
        "Every permission key, in schema order, with its stable id from permgen.lock.json (its",
        "bit position and its database id).",
      ),
      "new Map<Permission, number>",
      model.permissions,
      // A pair's own doc (and its deprecation) is shown on its entry, where a reviewer reads it.
      (permission, i) => ({
        first: keys[i] ?? quoteTs(permission.key),
        second: String(permission.id),
        doc: formatDocText(permission.doc, undefined),
      }),
    ),
    joinLines(
      "/** Every permission key, in schema order (frozen). */",
      "export const ALL_PERMISSIONS: readonly Permission[] = Object.freeze([",
      "  ...PERMISSION_IDS.keys(),",
      "]);",
    ),
    joinLines(
      "/** Every declared permission key: the set `isPermission` and the guards test against. */",
      "export const RESOURCE_ACTION_PAIRS: ReadonlySet<Permission> =",
      "  freezeSet(ALL_PERMISSIONS);",
    ),
  ];
}

/** One `[first, second]` entry of a generated `Map`, with the entry's own doc comment. */
interface MapEntry {
  readonly first: string;
  readonly second: string;
  readonly doc: string | undefined;
}

/**
 * `export const NAME: TYPE = freezeMap(\n  new Map<…>([…]),\n);` with its doc. The head never
 * fits on one line with its argument, so prettier breaks the call's arguments; the array is
 * hugged by `new Map(…)`, and with two or more entries (each an array of two) it always breaks
 * one entry per line. One entry without a doc stays on the `new Map` line when that fits.
 * `entry` gives the entry of each item as it is printed (no array of every entry is kept).
 */
function exportMap<T>(
  layout: Layout,
  name: string,
  type: string,
  doc: string,
  constructor: string,
  items: readonly T[],
  entry: (item: T, index: number) => MapEntry,
): StatementGroup {
  const head = `export const ${name}: ${type} = freezeMap(`;
  if (fits(layout, 0, `${head}${constructor}([]));`)) layout.doubt(`${name} fits on one line`);
  const only = items.length === 1 ? entry(items[0] as T, 0) : undefined;
  let argument: string;
  if (items.length === 0) argument = `  ${constructor}([]),`;
  else if (only !== undefined && only.doc === undefined && fits(layout, 2, `${constructor}([[${only.first}, ${only.second}]]),`)) {
    argument = `  ${constructor}([[${only.first}, ${only.second}]]),`;
  } else {
    const print = (item: T, index: number): string => {
      const e = entry(item, index);
      const printed = pair(layout, 4, e.first, e.second);
      return e.doc === undefined ? printed : `${docComment(layout, 4, e.doc)}\n${printed}`;
    };
    argument = brokenListOf(`  ${constructor}([`, items, print, "]),", 2);
  }
  return [docComment(layout, 0, doc), head, argument, ");"].join("\n");
}

/** `ActionsByResource` and `ActionOf`: what makes an undeclared pair a compile error. */
function buildActionOfDeclarations(
  model: Model,
  names: TypeScriptNames,
  style: TypeScriptOptions["enumStyle"],
  layout: Layout,
): StatementGroup[] {
  // Each action's member type is written once and shared by every resource that has it (not a
  // new string per permission, all alive until the interface is printed).
  const actionTypes = new Map<string, string>();
  for (const action of model.actions) {
    actionTypes.set(action.value, formatMemberType("Action", names.action.get(action.value), style));
  }
  const actionsByResource = new Map<string, string[]>();
  for (const resource of model.resources) actionsByResource.set(resource.value, []);
  for (const permission of model.permissions) {
    const value = permission.action.value;
    actionsByResource
      .get(permission.resource.value)
      ?.push(actionTypes.get(value) ?? formatMemberType("Action", names.action.get(value), style));
  }
  if (model.resources.length === 0) layout.doubt("an empty ActionsByResource");
  const lines = new LineBuffer();
  lines.push(
    "/** The actions each resource supports (`never` for a resource without permissions). */",
    "export interface ActionsByResource {",
  );
  for (const resource of model.resources) {
    lines.push(
      unionProperty(
        layout,
        2,
        formatResourceKey(names.resource.get(resource.value), resource.value),
        actionsByResource.get(resource.value) ?? [],
      ),
    );
  }
  lines.push("}");
  return [
    lines.text(),
    joinLines(
      "/**",
      " * The actions of resource `R`: `never` when `R` has no permissions, and also when `R` is",
      " * not exactly one resource, so a pair whose resource is only known as `Resource` (or as",
      " * a union of resources) does not type-check.",
      " */",
      "export type ActionOf<R extends Resource> = {",
      "  [K in R]: [R] extends [K] ? ActionsByResource[K] : never;",
      "}[R];",
    ),
  ];
}

/** `Role`, `ROLE_PERMISSIONS` and `permissionsOfRoles`. */
function buildRoleDeclarations(
  model: Model,
  names: TypeScriptNames,
  aliases: RenameAliases,
  template: (text: string) => string,
  vocabulary: (name: string, members: readonly VocabularyMember[], doc: Doc, fallback: string) => string,
  layout: Layout,
): StatementGroup[] {
  const members = model.roles.map((role) => ({
    name: names.role.get(role.name),
    value: role.name,
    doc: role.doc,
  }));
  const roleAliases = aliases.roles.map((a) => ({ old: a.old, value: a.current.name }));
  const roleRenames: StatementGroup[] =
    aliases.roles.length === 0
      ? []
      : [
          exportMap(
            layout,
            "ROLE_RENAMES",
            "ReadonlyMap<string, Role>",
            joinLines(
              "Old role names (`@renamedFrom`) → the role they are now: `permissionsOfRoles`",
              "accepts a stored old name as the new one.",
              "",
              "@deprecated the old names go away when the schema drops its `@renamedFrom` tags.",
            ),
            "new Map<string, Role>",
            aliases.roles,
            (a) => ({
              first: quoteTs(a.old),
              second: formatMemberAccess("Role", names.role.get(a.current.name)),
              doc: undefined,
            }),
          ),
        ];
  const permissionsOfRoles =
    aliases.roles.length === 0
      ? PERMISSIONS_OF_ROLES
      : replaceTemplateLine(
          PERMISSIONS_OF_ROLES,
          'typeof role === "string" ? ROLE_PERMISSIONS.get(role as Role) : undefined;',
          // In prettier's layout: the longer conditional no longer fits on one line.
          joinLines(
            'typeof role === "string"',
            "        ? ROLE_PERMISSIONS.get((ROLE_RENAMES.get(role) ?? role) as Role)",
            "        : undefined;",
          ),
        );
  return [
    vocabulary("Role", withAliases(members, roleAliases), model.docs.roles, ROLE_DOC),
    ...roleRenames,
    buildRolePermissions(model, names, layout),
    joinLines(
      "/** Every role, in schema order (frozen). */",
      "export const ALL_ROLES: readonly Role[] = Object.freeze([",
      "  ...ROLE_PERMISSIONS.keys(),",
      "]);",
    ),
    trimFinalNewline(template(permissionsOfRoles)),
  ];
}

/**
 * `ROLE_PERMISSIONS`. With two or more roles (each entry an array of two) prettier breaks the
 * list one role per line, and lays the declaration out with the type annotation broken.
 */
function buildRolePermissions(model: Model, names: TypeScriptNames, layout: Layout): StatementGroup {
  const doc = "/** The permissions each role holds, wildcards expanded. */";
  // One role: prettier chooses between hugging the list and breaking the declaration by rules
  // this printer does not model; the file goes to prettier.
  if (model.roles.length < 2) layout.doubt("fewer than two roles");
  // Each role's quoted keys are made as its entry is printed, and die with it.
  const entry = (role: Model["roles"][number]): string =>
    buildRoleEntry(
      layout,
      formatMemberAccess("Role", names.role.get(role.name)),
      role.permissions.map((permission) => quoteTs(permission.key)),
    );
  return joinLines(
    doc,
    "export const ROLE_PERMISSIONS: ReadonlyMap<",
    "  Role,",
    "  ReadonlySet<Permission>",
    brokenListOf("> = freezeMap<Role, ReadonlySet<Permission>>([", model.roles, entry, "]);", 0),
  );
}

/** One `[Role.X, freezeSet<Permission>([...])]` entry of `ROLE_PERMISSIONS`, at indent 2. */
function buildRoleEntry(layout: Layout, access: string, keys: readonly string[]): string {
  const call = "freezeSet<Permission>";
  // Measured once, without joining: a role that holds every permission is never one line.
  const measured = measureJoined(keys, ", ");
  if (fitsJoined(layout, 2, `[${access}, ${call}([`, measured, "])],")) {
    return `  [${access}, ${call}([${keys.join(", ")}])]`;
  }
  const array = callWithArray(layout, 4, call, keys, measured);
  return brokenList("  [", [`    ${access}`, array], "]", 2);
}

/** `SCHEMA_DIGEST`: a sha256 hex string never fits after the name, so it is on its own line. */
function buildDigestDeclaration(model: Model, layout: Layout): StatementGroup {
  const literal = quoteTs(model.digest);
  if (fits(layout, 0, `export const SCHEMA_DIGEST = ${literal};`)) {
    layout.doubt("a schema digest short enough to fit on one line");
  }
  return joinLines(
    "/**",
    " * sha256 of the canonical vocabulary: the same string in every target generated from",
    " * this schema, so services can check at run time that they agree.",
    " */",
    "export const SCHEMA_DIGEST =",
    `  ${literal};`,
  );
}

/**
 * The start-up check: `SCHEMA_DIGEST_QUERY` (the SQL of digest-query.ts, as a TypeScript string
 * literal through the one string writer), then the template's `schema_digest_check` section.
 */
function buildDigestCheck(
  metaTable: string | undefined,
  template: (text: string) => string,
  layout: Layout,
): StatementGroup[] {
  const literal = quoteTs(renderSchemaDigestQuery(metaTable));
  const flat = `const SCHEMA_DIGEST_QUERY = ${literal};`;
  return [
    joinLines(
      template("/** The query `verifySchemaDigest` runs: the metadata table's `schema_digest` row. */"),
      // A string breaks after `=` when the declaration does not fit.
      fits(layout, 0, flat) ? flat : `const SCHEMA_DIGEST_QUERY =\n  ${literal};`,
    ),
    trimFinalNewline(template(SCHEMA_DIGEST_CHECK)),
  ];
}

/**
 * The error class, the guards and the private helpers they share, from the template's
 * `runtime` section with the key prefix filled in (a template literal's text: escaped).
 */
function buildRuntimeDeclarations(
  model: Model,
  aliases: RenameAliases,
  template: (text: string) => string,
): StatementGroup {
  const prefix = model.namespace === undefined ? "" : `${escapeTemplate(model.namespace)}.`;
  const runtime =
    aliases.permissions.length === 0
      ? RUNTIME_DECLARATIONS
      : replaceTemplateLine(
          RUNTIME_DECLARATIONS,
          "if (key === permission) return true;",
          // In prettier's layout: the second `if` does not fit on one line.
          joinLines(
            "// An old key (`@renamedFrom`) grants what it was renamed to.",
            "    if (key === permission) return true;",
            '    if (typeof key === "string" && PERMISSION_RENAMES.get(key) === permission)',
            "      return true;",
          ),
        );
  return trimFinalNewline(fillPlaceholders(template(runtime), { KEY_PREFIX: prefix }));
}

/** The JSDoc tag editors and the TypeScript checker read as a deprecation. */
const TS_DEPRECATION = { prefix: "@deprecated ", withoutReason: "@deprecated" };

/**
 * A doc's JSDoc text: the description (or the fallback), then `@deprecated <reason>` after a
 * blank line. The one place schema text becomes JSDoc text: every line terminator is a line
 * break, unsafe characters are written as visible `\uXXXX` text and `*\/` is broken up, so a
 * description can never end the comment early.
 */
export function formatDocText(doc: Doc, fallback: string | undefined): string | undefined {
  const description = doc.description ?? fallback;
  const parts: string[] = [];
  if (description !== undefined && description !== "") parts.push(description);
  if (doc.deprecated !== undefined) {
    parts.push(formatDeprecation(doc.deprecated, TS_DEPRECATION));
  }
  if (parts.length === 0) return undefined;
  return splitLines(parts.join("\n\n"))
    .map((line) => escapeUnsafeChars(line).replaceAll("*/", "*\\/"))
    .join("\n");
}

/**
 * Renders one `//` comment line: every line terminator and unsafe character of `text` is
 * written as visible `\uXXXX` text, so the comment always ends where the line does.
 */
function renderTsLineComment(text: string): string {
  return `// ${escapeUnsafeChars(text)}`.trimEnd();
}

/** Joins lines with LF: keeps long generated text readable in this file. */
function joinLines(...lines: string[]): string {
  return lines.join("\n");
}

/** A template section without the line break after its last line (groups are joined). */
function trimFinalNewline(text: string): string {
  return text.replace(/\n+$/, "");
}

/** Escapes text for use inside a template literal: its delimiters and every unsafe character. */
function escapeTemplate(text: string): string {
  return escapeUnsafeChars(text.replace(/[`\\$]/g, (char) => `\\${char}`));
}

