/**
 * Schema texts + lock → model: the reader and the model builder in one call. Pure (the caller
 * reads the files); importing this module loads ts-morph through the reader.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lock } from "../lock/lock.js";
import { readSchema } from "../schema/read-schema.js";
import { buildModel } from "./build-model.js";
import type { Model, ModelSource } from "./model.js";

/** What `loadModel` returns: the model (undefined on any error), the updated lock, every problem. */
export interface LoadModelResult {
  readonly model: Model | undefined;
  /** The lock with ids for the model's permissions; the input lock when there is no model. */
  readonly lock: Lock;
  readonly diagnostics: Diagnostic[];
}

/** One schema file's text and where it comes from: what `loadModel` reads. */
export interface SchemaText extends ModelSource {
  /** Absolute path, used in diagnostics (the file is never opened here). */
  readonly file: string;
  readonly text: string;
}

/**
 * Reads the schema texts statically and builds the model with their paths (relative to the
 * repository root, for headers) and the ids of `lock`. Reader and builder diagnostics are
 * returned together, so one run reports every problem; the model is undefined when there is
 * any. Exactly one text today, the root schema: merging module files is the modules issue's
 * (a config cannot name more, so more is a caller's bug and throws).
 */
export function loadModel(input: {
  readonly schemas: readonly [SchemaText, ...SchemaText[]];
  readonly lock: Lock;
}): LoadModelResult {
  if (input.schemas.length !== 1) {
    throw new Error(`internal error: loadModel reads one schema file, got ${input.schemas.length}`);
  }
  const [schema] = input.schemas;
  const read = readSchema(schema.file, schema.text);
  if (read.raw === undefined) {
    return { model: undefined, lock: input.lock, diagnostics: read.diagnostics };
  }
  const sources = [{ path: schema.path, module: schema.module }] as const;
  const built = buildModel(read.raw, { sources, lock: input.lock });
  const diagnostics = [...read.diagnostics, ...built.diagnostics];
  if (read.diagnostics.length > 0) return { model: undefined, lock: input.lock, diagnostics };
  return { model: built.model, lock: built.lock, diagnostics };
}
