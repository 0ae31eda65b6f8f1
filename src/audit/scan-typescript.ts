/**
 * Scans a TypeScript or JavaScript file with the TypeScript parser (through ts-morph's bundled
 * compiler: the same parser permgen reads schemas with; the file is parsed, never run or
 * type-checked): calls of the generated `requirePermission` / `hasPermission`, resolved through
 * the file's own imports of the generated module (named, renamed `{ requirePermission as rp }`
 * and namespace `* as perms` imports) and that module's exports as its `names` option made them
 * (generated-exports.ts), and string literals equal to a key or a role name.
 */
import path from "node:path";
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import type { ExportNames } from "./generated-exports.js";
import type { EnforcementSite, FileScan, GeneratedFile, GeneratedModules, IgnoreComment, StringHit } from "./scan-result.js";
import { parseIgnoreComment } from "./scan-result.js";
import type { VocabularyIndex } from "./vocabulary-index.js";
import { pairKey } from "./vocabulary-index.js";

/** The generated exports an enforcement site is read through, by their default symbols. */
type Exported = "requirePermission" | "hasPermission" | "Resource" | "Action";
const EXPORTED: ReadonlySet<string> = new Set(["requirePermission", "hasPermission", "Resource", "Action"]);

/** What `name`, exported by a module with `exports`, is among the symbols sites are read through. */
function exportedAs(exports: ExportNames, name: string): Exported | undefined {
  const symbol = exports.get(name);
  return symbol !== undefined && EXPORTED.has(symbol) ? (symbol as Exported) : undefined;
}
/** Where the resource argument is: `requirePermission(r, a)`, `hasPermission(granted, r, a)`. */
const RESOURCE_ARGUMENT: Readonly<Record<string, number>> = { requirePermission: 0, hasPermission: 1 };

const EXTENSION = /\.(?:d\.)?[mc]?[jt]sx?$/;

/** The generated TypeScript module (or barrel) an import specifier in `fromFile` names, if any. */
export function findGeneratedModule(specifier: string, fromFile: string, generated: GeneratedModules): GeneratedFile | undefined {
  const outputs = generated.typescript.map((m) => ({ module: m, stem: m.file.replace(EXTENSION, "") }));
  if (specifier.startsWith(".")) {
    const target = path.resolve(path.dirname(fromFile), specifier).replace(EXTENSION, "");
    return outputs.find((o) => o.stem === target || o.stem === path.join(target, "index"))?.module;
  }
  // A path alias (`@/generated/permissions`, `~/perm`) or a workspace package: its segments
  // after the alias must end the output's path; resolving tsconfig paths would mean running
  // the user's build configuration, which the audit does not do.
  const segments = specifier.replace(EXTENSION, "").split("/").slice(1);
  if (segments.length === 0) return undefined;
  const tail = `/${segments.join("/")}`;
  return outputs.find((o) => o.stem.split(path.sep).join("/").endsWith(tail))?.module;
}

function scriptKind(file: string): TS.ScriptKind {
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
  const at = (node: TS.Node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: line + 1, column: character + 1 };
  };
  // parseDiagnostics is what `tsc` reports as syntax errors; the public API only offers it
  // through a Program, which would cost a compiler host per file.
  const parseErrors = (source as unknown as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics ?? [];
  const firstError = parseErrors[0];
  if (firstError !== undefined) {
    const { line, character } = source.getLineAndCharacterOfPosition(firstError.start ?? 0);
    const message = `syntax error: ${ts.flattenDiagnosticMessageText(firstError.messageText, "\n")}`;
    return { file, language: "typescript", syntaxError: { line: line + 1, column: character + 1, message }, sites: [], strings: [], ignores: [] };
  }
  const names = index.names.typescript;
  const locals = new Map<string, { symbol: Exported; name: string }>();
  /** Namespace imports of a generated module (`* as perms`) → its exports. */
  const namespaces = new Map<string, ExportNames>();
  let reexports: Map<string, string> | undefined;
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = findGeneratedModule(statement.moduleSpecifier.text, file, generated);
      if (module === undefined) continue;
      reexports ??= new Map();
      const clause = statement.exportClause;
      if (clause === undefined) for (const [name, symbol] of module.exports) reexports.set(name, symbol);
      else if (ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          const symbol = module.exports.get((element.propertyName ?? element.name).text);
          if (symbol !== undefined) reexports.set(element.name.text, symbol);
        }
      }
      continue;
    }
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = findGeneratedModule(statement.moduleSpecifier.text, file, generated);
    if (module === undefined) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined) continue;
    if (ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, module.exports);
    else {
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        const symbol = exportedAs(module.exports, imported);
        if (symbol !== undefined) locals.set(element.name.text, { symbol, name: imported });
      }
    }
  }
  /** What an expression names among the generated exports (`rp`, `perms.Resource`), and that export's name. */
  const resolveExport = (expr: TS.Expression): { symbol: Exported; name: string } | undefined => {
    if (ts.isIdentifier(expr)) return locals.get(expr.text);
    if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
      const exports = namespaces.get(expr.expression.text);
      const name = expr.name.text;
      const symbol = exports === undefined ? undefined : exportedAs(exports, name);
      return symbol === undefined ? undefined : { symbol, name };
    }
    return undefined;
  };
  const resolve = (expr: TS.Expression): Exported | undefined => resolveExport(expr)?.symbol;
  /** The member of `Resource` or `Action` an argument names: `R.Alert`, `Resource["x-y"]`, `"alert"`. */
  const member = (expr: TS.Expression | undefined, owner: "Resource" | "Action"): string | undefined => {
    if (expr === undefined) return undefined;
    const table = owner === "Resource" ? names.resources : names.actions;
    if (ts.isStringLiteralLike(expr)) return expr.text;
    let object: TS.Expression;
    let name: string;
    if (ts.isPropertyAccessExpression(expr)) [object, name] = [expr.expression, expr.name.text];
    else if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression))
      [object, name] = [expr.expression, expr.argumentExpression.text];
    else return undefined;
    return resolve(object) === owner ? table.get(name)?.value : undefined;
  };
  const sites: EnforcementSite[] = [];
  const strings: StringHit[] = [];
  const visit = (node: TS.Node, parent: TS.Node, grandparent: TS.Node): void => {
    if (ts.isCallExpression(node)) {
      const guard = resolveExport(node.expression);
      const first = guard === undefined ? undefined : RESOURCE_ARGUMENT[guard.symbol];
      if (guard !== undefined && first !== undefined) {
        const resource = member(node.arguments[first], "Resource");
        const action = member(node.arguments[first + 1], "Action");
        const permission = resource === undefined || action === undefined ? undefined : index.pairs.get(pairKey(resource, action));
        if (permission !== undefined) sites.push({ ...at(node), key: permission.key, guard: guard.name });
      }
    } else if (ts.isStringLiteralLike(node) && index.magicStrings.has(node.text) && !isModuleName(node, parent, grandparent)) {
      strings.push({ ...at(node), value: node.text });
    }
    ts.forEachChild(node, (child) => visit(child, node, parent));
  };
  ts.forEachChild(source, (child) => visit(child, source, source));
  const ignores = text.includes("permgen:") ? readIgnores(text, source) : [];
  return { file, language: "typescript", sites, strings, ignores, reexports };
}

/** A module specifier (`import … from "x"`, `export … from "x"`, `import("x")`): a path, not data. */
function isModuleName(node: TS.Node, parent: TS.Node, grandparent: TS.Node): boolean {
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
function readIgnores(text: string, source: TS.SourceFile): IgnoreComment[] {
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
