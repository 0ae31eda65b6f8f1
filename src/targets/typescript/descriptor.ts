/**
 * The TypeScript target's cheap half: its config options, its name checks and a lazy loader for
 * the emitter (the only module that imports ts-morph).
 */
import { z } from "zod";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { Codes } from "../../diagnostics/codes.js";
import type { Model } from "../../model/model.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";
import { convertRoleName } from "./names.js";

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
    out: z
      .string()
      .min(1)
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

/**
 * Checks that role names stay distinct once PascalCased for TypeScript (`rt_lead` and `rt__lead`
 * are both `RtLead`): one PG0401 diagnostic per colliding role, at the later role's position,
 * naming both roles and the shared TypeScript name. Resource and action names are kept as
 * written in the schema, so they cannot collide.
 */
export function checkTypeScriptNames(model: Model): readonly Diagnostic[] {
  const firstByName = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const role of model.roles) {
    const converted = convertRoleName(role.name);
    const first = firstByName.get(converted);
    if (first === undefined) {
      firstByName.set(converted, role.name);
      continue;
    }
    diagnostics.push({
      code: Codes.NameCollision,
      message:
        `role "${role.name}" and role "${first}" are both named "${converted}" in TypeScript;` +
        " rename one of them",
      file: role.position.file,
      line: role.position.line,
      column: role.position.column,
    });
  }
  return diagnostics;
}

/** The TypeScript target (CONTRACT §5): registered in src/targets/index.ts. */
export const typescriptTarget: TargetDescriptor<TypeScriptOptions> = {
  language: "typescript",
  options: typescriptOptions,
  outIsFolder: false,
  checkNames: (model) => checkTypeScriptNames(model),
  loadEmitter: async (): Promise<Emitter<TypeScriptOptions>> => {
    const module = await import("./emit-typescript.js");
    return module.emitTypeScript;
  },
};
