/**
 * Scans a Go file with tree-sitter (parsed, never built or run): `RequirePermission(mask,
 * perm.ResourceX, perm.ActionY)` and `mask.Has(perm.PermX)` resolved through the file's import
 * of the generated package (its import path from go.mod, any alias, or unqualified inside the
 * generated package's own folder) and that package's exports as its `names` option made them
 * (generated-exports.ts: a renamed `RequirePermission` is the guard, its default name is not;
 * the rbac form has no `RequirePermission`, only `PermX` constants of the rbac package's type,
 * whose mask's `Has` takes them), and string literals equal to a key or a role name.
 */
import path from "node:path";
import type { Node } from "web-tree-sitter";
import type { EnforcementSite, FileScan, GeneratedGoPackage, GeneratedModules, IgnoreComment, StringHit } from "./scan-result.js";
import { parseIgnoreComment } from "./scan-result.js";
import { findSyntaxError, namedChildren, pointOf } from "./syntax-tree.js";
import { loadParser } from "./tree-sitter.js";
import type { VocabularyIndex } from "./vocabulary-index.js";
import { pairKey } from "./vocabulary-index.js";

/** Whether a Go import path names a generated package (by go.mod's import path, else its folder name). */
function importsGenerated(importPath: string, generated: GeneratedGoPackage): boolean {
  if (generated.importPath !== undefined) return importPath === generated.importPath;
  return importPath.split("/").at(-1) === path.basename(generated.dir);
}

/** Scans one Go file. */
export async function scanGo(file: string, text: string, index: VocabularyIndex, generated: GeneratedModules): Promise<FileScan> {
  const parser = await loadParser("go");
  const tree = parser.parse(text);
  if (tree === null) throw new Error(`internal error: tree-sitter returned no tree for ${file}`);
  try {
    const syntaxError = findSyntaxError(tree);
    if (syntaxError !== undefined) return { file, language: "go", syntaxError, sites: [], strings: [], ignores: [] };
    const root = tree.rootNode;
    /** Package names (as this file refers to them) → the generated packages they are; "" is unqualified. */
    const packages = new Map<string, GeneratedGoPackage[]>();
    const bind = (name: string, target: GeneratedGoPackage) => packages.set(name, [...(packages.get(name) ?? []), target]);
    for (const spec of root.descendantsOfType("import_spec")) {
      if (spec === null) continue;
      const importPath = readGoString(spec.childForFieldName("path"));
      const target = importPath === undefined ? undefined : generated.go.find((g) => importsGenerated(importPath, g));
      if (target === undefined) continue;
      const name = spec.childForFieldName("name")?.text;
      // A dot import makes the generated names unqualified, as inside the package itself.
      if (name === ".") bind("", target);
      else if (name !== "_") bind(name ?? target.packageName, target);
    }
    for (const own of generated.go.filter((g) => g.dir === path.dirname(file))) bind("", own);
    const names = index.names.go;
    /**
     * The generated identifier an expression names (`perm.ResourceAlert`, or bare where
     * unqualified) and the packages it may come from.
     */
    const identifier = (node: Node | undefined): { name: string; from: readonly GeneratedGoPackage[] } | undefined => {
      if (node === undefined) return undefined;
      if (node.type === "identifier") {
        const from = packages.get("");
        return from === undefined ? undefined : { name: node.text, from };
      }
      if (node.type !== "selector_expression") return undefined;
      const operand = node.childForFieldName("operand");
      const from = operand?.type === "identifier" ? packages.get(operand.text) : undefined;
      const name = node.childForFieldName("field")?.text;
      return from === undefined || name === undefined ? undefined : { name, from };
    };
    /** Whether `found` is the guard `RequirePermission` under the name its package gives it. */
    const isRequirePermission = (found: ReturnType<typeof identifier>): found is NonNullable<typeof found> =>
      found !== undefined && found.from.some((g) => g.exports.get(found.name) === "RequirePermission");
    const sites: EnforcementSite[] = [];
    const strings: StringHit[] = [];
    const ignores: IgnoreComment[] = [];
    for (const node of root.descendantsOfType(["call_expression", "interpreted_string_literal", "raw_string_literal", "comment"])) {
      if (node === null) continue;
      if (node.type === "call_expression") {
        const callee = node.childForFieldName("function");
        const args = namedChildren(node.childForFieldName("arguments") ?? node).filter((a) => a.type !== "comment");
        const guard = identifier(callee ?? undefined);
        if (isRequirePermission(guard)) {
          const resource = names.resources.get(identifier(args[1])?.name ?? "");
          const action = names.actions.get(identifier(args[2])?.name ?? "");
          const permission = resource && action ? index.pairs.get(pairKey(resource.value, action.value)) : undefined;
          if (permission !== undefined) sites.push({ ...pointOf(node), key: permission.key, guard: guard.name });
        } else if (callee?.type === "selector_expression" && callee.childForFieldName("field")?.text === "Has") {
          // The mask's type is not known without type checking; the argument, a permission
          // constant of a generated package, is what makes this a guard call.
          const argument = identifier(args[0]);
          // Each package's own table: two Go targets may name constants differently.
          const permission = argument?.from
            .map((g) => (g.permissions ?? names.permissions).get(argument.name))
            .find((p) => p !== undefined);
          const mask = argument?.from[0]?.mask ?? "PermissionMask";
          if (permission !== undefined) sites.push({ ...pointOf(node), key: permission.key, guard: `${mask}.Has` });
        }
      } else if (node.type === "interpreted_string_literal" || node.type === "raw_string_literal") {
        if (node.parent?.type === "import_spec") continue;
        const value = readGoString(node);
        if (value !== undefined && index.magicStrings.has(value)) strings.push({ ...pointOf(node), value });
      } else if (node.type === "comment") {
        const ignore = parseIgnoreComment(node.text, node.startPosition.row + 1);
        if (ignore !== undefined) ignores.push(ignore);
      }
    }
    return { file, language: "go", sites, strings, ignores };
  } finally {
    tree.delete();
  }
}

/** A Go string literal's value when it has no escape sequence; undefined otherwise. */
function readGoString(node: Node | null): string | undefined {
  if (node === null) return undefined;
  if (node.type === "raw_string_literal") return node.text.slice(1, -1);
  if (node.type !== "interpreted_string_literal") return undefined;
  const parts = namedChildren(node);
  if (parts.some((p) => p.type !== "interpreted_string_literal_content")) return undefined;
  return parts.map((p) => p.text).join("");
}
