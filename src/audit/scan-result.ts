/**
 * What scanning one source file yields: plain data (no parser objects), so the rules can be run
 * over many files at once and files could be scanned anywhere, worker threads included.
 */
import type { ExportNames } from "./generated-exports.js";
import type { Permission } from "../model/model.js";
import type { AuditLanguage } from "./vocabulary-index.js";

/** A 1-based place in a scanned file; the column counts UTF-16 code units, as editors do. */
export interface SourcePoint {
  readonly line: number;
  readonly column: number;
}

/** A call of a generated guard, resolved to the permission it names. */
export interface EnforcementSite extends SourcePoint {
  /** The permission's full key. */
  readonly key: string;
  /** The guard as the generated code names it (`require_permission`, `mask.Has`). */
  readonly guard: string;
}

/** A string literal whose value is a permission key or a role name. */
export interface StringHit extends SourcePoint {
  readonly value: string;
}

/** A `permgen: ignore <kind>…` comment: it silences those kinds on its line and the next. */
export interface IgnoreComment {
  readonly line: number;
  readonly kinds: readonly string[];
}

/** A FastAPI route the Python scanner found, and what guards it. */
export interface RouteFacts extends SourcePoint {
  /** `GET /items/{id}`, or the decorator's method when the path is not a literal. */
  readonly label: string;
  /** The endpoint function's name, when known. */
  readonly endpoint: string | undefined;
  /** The app or router variable the route is registered on. */
  readonly owner: string;
  /** A `require_permission` dependency on the route itself (decorator, parameters). */
  readonly guarded: boolean;
  /** Names imported from other modules that the route's dependencies use. */
  readonly importedGuards: readonly ImportedName[];
  /** `# permgen: public` on or directly above the route. */
  readonly public: boolean;
}

/** A name imported from another Python module: `from <module> import <name>`. */
export interface ImportedName {
  /** The absolute dotted module, relative imports already resolved against the file. */
  readonly module: string;
  readonly name: string;
}

/** A `FastAPI(...)` or `APIRouter(...)` assigned to a module-level name. */
export interface RouterFacts {
  readonly name: string;
  readonly guarded: boolean;
  readonly importedGuards: readonly ImportedName[];
}

/** `<parent>.include_router(<child>, dependencies=[…])`. */
export interface IncludeFacts {
  readonly parent: string;
  /** The child router: a local name, or a name imported from another module. */
  readonly child: { readonly local: string } | ImportedName;
  readonly guarded: boolean;
  readonly importedGuards: readonly ImportedName[];
}

/** What the Python scanner records for the FastAPI rule, resolved across files later. */
export interface FastApiFacts {
  /** This file's dotted module candidates are derived from its path; see fastapi-routes.ts. */
  readonly routes: readonly RouteFacts[];
  readonly routers: readonly RouterFacts[];
  readonly includes: readonly IncludeFacts[];
  /** Module-level names (variables, functions) whose value or parameters carry a guard. */
  readonly guardNames: readonly string[];
  /** Module-level names bound by imports, for following a guard or router across files. */
  readonly imports: ReadonlyMap<string, ImportedName>;
}

/** Everything one file contributes to the audit. */
export interface FileScan {
  /** Absolute path. */
  readonly file: string;
  readonly language: AuditLanguage;
  /** Set when the file does not parse: it was skipped, nothing else is set. */
  readonly syntaxError?: (SourcePoint & { readonly message: string }) | undefined;
  readonly sites: readonly EnforcementSite[];
  readonly strings: readonly StringHit[];
  readonly ignores: readonly IgnoreComment[];
  readonly fastapi?: FastApiFacts | undefined;
  /**
   * TypeScript: the file re-exports the generated module (`export * from "./generated/…"`,
   * `export { requirePermission, Resource } from …`), so imports of this file count as
   * imports of the generated module (a barrel such as `src/auth/index.ts`): what it exports
   * under which name (its own `as` renames applied), emitted name → default symbol.
   */
  readonly reexports?: ExportNames | undefined;
}

/** One generated module: where it is, and its exports as its target's `names` made them. */
export interface GeneratedFile {
  /** Absolute path. */
  readonly file: string;
  readonly exports: ExportNames;
}

/** A generated Go package. */
export interface GeneratedGoPackage {
  readonly dir: string;
  /** Its import path from go.mod, when known. */
  readonly importPath: string | undefined;
  readonly packageName: string;
  readonly exports: ExportNames;
  /**
   * The mask type whose `Has` is a guard, as sites name it: `PermissionMask` (or its `names`
   * rename), or the rbac package's type (`rbac.PermissionMask`) when `maskType` is set.
   */
  readonly mask: string;
  /**
   * Its permission constants → permissions, named by its own options (`constantNames`), so a
   * site is read by the table of the package it imports; absent, the index's Go table is used.
   */
  readonly permissions?: ReadonlyMap<string, Permission> | undefined;
}

/** Where the generated modules are, so imports can be told to name them. */
export interface GeneratedModules {
  /** TypeScript targets' outputs (and, once found, the barrels that re-export them). */
  readonly typescript: readonly GeneratedFile[];
  /** Python targets' `.py` modules. */
  readonly python: readonly GeneratedFile[];
  readonly go: readonly GeneratedGoPackage[];
  /** Rust targets' `.rs` files. */
  readonly rust: readonly GeneratedFile[];
  /** The repository root: dotted Python modules and Rust paths are matched below it. */
  readonly root: string;
}

/** Reads `permgen: ignore a, b` out of a comment's text; undefined when it is not one. */
export function parseIgnoreComment(text: string, line: number): IgnoreComment | undefined {
  const match = /permgen:\s*ignore\s+([a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*)/.exec(text);
  if (match === null) return undefined;
  return { line, kinds: (match[1] ?? "").split(",").map((k) => k.trim()) };
}
