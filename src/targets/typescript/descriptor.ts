/**
 * The TypeScript target's cheap half: its config options, its name checks and a lazy loader for
 * the emitter (the only module that imports ts-morph).
 */
import { z } from "zod";
import { refinePathText } from "../../config/path-text.js";
import { Codes } from "../../diagnostics/codes.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model } from "../../model/model.js";
import { checkNameCollisions } from "../check-collisions.js";
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

/**
 * Checks that role names stay distinct once PascalCased for TypeScript (`rt_lead` and `rt__lead`
 * are both `RtLead`): one PG0401 diagnostic per colliding role, at the later role's position,
 * naming both roles and the shared TypeScript name. Resource and action names are kept as
 * written in the schema, so they cannot collide.
 */
export function checkTypeScriptNames(
  model: Model,
  enumStyle: TypeScriptOptions["enumStyle"] = "enum",
): readonly Diagnostic[] {
  const collisions = checkNameCollisions(model, {
    convert: { role: convertRoleName },
    describe: (later, first, name) =>
      `${later.label} and ${first.label} are both named "${name}" in TypeScript; rename one of them`,
  });
  return enumStyle === "enum" ? [...collisions, ...checkEnumMemberNames(model)] : collisions;
}

/**
 * A `Resource` or `Action` member named `__proto__` cannot be a TypeScript enum member at run
 * time: the compiled enum assigns `Resource["__proto__"] = …`, which sets nothing (so
 * `Resource.__proto__` would be `Object.prototype`, not the value). One PG0402 per such member,
 * at its position; `enumStyle: "const"` emits it as an own property and has no such problem.
 */
function checkEnumMemberNames(model: Model): Diagnostic[] {
  return [...model.resources, ...model.actions]
    .filter((member) => member.name === "__proto__")
    .map((member) => ({
      code: Codes.UnusableMemberName,
      message: `${member.kind === "resource" ? "Resource" : "Action"} member "__proto__" cannot be a TypeScript enum member (the compiled enum would set the prototype, not the member); rename it, or set "enumStyle": "const" for this target`,
      file: member.position.file,
      line: member.position.line,
      column: member.position.column,
    }));
}

/** The TypeScript target (CONTRACT §5): registered in src/targets/index.ts. */
export const typescriptTarget: TargetDescriptor<TypeScriptOptions> = {
  language: "typescript",
  options: typescriptOptions,
  outIsFolder: false,
  checkNames: (model, options) => checkTypeScriptNames(model, options.enumStyle),
  loadEmitter: async (): Promise<Emitter<TypeScriptOptions>> => {
    const module = await import("./emit-typescript.js");
    return module.emitTypeScript;
  },
};
