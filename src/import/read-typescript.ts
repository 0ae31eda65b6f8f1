/**
 * The TypeScript reader of `permgen import` (ts-morph, the schema reader's parser; the module
 * is parsed, never run):
 *
 * - a top-level string `enum` with at least one dotted value (`AlertRead = "alert.read"`)
 *   declares permissions, in member order; a string enum without dotted values is left alone;
 * - a top-level `const X = { … } as const` object: a string leaf that is a key
 *   (`read: "alert.read"`) is that key; a `true` or numeric leaf is the key its property path
 *   spells (`{ alert: { read: 0 } }` → `alert.read`), a number also being its id.
 *   An `as const` object with no key in it is left alone.
 *
 * JSDoc on members and properties becomes the permission's documentation. A computed name, a
 * spread or a non-literal value inside an enum or object that holds keys is reported.
 */
import type { ts as TS } from "ts-morph";
import { Project, ts } from "../loading/ts-morph.js";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { findDeepNesting, MAX_SCHEMA_NESTING } from "../schema/check-nesting.js";
import { parseJsDoc } from "../schema/parse-jsdoc.js";
import type { ImportedId, ImportedPermission, SourcePosition, SourceReading } from "./imported-vocabulary.js";
import { IMPORT_KEY } from "./imported-vocabulary.js";

/** Reads one TypeScript module. */
export function readTypeScript(file: string, text: string): SourceReading {
  // The parser and every walk below recurse: a hostile file nested deeper than their stack
  // allows is refused before parsing, as the schema reader refuses one (PG0110).
  const deep = findDeepNesting(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep.offset).split(/\r\n|[\n\r\u2028\u2029]/);
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    const message = `brackets nested more than ${MAX_SCHEMA_NESTING} levels deep: import reads declarations, not deep data`;
    const diagnostics = [{ code: Codes.ImportUnsupported, message, file, line, column }];
    return { file, permissions: [], roles: [], ids: [], doc: undefined, diagnostics };
  }
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true, noResolve: true, types: [] },
  });
  const extension = /\.[mc]?ts$/i.exec(file)?.[0].toLowerCase() ?? ".ts";
  const sf = project.createSourceFile(`/permgen-import${extension}`, text).compilerNode;
  const diagnostics: Diagnostic[] = [];
  const at = (node: TS.Node): SourcePosition => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { file, line: line + 1, column: character + 1 };
  };
  const report = (code: Diagnostic["code"], node: TS.Node, message: string): void => {
    diagnostics.push({ code, message, ...at(node) });
  };
  const syntax = project.getProgram().compilerObject.getSyntacticDiagnostics(sf);
  if (syntax.length > 0) {
    const first = syntax[0];
    const { line, character } = sf.getLineAndCharacterOfPosition(first?.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(first?.messageText ?? "", "\n").replace(/\.$/, "");
    diagnostics.push({
      code: Codes.ImportSyntax,
      message: `this is not valid TypeScript: ${message}`,
      file,
      line: line + 1,
      column: character + 1,
    });
    return { file, permissions: [], roles: [], ids: [], doc: undefined, diagnostics };
  }
  const docOf = (node: TS.Node): string | undefined => {
    const ranges = ts.getLeadingCommentRanges(sf.text, node.pos) ?? [];
    for (let i = ranges.length - 1; i >= 0; i--) {
      const range = ranges[i];
      if (range === undefined) continue;
      const comment = sf.text.slice(range.pos, range.end);
      if (comment.startsWith("/**") && comment !== "/**/") return parseJsDoc(comment).description;
    }
    return undefined;
  };

  const permissions: ImportedPermission[] = [];
  const ids: ImportedId[] = [];
  let doc: string | undefined;
  for (const statement of sf.statements) {
    if (ts.isEnumDeclaration(statement)) {
      const found: ImportedPermission[] = [];
      const computed: TS.Node[] = [];
      for (const member of statement.members) {
        const init = member.initializer;
        if (init !== undefined && ts.isStringLiteralLike(init)) {
          found.push({ key: init.text, doc: docOf(member), at: at(init) });
        } else computed.push(init ?? member);
      }
      if (!found.some((p) => p.key.includes("."))) continue;
      for (const node of computed) {
        report(Codes.ImportUnsupported, node, `${statement.name.text}: only string literal members can be imported`);
      }
      doc ??= docOf(statement);
      permissions.push(...found);
      continue;
    }
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (init === undefined || !isAsConst(init)) continue;
      const object = unwrap(init);
      if (!ts.isObjectLiteralExpression(object)) continue;
      const found: { permission: ImportedPermission; id: ImportedId | undefined }[] = [];
      const problems: Diagnostic[] = [];
      walkObject(object, [], found, problems, { at, docOf });
      if (found.length === 0) continue;
      diagnostics.push(...problems);
      doc ??= docOf(statement);
      for (const entry of found) {
        permissions.push(entry.permission);
        if (entry.id !== undefined) ids.push(entry.id);
      }
    }
  }
  if (permissions.length === 0 && diagnostics.length === 0) {
    diagnostics.push({
      code: Codes.ImportNothingFound,
      message: "no string enum or `as const` object of permission keys here",
      file,
      line: 1,
      column: 1,
    });
  }
  return { file, permissions, roles: [], ids, doc, diagnostics };
}

/** Where a node is and what its JSDoc says, for walkObject. */
interface Locator {
  readonly at: (node: TS.Node) => SourcePosition;
  readonly docOf: (node: TS.Node) => string | undefined;
}

/** Collects the keys of an `as const` object, recursing into nested objects. */
function walkObject(
  object: TS.ObjectLiteralExpression,
  prefix: readonly string[],
  found: { permission: ImportedPermission; id: ImportedId | undefined }[],
  problems: Diagnostic[],
  locator: Locator,
): void {
  const problem = (node: TS.Node, message: string, code: Diagnostic["code"] = Codes.ImportUnsupported): void => {
    problems.push({ code, message, ...locator.at(node) });
  };
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) {
      problem(property, "only `name: value` properties can be imported (no spread, shorthand or method)");
      continue;
    }
    const name = property.name;
    if (!ts.isIdentifier(name) && !ts.isStringLiteral(name) && !ts.isNumericLiteral(name)) {
      problem(name, "a computed property name cannot be imported without running the code");
      continue;
    }
    const path = [...prefix, name.text];
    const value = unwrap(property.initializer);
    const doc = locator.docOf(property);
    if (ts.isObjectLiteralExpression(value)) {
      walkObject(value, path, found, problems, locator);
    } else if (ts.isStringLiteralLike(value)) {
      if (!IMPORT_KEY.test(value.text)) {
        problem(value, `${JSON.stringify(value.text)} is not a permission key (\`resource.action\`)`, Codes.ImportInvalidKey);
        continue;
      }
      found.push({ permission: { key: value.text, doc, at: locator.at(value) }, id: undefined });
    } else if (value.kind === ts.SyntaxKind.TrueKeyword || ts.isNumericLiteral(value)) {
      const key = path.join(".");
      const permission = { key, doc, at: locator.at(name) };
      const id = ts.isNumericLiteral(value) ? readId(value) : undefined;
      if (ts.isNumericLiteral(value) && id === undefined) {
        problem(value, `the id of ${JSON.stringify(key)} must be a non-negative integer`);
        continue;
      }
      found.push({ permission, id: id === undefined ? undefined : { key, id, at: locator.at(value) } });
    } else {
      problem(value, "expected a key string, `true`, a numeric id or a nested object");
    }
  }
}

function readId(node: TS.NumericLiteral): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(node.text) && Number.isSafeInteger(Number(node.text)) ? Number(node.text) : undefined;
}

/** Whether an initializer ends in `as const` (through `satisfies` and parentheses). */
function isAsConst(node: TS.Expression): boolean {
  let current: TS.Expression = node;
  for (;;) {
    if (ts.isAsExpression(current)) {
      const type = current.type;
      if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === "const") return true;
      current = current.expression;
    } else if (ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else return false;
  }
}

function unwrap(node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) {
    current = current.expression;
  }
  return current;
}
