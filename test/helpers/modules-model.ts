/**
 * Test helper: a hand-built model of a modules config (issue 12), shaped as the modules
 * contract says the model builder makes one, for emitter tests that must not depend on the
 * schema reader: `makeModel` builds the vocabulary from qualified values (`patients.patient`),
 * then every resource and permission whose value starts with a module's name gets that module,
 * and each resource's `declared` name and value as its module file writes them.
 */
import type { Model, ModelModule } from "../../src/model/model.js";
import { convertToPascalCase } from "../../src/targets/case.js";
import { makeModel, type ModelSpec } from "./hand-model.js";

/** A module of the hand-built config: its name and the path of its file. */
export interface ModuleSpec {
  readonly name: string;
  readonly path: string;
}

/**
 * `makeModel(spec)` with `modules` attached: resource values and names in `spec` are written
 * qualified (`["PatientsPatient", "patients.patient"]`), and every one of them must belong to
 * one of `modules`. Positions of a module's declarations name `/project/<module path>`.
 */
export function makeModulesModel(spec: ModelSpec, modules: readonly ModuleSpec[]): Model {
  const model = makeModel(spec);
  const moduleOf = (value: string): ModuleSpec => {
    const module = modules.find((m) => value.startsWith(`${m.name}.`));
    if (module === undefined) throw new Error(`resource ${value} belongs to no module`);
    return module;
  };
  for (const resource of model.resources) {
    const module = moduleOf(resource.value);
    const prefix = convertToPascalCase(module.name);
    if (!resource.name.startsWith(prefix)) throw new Error(`${resource.name} lacks ${prefix}`);
    Object.assign(resource, {
      module: module.name,
      declared: { name: resource.name.slice(prefix.length), value: resource.value.slice(module.name.length + 1) },
      position: { ...resource.position, file: `/project/${module.path}` },
    });
  }
  for (const permission of model.permissions) {
    Object.assign(permission, {
      module: permission.resource.module,
      position: { ...permission.position, file: `/project/${permission.resource.module === undefined ? "" : moduleOf(permission.resource.value).path}` },
    });
  }
  const modelModules: ModelModule[] = modules.map((m) => ({ name: m.name, path: m.path, renamedFrom: undefined }));
  return {
    ...model,
    sources: [model.sources[0], ...modules.map((m) => ({ path: m.path, module: m.name }))],
    modules: modelModules,
  };
}
