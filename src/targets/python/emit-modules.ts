/**
 * The per-module classes of the Python module (issue 12): for each module of the model, in
 * config order, a plain class whose attributes are that module's members of the aggregate
 * `Permission` enum, named as the module file writes the pair, plus `ALL`, the module's
 * permissions as a frozenset:
 *
 *     class Patients:
 *         """The permissions of module "patients" (modules/patients/permissions.ts)."""
 *
 *         PATIENT_READ: Final = Permission.PATIENTS_PATIENT_READ
 *         ALL: Final[frozenset[Permission]] = frozenset({PATIENT_READ})
 *
 * A namespace of `Permission` members rather than a second StrEnum: `Patients.PATIENT_READ`
 * IS `Permission.PATIENTS_PATIENT_READ`, so it goes into every guard, `ROLE_PERMISSIONS`
 * lookup and `in` test typed for `Permission`, where a separate enum class would be a
 * non-overlapping type to mypy --strict. `Final` makes a reassignment a type error. Written in
 * black's layout, as the rest of the module (render-python.ts).
 */
import type { Model } from "../../model/model.js";
import { LineBuffer } from "../lines.js";
import { listModuleGroups } from "../module-groups.js";
import { namePythonModule, namePythonModuleMember } from "./module-names.js";
import type { PythonNames } from "./names.js";
import {
  bracket,
  display,
  pushAssignment,
  pushExpression,
  renderDocstring,
  renderString,
} from "./render-python.js";

/**
 * One top-level block per module (none for a model without modules). `permission` is the
 * aggregate enum's emitted name (the `names` option may rename it), `names` the module's name
 * table for its members.
 */
export function renderPythonModules(model: Model, names: PythonNames, permission: string): string[] {
  return listModuleGroups(model).map(({ module, permissions }) => {
    // A buffer, not an array of every line: a module class has a line per permission.
    const lines = new LineBuffer();
    lines.push(`class ${namePythonModule(module)}:`);
    const about = `The permissions of module ${renderString(module.name)} (${module.path}).`;
    lines.push(...renderDocstring(about, 1), "");
    const members = permissions.map((p) => namePythonModuleMember(p));
    permissions.forEach((p, i) => {
      const value = `${permission}.${names.permission.get(p.key)}`;
      pushAssignment(lines, `${members[i]}: Final`, value, 1);
    });
    const all =
      members.length === 0
        ? `ALL: Final[frozenset[${permission}]] = frozenset()`
        : bracket(
            `ALL: Final[frozenset[${permission}]] = frozenset(`,
            [display("{", members, "}")],
            ")",
          );
    pushExpression(lines, all, 1);
    return lines.text();
  });
}
