/**
 * Finding the declarations permgen reads among a schema's top-level statements: every
 * declaration named `Resource`, `Action`, `permissions`, `roles`, `namespace` or `constraints`
 * (whatever its kind, so a wrong kind is reported rather than ignored), whether each is
 * exported, and the one `const` a name must be.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import { Codes } from "../diagnostics/codes.js";
import type { ConstInit, ConstName, EnumName, Reader } from "./schema-reader.js";
import { positionAt, readDoc, report, startOf } from "./schema-reader.js";

const ENUM_NAMES: readonly EnumName[] = ["Resource", "Action"];
const CONST_NAMES: readonly ConstName[] = ["permissions", "roles", "namespace", "constraints"];

/** A top-level declaration of one of the names permgen reads. */
export interface Found {
  readonly statement: TS.Statement;
  readonly nameNode: TS.Node;
  readonly enumDecl?: TS.EnumDeclaration;
  readonly varDecl?: TS.VariableDeclaration;
}

/** Collects the top-level declarations named like the ones permgen reads, in file order. */
export function findDeclarations(sf: TS.SourceFile): Map<string, Found[]> {
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
export function findExportSpecifiers(sf: TS.SourceFile): Set<string> {
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

/** Whether a declaration is exported: by its own `export` or a local `export { name }`. */
export function isExported(found: Found, name: string, exported: ReadonlySet<string>): boolean {
  const modifiers = ts.canHaveModifiers(found.statement)
    ? ts.getModifiers(found.statement)
    : undefined;
  return (
    (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false) || exported.has(name)
  );
}

/**
 * Finds the one `const` declaration of `name` and returns its initializer, reporting a
 * declaration of the wrong kind, a second declaration, a missing export or a missing value.
 * Returns undefined when it is absent (PG0103 for `permissions`) or unusable.
 */
export function readConstDeclaration(
  reader: Reader,
  name: ConstName,
  found: ReadonlyMap<string, readonly Found[]>,
  exported: ReadonlySet<string>,
): ConstInit | undefined {
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
