/**
 * Test helper: the TypeScript target's output as a user sees it, emitted and formatted with
 * prettier (what the output stage writes when no prettier config applies).
 */
import prettier from "prettier";
import type { Model } from "../../src/model/model.js";
import type { EmitContext } from "../../src/targets/target.js";
import { emitTypeScript } from "../../src/targets/typescript/emit-typescript.js";
import type { TypeScriptOptions } from "../../src/targets/typescript/descriptor.js";
import { loadFromSource } from "./model.js";
import { filesOf } from "./emit-result.js";

/** Options of `emitFormattedTypeScript`: the target options, all optional. */
export interface EmitTypeScriptOptions {
  readonly enumStyle?: TypeScriptOptions["enumStyle"];
  /** Absolute output path; default `/permgen-test/src/generated/permissions.ts`. */
  readonly out?: string;
  /** The `names` option. */
  readonly names?: Readonly<Record<string, string>>;
}

const DEFAULT_OUT = "/permgen-test/src/generated/permissions.ts";

/** Formats TypeScript text with prettier's defaults, as the output stage does for `path`. */
export async function formatTypeScript(content: string, path: string): Promise<string> {
  return prettier.format(content, { parser: "typescript", filepath: path });
}

/**
 * Emits the TypeScript file for `model` and formats it with prettier. The context's lock holds
 * the model's ids; the TypeScript emitter reads nothing else from it.
 */
export async function emitFormattedTypeScript(
  model: Model,
  options: EmitTypeScriptOptions = {},
): Promise<string> {
  const out = options.out ?? DEFAULT_OUT;
  const context: EmitContext = {
    lockBefore: undefined,
    lock: {
      version: 1,
      nextId: model.permissions.reduce((max, p) => Math.max(max, p.id + 1), 0),
      active: new Map(model.permissions.map((p) => [p.key, p.id])),
      retired: new Map(),
    },
    existingFiles: new Map(),
  };
  const files = filesOf(emitTypeScript(
    model,
    { language: "typescript", out, enumStyle: options.enumStyle ?? "enum", names: options.names },
    context,
  ));
  const file = files[0];
  if (files.length !== 1 || file === undefined) {
    throw new Error(`expected one file, got ${files.length}`);
  }
  return formatTypeScript(file.content, file.path);
}

/**
 * Reads schema source text (see test/helpers/model.ts), emits the TypeScript file for it and
 * formats it with prettier.
 */
export async function emitTypeScriptFromSource(
  source: string,
  options: EmitTypeScriptOptions = {},
): Promise<string> {
  return emitFormattedTypeScript(loadFromSource(source).model, options);
}
