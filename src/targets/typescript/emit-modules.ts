/**
 * The per-module groups of the TypeScript file (issue 12): for each module of the model, in
 * config order, an `as const` object of its permission keys (`export const Patients = {
 * PatientRead: "patients.patient.read" } as const`), frozen like the flat vocabularies, and the
 * union of its keys (`PatientsPermission`). They are added after the flat declarations
 * (`Permission`, `ActionOf`), which stay as they are: `Patients.PatientRead` has the literal
 * type of its key, so it goes wherever a `Permission` does.
 *
 * Each group is printed as text already in prettier 3's default layout (80 columns, two-space
 * indent, double quotes): the TypeScript target may skip prettier when no prettier config
 * applies, so this text must be final as written. The two places prettier would break a line
 * are written its way: a member whose line is longer than 80 columns breaks after the colon
 * (unless its key is shorter than five characters: prettier keeps a short key on its value's
 * line), and a type alias longer than 80 columns breaks after `=`.
 */
import type { Doc, Model } from "../../model/model.js";
import { listModuleGroups } from "../module-groups.js";
import { nameTypeScriptModule, nameTypeScriptModuleMember } from "./module-names.js";
import { quoteTs } from "./names.js";

/** Prettier's defaults the layout follows. */
const PRINT_WIDTH = 80;
const INDENT = "  ";
/** Prettier keeps a key shorter than tabWidth + 3 on the line of a value that does not fit. */
const SHORT_KEY = 5;

/**
 * One statement text per module (object, freeze and union type, one group), or none for a
 * model without modules. `formatDoc` is the target's one JSDoc text writer (it escapes what
 * the schema's docs and paths may hold).
 */
export function renderTypeScriptModules(
  model: Model,
  formatDoc: (doc: Doc, fallback: string | undefined) => string | undefined,
): string[] {
  return listModuleGroups(model).map(({ module, permissions }) => {
    const { object, type } = nameTypeScriptModule(module);
    const lines: string[] = [];
    const about = `The permission keys of module ${quoteTs(module.name)} (${module.path}).`;
    pushDoc(lines, "", formatDoc({ description: about, deprecated: undefined }, undefined));
    if (permissions.length === 0) {
      lines.push(`export const ${object} = {} as const;`);
    } else {
      lines.push(`export const ${object} = {`);
      for (const permission of permissions) {
        pushDoc(lines, INDENT, formatDoc(permission.doc, undefined));
        const key = nameTypeScriptModuleMember(permission);
        const value = `${quoteTs(permission.key)},`;
        const line = `${INDENT}${key}: ${value}`;
        if (line.length <= PRINT_WIDTH || key.length < SHORT_KEY) lines.push(line);
        else lines.push(`${INDENT}${key}:`, `${INDENT}${INDENT}${value}`);
      }
      lines.push("} as const;");
    }
    lines.push(`Object.freeze(${object});`);
    const union = `(typeof ${object})[keyof typeof ${object}];`;
    const typeDoc = `A permission key of module ${quoteTs(module.name)}.`;
    pushDoc(lines, "", formatDoc({ description: typeDoc, deprecated: undefined }, undefined));
    const alias = `export type ${type} = ${permissions.length === 0 ? "never;" : union}`;
    if (alias.length <= PRINT_WIDTH) lines.push(alias);
    else lines.push(`export type ${type} =`, `${INDENT}${permissions.length === 0 ? "never;" : union}`);
    return lines.join("\n");
  });
}

/** Appends a JSDoc comment at `indent`: one line when the text is one line, else a block. */
function pushDoc(lines: string[], indent: string, text: string | undefined): void {
  if (text === undefined) return;
  const parts = text.split("\n");
  if (parts.length === 1) {
    lines.push(`${indent}/** ${parts[0]} */`);
    return;
  }
  lines.push(`${indent}/**`);
  for (const part of parts) lines.push(part === "" ? `${indent} *` : `${indent} * ${part}`);
  lines.push(`${indent} */`);
}
