/**
 * The TypeScript emitter: model → one `.ts` file (CONTRACT §5, TypeScript).
 *
 * The file is built in one go from ts-morph structures (enums, interfaces, type aliases),
 * writer functions (the long literal lists) and the fixed runtime code of
 * templates/typescript/runtime.ts (the guards, the error class, the table helpers), printed by a
 * single `createSourceFile` call on an in-memory project. Nothing is added statement by
 * statement: that would re-parse the file on every call, which is quadratic on large
 * vocabularies.
 *
 * The output is valid for `strict`, `noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`,
 * `verbatimModuleSyntax` and, with `enumStyle: "const"`, `erasableSyntaxOnly`. The output stage
 * formats it with prettier.
 */
import {
  IndentationText,
  NewLineKind,
  Project,
  QuoteKind,
  StructureKind,
  type CodeBlockWriter,
  type SourceFile,
  ts,
  type EnumDeclarationStructure,
  type JSDocStructure,
  type OptionalKind,
  type StatementStructures,
  type WriterFunction,
} from "ts-morph";
import { splitLines } from "../../model/line-terminators.js";
import type { Doc, Model, Role } from "../../model/model.js";
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

type Statement = string | WriterFunction | StatementStructures;

/**
 * The fixed runtime code, from templates/typescript/runtime.ts (read once, when this module
 * loads). It is written in prettier's default layout; the output stage formats the whole file
 * again with the user's config, so the template's line breaks never reach a user whose config
 * differs.
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

/** Statements printed together; a blank line separates groups. */
type StatementGroup = readonly Statement[];

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
 * returns one file at `options.out`, formatted later by the output stage.
 */
export function emitTypeScript(
  model: Model,
  options: TypeScriptOptions,
  context: EmitContext,
): EmitResult {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      quoteKind: QuoteKind.Double,
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
    },
  });
  const renames = new SymbolNames("TypeScript", TYPESCRIPT_SYMBOLS, options.names).renamed();
  const sourceFile = project.createSourceFile("/permissions.ts", {
    statements: separateGroups(buildGroups(model, options, renames, context.metaTable)),
  });
  const content = ensureFinalNewline(renameIdentifiers(sourceFile, renames));
  return { ok: true, files: [{ path: options.out, content, format: "typescript" }] };
}

/**
 * Applies `names` to every identifier of the finished file in one syntax-aware pass (the
 * template's comments and exact string literals were renamed as text before, identifiers
 * nowhere else, so each occurrence is renamed once, and a swap stays a swap). A name in a
 * member position is left alone: after a `.` (`Role.Admin`), in a qualified type name
 * (`Resource.Role`), an enum member, an object key or a class member, so a schema member named
 * like a symbol keeps its name. Syntax only, no type checker: fast on any size of file.
 */
function renameIdentifiers(sourceFile: SourceFile, renames: ReadonlyMap<string, string>): string {
  const text = sourceFile.getFullText();
  if (renames.size === 0) return text;
  const edits: { start: number; end: number; name: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const name = renames.get(node.text);
      if (name !== undefined && !isMemberName(node)) {
        edits.push({ start: node.getStart(sourceFile.compilerNode), end: node.end, name });
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile.compilerNode);
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.name;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Whether an identifier names a member (of an object, enum, class or namespace), not a symbol. */
function isMemberName(node: ts.Identifier): boolean {
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

/** Every top-level statement of the file, in reading order. */
function buildGroups(
  model: Model,
  options: TypeScriptOptions,
  renames: ReadonlyMap<string, string>,
  metaTable: string | undefined,
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
  return [
    [renderTsLineComment(formatHeaderText(model.header))],
    buildVocabulary(
      "Resource",
      withAliases(resources, resourceAliases),
      model.docs.resource,
      style,
      RESOURCE_DOC,
    ),
    buildVocabulary(
      "Action",
      withAliases(actions, actionAliases),
      model.docs.action,
      style,
      ACTION_DOC,
    ),
    ...buildPermissionDeclarations(model),
    ...buildPermissionRenames(aliases),
    ...buildActionOfDeclarations(model, names, style),
    ...renderTypeScriptModules(model, formatDocText).map((group) => [group]),
    ...(model.roles.length > 0
      ? buildRoleDeclarations(model, names, style, aliases, template)
      : []),
    buildDigestDeclaration(model),
    ...buildRuntimeDeclarations(model, aliases, template),
    ...buildDigestCheck(metaTable, template),
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
function buildPermissionRenames(aliases: RenameAliases): StatementGroup[] {
  if (aliases.permissions.length === 0) return [];
  const entries = aliases.permissions.map((a) => `[${quoteTs(a.old)}, ${quoteTs(a.current.key)}]`);
  return [
    [
      exportConst(
        "PERMISSION_RENAMES",
        "ReadonlyMap<string, Permission>",
        joinLines(
          "Old permission keys (`@renamedFrom`) → the key they are now. The guards accept an old",
          "key as the new one, so stored grants keep working until they are migrated.",
          "",
          "@deprecated the old keys go away when the schema drops its `@renamedFrom` tags.",
        ),
        (writer) => {
          writer.write("freezeMap(new Map<string, Permission>(");
          writeList(writer, entries);
          writer.write("))");
        },
      ),
    ],
  ];
}

const RESOURCE_DOC = "The things a permission can be about.";
const ACTION_DOC = "What can be done to a resource.";
const ROLE_DOC = "The roles and the permissions they hold.";
const PERMISSION_DOC =
  "A declared permission key: `resource.action`, prefixed by the namespace when there is one.";

/** `Resource`, `Action` or `Role`: an enum, or an `as const` object plus its union type. */
function buildVocabulary(
  name: string,
  members: readonly VocabularyMember[],
  doc: Doc,
  style: TypeScriptOptions["enumStyle"],
  fallback: string,
): StatementGroup {
  const docs = buildDocs(doc, fallback);
  if (style === "enum") {
    const structure: EnumDeclarationStructure = {
      kind: StructureKind.Enum,
      name,
      isExported: true,
      docs,
      members: members.map((member) => ({
        name: formatEnumMemberName(member.name),
        initializer: quoteTs(member.value),
        docs: buildDocs(member.doc, undefined),
      })),
    };
    // An enum is a plain mutable object at run time; untyped code that reassigned a member
    // (`Action.Manage = "read"`) would change what every later guard requires.
    return [structure, `Object.freeze(${name});`];
  }
  const objectLiteral: WriterFunction = (writer) => {
    writer.write("{").newLine();
    writer.indent(() => {
      for (const member of members) {
        writeDocs(writer, member.doc);
        writer.writeLine(`${formatPropertyName(member.name)}: ${quoteTs(member.value)},`);
      }
    });
    writer.write("} as const");
  };
  const typeAlias: Statement = {
    kind: StructureKind.TypeAlias,
    isExported: true,
    name,
    docs,
    type: `(typeof ${name})[keyof typeof ${name}]`,
  };
  return [
    exportConst(name, undefined, formatDocText(doc, fallback), objectLiteral),
    typeAlias,
    ...buildMemberTypes(name, members),
    `Object.freeze(${name});`,
  ];
}

/**
 * enumStyle "const": a type-only namespace merged with the object, so each member is also a
 * type (`Resource.Alert` = `typeof Resource.Alert`) and `ActionOf<Resource.Alert>` reads as it
 * does with an enum. It holds no value, so it is erasable. A member whose name cannot name a
 * type (not an identifier, a reserved or predefined type name) is left out: write
 * `(typeof Resource)["odd-name"]` for it.
 */
function buildMemberTypes(name: string, members: readonly VocabularyMember[]): Statement[] {
  const typed = members.filter((member) => isTypeAliasName(member.name));
  if (typed.length === 0) return [];
  const namespace: WriterFunction = (writer) => {
    writeDocText(
      writer,
      `Each member as a type, as with an enum: \`${name}.X\` is \`typeof ${name}.X\`.`,
    );
    writer.write(`export declare namespace ${name} {`).newLine();
    writer.indent(() => {
      for (const member of typed) {
        const deprecated = member.doc.deprecated;
        if (deprecated !== undefined) writeDocs(writer, { description: undefined, deprecated });
        writer.writeLine(`type ${member.name} = typeof ${name}.${member.name};`);
      }
    });
    writer.write("}").newLine();
  };
  return [namespace];
}

/** `Permission`, `PERMISSION_IDS`, `ALL_PERMISSIONS` and `RESOURCE_ACTION_PAIRS`. */
function buildPermissionDeclarations(model: Model): StatementGroup[] {
  const keys = model.permissions.map((permission) => quoteTs(permission.key));
  // A pair's own doc (and its deprecation) is shown on its entry, where a reviewer reads it.
  const entries = model.permissions.map((permission): string | WriterFunction => {
    const entry = `[${quoteTs(permission.key)}, ${permission.id}]`;
    if (formatDocText(permission.doc, undefined) === undefined) return entry;
    return (writer) => {
      writeDocs(writer, permission.doc);
      writer.write(entry);
    };
  });
  const union: WriterFunction = (writer) => {
    if (keys.length === 0) {
      writer.write("never");
      return;
    }
    writer.indent(() => {
      for (const key of keys) writer.newLine().write(`| ${key}`);
    });
  };
  return [
    [
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: "Permission",
        docs: buildDocs(model.docs.permissions, PERMISSION_DOC),
        type: union,
      },
    ],
    [
      exportConst(
        "PERMISSION_IDS",
        "ReadonlyMap<Permission, number>",
        joinLines(
          "Every permission key, in schema order, with its stable id from permgen.lock.json (its",
          "bit position and its database id).",
        ),
        (writer) => {
          writer.write("freezeMap(new Map<Permission, number>(");
          writeList(writer, entries);
          writer.write("))");
        },
      ),
    ],
    [
      exportConst(
        "ALL_PERMISSIONS",
        "readonly Permission[]",
        "Every permission key, in schema order (frozen).",
        "Object.freeze([...PERMISSION_IDS.keys()])",
      ),
    ],
    [
      exportConst(
        "RESOURCE_ACTION_PAIRS",
        "ReadonlySet<Permission>",
        "Every declared permission key: the set `isPermission` and the guards test against.",
        "freezeSet(ALL_PERMISSIONS)",
      ),
    ],
  ];
}

/** `ActionsByResource` and `ActionOf`: what makes an undeclared pair a compile error. */
function buildActionOfDeclarations(
  model: Model,
  names: TypeScriptNames,
  style: TypeScriptOptions["enumStyle"],
): StatementGroup[] {
  const actionsByResource = new Map<string, string[]>();
  for (const resource of model.resources) actionsByResource.set(resource.value, []);
  for (const permission of model.permissions) {
    actionsByResource
      .get(permission.resource.value)
      ?.push(formatMemberType("Action", names.action.get(permission.action.value), style));
  }
  return [
    [
      {
        kind: StructureKind.Interface,
        isExported: true,
        name: "ActionsByResource",
        docs: ["The actions each resource supports (`never` for a resource without permissions)."],
        properties: model.resources.map((resource) => ({
          name: formatResourceKey(names.resource.get(resource.value), resource.value),
          type: (actionsByResource.get(resource.value) ?? []).join(" | ") || "never",
        })),
      },
    ],
    [
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: "ActionOf",
        docs: [
          joinLines(
            "The actions of resource `R`: `never` when `R` has no permissions, and also when `R` is",
            "not exactly one resource, so a pair whose resource is only known as `Resource` (or as",
            "a union of resources) does not type-check.",
          ),
        ],
        typeParameters: [{ name: "R", constraint: "Resource" }],
        type: (writer) => {
          writer.write("{").newLine();
          writer.indent(() => {
            writer.writeLine("[K in R]: [R] extends [K] ? ActionsByResource[K] : never;");
          });
          writer.write("}[R]");
        },
      },
    ],
  ];
}

/** `Role`, `ROLE_PERMISSIONS` and `permissionsOfRoles`. */
function buildRoleDeclarations(
  model: Model,
  names: TypeScriptNames,
  style: TypeScriptOptions["enumStyle"],
  aliases: RenameAliases,
  template: (text: string) => string,
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
          [
            exportConst(
              "ROLE_RENAMES",
              "ReadonlyMap<string, Role>",
              joinLines(
                "Old role names (`@renamedFrom`) → the role they are now: `permissionsOfRoles`",
                "accepts a stored old name as the new one.",
                "",
                "@deprecated the old names go away when the schema drops its `@renamedFrom` tags.",
              ),
              (writer) => {
                writer.write("freezeMap(new Map<string, Role>(");
                const entries = aliases.roles.map((a) => {
                  const role = formatMemberAccess("Role", names.role.get(a.current.name));
                  return `[${quoteTs(a.old)}, ${role}]`;
                });
                writeList(writer, entries);
                writer.write("))");
              },
            ),
          ],
        ];
  const permissionsOfRoles =
    aliases.roles.length === 0
      ? PERMISSIONS_OF_ROLES
      : replaceTemplateLine(
          PERMISSIONS_OF_ROLES,
          "ROLE_PERMISSIONS.get(role as Role)",
          "ROLE_PERMISSIONS.get((ROLE_RENAMES.get(role) ?? role) as Role)",
        );
  return [
    buildVocabulary("Role", withAliases(members, roleAliases), model.docs.roles, style, ROLE_DOC),
    ...roleRenames,
    [
      exportConst(
        "ROLE_PERMISSIONS",
        "ReadonlyMap<Role, ReadonlySet<Permission>>",
        "The permissions each role holds, wildcards expanded.",
        (writer) => {
          writer.write("freezeMap<Role, ReadonlySet<Permission>>(");
          writeList(
            writer,
            model.roles.map((role) => buildRoleEntry(role, names)),
          );
          writer.write(")");
        },
      ),
    ],
    [
      exportConst(
        "ALL_ROLES",
        "readonly Role[]",
        "Every role, in schema order (frozen).",
        "Object.freeze([...ROLE_PERMISSIONS.keys()])",
      ),
    ],
    [template(permissionsOfRoles)],
  ];
}

/** One `[Role.X, freezeSet<Permission>([...])]` entry of `ROLE_PERMISSIONS`. */
function buildRoleEntry(role: Role, names: TypeScriptNames): WriterFunction {
  const access = formatMemberAccess("Role", names.role.get(role.name));
  const keys = role.permissions.map((permission) => quoteTs(permission.key));
  return (writer) => {
    if (keys.length === 0) {
      writer.write(`[${access}, freezeSet<Permission>([])]`);
      return;
    }
    writer.write("[").newLine();
    writer.indent(() => {
      writer.write(`${access},`).newLine();
      writer.write("freezeSet<Permission>(");
      writeList(writer, keys);
      writer.write("),").newLine();
    });
    writer.write("]");
  };
}

/** `SCHEMA_DIGEST`. */
function buildDigestDeclaration(model: Model): StatementGroup {
  return [
    exportConst(
      "SCHEMA_DIGEST",
      undefined,
      joinLines(
        "sha256 of the canonical vocabulary: the same string in every target generated from",
        "this schema, so services can check at run time that they agree.",
      ),
      quoteTs(model.digest),
    ),
  ];
}

/**
 * The start-up check: `SCHEMA_DIGEST_QUERY` (the SQL of digest-query.ts, as a TypeScript string
 * literal through the one string writer), then the template's `schema_digest_check` section.
 */
function buildDigestCheck(
  metaTable: string | undefined,
  template: (text: string) => string,
): StatementGroup[] {
  return [
    [
      joinLines(
        template("/** The query `verifySchemaDigest` runs: the metadata table's `schema_digest` row. */"),
        `const SCHEMA_DIGEST_QUERY = ${quoteTs(renderSchemaDigestQuery(metaTable))};`,
      ),
    ],
    [template(SCHEMA_DIGEST_CHECK)],
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
): StatementGroup[] {
  const prefix = model.namespace === undefined ? "" : `${escapeTemplate(model.namespace)}.`;
  const runtime =
    aliases.permissions.length === 0
      ? RUNTIME_DECLARATIONS
      : replaceTemplateLine(
          RUNTIME_DECLARATIONS,
          "if (key === permission) return true;",
          joinLines(
            "// An old key (`@renamedFrom`) grants what it was renamed to.",
            "    if (key === permission) return true;",
            '    if (typeof key === "string" && PERMISSION_RENAMES.get(key) === permission) return true;',
          ),
        );
  return [[fillPlaceholders(template(runtime), { KEY_PREFIX: prefix })]];
}

/**
 * An exported `const` with an optional type annotation and a doc comment, written directly:
 * ts-morph's variable-statement printer re-scans each printed declaration to place commas,
 * which costs seconds on a 100,000-element initializer.
 */
function exportConst(
  name: string,
  type: string | undefined,
  doc: string | undefined,
  initializer: string | WriterFunction,
): Statement {
  return (writer) => {
    if (doc !== undefined) writeDocText(writer, doc);
    writer.write(`export const ${name}${type === undefined ? "" : `: ${type}`} = `);
    if (typeof initializer === "string") writer.write(initializer);
    else initializer(writer);
    writer.write(";").newLine();
  };
}

/** Writes `[`, one item per line followed by a comma, then `]`; `[]` when there are none. */
function writeList(writer: CodeBlockWriter, items: readonly (string | WriterFunction)[]): void {
  if (items.length === 0) {
    writer.write("[]");
    return;
  }
  writer.write("[").newLine();
  writer.indent(() => {
    for (const item of items) {
      if (typeof item === "string") writer.write(item);
      else item(writer);
      writer.write(",").newLine();
    }
  });
  writer.write("]");
}

/** Writes a member's JSDoc, if it has any, on its own lines. */
function writeDocs(writer: CodeBlockWriter, doc: Doc): void {
  const text = formatDocText(doc, undefined);
  if (text !== undefined) writeDocText(writer, text);
}

/** Writes a JSDoc comment: on one line when the text is one line, else one line per line. */
function writeDocText(writer: CodeBlockWriter, text: string): void {
  const lines = text.split("\n");
  if (lines.length === 1) {
    writer.writeLine(`/** ${lines[0]} */`);
    return;
  }
  writer.writeLine("/**");
  for (const line of lines) writer.writeLine(line === "" ? " *" : ` * ${line}`);
  writer.writeLine(" */");
}

/** The JSDoc structures for a doc, or none when it is empty and there is no fallback text. */
function buildDocs(doc: Doc, fallback: string | undefined): OptionalKind<JSDocStructure>[] {
  const text = formatDocText(doc, fallback);
  return text === undefined ? [] : [{ description: text }];
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

/**
 * Flattens statement groups with a blank line between groups. ts-morph adds blank lines around
 * some kinds of statements only; this makes the spacing explicit and keeps a const and its type
 * (enumStyle "const") together.
 */
function separateGroups(groups: readonly StatementGroup[]): Statement[] {
  const blankLine: WriterFunction = (writer) => {
    writer.blankLineIfLastNot();
  };
  return groups.flatMap((group, index) => (index === 0 ? [...group] : [blankLine, ...group]));
}

/** Joins lines with LF: keeps long generated text readable in this file. */
function joinLines(...lines: string[]): string {
  return lines.join("\n");
}

/** Escapes text for use inside a template literal: its delimiters and every unsafe character. */
function escapeTemplate(text: string): string {
  return escapeUnsafeChars(text.replace(/[`\\$]/g, (char) => `\\${char}`));
}

function ensureFinalNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
