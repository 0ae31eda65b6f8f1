/**
 * What a generated module exports, read as its target's `names` option made it: emitted name →
 * the default symbol it stands for. The scanners resolve an imported or qualified name through
 * this map, never through the default spellings, so `"require_permission": "needs"` makes
 * `needs(...)` a guard call and `require_permission(...)` from that module nothing at all (the
 * module has no such name; counting it would pass code that fails at import). Built from each
 * language's own symbol list (src/targets/<lang>/symbols.ts) and SymbolNames, the same data the
 * emitters rename with, so the audit cannot drift from what was written.
 */
import type { Model } from "../model/model.js";
import { GO_SYMBOLS } from "../targets/go/symbols.js";
import { PYTHON_SYMBOLS } from "../targets/python/symbols.js";
import { RUST_SYMBOLS } from "../targets/rust/symbols.js";
import type { SymbolSpec } from "../targets/symbol-names.js";
import { SymbolNames } from "../targets/symbol-names.js";
import { TYPESCRIPT_SYMBOLS } from "../targets/typescript/symbols.js";
import type { AuditLanguage } from "./vocabulary-index.js";

/** Emitted name → default symbol (`needs` → `require_permission`). */
export type ExportNames = ReadonlyMap<string, string>;

const SPECS: Readonly<Record<AuditLanguage, { readonly label: string; readonly specs: readonly SymbolSpec[] }>> = {
  typescript: { label: "TypeScript", specs: TYPESCRIPT_SYMBOLS },
  python: { label: "Python", specs: PYTHON_SYMBOLS },
  go: { label: "Go", specs: GO_SYMBOLS },
  rust: { label: "Rust", specs: RUST_SYMBOLS },
};

/** The target options that decide which symbols a module has and what they are called. */
export interface ExportOptions {
  readonly names?: Readonly<Record<string, string>> | undefined;
  /** Python: the FastAPI guards exist unless `fastapi: false` (the option's default is true). */
  readonly fastapi?: boolean | undefined;
  /** Go: with an rbac package's types the file declares no guards or types of its own. */
  readonly permissionType?: string | undefined;
}

/**
 * The exports of one generated module of `language`. A symbol its `when` says is not emitted
 * (no FastAPI guards without `fastapi`, no `RequirePermission` in Go's rbac form) is left out,
 * so a call of it is not taken for enforcement.
 */
export function buildExportNames(language: AuditLanguage, options: ExportOptions, model: Pick<Model, "roles">): ExportNames {
  const { label, specs } = SPECS[language];
  const symbols = new SymbolNames(label, specs, options.names);
  const present = (spec: SymbolSpec): boolean => {
    if (spec.when === "roles") return model.roles.length > 0;
    if (spec.when === "fastapi") return options.fastapi !== false;
    if (spec.when === "own types") return options.permissionType === undefined;
    return true;
  };
  return new Map(specs.filter(present).map((s) => [symbols.get(s.symbol), s.symbol]));
}

/** The name `exports` gives the default `symbol`, or undefined when the module has none. */
export function emittedName(exports: ExportNames, symbol: string): string | undefined {
  for (const [name, original] of exports) if (original === symbol) return name;
  return undefined;
}
