/**
 * Schema texts + lock → model: the reader and the model builder in one call. Pure (the caller
 * reads the files); importing this module loads ts-morph through the reader.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lock } from "../lock/lock.js";
import { readSchema } from "../schema/read-schema.js";
import { buildModel } from "./build-model.js";
import { mergeModuleSchemas } from "./merge-modules.js";
import type { ReadSource } from "./merge-modules.js";
import type { ModuleRename } from "./resolve-renames.js";
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
  /** A module's former name (config `renamedFrom`). */
  readonly renamedFrom?: string | undefined;
}

/**
 * Reads the schema texts statically and builds the model with their paths (relative to the
 * repository root, for headers) and the ids of `lock`. Reader and builder diagnostics are
 * returned together, so one run reports every problem; the model is undefined when there is
 * any. Without modules there is exactly one text, the schema (more is a caller's bug and
 * throws). With modules (a text with `module` set) the root schema, if any, comes first and
 * declares only roles, constraints and the namespace; every module file is qualified by its
 * name and merged into one vocabulary (src/model/merge-modules.ts).
 */
export function loadModel(input: {
  readonly schemas: readonly [SchemaText, ...SchemaText[]];
  readonly lock: Lock;
  /** What generated headers name (see Model.header); default the first text's path. */
  readonly header?: string | undefined;
  /** The config's module renames, positioned in the config. */
  readonly moduleRenames?: readonly ModuleRename[] | undefined;
}): LoadModelResult {
  const modular = input.schemas.some((schema) => schema.module !== undefined);
  if (!modular && input.schemas.length !== 1) {
    throw new Error(`internal error: loadModel reads one schema file, got ${input.schemas.length}`);
  }
  const sources = input.schemas.map((s) => ({ path: s.path, module: s.module }));
  const [firstSource, ...otherSources] = sources;
  if (firstSource === undefined) throw new Error("internal error: no schema text");
  const readDiagnostics: Diagnostic[] = [];
  const reads: ReadSource[] = [];
  for (const schema of input.schemas) {
    const role = !modular ? "schema" : schema.module === undefined ? "root" : "module";
    const read = readSchema(schema.file, schema.text, role);
    readDiagnostics.push(...read.diagnostics);
    if (read.raw !== undefined) {
      const { module, path, renamedFrom } = schema;
      reads.push({ raw: read.raw, module, path, renamedFrom });
    }
  }
  if (reads.length < input.schemas.length) {
    return { model: undefined, lock: input.lock, diagnostics: readDiagnostics };
  }
  const mergeDiagnostics: Diagnostic[] = [];
  const [only] = reads;
  const raw = modular || only === undefined ? mergeModuleSchemas(reads, mergeDiagnostics) : only.raw;
  const modules = input.schemas.flatMap((s) =>
    s.module === undefined ? [] : [{ name: s.module, path: s.path, renamedFrom: s.renamedFrom }],
  );
  const built = buildModel(raw, {
    sources: [firstSource, ...otherSources],
    lock: input.lock,
    modules,
    moduleRenames: input.moduleRenames,
    header: input.header,
    fileNames: new Map(input.schemas.map((s) => [s.file, s.path])),
    diagnostics: mergeDiagnostics,
  });
  const diagnostics = [...readDiagnostics, ...built.diagnostics];
  if (readDiagnostics.length > 0) return { model: undefined, lock: input.lock, diagnostics };
  return { model: built.model, lock: built.lock, diagnostics };
}
