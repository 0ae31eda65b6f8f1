/**
 * Scans a Rust file with tree-sitter (parsed, never compiled): `require_permission(granted,
 * Resource::X, Action::Y)` and `has_permission(…)` resolved through the file's `use` of the
 * generated module (`use crate::permissions::{require_permission as rp, Resource}`, `use
 * crate::permissions as perms`, glob imports, fully qualified paths) and that module's items as
 * its `names` option made them (generated-exports.ts), and string literals equal to a key or a
 * role name.
 */
import path from "node:path";
import type { Node } from "web-tree-sitter";
import type { ExportNames } from "./generated-exports.js";
import type { EnforcementSite, FileScan, GeneratedModules, IgnoreComment, StringHit } from "./scan-result.js";
import { parseIgnoreComment } from "./scan-result.js";
import { findSyntaxError, namedChildren, pointOf } from "./syntax-tree.js";
import { loadParser } from "./tree-sitter.js";
import type { VocabularyIndex } from "./vocabulary-index.js";
import { pairKey } from "./vocabulary-index.js";

/** The guards, by default symbol; both take `(granted, resource, action)`. */
const GUARDS: ReadonlySet<string> = new Set(["require_permission", "has_permission"]);
const PATH_ROOTS: ReadonlySet<string> = new Set(["crate", "self", "super", ""]);

/**
 * The module name a generated Rust file is used under, with its items: its file stem
 * (`permissions.rs` → `permissions`; `permissions/mod.rs` → `permissions`). Matching the whole
 * module path would need the crate's module tree, which only `rustc` knows; the last segment
 * is what a `use` of the generated module always ends with.
 */
function moduleNames(generated: GeneratedModules): Map<string, ExportNames> {
  return new Map(
    generated.rust.map((out) => {
      const stem = path.basename(out.file, ".rs");
      return [stem === "mod" ? path.basename(path.dirname(out.file)) : stem, out.exports];
    }),
  );
}

/** Scans one Rust file. */
export async function scanRust(file: string, text: string, index: VocabularyIndex, generated: GeneratedModules): Promise<FileScan> {
  const parser = await loadParser("rust");
  const tree = parser.parse(text);
  if (tree === null) throw new Error(`internal error: tree-sitter returned no tree for ${file}`);
  try {
    const syntaxError = findSyntaxError(tree);
    if (syntaxError !== undefined) return { file, language: "rust", syntaxError, sites: [], strings: [], ignores: [] };
    const root = tree.rootNode;
    const modules = moduleNames(generated);
    /** Local name → the full path it stands for. */
    const bindings = new Map<string, string[]>();
    /** The generated module a glob import (`use crate::permissions::*`) brought in, by its name. */
    let globbed: string | undefined;
    /** The items of the generated module a path names, or undefined when it names none. */
    const generatedModule = (segments: readonly string[]): ExportNames | undefined => {
      const last = segments.filter((s) => !PATH_ROOTS.has(s)).at(-1);
      return last === undefined ? undefined : modules.get(last);
    };
    const readUse = (node: Node, prefix: string[]): void => {
      switch (node.type) {
        case "identifier":
        case "crate":
        case "super":
          bindings.set(node.text, [...prefix, node.text]);
          break;
        case "self":
          if (prefix.length > 0) bindings.set(prefix.at(-1) ?? "", prefix);
          break;
        case "scoped_identifier": {
          const full = [...prefix, ...flattenPath(node)];
          bindings.set(full.at(-1) ?? "", full);
          break;
        }
        case "use_as_clause": {
          const target = node.childForFieldName("path");
          const alias = node.childForFieldName("alias")?.text;
          if (target !== null && alias !== undefined) bindings.set(alias, [...prefix, ...flattenPath(target)]);
          break;
        }
        case "scoped_use_list": {
          const base = node.childForFieldName("path");
          const list = node.childForFieldName("list");
          if (list !== null) readUse(list, [...prefix, ...(base === null ? [] : flattenPath(base))]);
          break;
        }
        case "use_list":
          for (const child of namedChildren(node)) readUse(child, prefix);
          break;
        case "use_wildcard": {
          const base = namedChildren(node)[0];
          const segments = [...prefix, ...(base === undefined ? [] : flattenPath(base))];
          if (generatedModule(segments) !== undefined) globbed = segments.filter((s) => !PATH_ROOTS.has(s)).at(-1);
          break;
        }
      }
    };
    for (const use of root.descendantsOfType("use_declaration")) {
      const argument = use?.childForFieldName("argument");
      if (argument) readUse(argument, []);
    }
    /** An expression path with its first segment replaced by what a `use` bound it to. */
    const expand = (node: Node | undefined): string[] | undefined => {
      if (node === undefined || (node.type !== "identifier" && node.type !== "scoped_identifier")) return undefined;
      const segments = flattenPath(node);
      const bound = bindings.get(segments[0] ?? "");
      if (bound !== undefined) return [...bound, ...segments.slice(1)];
      // After `use crate::permissions::*`, a bare `Resource` is the generated one.
      return globbed !== undefined ? [globbed, ...segments] : segments;
    };
    /**
     * The generated item a path names: `[..., module, item, ...rest]` → the item's default
     * symbol (through the module's `names`), its name there, and `rest`.
     */
    const item = (node: Node | undefined, length: number): { symbol: string; name: string; rest: string[] } | undefined => {
      const full = expand(node);
      if (full === undefined || full.length < length + 1) return undefined;
      const exports = generatedModule(full.slice(0, full.length - length));
      const [name = "", ...rest] = full.slice(-length);
      const symbol = exports?.get(name);
      return symbol === undefined ? undefined : { symbol, name, rest };
    };
    const names = index.names.rust;
    const member = (node: Node | undefined, owner: "Resource" | "Action") => {
      const found = item(node, 2);
      if (found?.symbol !== owner) return undefined;
      return (owner === "Resource" ? names.resources : names.actions).get(found.rest[0] ?? "")?.value;
    };
    const sites: EnforcementSite[] = [];
    const strings: StringHit[] = [];
    const ignores: IgnoreComment[] = [];
    for (const node of root.descendantsOfType(["call_expression", "string_literal", "raw_string_literal", "line_comment", "block_comment"])) {
      if (node === null) continue;
      if (node.type === "call_expression") {
        const guard = item(node.childForFieldName("function") ?? undefined, 1);
        if (guard === undefined || !GUARDS.has(guard.symbol)) continue;
        const args = namedChildren(node.childForFieldName("arguments") ?? node).filter((a) => !a.type.endsWith("comment"));
        const resource = member(args[1], "Resource");
        const action = member(args[2], "Action");
        const permission = resource && action ? index.pairs.get(pairKey(resource, action)) : undefined;
        if (permission !== undefined) sites.push({ ...pointOf(node), key: permission.key, guard: guard.name });
      } else if (node.type === "string_literal" || node.type === "raw_string_literal") {
        const parts = namedChildren(node);
        if (parts.some((p) => p.type !== "string_content")) continue;
        const value = parts.map((p) => p.text).join("");
        if (index.magicStrings.has(value)) strings.push({ ...pointOf(node), value });
      } else if (node.type === "line_comment" || node.type === "block_comment") {
        const ignore = parseIgnoreComment(node.text, node.startPosition.row + 1);
        if (ignore !== undefined) ignores.push(ignore);
      }
    }
    return { file, language: "rust", sites, strings, ignores };
  } finally {
    tree.delete();
  }
}

/** `a::b::c` → `["a", "b", "c"]`; `::a` → `["", "a"]`. */
function flattenPath(node: Node): string[] {
  if (node.type !== "scoped_identifier") return [node.text];
  const base = node.childForFieldName("path");
  const name = node.childForFieldName("name")?.text ?? "";
  return [...(base === null ? [""] : flattenPath(base)), name];
}
