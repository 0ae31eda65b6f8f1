/**
 * The Python names of the per-module classes (issue 12): the class is the module name in
 * PascalCase (`patients` → `Patients`), each member the UPPER_SNAKE of the pair as its module
 * file writes it (`patient.read` → `PATIENT_READ`), escaped as every Python member is.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model, ModelModule, Permission } from "../../model/model.js";
import { convertToPascalCase, convertToUpperSnakeCase } from "../case.js";
import { checkModuleGroupNames } from "../module-groups.js";
import { SymbolNames } from "../symbol-names.js";
import { escapePythonIdentifier } from "./names.js";
import { PYTHON_IDENTIFIER_RULES, PYTHON_MODULE_NAMES, PYTHON_SYMBOLS } from "./symbols.js";

/** The class of a module's group. */
export function namePythonModule(module: ModelModule): string {
  return escapePythonIdentifier(convertToPascalCase(module.name));
}

/** A permission's attribute in its module's class: its pair as the module writes it. */
export function namePythonModuleMember(permission: Permission): string {
  const local = `${permission.resource.declared.value}.${permission.action.value}`;
  return escapePythonIdentifier(convertToUpperSnakeCase(local));
}

/**
 * PG0411, PG0410 and PG0401 for the module classes (module-groups.ts): taken are the module's
 * symbols (default and renamed names), its imports and private helpers, the reserved names,
 * and the builtins the generated code calls. Two members of one class cannot collide unless
 * the aggregate `Permission` members do, which checkPythonNames reports, so members are not
 * checked again here.
 */
export function checkPythonModuleNames(
  model: Model,
  names: Readonly<Record<string, string>> | undefined,
): Diagnostic[] {
  if (model.modules.length === 0) return [];
  const symbols = new SymbolNames("Python", PYTHON_SYMBOLS, names);
  const taken = new Set<string>([
    ...PYTHON_SYMBOLS.map((s) => s.symbol),
    ...symbols.values(),
    ...PYTHON_MODULE_NAMES,
    ...PYTHON_IDENTIFIER_RULES.reserved,
    "StrEnum",
    "Enum",
    "TypeError",
    "ValueError",
    "RuntimeError",
    "Exception",
  ]);
  return checkModuleGroupNames(model, {
    language: "Python",
    groupNames: (module) => [namePythonModule(module)],
    taken,
  });
}
