/**
 * Scans a Go file with tree-sitter (parsed, never built or run): `RequirePermission(mask,
 * perm.ResourceX, perm.ActionY)` and `mask.Has(perm.PermX)` resolved through the file's import
 * of the generated package (its import path from go.mod, any alias, or unqualified inside the
 * generated package's own folder), and string literals equal to a key or a role name.
 */
import path from "node:path";
import type { Node } from "web-tree-sitter";
import type { EnforcementSite, FileScan, GeneratedModules, IgnoreComment, StringHit } from "./scan-result.js";
import { parseIgnoreComment } from "./scan-result.js";
import { findSyntaxError, namedChildren, pointOf } from "./syntax-tree.js";
import { loadParser } from "./tree-sitter.js";
import type { VocabularyIndex } from "./vocabulary-index.js";
import { pairKey } from "./vocabulary-index.js";

/** Whether a Go import path names a generated package (by go.mod's import path, else its folder name). */
function importsGenerated(importPath: string, generated: GeneratedModules["go"][number]): boolean {
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
    /** Package names (as this file refers to them) bound to a generated package. */
    const packages = new Set<string>();
    const samePackage = generated.go.some((g) => g.dir === path.dirname(file));
    for (const spec of root.descendantsOfType("import_spec")) {
      if (spec === null) continue;
      const importPath = readGoString(spec.childForFieldName("path"));
      const target = importPath === undefined ? undefined : generated.go.find((g) => importsGenerated(importPath, g));
      if (target === undefined) continue;
      const name = spec.childForFieldName("name")?.text;
      if (name === ".") {
        // A dot import makes the generated names unqualified, as inside the package itself.
        packages.add("");
      } else if (name !== "_") packages.add(name ?? target.packageName);
    }
    if (samePackage) packages.add("");
    const names = index.names.go;
    /** The generated identifier an expression names: `perm.ResourceAlert`, or bare where unqualified. */
    const identifier = (node: Node | undefined): string | undefined => {
      if (node === undefined) return undefined;
      if (node.type === "identifier") return packages.has("") ? node.text : undefined;
      if (node.type !== "selector_expression") return undefined;
      const operand = node.childForFieldName("operand");
      return operand?.type === "identifier" && packages.has(operand.text) ? node.childForFieldName("field")?.text : undefined;
    };
    const sites: EnforcementSite[] = [];
    const strings: StringHit[] = [];
    const ignores: IgnoreComment[] = [];
    for (const node of root.descendantsOfType(["call_expression", "interpreted_string_literal", "raw_string_literal", "comment"])) {
      if (node === null) continue;
      if (node.type === "call_expression") {
        const callee = node.childForFieldName("function");
        const args = namedChildren(node.childForFieldName("arguments") ?? node).filter((a) => a.type !== "comment");
        if (identifier(callee ?? undefined) === "RequirePermission") {
          const resource = names.resources.get(identifier(args[1]) ?? "");
          const action = names.actions.get(identifier(args[2]) ?? "");
          const permission = resource && action ? index.pairs.get(pairKey(resource.value, action.value)) : undefined;
          if (permission !== undefined) sites.push({ ...pointOf(node), key: permission.key, guard: "RequirePermission" });
        } else if (callee?.type === "selector_expression" && callee.childForFieldName("field")?.text === "Has") {
          const permission = names.permissions.get(identifier(args[0]) ?? "");
          if (permission !== undefined) sites.push({ ...pointOf(node), key: permission.key, guard: "PermissionMask.Has" });
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
