/**
 * Scans a TypeScript or JavaScript file with the TypeScript parser (through ts-morph's bundled
 * compiler: the same parser permgen reads schemas with; the file is parsed, never run or
 * type-checked): calls of the generated `requirePermission` / `hasPermission`, resolved through
 * the file's own imports of the generated module (named, renamed `{ requirePermission as rp }`
 * and namespace `* as perms` imports), and string literals equal to a key or a role name.
 */
import path from "node:path";
import { ts } from "ts-morph";
import type { EnforcementSite, FileScan, GeneratedModules, IgnoreComment, StringHit } from "./scan-result.js";
import { parseIgnoreComment } from "./scan-result.js";
import type { VocabularyIndex } from "./vocabulary-index.js";
import { pairKey } from "./vocabulary-index.js";

/** The generated exports an enforcement site is read through. */
type Exported = "requirePermission" | "hasPermission" | "Resource" | "Action";
const EXPORTED: ReadonlySet<string> = new Set(["requirePermission", "hasPermission", "Resource", "Action"]);
/** Where the resource argument is: `requirePermission(r, a)`, `hasPermission(granted, r, a)`. */
const RESOURCE_ARGUMENT: Readonly<Record<string, number>> = { requirePermission: 0, hasPermission: 1 };

const EXTENSION = /\.(?:d\.)?[mc]?[jt]sx?$/;

/** Whether an import specifier in `fromFile` names one of the generated TypeScript modules. */
export function namesGeneratedModule(specifier: string, fromFile: string, generated: GeneratedModules): boolean {
  const outputs = generated.typescript.map((file) => file.replace(EXTENSION, ""));
  if (specifier.startsWith(".")) {
    const target = path.resolve(path.dirname(fromFile), specifier).replace(EXTENSION, "");
    return outputs.includes(target) || outputs.includes(path.join(target, "index"));
  }
  // A path alias (`@/generated/permissions`, `~/perm`) or a workspace package: its segments
  // after the alias must end the output's path; resolving tsconfig paths would mean running
  // the user's build configuration, which the audit does not do.
  const segments = specifier.replace(EXTENSION, "").split("/").slice(1);
  if (segments.length === 0) return false;
  const tail = `/${segments.join("/")}`;
  return outputs.some((out) => out.split(path.sep).join("/").endsWith(tail));
}

function scriptKind(file: string): ts.ScriptKind {
  if (/\.[mc]?tsx$|\.tsx$/.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(file)) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Scans one TypeScript or JavaScript file. */
export function scanTypeScript(
  file: string,
  text: string,
  index: VocabularyIndex,
  generated: GeneratedModules,
): FileScan {
  // No parent pointers (a third of the parse time): the walk below passes parents itself.
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKind(file));
  const at = (node: ts.Node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: line + 1, column: character + 1 };
  };
  // parseDiagnostics is what `tsc` reports as syntax errors; the public API only offers it
  // through a Program, which would cost a compiler host per file.
  const parseErrors = (source as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  const firstError = parseErrors[0];
  if (firstError !== undefined) {
    const { line, character } = source.getLineAndCharacterOfPosition(firstError.start ?? 0);
    const message = `syntax error: ${ts.flattenDiagnosticMessageText(firstError.messageText, "\n")}`;
    return { file, language: "typescript", syntaxError: { line: line + 1, column: character + 1, message }, sites: [], strings: [], ignores: [] };
  }
  const names = index.names.typescript;
  const locals = new Map<string, Exported>();
  const namespaces = new Set<string>();
  let reexportsGenerated = false;
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (namesGeneratedModule(statement.moduleSpecifier.text, file, generated)) reexportsGenerated = true;
      continue;
    }
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!namesGeneratedModule(statement.moduleSpecifier.text, file, generated)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined) continue;
    if (ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    else {
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        if (EXPORTED.has(imported)) locals.set(element.name.text, imported as Exported);
      }
    }
  }
  /** What an expression names among the generated exports: `rp`, `perms.Resource`. */
  const resolve = (expr: ts.Expression): Exported | undefined => {
    if (ts.isIdentifier(expr)) return locals.get(expr.text);
    if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression) && namespaces.has(expr.expression.text)) {
      const name = expr.name.text;
      return EXPORTED.has(name) ? (name as Exported) : undefined;
    }
    return undefined;
  };
  /** The member of `Resource` or `Action` an argument names: `R.Alert`, `Resource["x-y"]`, `"alert"`. */
  const member = (expr: ts.Expression | undefined, owner: "Resource" | "Action"): string | undefined => {
    if (expr === undefined) return undefined;
    const table = owner === "Resource" ? names.resources : names.actions;
    if (ts.isStringLiteralLike(expr)) return expr.text;
    let object: ts.Expression;
    let name: string;
    if (ts.isPropertyAccessExpression(expr)) [object, name] = [expr.expression, expr.name.text];
    else if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression))
      [object, name] = [expr.expression, expr.argumentExpression.text];
    else return undefined;
    return resolve(object) === owner ? table.get(name)?.value : undefined;
  };
  const sites: EnforcementSite[] = [];
  const strings: StringHit[] = [];
  const visit = (node: ts.Node, parent: ts.Node, grandparent: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const guard = resolve(node.expression);
      const first = guard === undefined ? undefined : RESOURCE_ARGUMENT[guard];
      if (guard !== undefined && first !== undefined) {
        const resource = member(node.arguments[first], "Resource");
        const action = member(node.arguments[first + 1], "Action");
        const permission = resource === undefined || action === undefined ? undefined : index.pairs.get(pairKey(resource, action));
        if (permission !== undefined) sites.push({ ...at(node), key: permission.key, guard });
      }
    } else if (ts.isStringLiteralLike(node) && index.magicStrings.has(node.text) && !isModuleName(node, parent, grandparent)) {
      strings.push({ ...at(node), value: node.text });
    }
    ts.forEachChild(node, (child) => visit(child, node, parent));
  };
  ts.forEachChild(source, (child) => visit(child, source, source));
  const ignores = text.includes("permgen:") ? readIgnores(text, source) : [];
  return { file, language: "typescript", sites, strings, ignores, reexportsGenerated };
}

/** A module specifier (`import … from "x"`, `export … from "x"`, `import("x")`): a path, not data. */
function isModuleName(node: ts.Node, parent: ts.Node, grandparent: ts.Node): boolean {
  return (
    ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node) ||
    ts.isExternalModuleReference(parent) ||
    (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword) ||
    (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(grandparent))
  );
}

/** The `permgen: ignore …` comments of a TypeScript file (the schema's, for its own findings). */
export function readTypeScriptIgnores(file: string, text: string): IgnoreComment[] {
  return readIgnores(text, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKind(file)));
}

/** Every `permgen: ignore …` comment, read with the TypeScript scanner (comments are trivia). */
function readIgnores(text: string, source: ts.SourceFile): IgnoreComment[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, source.languageVariant, text);
  const ignores: IgnoreComment[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia && token !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const line = source.getLineAndCharacterOfPosition(scanner.getTokenStart()).line + 1;
    const found = parseIgnoreComment(scanner.getTokenText(), line);
    if (found !== undefined) ignores.push(found);
  }
  return ignores;
}
