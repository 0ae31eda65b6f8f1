/**
 * The per-module functions of the Go file (issue 12): the flat output already names every
 * module permission with its module (`PermPatientsPatientRead`), so a module adds only what Go
 * code cannot get otherwise, the list of its permissions, the way the file gives every list:
 * a function returning a new slice (`PatientsPermissions()`), so no caller can change the
 * vocabulary through it. Written in gofmt's layout (the target's output is not reformatted).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model, ModelModule } from "../../model/model.js";
import { convertToPascalCase } from "../case.js";
import { checkModuleGroupNames, listModuleGroups } from "../module-groups.js";
import type { LineSink } from "../lines.js";
import { SymbolNames } from "../symbol-names.js";
import { buildDocLines, renderGoComment } from "./go-doc.js";
import { quoteGo } from "./go-string.js";
import { buildGoNames, GO_DECLARED_NAMES, type GoNames } from "./names.js";
import { GO_SYMBOLS } from "./symbols.js";

/** The function listing a module's permissions: `patients` → `PatientsPermissions`. */
export function nameGoModuleFunction(module: ModelModule): string {
  return `${convertToPascalCase(module.name)}Permissions`;
}

/** Pushes one function per module, in config order, each then a blank line; nothing without modules. */
export function pushGoModuleFunctions(out: LineSink, model: Model, names: GoNames): void {
  for (const { module, permissions } of listModuleGroups(model)) {
    const name = nameGoModuleFunction(module);
    const summary = `${name} returns the permissions of module ${quoteGo(module.name)}.`;
    const about = `Declared in ${module.path}; schema order, in a new slice the caller may change.`;
    out.push(
      ...renderGoComment([...buildDocLines(summary, undefined), "", about], ""),
      `func ${name}() []Permission {`,
    );
    if (permissions.length === 0) out.push("\treturn []Permission{}");
    else {
      out.push("\treturn []Permission{");
      for (const p of permissions) out.push(`\t\t${names.permission.get(p.key)},`);
      out.push("\t}");
    }
    out.push("}", "");
  }
}

/**
 * PG0411 and PG0410 for the module functions (module-groups.ts): taken are the names the file
 * declares (as `names` renames them, and as they are called before) and every constant the
 * vocabulary gets (a role `patients_permissions` is `RolePatientsPermissions`, never
 * `PatientsPermissions`, but a module `role` would meet a role named `permissions`).
 */
export function checkGoModuleNames(
  model: Model,
  options: Parameters<typeof buildGoNames>[1] & {
    readonly names?: Readonly<Record<string, string>> | undefined;
  },
): Diagnostic[] {
  if (model.modules.length === 0) return [];
  const table = buildGoNames(model, options);
  const taken = new Set<string>([
    ...GO_DECLARED_NAMES,
    ...new SymbolNames("Go", GO_SYMBOLS, options.names).values(),
    ...table.resource.entries.values(),
    ...table.action.entries.values(),
    ...table.permission.entries.values(),
    ...table.role.entries.values(),
  ]);
  return checkModuleGroupNames(model, {
    language: "Go",
    groupNames: (module) => [nameGoModuleFunction(module)],
    taken,
  });
}
