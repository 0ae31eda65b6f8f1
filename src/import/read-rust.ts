/**
 * The Rust reader of `permgen import` (tree-sitter; the crate is parsed, never built):
 *
 * - a top-level `enum` whose variants have string values — `#[serde(rename = "…")]` on the
 *   variant, or an arm `Self::Variant => "…"` / `Enum::Variant => "…"` of a `match` in an
 *   `impl Enum` function returning `&str` (`as_str`) — is a value enum; when the two give a
 *   variant different values, that is an error, never a choice;
 * - a value enum whose values are dotted (`"alert.read"`) declares permissions;
 * - the shape of seed 000 (a `Resource` enum, an `Action` enum and a const or static array of
 *   `(Resource::X, Action::Y)` pairs) declares the pair keys `resource.action`, in array order.
 *   permgen never builds the cartesian product of two enums: without that array the pairs are
 *   unknown, and the source is reported as holding nothing to import.
 *
 * `///` comments on a variant become its documentation (and on the enum, the vocabulary's).
 */
import type { Node, Parser } from "web-tree-sitter";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ImportedPermission, SourcePosition, SourceReading } from "./imported-vocabulary.js";
import { findSyntaxError, positionOf } from "./tree-sitter-nodes.js";

/** A variant with the value the source gives it, if any. */
interface Variant {
  readonly name: string;
  readonly doc: string | undefined;
  value: string | undefined;
  at: SourcePosition;
  readonly node: Node;
}

interface RustEnum {
  readonly name: string;
  readonly doc: string | undefined;
  readonly variants: Map<string, Variant>;
}

type Report = (code: Diagnostic["code"], node: Node, message: string) => void;

/** Reads one Rust source file with `parser` (tree-sitter-rust). */
export function readRust(parser: Parser, file: string, text: string): SourceReading {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (code, node, message) => {
    diagnostics.push({ code, message, ...positionOf(file, node) });
  };
  const tree = parser.parse(text);
  if (tree === null) throw new Error("internal error: tree-sitter returned no tree");
  try {
    const broken = findSyntaxError(tree.rootNode);
    if (broken !== undefined) {
      report(Codes.ImportSyntax, broken, "this is not valid Rust: the file does not parse here");
      return { file, permissions: [], roles: [], ids: [], doc: undefined, diagnostics };
    }
    const items = tree.rootNode.namedChildren.filter((n): n is Node => n !== null);
    const enums = readEnums(file, items, report);
    readAsStrArms(file, items, enums, report);
    const valued = [...enums.values()].filter((e) => [...e.variants.values()].some((v) => v.value !== undefined));
    for (const e of valued) {
      for (const variant of e.variants.values()) {
        if (variant.value === undefined) {
          report(Codes.ImportUnsupported, variant.node, `${e.name}::${variant.name} has no string value: give it #[serde(rename = "…")] or an arm in as_str`);
        }
      }
    }
    const permissions: ImportedPermission[] = [];
    let doc: string | undefined;
    for (const e of valued) {
      if (![...e.variants.values()].some((v) => v.value?.includes("."))) continue;
      doc ??= e.doc;
      for (const v of e.variants.values()) {
        if (v.value !== undefined) permissions.push({ key: v.value, doc: v.doc, at: v.at });
      }
    }
    const pairs = readPairArrays(file, items, new Map(valued.map((e) => [e.name, e])), report);
    permissions.push(...pairs.permissions);
    doc ??= pairs.doc;
    const memberDocs = pairs.resourceEnum === undefined || pairs.actionEnum === undefined
      ? undefined
      : {
          resource: pairs.resourceEnum.doc,
          action: pairs.actionEnum.doc,
          resources: collectVariantDocs(pairs.resourceEnum),
          actions: collectVariantDocs(pairs.actionEnum),
        };
    if (permissions.length === 0 && diagnostics.length === 0) {
      diagnostics.push({
        code: Codes.ImportNothingFound,
        message: "nothing to import here: permgen reads an enum whose string values are `resource.action` keys, or Resource and Action enums with a const array of (Resource::X, Action::Y) pairs",
        file,
        line: 1,
        column: 1,
      });
    }
    return { file, permissions, roles: [], ids: [], doc, memberDocs, diagnostics };
  } finally {
    tree.delete();
  }
}

/** Every top-level enum, each variant with its `///` doc and serde rename. */
function readEnums(file: string, items: readonly Node[], report: Report): Map<string, RustEnum> {
  const enums = new Map<string, RustEnum>();
  for (const [index, item] of items.entries()) {
    if (item.type !== "enum_item") continue;
    const name = item.childForFieldName("name")?.text ?? "";
    const variants = new Map<string, Variant>();
    let docLines: string[] = [];
    let rename: { value: string | undefined; node: Node } | undefined;
    for (const child of item.childForFieldName("body")?.namedChildren ?? []) {
      if (child === null) continue;
      if (child.type === "line_comment") {
        const line = readDocLine(child);
        if (line !== undefined) docLines.push(line);
      } else if (child.type === "attribute_item") {
        rename = readSerdeRename(child) ?? rename;
      } else if (child.type === "enum_variant") {
        const variantName = child.childForFieldName("name")?.text ?? "";
        if (rename !== undefined && rename.value === undefined) {
          report(Codes.ImportUnsupported, rename.node, "only a plain string literal (no escapes) can be imported as a value");
        }
        const value = rename?.value;
        variants.set(variantName, {
          name: variantName,
          doc: joinDoc(docLines),
          value,
          at: positionOf(file, rename?.node ?? child),
          node: child,
        });
        docLines = [];
        rename = undefined;
      }
    }
    enums.set(name, { name, doc: readItemDoc(items, index), variants });
  }
  return enums;
}

/** `#[serde(rename = "…")]` → its value (undefined value: not a plain literal); else undefined. */
function readSerdeRename(attribute: Node): { value: string | undefined; node: Node } | undefined {
  const inner = attribute.namedChildren[0];
  if (inner === null || inner === undefined || inner.namedChildren[0]?.text !== "serde") return undefined;
  const tokens = inner.childForFieldName("arguments")?.children.filter((n): n is Node => n !== null) ?? [];
  for (const [i, token] of tokens.entries()) {
    if (token.text !== "rename" || tokens[i + 1]?.text !== "=") continue;
    const literal = tokens[i + 2];
    if (literal === undefined) return undefined;
    return { value: readPlainString(literal), node: literal };
  }
  return undefined;
}

/** Values from `match` arms in `impl Enum` functions that return `&str` (`as_str`). */
function readAsStrArms(file: string, items: readonly Node[], enums: Map<string, RustEnum>, report: Report): void {
  for (const item of items) {
    if (item.type !== "impl_item" || item.childForFieldName("trait") !== null) continue;
    const owner = enums.get(item.childForFieldName("type")?.text ?? "");
    if (owner === undefined) continue;
    for (const fn of item.childForFieldName("body")?.namedChildren ?? []) {
      if (fn === null || fn.type !== "function_item") continue;
      if (!/\bstr\b/.test(fn.childForFieldName("return_type")?.text ?? "")) continue;
      for (const arm of fn.descendantsOfType("match_arm")) {
        if (arm === null) continue;
        const pattern = arm.childForFieldName("pattern")?.namedChildren[0];
        const value = arm.childForFieldName("value");
        if (pattern === null || pattern === undefined || value === null) continue;
        if (pattern.type !== "scoped_identifier") continue;
        const path = pattern.childForFieldName("path")?.text;
        if (path !== "Self" && path !== owner.name) continue;
        const variant = owner.variants.get(pattern.childForFieldName("name")?.text ?? "");
        if (variant === undefined) {
          report(Codes.ImportUnknownMember, pattern, `${owner.name} has no variant ${pattern.childForFieldName("name")?.text ?? ""}`);
          continue;
        }
        const text = readPlainString(value);
        if (text === undefined) {
          report(Codes.ImportUnsupported, value, "only a plain string literal (no escapes) can be imported as a value");
        } else if (variant.value !== undefined && variant.value !== text) {
          report(Codes.ImportUnsupported, value, `${owner.name}::${variant.name} is ${JSON.stringify(variant.value)} for serde but ${JSON.stringify(text)} here; make them agree first`);
        } else if (variant.value === undefined) {
          variant.value = text;
          variant.at = positionOf(file, value);
        }
      }
    }
  }
}

/** Keys from const/static arrays of `(Resource::X, Action::Y)` tuples of two value enums. */
function readPairArrays(
  file: string,
  items: readonly Node[],
  enums: ReadonlyMap<string, RustEnum>,
  report: Report,
): PairArrays {
  const permissions: ImportedPermission[] = [];
  let doc: string | undefined;
  let resourceEnum: RustEnum | undefined;
  let actionEnum: RustEnum | undefined;
  for (const [index, item] of items.entries()) {
    if (item.type !== "const_item" && item.type !== "static_item") continue;
    let value = item.childForFieldName("value");
    while (value !== null && value.type === "reference_expression") value = value.childForFieldName("value");
    if (value === null || value.type !== "array_expression") continue;
    const elements = value.namedChildren.filter(
      (n): n is Node => n !== null && n.type !== "line_comment" && n.type !== "block_comment",
    );
    const refs = (tuple: Node): Node[] =>
      tuple.namedChildren.filter((n): n is Node => n !== null && n.type === "scoped_identifier");
    const isVariantPair = (e: Node): boolean =>
      e.type === "tuple_expression" &&
      refs(e).length === 2 &&
      refs(e).every((r) => enums.has(r.childForFieldName("path")?.text ?? ""));
    // Only an array of pairs of value-enum variants is a pair list; any other array is not ours.
    const isPairList = elements.some(isVariantPair);
    if (!isPairList) continue;
    doc ??= readItemDoc(items, index);
    for (const element of elements) {
      const parts = element.type === "tuple_expression" ? refs(element) : [];
      if (parts.length !== 2 || element.namedChildren.length !== 2) {
        report(Codes.ImportUnsupported, element, "expected a pair (Resource::X, Action::Y)");
        continue;
      }
      const values = parts.map((part) => {
        const owner = enums.get(part.childForFieldName("path")?.text ?? "");
        const variant = owner?.variants.get(part.childForFieldName("name")?.text ?? "");
        if (owner === undefined || variant?.value === undefined) {
          report(Codes.ImportUnknownMember, part, `${part.text} is not a variant with a string value`);
          return undefined;
        }
        return variant;
      });
      const [resource, action] = values;
      if (resource === undefined || action === undefined) continue;
      resourceEnum ??= enums.get(parts[0]?.childForFieldName("path")?.text ?? "");
      actionEnum ??= enums.get(parts[1]?.childForFieldName("path")?.text ?? "");
      permissions.push({ key: `${resource.value}.${action.value}`, doc: undefined, at: positionOf(file, element) });
    }
  }
  return { permissions, doc, resourceEnum, actionEnum };
}

/** What the pair arrays yield: keys, the array's doc, and the two enums they pair. */
interface PairArrays {
  readonly permissions: ImportedPermission[];
  readonly doc: string | undefined;
  readonly resourceEnum: RustEnum | undefined;
  readonly actionEnum: RustEnum | undefined;
}

/** Value → doc of an enum's documented variants. */
function collectVariantDocs(e: RustEnum): Map<string, string> {
  const docs = new Map<string, string>();
  for (const v of e.variants.values()) {
    if (v.value !== undefined && v.doc !== undefined) docs.set(v.value, v.doc);
  }
  return docs;
}

/** The `///` lines right above item `index` (attributes between them are fine). */
function readItemDoc(items: readonly Node[], index: number): string | undefined {
  const lines: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const previous = items[i];
    if (previous === undefined) break;
    if (previous.type === "attribute_item") continue;
    const line = previous.type === "line_comment" ? readDocLine(previous) : undefined;
    if (line === undefined) break;
    lines.unshift(line);
  }
  return joinDoc(lines);
}

/** The text of a `///` comment, or undefined for another comment. */
function readDocLine(comment: Node): string | undefined {
  if (comment.childForFieldName("outer") === null) return undefined;
  return comment.childForFieldName("doc")?.text.replace(/^ /, "").trimEnd() ?? "";
}

function joinDoc(lines: readonly string[]): string | undefined {
  const text = lines.join("\n").trim();
  return text === "" ? undefined : text;
}

/** A `"…"` literal without escapes → its text; anything else → undefined. */
function readPlainString(node: Node): string | undefined {
  if (node.type !== "string_literal") return undefined;
  let value = "";
  for (const child of node.namedChildren) {
    if (child === null) continue;
    if (child.type !== "string_content") return undefined;
    value += child.text;
  }
  return value;
}
