/**
 * Test helpers: the two sides of an emitter's result (`EmitResult`), each failing loudly when
 * the emitter returned the other one, so a test never reads files that were not produced.
 */
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { EmitResult, EmittedFile } from "../../src/targets/target.js";

/** The files of a result; throws, listing the diagnostics, when the emitter refused. */
export function filesOf(result: EmitResult): readonly EmittedFile[] {
  if (result.ok) return result.files;
  throw new Error(`expected files, got diagnostics:\n${result.diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n")}`);
}

/** The diagnostics of a result; throws when the emitter produced files instead. */
export function diagnosticsOf(result: EmitResult): readonly Diagnostic[] {
  if (!result.ok) return result.diagnostics;
  throw new Error(`expected diagnostics, got ${result.files.length} file(s)`);
}
