/**
 * The schema reader: schema file text → raw declarations with positions, or diagnostics.
 *
 * The file is parsed with ts-morph in an in-memory project and walked statically: permgen never
 * executes the schema. Only the five declarations permgen knows (`Resource`, `Action`,
 * `permissions`, `roles`, `namespace`) are read; every other statement is ignored. Inside those
 * declarations only literal forms are accepted, anything else is a positioned PG0105.
 *
 * This is the only module that imports ts-morph for the schema: commands that do not read a
 * schema must not load it.
 */
import { Project, ts } from "ts-morph";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic, DiagnosticCode } from "../diagnostics/diagnostic.js";
import type { Doc, SourcePosition } from "../model/model.js";
import { findDeepNesting, MAX_SCHEMA_NESTING } from "./check-nesting.js";
import { EMPTY_DOC, parseJsDoc } from "./parse-jsdoc.js";
import type {
  RawEnum,
  RawEnumMember,
  RawEnumValue,
  RawGrant,
  RawNamespace,
  RawPermissionAction,
  RawPermissionEntry,
  RawPermissions,
  RawRef,
  RawRole,
  RawRoles,
  RawSchema,
} from "./raw-schema.js";

/** What `readSchema` returns: the raw declarations (undefined when unusable) and every problem. */
export interface ReadSchemaResult {
  readonly raw: RawSchema | undefined;
  readonly diagnostics: Diagnostic[];
}

type EnumName = "Resource" | "Action";
type ConstName = "permissions" | "roles" | "namespace";

const ENUM_NAMES: readonly EnumName[] = ["Resource", "Action"];
const CONST_NAMES: readonly ConstName[] = ["permissions", "roles", "namespace"];

/** A top-level declaration of one of the names permgen reads. */
interface Found {
  readonly statement: ts.Statement;
  readonly nameNode: ts.Node;
  readonly enumDecl?: ts.EnumDeclaration;
  readonly varDecl?: ts.VariableDeclaration;
}

/** Per-file state of one read: the parsed file and the diagnostics collected so far. */
interface Reader {
  readonly file: string;
  readonly sf: ts.SourceFile;
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads a schema file statically and returns its raw declarations with 1-based positions
 * (`file` is used as the diagnostics' path, it is never opened). Syntax errors are PG0102 each
 * and stop the read; a missing `Resource`, `Action` or `permissions` is PG0103 at 1:1; a
 * declaration that is not exported is PG0104; a declaration of the wrong kind (`let`, a class,
 * an enum `permissions`) is PG0106; a non-literal expression inside a declaration is PG0105 at
 * its position. `raw` is undefined when a required declaration is missing or unusable; it is
 * returned alongside the other diagnostics so the model builder can report more in one run.
 */
export function readSchema(file: string, text: string): ReadSchemaResult {
  // TypeScript's parser recurses once per nesting level: bound the depth before it runs, and
  // turn a stack overflow from a construct the bound does not count into a diagnostic too.
  const variant = file.endsWith(".tsx") ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const deep = findDeepNesting(text, variant);
  if (deep !== undefined) {
    const message = `brackets nest more than ${MAX_SCHEMA_NESTING} levels deep here; permgen does not parse a schema nested this deeply`;
    return { raw: undefined, diagnostics: [tooDeep(file, text, deep.offset, message)] };
  }
  try {
    return readSchemaText(file, text);
  } catch (error) {
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
    const message = "the schema nests expressions too deeply to be parsed (the parser ran out of stack); simplify it";
    return { raw: undefined, diagnostics: [tooDeep(file, text, 0, message)] };
  }
}

function tooDeep(file: string, text: string, offset: number, message: string): Diagnostic {
  // Lines end where TypeScript's do (LF, CRLF, CR, U+2028, U+2029): no SourceFile exists yet.
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { code: Codes.SchemaTooDeep, message, file, line, column: offset - lineStart + 1 };
}

function readSchemaText(file: string, text: string): ReadSchemaResult {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true, noResolve: true, types: [] },
  });
  // A fixed virtual path keeps ts-morph's path handling out of the user's path; the
  // extension decides how the file is parsed (.ts, .mts, .cts, .tsx).
  const extension = /\.(?:[mc]?ts|tsx)$/.exec(file)?.[0] ?? ".ts";
  const sourceFile = project.createSourceFile(`/permgen-schema${extension}`, text);
  const sf = sourceFile.compilerNode;
  const reader: Reader = { file, sf, diagnostics: [] };

  const syntax = project.getProgram().compilerObject.getSyntacticDiagnostics(sf);
  if (syntax.length > 0) {
    for (const d of syntax) {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n").replace(/\.$/, "");
      // Lowercase start like every permgen message, but keep acronyms ("JSX ...").
      const message = /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
      report(reader, Codes.SchemaSyntax, d.start ?? 0, `syntax error: ${message}`);
    }
    return { raw: undefined, diagnostics: reader.diagnostics };
  }

  const found = findDeclarations(sf);
  const exported = findExportSpecifiers(sf);
  const resource = readEnumDeclarations(reader, "Resource", found.get("Resource") ?? [], exported);
  const action = readEnumDeclarations(reader, "Action", found.get("Action") ?? [], exported);
  const permissionsInit = readConstDeclaration(reader, "permissions", found, exported);
  const rolesInit = readConstDeclaration(reader, "roles", found, exported);
  const namespaceInit = readConstDeclaration(reader, "namespace", found, exported);

  const permissions =
    permissionsInit === undefined ? undefined : readPermissions(reader, permissionsInit);
  const roles = rolesInit === undefined ? undefined : readRoles(reader, rolesInit);
  const namespace = namespaceInit === undefined ? undefined : readNamespace(reader, namespaceInit);

  if (resource === undefined || action === undefined || permissions === undefined) {
    return { raw: undefined, diagnostics: reader.diagnostics };
  }
  const raw: RawSchema = { file, resource, action, permissions, roles, namespace };
  return { raw, diagnostics: reader.diagnostics };
}

/** Collects the top-level declarations named like the ones permgen reads, in file order. */
function findDeclarations(sf: ts.SourceFile): Map<string, Found[]> {
  const found = new Map<string, Found[]>();
  const add = (name: string, entry: Found): void => {
    const list = found.get(name);
    if (list) list.push(entry);
    else found.set(name, [entry]);
  };
  const known = new Set<string>([...ENUM_NAMES, ...CONST_NAMES]);
  for (const statement of sf.statements) {
    if (ts.isEnumDeclaration(statement)) {
      if (known.has(statement.name.text)) {
        add(statement.name.text, { statement, nameNode: statement.name, enumDecl: statement });
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const varDecl of statement.declarationList.declarations) {
        if (ts.isIdentifier(varDecl.name) && known.has(varDecl.name.text)) {
          add(varDecl.name.text, { statement, nameNode: varDecl.name, varDecl });
        }
      }
    } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name && known.has(statement.name.text)) {
        add(statement.name.text, { statement, nameNode: statement.name });
      }
    }
  }
  return found;
}

/** Names exported by a local `export { a, b }` (no module specifier, not renamed). */
function findExportSpecifiers(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sf.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      !statement.isTypeOnly &&
      statement.moduleSpecifier === undefined &&
      statement.exportClause !== undefined &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) {
        const local = element.propertyName ?? element.name;
        if (!element.isTypeOnly && local.text === element.name.text) names.add(local.text);
      }
    }
  }
  return names;
}

function isExported(found: Found, name: string, exported: ReadonlySet<string>): boolean {
  const modifiers = ts.canHaveModifiers(found.statement)
    ? ts.getModifiers(found.statement)
    : undefined;
  return (
    (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false) || exported.has(name)
  );
}

/**
 * Reads the `Resource` or `Action` enum. Several declarations of the same enum merge (as they
 * do in TypeScript), members in file order.
 */
function readEnumDeclarations(
  reader: Reader,
  name: EnumName,
  declarations: readonly Found[],
  exported: ReadonlySet<string>,
): RawEnum | undefined {
  if (declarations.length === 0) {
    report(
      reader,
      Codes.MissingDeclaration,
      0,
      `the schema declares no ${name} enum; add "export enum ${name} { ... }"`,
    );
    return undefined;
  }
  const members: RawEnumMember[] = [];
  let usable = true;
  let first: ts.EnumDeclaration | undefined;
  for (const found of declarations) {
    const decl = found.enumDecl;
    if (decl === undefined) {
      usable = false;
      report(
        reader,
        Codes.UnsupportedDeclaration,
        startOf(reader, found.nameNode),
        `${name} must be an enum: write "export enum ${name} { ... }"`,
      );
      continue;
    }
    if (!isExported(found, name, exported)) {
      report(
        reader,
        Codes.NotExported,
        startOf(reader, found.nameNode),
        `${name} must be exported: write "export enum ${name}"`,
      );
    }
    first ??= decl;
    for (const member of decl.members) {
      const read = readEnumMember(reader, name, member);
      if (read !== undefined) members.push(read);
    }
  }
  if (!usable || first === undefined) return undefined;
  return {
    name,
    members,
    doc: readDoc(reader, first),
    position: positionAt(reader, startOf(reader, first.name)),
  };
}

function readEnumMember(
  reader: Reader,
  enumName: EnumName,
  member: ts.EnumMember,
): RawEnumMember | undefined {
  const memberName = member.name;
  if (!ts.isIdentifier(memberName) && !ts.isStringLiteral(memberName)) {
    reject(reader, memberName, `${enumName} member names`, "expected an identifier");
    return undefined;
  }
  const position = positionAt(reader, startOf(reader, memberName));
  return {
    name: memberName.text,
    value: readEnumValue(reader, enumName, member, position),
    doc: readDoc(reader, member),
    position,
  };
}

function readEnumValue(
  reader: Reader,
  enumName: EnumName,
  member: ts.EnumMember,
  memberPosition: SourcePosition,
): RawEnumValue {
  if (member.initializer === undefined) {
    return { kind: "non-string", found: "", position: memberPosition };
  }
  const init = unwrap(member.initializer);
  const position = positionAt(reader, startOf(reader, init));
  if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) {
    return { kind: "string", value: init.text, position };
  }
  if (
    ts.isNumericLiteral(init) ||
    (ts.isPrefixUnaryExpression(init) && ts.isNumericLiteral(init.operand))
  ) {
    return { kind: "non-string", found: init.getText(reader.sf), position };
  }
  reject(reader, init, enumName, "expected a string literal");
  return { kind: "rejected" };
}

/**
 * Finds the one `const` declaration of `name` and returns its initializer, reporting a
 * declaration of the wrong kind, a second declaration, a missing export or a missing value.
 * Returns undefined when it is absent (PG0103 for `permissions`) or unusable.
 */
function readConstDeclaration(
  reader: Reader,
  name: ConstName,
  found: ReadonlyMap<string, readonly Found[]>,
  exported: ReadonlySet<string>,
): { init: ts.Expression; doc: Doc; position: SourcePosition } | undefined {
  const declarations = found.get(name) ?? [];
  if (declarations.length === 0) {
    if (name === "permissions") {
      report(
        reader,
        Codes.MissingDeclaration,
        0,
        `the schema declares no permissions; add "export const permissions = { ... }"`,
      );
    }
    return undefined;
  }
  for (const extra of declarations.slice(1)) {
    report(
      reader,
      Codes.UnsupportedDeclaration,
      startOf(reader, extra.nameNode),
      `${name} is declared more than once`,
    );
  }
  const [decl] = declarations;
  if (decl === undefined) return undefined;
  const varDecl = decl.varDecl;
  const position = positionAt(reader, startOf(reader, decl.nameNode));
  if (varDecl === undefined || !ts.isVariableStatement(decl.statement)) {
    report(
      reader,
      Codes.UnsupportedDeclaration,
      startOf(reader, decl.nameNode),
      `${name} must be a const: write "export const ${name} = ..."`,
    );
    return undefined;
  }
  const flags = decl.statement.declarationList.flags & ts.NodeFlags.BlockScoped;
  if (flags !== ts.NodeFlags.Const) {
    report(
      reader,
      Codes.UnsupportedDeclaration,
      startOf(reader, decl.nameNode),
      `${name} must be declared with const: write "export const ${name} = ..."`,
    );
    return undefined;
  }
  if (!isExported(decl, name, exported)) {
    report(
      reader,
      Codes.NotExported,
      startOf(reader, decl.nameNode),
      `${name} must be exported: write "export const ${name}"`,
    );
  }
  if (varDecl.initializer === undefined) {
    report(
      reader,
      Codes.UnsupportedDeclaration,
      startOf(reader, decl.nameNode),
      `${name} has no value: write "export const ${name} = ..."`,
    );
    return undefined;
  }
  return { init: varDecl.initializer, doc: readDoc(reader, decl.statement), position };
}

function readPermissions(
  reader: Reader,
  decl: { init: ts.Expression; doc: Doc; position: SourcePosition },
): RawPermissions | undefined {
  const object = unwrap(decl.init);
  if (!ts.isObjectLiteralExpression(object)) {
    reject(reader, object, "permissions", "expected an object literal");
    return undefined;
  }
  const entries: RawPermissionEntry[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) {
      reject(reader, property, "permissions", `expected "[Resource.Member]: [...]"`);
      continue;
    }
    const resource = readResourceKey(reader, property.name);
    const value = unwrap(property.initializer);
    if (!ts.isArrayLiteralExpression(value)) {
      reject(reader, value, "permissions", "expected an array of actions");
      continue;
    }
    const actions: RawPermissionAction[] = value.elements.map((element) => ({
      action: readActionElement(reader, element),
      doc: readDoc(reader, element),
    }));
    entries.push({ resource, actions, doc: readDoc(reader, property) });
  }
  return { entries, doc: decl.doc, position: decl.position };
}

function readResourceKey(reader: Reader, name: ts.PropertyName): RawRef {
  if (ts.isStringLiteral(name) || ts.isIdentifier(name)) {
    return {
      kind: "string",
      value: name.text,
      position: positionAt(reader, startOf(reader, name)),
    };
  }
  if (ts.isComputedPropertyName(name)) {
    return readRef(reader, name.expression, "Resource", "permissions keys");
  }
  reject(reader, name, "permissions keys", "expected [Resource.Member] or a resource string");
  return { kind: "rejected" };
}

function readActionElement(reader: Reader, element: ts.Expression): RawRef {
  return readRef(reader, element, "Action", "permissions");
}

/** Reads `Enum.Member`, `Enum["Member"]` or a string literal; anything else is PG0105. */
function readRef(reader: Reader, node: ts.Expression, enumName: EnumName, where: string): RawRef {
  const expr = unwrap(node);
  const position = positionAt(reader, startOf(reader, expr));
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
    return { kind: "string", value: expr.text, position };
  }
  if (
    ts.isPropertyAccessExpression(expr) &&
    ts.isIdentifier(expr.expression) &&
    expr.expression.text === enumName &&
    ts.isIdentifier(expr.name)
  ) {
    return { kind: "member", member: expr.name.text, position };
  }
  if (
    ts.isElementAccessExpression(expr) &&
    ts.isIdentifier(expr.expression) &&
    expr.expression.text === enumName &&
    (ts.isStringLiteral(expr.argumentExpression) ||
      ts.isNoSubstitutionTemplateLiteral(expr.argumentExpression))
  ) {
    return { kind: "member", member: expr.argumentExpression.text, position };
  }
  const expected =
    enumName === "Resource"
      ? "expected Resource.Member or a resource string"
      : "expected Action.Member or an action string";
  reject(reader, expr, where, expected);
  return { kind: "rejected" };
}

function readRoles(
  reader: Reader,
  decl: { init: ts.Expression; doc: Doc; position: SourcePosition },
): RawRoles | undefined {
  const object = unwrap(decl.init);
  if (!ts.isObjectLiteralExpression(object)) {
    reject(reader, object, "roles", "expected an object literal");
    return undefined;
  }
  const roles: RawRole[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) {
      reject(reader, property, "roles", `expected "role_name: [...]"`);
      continue;
    }
    const name = readRoleName(reader, property.name);
    const value = unwrap(property.initializer);
    if (!ts.isArrayLiteralExpression(value)) {
      reject(reader, value, "roles", "expected an array of grant strings");
      continue;
    }
    const grants: RawGrant[] = [];
    for (const element of value.elements) {
      const grant = unwrap(element);
      if (ts.isStringLiteral(grant) || ts.isNoSubstitutionTemplateLiteral(grant)) {
        grants.push({ text: grant.text, position: positionAt(reader, startOf(reader, grant)) });
      } else {
        reject(reader, grant, "roles", `expected a grant string such as "alert.*"`);
      }
    }
    if (name === undefined) continue;
    roles.push({
      name,
      grants,
      doc: readDoc(reader, property),
      position: positionAt(reader, startOf(reader, property.name)),
    });
  }
  return { roles, doc: decl.doc, position: decl.position };
}

function readRoleName(reader: Reader, name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const expr = unwrap(name.expression);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
    reject(reader, expr, "roles", "expected a role name");
    return undefined;
  }
  reject(reader, name, "roles", "expected a role name");
  return undefined;
}

function readNamespace(
  reader: Reader,
  decl: { init: ts.Expression; doc: Doc; position: SourcePosition },
): RawNamespace | undefined {
  const value = unwrap(decl.init);
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) {
    return { value: value.text, position: positionAt(reader, startOf(reader, value)) };
  }
  reject(reader, value, "namespace", `expected a string literal such as "soc"`);
  return undefined;
}

/** Strips the wrappers that do not change a value: parentheses, `as const`, `satisfies T`. */
function unwrap(node: ts.Expression): ts.Expression {
  let expr = node;
  for (;;) {
    if (ts.isParenthesizedExpression(expr) || ts.isSatisfiesExpression(expr)) {
      expr = expr.expression;
    } else if (ts.isAsExpression(expr) && isConstType(expr.type)) {
      expr = expr.expression;
    } else {
      return expr;
    }
  }
}

function isConstType(type: ts.TypeNode): boolean {
  return (
    ts.isTypeReferenceNode(type) &&
    ts.isIdentifier(type.typeName) &&
    type.typeName.text === "const" &&
    type.typeArguments === undefined
  );
}

/**
 * The JSDoc comment written right before a node: the last `/** *\/` between the previous token
 * and the node. Like TypeScript does for parameters, a comment on the previous token's line
 * counts too, so `[Action.Read, /** doc *\/ Action.Write]` documents `Action.Write`.
 */
function readDoc(reader: Reader, node: ts.Node): Doc {
  const text = reader.sf.text;
  const ranges = [
    ...(ts.getTrailingCommentRanges(text, node.pos) ?? []),
    ...(ts.getLeadingCommentRanges(text, node.pos) ?? []),
  ];
  for (let i = ranges.length - 1; i >= 0; i--) {
    const range = ranges[i];
    if (range === undefined) continue;
    const comment = text.slice(range.pos, range.end);
    if (comment.startsWith("/**") && comment !== "/**/") return parseJsDoc(comment);
  }
  return EMPTY_DOC;
}

/** Reports PG0105 for an expression permgen does not evaluate, naming what was found. */
function reject(reader: Reader, node: ts.Node, where: string, expected: string): void {
  const runs =
    ts.isCallExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isIdentifier(node) ||
    ts.isSpreadElement(node) ||
    ts.isSpreadAssignment(node) ||
    ts.isShorthandPropertyAssignment(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node);
  const note = runs ? " (permgen reads the schema, it does not run it)" : "";
  report(
    reader,
    Codes.UnsupportedExpression,
    startOf(reader, node),
    `unsupported ${describeNode(node)} \`${snippet(reader, node)}\` in ${where}; ${expected}${note}`,
  );
}

const NODE_WORDS: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.CallExpression, "call"],
  [ts.SyntaxKind.NewExpression, "constructor call"],
  [ts.SyntaxKind.SpreadElement, "spread"],
  [ts.SyntaxKind.SpreadAssignment, "spread"],
  [ts.SyntaxKind.Identifier, "variable reference"],
  [ts.SyntaxKind.ShorthandPropertyAssignment, "shorthand property"],
  [ts.SyntaxKind.MethodDeclaration, "method"],
  [ts.SyntaxKind.GetAccessor, "getter"],
  [ts.SyntaxKind.SetAccessor, "setter"],
  [ts.SyntaxKind.NumericLiteral, "number"],
  [ts.SyntaxKind.BigIntLiteral, "number"],
  [ts.SyntaxKind.PrefixUnaryExpression, "computed value"],
  [ts.SyntaxKind.BinaryExpression, "computed value"],
  [ts.SyntaxKind.TemplateExpression, "template literal with substitutions"],
  [ts.SyntaxKind.TaggedTemplateExpression, "tagged template"],
  [ts.SyntaxKind.ConditionalExpression, "conditional expression"],
  [ts.SyntaxKind.ArrowFunction, "function"],
  [ts.SyntaxKind.FunctionExpression, "function"],
  [ts.SyntaxKind.ObjectLiteralExpression, "object"],
  [ts.SyntaxKind.ArrayLiteralExpression, "array"],
  [ts.SyntaxKind.PropertyAccessExpression, "reference"],
  [ts.SyntaxKind.ElementAccessExpression, "reference"],
  [ts.SyntaxKind.OmittedExpression, "empty array slot"],
  [ts.SyntaxKind.TrueKeyword, "boolean"],
  [ts.SyntaxKind.FalseKeyword, "boolean"],
  [ts.SyntaxKind.NullKeyword, "null"],
  [ts.SyntaxKind.AsExpression, "type assertion"],
  [ts.SyntaxKind.TypeAssertionExpression, "type assertion"],
  [ts.SyntaxKind.NonNullExpression, "non-null assertion"],
  [ts.SyntaxKind.ComputedPropertyName, "computed name"],
  [ts.SyntaxKind.PrivateIdentifier, "private name"],
]);

function describeNode(node: ts.Node): string {
  const word = NODE_WORDS.get(node.kind);
  if (word !== undefined) return word;
  // Fallback: the syntax kind in words ("AwaitExpression" -> "await expression").
  return ts.SyntaxKind[node.kind].replace(/(?<=[a-z])(?=[A-Z])/g, " ").toLowerCase();
}

function snippet(reader: Reader, node: ts.Node): string {
  const text = node.getText(reader.sf).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function startOf(reader: Reader, node: ts.Node): number {
  return node.getStart(reader.sf);
}

function positionAt(reader: Reader, offset: number): SourcePosition {
  const { line, character } = reader.sf.getLineAndCharacterOfPosition(offset);
  return { file: reader.file, line: line + 1, column: character + 1 };
}

function report(reader: Reader, code: DiagnosticCode, offset: number, message: string): void {
  const { line, column } = positionAt(reader, offset);
  reader.diagnostics.push({ code, message, file: reader.file, line, column });
}
