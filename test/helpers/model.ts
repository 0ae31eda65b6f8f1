/**
 * Test helper: a Model from schema source text, for emitter tests.
 */
import { formatDiagnostic, sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { EMPTY_LOCK, type Lock } from "../../src/lock/lock.js";
import { loadModel } from "../../src/model/load-model.js";
import type { Model } from "../../src/model/model.js";

/** The folder the in-memory schema pretends to live in (diagnostics are relative to it). */
export const TEST_ROOT = "/permgen-test";

/**
 * Reads `source` as the schema file `<TEST_ROOT>/<schemaPath>` (default
 * `schema/permissions.ts`) and builds the model with ids from `opts.lock` (a fresh lock when
 * absent). Throws an Error listing every formatted diagnostic when the schema is invalid.
 */
export function modelFromSource(
  source: string,
  opts: { schemaPath?: string; lock?: Lock } = {},
): Model {
  return loadFromSource(source, opts).model;
}

/**
 * Like `modelFromSource`, but also returns the updated lock (for tests of id stability).
 */
export function loadFromSource(
  source: string,
  opts: { schemaPath?: string; lock?: Lock } = {},
): { model: Model; lock: Lock } {
  const schemaPath = opts.schemaPath ?? "schema/permissions.ts";
  const result = loadModel({
    schemas: [{ file: `${TEST_ROOT}/${schemaPath}`, path: schemaPath, module: undefined, text: source }],
    lock: opts.lock ?? EMPTY_LOCK,
  });
  if (result.model === undefined || result.diagnostics.length > 0) {
    const lines = sortDiagnostics(result.diagnostics).map((d) => formatDiagnostic(d, TEST_ROOT));
    throw new Error(`invalid schema:\n${lines.join("\n")}`);
  }
  return { model: result.model, lock: result.lock };
}
