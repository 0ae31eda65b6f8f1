/**
 * The TypeScript target's cheap half: its config options, its name checks and a lazy loader for
 * the emitter (the only module that imports ts-morph).
 */
import { z } from "zod";
import { refinePathText } from "../../config/path-text.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";
import { checkTypeScriptNames } from "./names.js";

/** The options of a `typescript` entry in `targets`, after config paths are resolved. */
export interface TypeScriptOptions extends BaseTargetOptions {
  readonly language: "typescript";
  /** Absolute path of the generated `.ts` file. */
  readonly out: string;
  /** `"enum"` emits TypeScript enums; `"const"` emits `as const` objects plus union types. */
  readonly enumStyle: "enum" | "const";
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
  })
  .describe("The TypeScript target: typed permission keys, guards and roles in one .ts file.");

/** The TypeScript target (CONTRACT §5): registered in src/targets/index.ts. */
export const typescriptTarget: TargetDescriptor<TypeScriptOptions> = {
  language: "typescript",
  options: typescriptOptions,
  outIsFolder: false,
  readsDigestTable: true,
  checkNames: (model, options) => checkTypeScriptNames(model, options.enumStyle),
  loadEmitter: async (): Promise<Emitter<TypeScriptOptions>> => {
    const module = await import("./emit-typescript.js");
    return module.emitTypeScript;
  },
};
