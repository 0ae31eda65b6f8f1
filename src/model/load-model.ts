/**
 * Schema text + lock → model: the reader and the model builder in one call. Pure (the caller
 * reads the files); importing this module loads ts-morph through the reader.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lock } from "../lock/lock.js";
import { readSchema } from "../schema/read-schema.js";
import { buildModel } from "./build-model.js";
import type { Model } from "./model.js";

/** What `loadModel` returns: the model (undefined on any error), the updated lock, every problem. */
export interface LoadModelResult {
  readonly model: Model | undefined;
  /** The lock with ids for the model's permissions; the input lock when there is no model. */
  readonly lock: Lock;
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads the schema text statically (`schemaFile` is its absolute path, used in diagnostics) and
 * builds the model with `schemaPath` (relative to the config folder, for headers) and the ids of
 * `lock`. Reader and builder diagnostics are returned together, so one run reports every
 * problem; the model is undefined when there is any.
 */
export function loadModel(input: {
  readonly schemaFile: string;
  readonly schemaText: string;
  readonly schemaPath: string;
  readonly lock: Lock;
}): LoadModelResult {
  const read = readSchema(input.schemaFile, input.schemaText);
  if (read.raw === undefined) {
    return { model: undefined, lock: input.lock, diagnostics: read.diagnostics };
  }
  const built = buildModel(read.raw, { schemaPath: input.schemaPath, lock: input.lock });
  const diagnostics = [...read.diagnostics, ...built.diagnostics];
  if (read.diagnostics.length > 0) return { model: undefined, lock: input.lock, diagnostics };
  return { model: built.model, lock: built.lock, diagnostics };
}
