/**
 * The per-module grouping the code targets add to their flat output (issue 12, outputs): which
 * permissions each module of the model holds, and the one collision check every language runs
 * on the names it gives a module and its members, so a target cannot emit a group that shadows
 * one of its own symbols or another module's group.
 *
 * Each language decides its names in its own `names.ts` (TypeScript `Patients` and
 * `PatientsPermission`, Python `Patients`, Go `PatientsPermissions`); this file only lists the
 * groups and checks what a language hands it.
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Model, ModelModule, Permission } from "../model/model.js";

/** One module of the model and its permissions, in model order. */
export interface ModuleGroup {
  readonly module: ModelModule;
  readonly permissions: readonly Permission[];
}

/**
 * The model's modules in config order, each with its permissions in model order. Empty for a
 * model without modules, so a target's flat output stays exactly what it was.
 */
export function listModuleGroups(model: Model): ModuleGroup[] {
  const byModule = new Map<string, Permission[]>(model.modules.map((m) => [m.name, []]));
  for (const permission of model.permissions) {
    if (permission.module !== undefined) byModule.get(permission.module)?.push(permission);
  }
  return model.modules.map((module) => ({ module, permissions: byModule.get(module.name) ?? [] }));
}

/** How a language names a module group, for `checkModuleGroupNames`. */
export interface ModuleGroupNaming {
  /** The language, as messages name it (`TypeScript`). */
  readonly language: string;
  /** The top-level identifiers a module's group declares (`["Patients", "PatientsPermission"]`). */
  readonly groupNames: (module: ModelModule) => readonly string[];
  /** A permission's member name inside its module's group (`PatientRead`); absent: no members. */
  readonly memberName?: (permission: Permission) => string;
  /** Every top-level name the target already declares (its symbols, helpers, used globals). */
  readonly taken: ReadonlySet<string>;
}

/**
 * Checks the names a language gives the model's module groups:
 * - PG0411 when a group's identifier is one the target already declares (a module named
 *   `permission` would be TypeScript's `Permission` again), at the module's file;
 * - PG0410 when two modules' groups get one identifier (`a_b` and `a__b` are both `AB`),
 *   at the later module's file, naming both files;
 * - PG0401 when two permissions of one module get one member name (`a_b.c` and `a.b_c`), at
 *   the later pair, naming both.
 * Every problem is reported; none of them can be fixed by the target, only by a rename.
 */
export function checkModuleGroupNames(model: Model, naming: ModuleGroupNaming): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, ModelModule>();
  for (const group of listModuleGroups(model)) {
    const { module } = group;
    const at = locateModule(model, module);
    for (const name of naming.groupNames(module)) {
      if (naming.taken.has(name)) {
        diagnostics.push({
          code: Codes.ModuleGroupClash,
          message:
            `module "${module.name}" (${module.path}) is emitted as "${name}" in ${naming.language}, ` +
            `which is already a name the ${naming.language} target declares; rename the module ` +
            `(config "modules", with "renamedFrom" to keep its ids)`,
          ...at,
        });
        continue;
      }
      const owner = owners.get(name);
      if (owner === undefined) {
        owners.set(name, module);
        continue;
      }
      if (owner === module) continue;
      diagnostics.push({
        code: Codes.ModuleGroupCollision,
        message:
          `modules "${owner.name}" (${owner.path}) and "${module.name}" (${module.path}) are both ` +
          `emitted as "${name}" in ${naming.language}; rename one of them`,
        ...at,
      });
    }
    const memberName = naming.memberName;
    if (memberName === undefined) continue;
    const members = new Map<string, Permission>();
    for (const permission of group.permissions) {
      const name = memberName(permission);
      const first = members.get(name);
      if (first === undefined) {
        members.set(name, permission);
        continue;
      }
      diagnostics.push({
        code: Codes.NameCollision,
        message:
          `permission "${permission.localKey}" and permission "${first.localKey}" are both ` +
          `"${name}" in ${naming.language}'s group of module "${module.name}"; rename one of them`,
        file: permission.position.file,
        line: permission.position.line,
        column: permission.position.column,
      });
    }
  }
  return diagnostics;
}

/**
 * Where a problem with a whole module is shown: the first line of its file (the absolute path
 * its resources were read from; the repository-relative path when it declares none).
 */
function locateModule(
  model: Model,
  module: ModelModule,
): { file: string; line: number; column: number } {
  const resource = model.resources.find((r) => r.module === module.name);
  return { file: resource?.position.file ?? module.path, line: 1, column: 1 };
}
