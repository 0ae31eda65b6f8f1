/**
 * The TypeScript names of the per-module groups (issue 12): each module of a modules config is
 * one frozen object of its permission keys (`export const Patients = { PatientRead:
 * "patients.patient.read" } as const`) plus the union of its keys (`PatientsPermission`), what
 * a frontend imports to read the namespaced keys (seed 003's `frontend/app/config/permissions.ts`).
 *
 * Names are built from values, never from member names as written: the module name and the
 * resource and action values are lower-case `[a-z0-9_]` words, so their PascalCase is always a
 * plain identifier and the object never needs a quoted key (which prettier would re-quote).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model, ModelModule, Permission } from "../../model/model.js";
import { convertToPascalCase } from "../case.js";
import { checkModuleGroupNames } from "../module-groups.js";
import { SymbolNames } from "../symbol-names.js";
import { escapeIdentifier } from "./names.js";
import {
  TYPESCRIPT_IDENTIFIER_RULES,
  TYPESCRIPT_MODULE_NAMES,
  TYPESCRIPT_SYMBOLS,
} from "./symbols.js";

/**
 * Globals the generated runtime reads as values or types: a module object of that name would
 * shadow them inside the generated file.
 */
const RUNTIME_GLOBALS: readonly string[] = [
  "Iterable",
  "ReadonlyMap",
  "ReadonlySet",
  "Promise",
  "Symbol",
  "TypeError",
  "String",
  "Number",
  "Boolean",
  "JSON",
  "Reflect",
];

/** The two top-level names a module's group declares. */
export interface TypeScriptModuleNames {
  /** The frozen object of its keys: the module name in PascalCase (`Patients`). */
  readonly object: string;
  /** The union of its keys: the object's name + `Permission` (`PatientsPermission`). */
  readonly type: string;
}

/** The names of a module's group (`patients` → `Patients`, `PatientsPermission`). */
export function nameTypeScriptModule(module: ModelModule): TypeScriptModuleNames {
  const object = escapeIdentifier(convertToPascalCase(module.name));
  return { object, type: `${object}Permission` };
}

/**
 * A permission's member in its module's object: the resource as the module file writes it and
 * the action, PascalCased (`patient` + `read` → `PatientRead`; `patient.note` + `read` →
 * `PatientNoteRead`).
 */
export function nameTypeScriptModuleMember(permission: Permission): string {
  return (
    convertToPascalCase(permission.resource.declared.value) +
    convertToPascalCase(permission.action.value)
  );
}

/**
 * PG0410, PG0411 and PG0401 for the module groups of a TypeScript target (module-groups.ts):
 * the names taken are every symbol the file exports (as `names` renames them, and as they are
 * called before the rename, since the rename pass renames identifiers by name), the file's
 * private helpers, the globals its runtime uses and the identifiers the language reserves.
 */
export function checkTypeScriptModuleNames(
  model: Model,
  names: Readonly<Record<string, string>> | undefined,
): Diagnostic[] {
  if (model.modules.length === 0) return [];
  const renamed = new SymbolNames("TypeScript", TYPESCRIPT_SYMBOLS, names);
  const taken = new Set<string>([
    ...TYPESCRIPT_SYMBOLS.map((s) => s.symbol),
    ...renamed.values(),
    ...TYPESCRIPT_MODULE_NAMES,
    ...TYPESCRIPT_IDENTIFIER_RULES.reserved,
    ...RUNTIME_GLOBALS,
  ]);
  return checkModuleGroupNames(model, {
    language: "TypeScript",
    groupNames: (module) => {
      const { object, type } = nameTypeScriptModule(module);
      return [object, type];
    },
    memberName: nameTypeScriptModuleMember,
    taken,
  });
}
