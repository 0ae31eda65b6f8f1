/**
 * The TypeScript target's cheap half: its config options, its name checks and a lazy loader for
 * the emitter (which takes ts-morph from src/loading/ts-morph.ts for its `names` pass).
 */
import { z } from "zod";
import { refinePathText } from "../../config/path-text.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";
import { buildMaxBitsOption, checkMaxBits } from "../max-bits.js";
import { buildModulesOption } from "../modules-option.js";
import { buildNamesOption, checkNamesOption } from "../symbol-names.js";
import { checkTypeScriptModuleNames } from "./module-names.js";
import { checkTypeScriptNames } from "./names.js";
import {
  TYPESCRIPT_IDENTIFIER_RULES,
  TYPESCRIPT_MODULE_NAMES,
  TYPESCRIPT_SYMBOLS,
} from "./symbols.js";

/** The options of a `typescript` entry in `targets`, after config paths are resolved. */
export interface TypeScriptOptions extends BaseTargetOptions {
  readonly language: "typescript";
  /** Absolute path of the generated `.ts` file. */
  readonly out: string;
  /** `"enum"` emits TypeScript enums; `"const"` emits `as const` objects plus union types. */
  readonly enumStyle: "enum" | "const";
  /** Symbol → name to emit instead (`{ "Role": "GroupName" }`); see symbols.ts. */
  readonly names?: Readonly<Record<string, string>> | undefined;
  /** Every permission id must be below it (code packing ids into 32-bit numbers). */
  readonly maxBits?: number | undefined;
}

const typescriptOptions = z
  .strictObject({
    language: z.literal("typescript").describe("Generates one TypeScript module."),
    out: refinePathText(z.string().min(1))
      .describe(
        "Path of the generated .ts file, relative to the config file (for example" +
          ' "src/generated/permissions.ts"). Required.',
      ),
    enumStyle: z
      .enum(["enum", "const"])
      .default("enum")
      .describe(
        'How Resource, Action and Role are emitted: "enum" for TypeScript enums, "const" for' +
          " `as const` objects plus union types (no enums, so the file passes" +
          ' `erasableSyntaxOnly` and Node type stripping). Default: "enum".',
      ),
    names: buildNamesOption("TypeScript"),
    modules: buildModulesOption(),
    maxBits: buildMaxBitsOption("`32` for code that packs PERMISSION_IDS into 32-bit bit sets"),
  })
  .describe("The TypeScript target: typed permission keys, guards and roles in one .ts file.");

/** The TypeScript target (CONTRACT §5): registered in src/targets/index.ts. */
export const typescriptTarget: TargetDescriptor<TypeScriptOptions> = {
  language: "typescript",
  options: typescriptOptions,
  outIsFolder: false,
  readsDigestTable: true,
  checkNames: (model, options) => [
    ...checkTypeScriptNames(model, options.enumStyle),
    ...checkMaxBits(model, options.maxBits, "TypeScript"),
    ...checkTypeScriptModuleNames(model, options.names),
  ],
  checkOptions: (options) =>
    checkNamesOption(
      options.names,
      TYPESCRIPT_SYMBOLS,
      TYPESCRIPT_IDENTIFIER_RULES,
      TYPESCRIPT_MODULE_NAMES,
    ),
  loadEmitter: async (): Promise<Emitter<TypeScriptOptions>> => {
    const module = await import("./emit-typescript.js");
    return module.emitTypeScript;
  },
};
