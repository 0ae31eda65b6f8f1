/**
 * Scans a Python file with tree-sitter (parsed, never imported or run): calls of the generated
 * `require_permission` / `check_permission` / `has_permission` resolved through the file's
 * imports of the generated module (`from app.permission_taxonomy import Resource as R`,
 * `import app.permission_taxonomy as pt`, relative imports) and that module's exports as its
 * `names` option made them (generated-exports.ts), string literals equal to a key or a role
 * name, and the FastAPI facts the unguarded-route rule needs (see fastapi-routes.ts).
 */
import path from "node:path";
import type { Node } from "web-tree-sitter";
import type { ExportNames } from "./generated-exports.js";
import type {
  EnforcementSite,
  FastApiFacts,
  FileScan,
  GeneratedModules,
  IgnoreComment,
  ImportedName,
  IncludeFacts,
  RouteFacts,
  RouterFacts,
  StringHit,
} from "./scan-result.js";
import { parseIgnoreComment } from "./scan-result.js";
import { findSyntaxError, namedChildren, pointOf } from "./syntax-tree.js";
import { loadParser } from "./tree-sitter.js";
import type { VocabularyIndex } from "./vocabulary-index.js";
import { pairKey } from "./vocabulary-index.js";

/** The generated exports sites and routes are read through, by their default symbols. */
type Exported = "require_permission" | "check_permission" | "has_permission" | "Resource" | "Action";
const EXPORTED: ReadonlySet<string> = new Set(["require_permission", "check_permission", "has_permission", "Resource", "Action"]);

/** A generated export a name resolved to: its default symbol and the name the module gives it. */
interface ResolvedExport {
  readonly symbol: Exported;
  readonly name: string;
}

/** What `name`, exported by a module with `exports`, is among the symbols sites are read through. */
function exportedAs(exports: ExportNames, name: string): ResolvedExport | undefined {
  const symbol = exports.get(name);
  return symbol !== undefined && EXPORTED.has(symbol) ? { symbol: symbol as Exported, name } : undefined;
}
/** Where the resource argument is: `require_permission(r, a)`, `check_permission(granted, r, a)`. */
const RESOURCE_ARGUMENT: Readonly<Record<string, number>> = { require_permission: 0, check_permission: 1, has_permission: 1 };
/** The FastAPI methods that register a route (`@app.get(...)`, `@router.api_route(...)`). */
const ROUTE_METHODS: ReadonlySet<string> = new Set(["get", "post", "put", "patch", "delete", "options", "head", "trace", "api_route"]);

/** A Python file's dotted module name from the repository root (`app/routers/items.py` → `app.routers.items`). */
export function pythonModuleOf(file: string, root: string): string {
  const rel = path.relative(root, file).split(path.sep).join("/").replace(/\.pyi?$/, "");
  return rel.replace(/\/__init__$/, "").split("/").join(".");
}

/**
 * Whether a dotted module names the file whose module (from the root) is `fileModule`: the same
 * name, or a suffix of it at a dot, since the package root (what is on `sys.path`) may be any
 * folder above the file.
 */
export function moduleNamesFile(module: string, fileModule: string): boolean {
  return fileModule === module || fileModule.endsWith(`.${module}`);
}

/** Scans one Python file. */
export async function scanPython(
  file: string,
  text: string,
  index: VocabularyIndex,
  generated: GeneratedModules,
): Promise<FileScan> {
  const parser = await loadParser("python");
  const tree = parser.parse(text);
  if (tree === null) throw new Error(`internal error: tree-sitter returned no tree for ${file}`);
  try {
    const syntaxError = findSyntaxError(tree);
    if (syntaxError !== undefined) return { file, language: "python", syntaxError, sites: [], strings: [], ignores: [] };
    return new PythonScan(file, index, generated).scan(tree.rootNode);
  } finally {
    tree.delete();
  }
}

class PythonScan {
  readonly #file: string;
  readonly #index: VocabularyIndex;
  /** The generated modules' dotted names (from the root) and exports. */
  readonly #generatedModules: readonly { readonly module: string; readonly exports: ExportNames }[];
  readonly #thisModule: string;
  /** Local names bound to the generated module's exports. */
  readonly #locals = new Map<string, ResolvedExport>();
  /** Names (dotted text) bound to a generated module itself → its exports. */
  readonly #moduleAliases = new Map<string, ExportNames>();
  /** Every module-level name an import binds: name → the module and name it came from. */
  readonly #imports = new Map<string, ImportedName>();
  /** Names bound to another module as a whole (`import app.deps as deps`) → that module. */
  readonly #otherModules = new Map<string, string>();
  readonly #guardNames = new Set<string>();
  #usesFastApi = false;

  constructor(file: string, index: VocabularyIndex, generated: GeneratedModules) {
    this.#file = file;
    this.#index = index;
    this.#thisModule = pythonModuleOf(file, generated.root);
    this.#generatedModules = generated.python.map((out) => ({ module: pythonModuleOf(out.file, generated.root), exports: out.exports }));
  }

  scan(root: Node): FileScan {
    const statements = namedChildren(root);
    for (const statement of statements) this.#readImport(statement);
    const sites: EnforcementSite[] = [];
    const strings: StringHit[] = [];
    const ignores: IgnoreComment[] = [];
    const publicLines = new Set<number>();
    // descendantsOfType filters inside the parser's own code: only these nodes cross into JS.
    for (const node of root.descendantsOfType(["call", "string", "comment"])) {
      if (node === null) continue;
      switch (node.type) {
        case "call": {
          const site = this.#readGuardCall(node);
          if (site !== undefined) sites.push(site);
          break;
        }
        case "string": {
          const value = readPlainString(node);
          if (value !== undefined && this.#index.magicStrings.has(value)) strings.push({ ...pointOf(node), value });
          break;
        }
        case "comment": {
          const line = node.startPosition.row + 1;
          const ignore = parseIgnoreComment(node.text, line);
          if (ignore !== undefined) ignores.push(ignore);
          if (/^#\s*permgen:\s*public\b/.test(node.text)) publicLines.add(line);
          break;
        }
      }
    }
    // Statements at every depth, not only the module's: apps are often built inside a factory
    // (`def create_app(): app = FastAPI(); @app.get(...)`), and a route missed is a route passed.
    const fastapi = this.#usesFastApi
      ? this.#readFastApi(
          root.descendantsOfType(["decorated_definition", "function_definition", "expression_statement"]).filter((n): n is Node => n !== null),
          publicLines,
        )
      : undefined;
    return { file: this.#file, language: "python", sites, strings, ignores, fastapi };
  }

  /** The absolute dotted module a `from … import` names, relative imports resolved. */
  #resolveModule(node: Node): string {
    if (node.type !== "relative_import") return node.text;
    const prefix = namedChildren(node).find((c) => c.type === "import_prefix")?.text ?? ".";
    const rest = namedChildren(node).find((c) => c.type === "dotted_name")?.text;
    const isPackage = /(^|\/)__init__\.pyi?$/.test(this.#file);
    const parts = this.#thisModule.split(".");
    // `.` is this file's package: its own module for an __init__.py, else its parent.
    const up = prefix.length - (isPackage ? 1 : 0);
    const base = parts.slice(0, Math.max(0, parts.length - up));
    return [...base, ...(rest === undefined ? [] : [rest])].filter((p) => p !== "").join(".");
  }

  /** The exports of the generated module a dotted module names, or undefined when it names none. */
  #generated(module: string): ExportNames | undefined {
    return this.#generatedModules.find((g) => moduleNamesFile(module, g.module))?.exports;
  }

  #readImport(statement: Node): void {
    if (statement.type === "import_from_statement") {
      const moduleNode = statement.childForFieldName("module_name");
      if (moduleNode === null) return;
      const module = this.#resolveModule(moduleNode);
      if (module === "fastapi" || module.startsWith("fastapi.")) this.#usesFastApi = true;
      for (const item of statement.childrenForFieldName("name")) {
        if (item === null) continue;
        const [name, local] = readAlias(item);
        this.#imports.set(local, { module, name });
        const fromGenerated = this.#generated(module);
        const exported = fromGenerated === undefined ? undefined : exportedAs(fromGenerated, name);
        const asModule = this.#generated(`${module}.${name}`);
        if (exported !== undefined) this.#locals.set(local, exported);
        else if (asModule !== undefined) this.#moduleAliases.set(local, asModule);
        else this.#otherModules.set(local, `${module}.${name}`);
      }
    } else if (statement.type === "import_statement") {
      for (const item of statement.childrenForFieldName("name")) {
        if (item === null) continue;
        const [module, local] = readAlias(item);
        if (module === "fastapi") this.#usesFastApi = true;
        const exports = this.#generated(module);
        if (exports !== undefined) this.#moduleAliases.set(local, exports);
        else this.#otherModules.set(local, module);
      }
    } else if (statement.type === "if_statement" || statement.type === "try_statement") {
      // `try: from x import y` / `if TYPE_CHECKING:` — imports one block down still bind names.
      for (const block of namedChildren(statement)) {
        const body = block.type === "block" ? block : block.childForFieldName("body") ?? block.namedChildren.find((c) => c?.type === "block");
        if (body) for (const inner of namedChildren(body)) this.#readImport(inner);
      }
    }
  }

  /** What an expression names among the generated exports (`rp`, `pt.Resource`). */
  #resolveExport(node: Node | null): ResolvedExport | undefined {
    if (node === null) return undefined;
    if (node.type === "identifier") return this.#locals.get(node.text);
    if (node.type === "attribute") {
      const object = node.childForFieldName("object");
      const exports = object === null ? undefined : this.#moduleAliases.get(object.text);
      if (exports !== undefined) return exportedAs(exports, node.childForFieldName("attribute")?.text ?? "");
    }
    return undefined;
  }

  #resolve(node: Node | null): Exported | undefined {
    return this.#resolveExport(node)?.symbol;
  }

  #member(node: Node | undefined, owner: "Resource" | "Action"): string | undefined {
    if (node === undefined || node.type !== "attribute") return undefined;
    if (this.#resolve(node.childForFieldName("object")) !== owner) return undefined;
    const names = this.#index.names.python;
    const table = owner === "Resource" ? names.resources : names.actions;
    return table.get(node.childForFieldName("attribute")?.text ?? "")?.value;
  }

  #readGuardCall(call: Node): EnforcementSite | undefined {
    const guard = this.#resolveExport(call.childForFieldName("function"));
    const first = guard === undefined ? undefined : RESOURCE_ARGUMENT[guard.symbol];
    if (guard === undefined || first === undefined) return undefined;
    const args = namedChildren(call.childForFieldName("arguments") ?? call);
    const positional = args.filter((a) => a.type !== "keyword_argument" && a.type !== "comment");
    const keyword = (name: string) =>
      args.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === name)?.childForFieldName("value") ?? undefined;
    const resource = this.#member(positional[first] ?? keyword("resource"), "Resource");
    const action = this.#member(positional[first + 1] ?? keyword("action"), "Action");
    const permission = resource === undefined || action === undefined ? undefined : this.#index.pairs.get(pairKey(resource, action));
    return permission === undefined ? undefined : { ...pointOf(call), key: permission.key, guard: guard.name };
  }

  /**
   * Whether an expression carries a `require_permission` dependency: a call of it anywhere
   * inside (`Depends(require_permission(...))`, `Annotated[P, Depends(...)]`), or a
   * module-level name that does. Imported names are collected for the cross-file pass.
   */
  #carriesGuard(node: Node | null | undefined, imported: ImportedName[]): boolean {
    if (node === null || node === undefined) return false;
    let found = false;
    for (const inner of [node, ...node.descendantsOfType(["call", "identifier", "attribute"])]) {
      if (found) break;
      if (inner === null) continue;
      if (inner.type === "call" && this.#resolve(inner.childForFieldName("function")) === "require_permission") found = true;
      else if (inner.type === "identifier" && inner.parent?.type !== "attribute") {
        if (this.#guardNames.has(inner.text)) found = true;
        const from = this.#imports.get(inner.text);
        if (from !== undefined) imported.push(from);
      } else if (inner.type === "attribute") {
        const object = inner.childForFieldName("object");
        const module = object === null ? undefined : this.#otherModules.get(object.text);
        if (module !== undefined) imported.push({ module, name: inner.childForFieldName("attribute")?.text ?? "" });
      }
    }
    return found;
  }

  /**
   * Reads routes, routers, mounts and guard names from `statements` (every statement of the
   * file, nested ones included; names are matched by spelling, whatever their scope).
   */
  #readFastApi(statements: readonly Node[], publicLines: ReadonlySet<number>): FastApiFacts {
    const functions = new Map<string, Node>();
    // Two passes: a guard name may be defined after the name that uses it.
    for (let pass = 0; pass < 2; pass++) {
      for (const statement of statements) {
        const definition = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
        if (definition?.type === "function_definition") {
          const name = definition.childForFieldName("name")?.text ?? "";
          functions.set(name, definition);
          if (this.#carriesGuard(definition.childForFieldName("parameters"), [])) this.#guardNames.add(name);
        }
        const assignment = statement.type === "expression_statement" ? statement.namedChild(0) : null;
        if (assignment?.type === "assignment") {
          const left = assignment.childForFieldName("left");
          const value = assignment.childForFieldName("right") ?? assignment.childForFieldName("type");
          if (left?.type === "identifier" && this.#carriesGuard(value, [])) this.#guardNames.add(left.text);
        }
      }
    }
    const routers: RouterFacts[] = [];
    const includes: IncludeFacts[] = [];
    const routes: RouteFacts[] = [];
    const isPublic = (first: number, last: number) => {
      for (let line = first - 1; line <= last; line++) if (publicLines.has(line)) return true;
      return false;
    };
    for (const statement of statements) {
      if (statement.type === "decorated_definition") {
        const definition = statement.childForFieldName("definition");
        for (const decorator of namedChildren(statement).filter((c) => c.type === "decorator")) {
          const call = decorator.namedChild(0);
          const route = call === null ? undefined : readRouteCall(call);
          if (route === undefined || call === null) continue;
          const imported: ImportedName[] = [];
          const guarded =
            this.#carriesGuard(keywordValue(call, "dependencies"), imported) ||
            this.#carriesGuard(definition?.childForFieldName("parameters"), imported);
          const first = statement.startPosition.row + 1;
          routes.push({
            ...pointOf(decorator),
            label: route.label,
            endpoint: definition?.childForFieldName("name")?.text,
            owner: route.owner,
            guarded,
            importedGuards: imported,
            public: isPublic(first, (definition ?? statement).startPosition.row + 1),
          });
        }
        continue;
      }
      const expression = statement.type === "expression_statement" ? statement.namedChild(0) : null;
      if (expression === null) continue;
      if (expression.type === "assignment") {
        const left = expression.childForFieldName("left");
        const right = expression.childForFieldName("right");
        if (left?.type !== "identifier" || right?.type !== "call") continue;
        const callee = right.childForFieldName("function")?.text.split(".").at(-1);
        if (callee !== "FastAPI" && callee !== "APIRouter") continue;
        const imported: ImportedName[] = [];
        const guarded = this.#carriesGuard(keywordValue(right, "dependencies"), imported);
        routers.push({ name: left.text, guarded, importedGuards: imported });
      } else if (expression.type === "call") {
        const callee = expression.childForFieldName("function");
        if (callee?.type !== "attribute") continue;
        const owner = callee.childForFieldName("object");
        const method = callee.childForFieldName("attribute")?.text;
        if (owner?.type !== "identifier") continue;
        const args = namedChildren(expression.childForFieldName("arguments") ?? expression);
        const positional = args.filter((a) => a.type !== "keyword_argument" && a.type !== "comment");
        const imported: ImportedName[] = [];
        if (method === "include_router") {
          const child = positional[0];
          const ref = child === undefined ? undefined : this.#routerRef(child);
          if (ref === undefined) continue;
          const guarded = this.#carriesGuard(keywordValue(expression, "dependencies"), imported);
          includes.push({ parent: owner.text, child: ref, guarded, importedGuards: imported });
        } else if (method === "add_api_route") {
          const endpointNode = positional[1] ?? keywordValue(expression, "endpoint");
          const endpoint = endpointNode?.type === "identifier" ? endpointNode.text : undefined;
          const definition = endpoint === undefined ? undefined : functions.get(endpoint);
          const guarded =
            this.#carriesGuard(keywordValue(expression, "dependencies"), imported) ||
            this.#carriesGuard(definition?.childForFieldName("parameters"), imported);
          const pathNode = positional[0] ?? keywordValue(expression, "path");
          const pathText = pathNode === undefined ? undefined : readPlainString(pathNode);
          const line = statement.startPosition.row + 1;
          routes.push({
            ...pointOf(expression),
            label: pathText === undefined ? "add_api_route" : `route ${pathText}`,
            endpoint,
            owner: owner.text,
            guarded,
            importedGuards: imported,
            public: isPublic(line, line),
          });
        }
      }
    }
    return { routes, routers, includes, guardNames: [...this.#guardNames], imports: this.#imports };
  }

  /** The router an `include_router` argument names: a local name, `items.router`, or an import. */
  #routerRef(node: Node): IncludeFacts["child"] | undefined {
    if (node.type === "identifier") return this.#imports.get(node.text) ?? { local: node.text };
    if (node.type === "attribute") {
      const object = node.childForFieldName("object");
      const module = object === null ? undefined : this.#otherModules.get(object.text);
      if (module !== undefined) return { module, name: node.childForFieldName("attribute")?.text ?? "" };
    }
    return undefined;
  }
}

/** `name` or `name as alias` → [name, the local name it binds]. */
function readAlias(node: Node): [string, string] {
  if (node.type === "aliased_import") {
    const name = node.childForFieldName("name")?.text ?? "";
    return [name, node.childForFieldName("alias")?.text ?? name];
  }
  // `import a.b` binds `a.b` as written (used as `a.b.x`).
  return [node.text, node.text];
}

/** A route decorator or registration: `app.get("/x")` → owner `app`, label `GET /x`. */
function readRouteCall(call: Node): { owner: string; label: string } | undefined {
  if (call.type !== "call") return undefined;
  const callee = call.childForFieldName("function");
  if (callee?.type !== "attribute") return undefined;
  const owner = callee.childForFieldName("object");
  const method = callee.childForFieldName("attribute")?.text ?? "";
  if (owner?.type !== "identifier" || !ROUTE_METHODS.has(method)) return undefined;
  const first = namedChildren(call.childForFieldName("arguments") ?? call)[0];
  const routePath = first === undefined ? undefined : readPlainString(first);
  const verb = method === "api_route" ? "ROUTE" : method.toUpperCase();
  return { owner: owner.text, label: routePath === undefined ? verb : `${verb} ${routePath}` };
}

function keywordValue(call: Node, name: string): Node | undefined {
  const args = namedChildren(call.childForFieldName("arguments") ?? call);
  return args.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === name)?.childForFieldName("value") ?? undefined;
}

/**
 * The value of a string literal without escapes, interpolation or prefixes that change it
 * (`"x"`, `'x'`, `r"x"`), or undefined: a literal the audit cannot read exactly is not compared.
 */
export function readPlainString(node: Node): string | undefined {
  if (node.type !== "string") return undefined;
  let value = "";
  for (const child of namedChildren(node)) {
    if (child.type === "string_content") value += child.text;
    else if (child.type === "string_start") {
      if (/[fFbB]/.test(child.text)) return undefined;
    } else if (child.type !== "string_end") return undefined;
  }
  return value;
}
