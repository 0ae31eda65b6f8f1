/**
 * The JSON target's cheap half: its config options. It has no name table or name checks: every
 * value is written as data, never as an identifier. The emitter (`emit-json.ts`) is loaded
 * only when files are generated.
 */
import { z } from "zod";
import { buildOutFileOption } from "../out-option.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";

/** Options of a `language: "json"` target, after config paths are resolved. */
export interface JsonOptions extends BaseTargetOptions {
  readonly language: "json";
  /** Absolute path of the generated `.json` file. */
  readonly out: string;
}

const jsonOptionsSchema = z
  .strictObject({
    language: z
      .literal("json")
      .describe("Selects the JSON target: the whole vocabulary as one JSON file."),
    out: buildOutFileOption(
      ["json"],
      "The JSON file to write, relative to this config file (for example `generated/permissions.json`). Required.",
    ),
  })
  .describe(
    "JSON: namespace, resources, actions, permissions with ids from permgen.lock.json, roles with expanded permissions, retired ids and the schema digest, in one file described by the JSON Schema permgen ships (`permgen/permgen-model.schema.json`).",
  );

/** The JSON target: `{ "language": "json", "out": "generated/permissions.json" }`. */
export const jsonTarget: TargetDescriptor<JsonOptions> = {
  language: "json",
  options: jsonOptionsSchema,
  outIsFolder: false,
  loadEmitter: async (): Promise<Emitter<JsonOptions>> => (await import("./emit-json.js")).emitJson,
};
