/**
 * The Python reader of `permgen import` (tree-sitter; the module is parsed, never run):
 *
 * - every top-level `class X(StrEnum)` / `(enum.Enum)` / `(str, Enum)` whose members are plain
 *   string literals is an enum; one whose values are dotted (`"engagement.read"`) declares
 *   permissions, one whose values are not is a group (role) enum;
 * - a top-level dict whose keys are group members (`GroupName.RT_LEAD`) or strings and whose
 *   values name permissions is the role mapping: each value a `frozenset(...)`, `set(...)`,
 *   `list(...)`, `tuple(...)`, a set, list or tuple literal, a `|` union, or a module-level
 *   name bound to one of those; `frozenset(Permission)` (any "every member" call on a
 *   permission enum, directly or through a name such as `ALL_PERMISSIONS`) is every permission;
 * - a top-level dict from permission members to integer literals gives their ids (for the lock);
 * - documentation: the enum's docstring, and for a member its trailing `# comment` (lint
 *   pragmas such as `# noqa: S105` dropped), a string statement right after it, or `#:`
 *   comment lines right above it. Plain comment lines above a member are read as section
 *   headings (`# Engagement`) and not carried over.
 *
 * Anything else inside an enum or the role mapping (a call, a spread, `auto()`, an f-string)
 * is reported at its position; other top-level code is ignored.
 */
import type { Node, Parser, Tree } from "web-tree-sitter";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type {
  ImportedGrant,
  ImportedId,
  ImportedPermission,
  ImportedRole,
  SourcePosition,
  SourceReading,
} from "./imported-vocabulary.js";
import { findSyntaxError, positionOf } from "./tree-sitter-nodes.js";

/** One enum class: its members (name → value, doc, place) in order. */
interface PythonEnum {
  readonly name: string;
  readonly doc: string | undefined;
  readonly members: Map<string, { value: string; doc: string | undefined; at: SourcePosition }>;
  /** Members whose value could not be read (already reported): naming one is no new error. */
  readonly unreadable: ReadonlySet<string>;
  readonly at: SourcePosition;
}

/** Calls that make a collection of their argument's members: `frozenset(Permission)`. */
const COLLECTION_CALLS = new Set(["frozenset", "set", "list", "tuple", "sorted"]);
const ENUM_BASE = /(^|\.)(StrEnum|Enum)$/;
/** Comments that talk to a tool, not a reader. */
const PRAGMA = /^(noqa\b|type:|pragma\b|pylint:|fmt:|nosec\b|mypy:|pyright:|ruff:)/;
/**
 * How deep a grant expression may nest — brackets, `|` chains and names followed
 * (`A = B`, `B = frozenset(C)`) together — before the reader stops: a loop of names, or a
 * hostile file nested deeper than a recursive walk's stack allows.
 */
const MAX_DEPTH = 64;

/** Reads one Python module with `parser` (tree-sitter-python). */
export function readPython(parser: Parser, file: string, text: string): SourceReading {
  const [reading] = readPythonModules(parser, [{ file, text }]);
  if (reading === undefined) throw new Error("internal error: no reading for a module");
  return reading;
}

/**
 * Reads Python modules given together (one reading each, in order). The enums and top-level
 * names of every module are visible to the role mappings of every other one, the module's own
 * first: the permissions in `permissions.py`, the groups in `groups.py`
 * (`from .permissions import Permission, ALL_PERMISSIONS`) import like one module.
 */
export function readPythonModules(
  parser: Parser,
  sources: readonly { readonly file: string; readonly text: string }[],
): SourceReading[] {
  const trees: Tree[] = [];
  try {
    const modules = sources.map(({ file, text }) => {
      const diagnostics: Diagnostic[] = [];
      const report: Report = (code, node, message) => {
        diagnostics.push({ code, message, ...positionOf(file, node) });
      };
      const tree = parser.parse(text);
      if (tree === null) throw new Error("internal error: tree-sitter returned no tree");
      trees.push(tree);
      const broken = findSyntaxError(tree.rootNode);
      if (broken !== undefined) {
        report(Codes.ImportSyntax, broken, "this is not valid Python: the module does not parse here");
        return { file, diagnostics, report, statements: [], enums: [], bindings: new Map<string, Node>() };
      }
      const statements = tree.rootNode.namedChildren.filter((n): n is Node => n !== null);
      const enums = readEnums(file, statements, report);
      return { file, diagnostics, report, statements, enums, bindings: readBindings(statements) };
    });
    const isPermissionEnum = (e: PythonEnum): boolean => [...e.members.values()].some((m) => m.value.includes("."));
    return modules.map((module) => {
      const { file, diagnostics, report, statements } = module;
      // This module's own enums and names first, then the other modules' in command-line order.
      const visible = [module, ...modules.filter((m) => m !== module)];
      const permissionEnums = visible.flatMap((m) => m.enums.filter(isPermissionEnum));
      const groupEnums = visible.flatMap((m) => m.enums.filter((e) => !isPermissionEnum(e)));
      const bindings = new Map<string, Node>();
      for (const m of [...visible].reverse()) for (const [name, node] of m.bindings) bindings.set(name, node);
      const own = module.enums.filter(isPermissionEnum);
      const permissions: ImportedPermission[] = own.flatMap((e) =>
        [...e.members.values()].map((m) => ({ key: m.value, doc: m.doc, at: m.at })),
      );
      const context: GrantContext = { file, permissionEnums: dedupeByName(permissionEnums), bindings, report };
      const roles = readRoleMappings(file, statements, dedupeByName(groupEnums), context);
      const ids = readIdMappings(file, statements, context);
      const doc = own.find((e) => e.doc !== undefined)?.doc;
      if (permissions.length === 0 && roles.length === 0 && diagnostics.length === 0) {
        diagnostics.push({
          code: Codes.ImportNothingFound,
          message: "no enum of permission keys or group mapping here: permgen imports `class X(StrEnum)` (or `enum.Enum`, `(str, Enum)`) whose values are `resource.action` strings",
          file,
          line: 1,
          column: 1,
        });
      }
      return { file, permissions, roles, ids, doc, diagnostics };
    });
  } finally {
    for (const tree of trees) tree.delete();
  }
}

/** The first enum of each name: a module's own `Permission` shadows another module's. */
function dedupeByName(enums: readonly PythonEnum[]): PythonEnum[] {
  const seen = new Set<string>();
  return enums.filter((e) => !seen.has(e.name) && (seen.add(e.name), true));
}

type Report = (code: Diagnostic["code"], node: Node, message: string) => void;

/** Every top-level enum class with at least one string member. */
function readEnums(file: string, statements: readonly Node[], report: Report): PythonEnum[] {
  const enums: PythonEnum[] = [];
  for (const statement of statements) {
    const cls = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    if (cls === null || cls.type !== "class_definition") continue;
    const bases = cls.childForFieldName("superclasses")?.namedChildren ?? [];
    if (!bases.some((base) => base !== null && ENUM_BASE.test(base.text))) continue;
    const name = cls.childForFieldName("name")?.text ?? "";
    const body = cls.childForFieldName("body");
    if (body === null) continue;
    const items = body.namedChildren.filter((n): n is Node => n !== null);
    const members = new Map<string, { value: string; doc: string | undefined; at: SourcePosition }>();
    const unsupported: Node[] = [];
    const unreadable = new Set<string>();
    let doc: string | undefined;
    for (const [index, item] of items.entries()) {
      if (index === 0 && isStringStatement(item)) {
        doc = readDocstring(item.namedChildren[0] ?? item);
        continue;
      }
      const assignment = item.type === "expression_statement" ? item.namedChildren[0] : null;
      if (assignment === null || assignment === undefined || assignment.type !== "assignment") continue;
      const left = assignment.childForFieldName("left");
      const right = assignment.childForFieldName("right");
      if (left === null || right === null || left.type !== "identifier" || left.text.startsWith("_")) continue;
      const value = readPlainString(right);
      if (value === undefined) {
        unsupported.push(right);
        unreadable.add(left.text);
        continue;
      }
      if (members.has(left.text)) {
        report(Codes.ImportDuplicate, left, `${name}.${left.text} is declared twice`);
        continue;
      }
      members.set(left.text, { value, doc: readMemberDoc(items, index), at: positionOf(file, right) });
    }
    // An enum of numbers (`RED = 1`) is not a vocabulary; a string enum with one computed
    // member is, and that member is what cannot be imported.
    if (members.size === 0) continue;
    for (const node of unsupported) {
      report(Codes.ImportUnsupported, node, `${name}: only plain string literals can be imported as values, found \`${clip(node.text)}\``);
    }
    enums.push({ name, doc, members, unreadable, at: positionOf(file, cls) });
  }
  return enums;
}

/** Top-level `NAME = value` (annotated or not), the last binding of each name. */
function readBindings(statements: readonly Node[]): Map<string, Node> {
  const bindings = new Map<string, Node>();
  for (const statement of statements) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : null;
    if (assignment === null || assignment === undefined || assignment.type !== "assignment") continue;
    const left = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    if (left?.type === "identifier" && right !== null) bindings.set(left.text, right);
  }
  return bindings;
}

/** What reading a grant expression needs. */
interface GrantContext {
  readonly file: string;
  readonly permissionEnums: readonly PythonEnum[];
  readonly bindings: ReadonlyMap<string, Node>;
  readonly report: Report;
}

/**
 * Roles from every top-level dict that maps groups to permissions. Keys that are members of a
 * group enum make the roles come out in that enum's order, members the dict leaves out as
 * roles holding nothing (the enum says they exist).
 */
function readRoleMappings(
  file: string,
  statements: readonly Node[],
  groupEnums: readonly PythonEnum[],
  context: GrantContext,
): ImportedRole[] {
  const roles: ImportedRole[] = [];
  for (const statement of statements) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : null;
    if (assignment === null || assignment === undefined || assignment.type !== "assignment") continue;
    const dict = assignment.childForFieldName("right");
    if (dict === null || dict.type !== "dictionary") continue;
    const pairs = dict.namedChildren.filter((n): n is Node => n !== null);
    const namesPermissions = (pair: Node): boolean =>
      pair.type === "pair" && mentionsPermission(pair.childForFieldName("value"), context, 0);
    if (!pairs.some(namesPermissions)) continue;
    const byEnum = new Map<PythonEnum, Map<string, ImportedRole>>();
    for (const pair of pairs) {
      if (pair.type !== "pair") {
        context.report(Codes.ImportUnsupported, pair, `only \`group: permissions\` entries can be imported, found \`${clip(pair.text)}\``);
        continue;
      }
      const key = pair.childForFieldName("key");
      const value = pair.childForFieldName("value");
      if (key === null || value === null) continue;
      const grants = readGrants(value, context, 0);
      const plain = readPlainString(key);
      if (plain !== undefined) {
        roles.push({ name: plain, doc: undefined, grants: grants ?? [], at: positionOf(file, key) });
        continue;
      }
      const member = readMemberRef(key);
      const group = member === undefined ? undefined : groupEnums.find((e) => e.name === member.owner);
      if (member === undefined || group === undefined) {
        context.report(Codes.ImportUnsupported, key, `a group must be a member of a group enum or a string, found \`${clip(key.text)}\``);
        continue;
      }
      const entry = group.members.get(member.name);
      if (entry === undefined) {
        context.report(Codes.ImportUnknownMember, key, `${group.name} has no member ${member.name}`);
        continue;
      }
      let listed = byEnum.get(group);
      if (listed === undefined) byEnum.set(group, (listed = new Map()));
      if (listed.has(member.name)) {
        context.report(Codes.ImportDuplicate, key, `${group.name}.${member.name} is mapped twice`);
        continue;
      }
      listed.set(member.name, { name: entry.value, doc: entry.doc, grants: grants ?? [], at: positionOf(file, key) });
    }
    for (const [group, listed] of byEnum) {
      for (const [name, entry] of group.members) {
        roles.push(listed.get(name) ?? { name: entry.value, doc: entry.doc, grants: [], at: entry.at });
      }
    }
  }
  return roles;
}

/**
 * Ids from every top-level dict whose keys are all permission members and whose values are all
 * non-negative integer literals (`PERMISSION_IDS = {Permission.ALERT_READ: 0, …}`): the ids an
 * existing database or mask already uses. A dict with any other key or value is not an id map.
 */
function readIdMappings(file: string, statements: readonly Node[], context: GrantContext): ImportedId[] {
  const ids: ImportedId[] = [];
  for (const statement of statements) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : null;
    if (assignment === null || assignment === undefined || assignment.type !== "assignment") continue;
    const dict = assignment.childForFieldName("right");
    if (dict === null || dict.type !== "dictionary") continue;
    const found: ImportedId[] = [];
    let isIdMap = dict.namedChildren.length > 0;
    for (const pair of dict.namedChildren) {
      if (pair === null || pair.type === "comment") continue;
      const key = pair.type === "pair" ? pair.childForFieldName("key") : null;
      const value = pair.type === "pair" ? pair.childForFieldName("value") : null;
      const ref = key === null ? undefined : readMemberRef(key);
      const owner = ref === undefined ? undefined : context.permissionEnums.find((e) => e.name === ref.owner);
      const member = ref === undefined ? undefined : owner?.members.get(ref.name);
      const id = value?.type === "integer" && /^(0|[1-9][0-9]*)$/.test(value.text) ? Number(value.text) : undefined;
      if (member === undefined || value === null || id === undefined || !Number.isSafeInteger(id)) {
        isIdMap = false;
        break;
      }
      found.push({ key: member.value, id, at: positionOf(file, value) });
    }
    if (isIdMap) ids.push(...found);
  }
  return ids;
}

/** Whether an expression names a permission (a member, the enum itself, or through a name). */
function mentionsPermission(node: Node | null, context: GrantContext, depth: number): boolean {
  if (node === null) return false;
  // Too deep to look through: readGrants reports it where it happens.
  if (depth > MAX_DEPTH) return true;
  if (node.type === "identifier") {
    if (context.permissionEnums.some((e) => e.name === node.text)) return true;
    const bound = context.bindings.get(node.text);
    return bound !== undefined && mentionsPermission(bound, context, depth + 1);
  }
  if (node.type === "attribute") {
    const ref = readMemberRef(node);
    if (ref !== undefined && context.permissionEnums.some((e) => e.name === ref.owner)) return true;
  }
  return node.namedChildren.some((child) => mentionsPermission(child, context, depth + 1));
}

/**
 * The grants an expression stands for, or undefined after reporting why it cannot be read.
 * `depth` bounds how far names are followed (a cycle `A = B; B = A` stops there).
 */
function readGrants(node: Node, context: GrantContext, depth: number): ImportedGrant[] | undefined {
  const { file, report } = context;
  if (depth > MAX_DEPTH) {
    report(Codes.ImportUnsupported, node, `nested more than ${MAX_DEPTH} levels deep (brackets, \`|\` and names followed), or names that refer to each other in a loop`);
    return undefined;
  }
  switch (node.type) {
    case "parenthesized_expression": {
      const inner = node.namedChildren[0];
      return inner === null || inner === undefined ? [] : readGrants(inner, context, depth + 1);
    }
    case "identifier": {
      if (context.permissionEnums.some((e) => e.name === node.text)) {
        return [{ kind: "all", at: positionOf(file, node) }];
      }
      const bound = context.bindings.get(node.text);
      if (bound === undefined) {
        report(Codes.ImportUnsupported, node, `\`${clip(node.text)}\` is not a permission enum or a top-level name of this module`);
        return undefined;
      }
      return readGrants(bound, context, depth + 1);
    }
    case "call": {
      const callee = node.childForFieldName("function");
      const args = (node.childForFieldName("arguments")?.namedChildren ?? []).filter((n): n is Node => n !== null);
      if (callee === null || callee.type !== "identifier" || !COLLECTION_CALLS.has(callee.text) || args.length > 1) {
        report(Codes.ImportUnsupported, node, `a call permgen cannot read without running it: \`${clip(node.text)}\``);
        return undefined;
      }
      const [arg] = args;
      return arg === undefined ? [] : readGrants(arg, context, depth + 1);
    }
    case "binary_operator": {
      const operator = node.childForFieldName("operator")?.text;
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      if (operator !== "|" || left === null || right === null) {
        report(Codes.ImportUnsupported, node, `only \`|\` (union) can combine permission sets, found \`${clip(node.text)}\``);
        return undefined;
      }
      const a = readGrants(left, context, depth + 1);
      const b = readGrants(right, context, depth + 1);
      return a === undefined || b === undefined ? undefined : [...a, ...b];
    }
    case "set":
    case "list":
    case "tuple": {
      const grants: ImportedGrant[] = [];
      let ok = true;
      for (const element of node.namedChildren) {
        if (element === null || element.type === "comment") continue;
        const grant = readGrantElement(element, context);
        if (grant === undefined) ok = false;
        else grants.push(grant);
      }
      return ok ? grants : undefined;
    }
    default:
      report(Codes.ImportUnsupported, node, `permgen cannot read \`${clip(node.text)}\` as a set of permissions without running it`);
      return undefined;
  }
}

/** One element of a permission set: `Permission.X` or a key string. */
function readGrantElement(element: Node, context: GrantContext): ImportedGrant | undefined {
  const at = positionOf(context.file, element);
  const plain = readPlainString(element);
  if (plain !== undefined) return { kind: "key", key: plain, at };
  const ref = element.type === "attribute" ? readMemberRef(element) : undefined;
  const owner = ref === undefined ? undefined : context.permissionEnums.find((e) => e.name === ref.owner);
  if (ref === undefined || owner === undefined) {
    const what = element.type === "list_splat" ? "a spread" : `\`${clip(element.text)}\``;
    context.report(Codes.ImportUnsupported, element, `expected a permission member (\`Permission.X\`) or a key string, found ${what}`);
    return undefined;
  }
  const member = owner.members.get(ref.name);
  if (member === undefined && owner.unreadable.has(ref.name)) return undefined;
  if (member === undefined) {
    context.report(Codes.ImportUnknownMember, element, `${owner.name} has no member ${ref.name}`);
    return undefined;
  }
  return { kind: "key", key: member.value, at };
}

/** `Owner.NAME` → its parts; anything else (a deeper chain, a call) → undefined. */
function readMemberRef(node: Node): { owner: string; name: string } | undefined {
  if (node.type !== "attribute") return undefined;
  const object = node.childForFieldName("object");
  const attribute = node.childForFieldName("attribute");
  if (object?.type !== "identifier" || attribute === null) return undefined;
  return { owner: object.text, name: attribute.text };
}

/**
 * The value of a plain string literal: no f/b prefix, no interpolation, no escape sequence
 * (so the text between the quotes is the value), no implicit concatenation. Else undefined.
 */
function readPlainString(node: Node): string | undefined {
  if (node.type !== "string") return undefined;
  let value = "";
  for (const child of node.children) {
    if (child === null) continue;
    if (child.type === "string_start") {
      if (/[fFbB]/.test(child.text)) return undefined;
    } else if (child.type === "string_content") value += child.text;
    else if (child.type !== "string_end") return undefined;
  }
  return value;
}

function isStringStatement(node: Node): boolean {
  return (
    node.type === "expression_statement" &&
    node.namedChildren.length === 1 &&
    node.namedChildren[0]?.type === "string"
  );
}

/**
 * A member's doc: its trailing comment (pragmas dropped), the string statement after it, and
 * `#:` lines right above it, joined by blank lines.
 */
function readMemberDoc(items: readonly Node[], index: number): string | undefined {
  const item = items[index];
  if (item === undefined) return undefined;
  const parts: string[] = [];
  const above: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const previous = items[i];
    if (previous?.type !== "comment" || !previous.text.startsWith("#:")) break;
    if (previous.endPosition.row !== (items[i + 1]?.startPosition.row ?? 0) - 1) break;
    above.unshift(previous.text.slice(2).trim());
  }
  if (above.length > 0) parts.push(above.join("\n"));
  const next = items[index + 1];
  if (next?.type === "comment" && next.startPosition.row === item.endPosition.row) {
    const text = next.text.replace(/^#+/, "").trim();
    if (text !== "" && !PRAGMA.test(text)) parts.push(capitalize(text));
  }
  const after = next?.type === "comment" && next.startPosition.row === item.endPosition.row ? items[index + 2] : next;
  if (after !== undefined && isStringStatement(after)) {
    const doc = readDocstring(after.namedChildren[0] ?? after);
    if (doc !== undefined) parts.push(doc);
  }
  return parts.length === 0 ? undefined : parts.join("\n\n");
}

/** A docstring's text, indentation removed the way `inspect.cleandoc` does. */
function readDocstring(node: Node): string | undefined {
  const content = node.children
    .filter((c): c is Node => c !== null && c.type !== "string_start" && c.type !== "string_end")
    .map((c) => c.text)
    .join("");
  const lines = content.split("\n");
  const rest = lines.slice(1).filter((line) => line.trim() !== "");
  const indent = Math.min(...rest.map((line) => line.length - line.trimStart().length));
  const tail = lines.slice(1).map((line) => (rest.length === 0 ? line : line.slice(indent)));
  const cleaned = [lines[0]?.trim() ?? "", ...tail];
  const text = cleaned.join("\n").trim();
  return text === "" ? undefined : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Source text for a message: one line, at most 60 characters. */
function clip(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
