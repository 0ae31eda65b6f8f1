/**
 * The Python target's cheap half: its config options, its name checks and a lazy loader for
 * the emitter.
 */
import { z } from "zod";
import { refinePathText } from "../../config/path-text.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";
import { buildModulesOption } from "../modules-option.js";
import { buildNamesOption, checkNamesOption } from "../symbol-names.js";
import { checkPythonModuleNames } from "./module-names.js";
import { checkPythonNames } from "./names.js";
import { PYTHON_IDENTIFIER_RULES, PYTHON_MODULE_NAMES, PYTHON_SYMBOLS } from "./symbols.js";

/** The options of a `python` entry in `targets`, after config paths are resolved. */
export interface PythonOptions extends BaseTargetOptions {
  readonly language: "python";
  /** Absolute path of the generated `.py` module. */
  readonly out: string;
  /**
   * Emit the FastAPI dependencies (`granted_permissions`, `require_permission`). The config
   * schema defaults it to true; undefined is read as true too.
   */
  readonly fastapi?: boolean | undefined;
  /** Symbol → name to emit instead (`{ "Role": "GroupName" }`); see symbols.ts. */
  readonly names?: Readonly<Record<string, string>> | undefined;
}

const pythonOptions = z
  .strictObject({
    language: z.literal("python").describe("Generates one Python 3.11+ module."),
    out: refinePathText(z.string().min(1))
      .describe(
        "Path of the generated .py module, relative to the config file (for example" +
          ' "backend/app/permission_taxonomy.py"). Required.',
      ),
    fastapi: z
      .boolean()
      .default(true)
      .describe(
        "Emit the FastAPI dependency factory require_permission(Resource.X, Action.Y) and the" +
          " granted_permissions dependency the app overrides. With false the module imports" +
          " no framework and offers check_permission only. Default: true.",
      ),
    modules: buildModulesOption(),
    names: buildNamesOption("Python"),
  })
  .describe(
    "The Python target: StrEnums, RESOURCE_ACTION_PAIRS, roles and typed guards in one module.",
  );

/** The Python target (CONTRACT §5): registered in src/targets/index.ts. */
export const pythonTarget: TargetDescriptor<PythonOptions> = {
  language: "python",
  options: pythonOptions,
  outIsFolder: false,
  readsDigestTable: true,
  checkNames: (model, options) => [
    ...checkPythonNames(model),
    ...checkPythonModuleNames(model, options.names),
  ],
  checkOptions: (options) =>
    checkNamesOption(options.names, PYTHON_SYMBOLS, PYTHON_IDENTIFIER_RULES, PYTHON_MODULE_NAMES),
  loadEmitter: async (): Promise<Emitter<PythonOptions>> => {
    const module = await import("./emit-python.js");
    return module.emitPython;
  },
};
