/**
 * ts-morph, loaded with `require` rather than an ES `import`, through the code cache.
 *
 * ts-morph is CommonJS (with TypeScript's 9 MB compiler bundled in @ts-morph/common). An ES
 * module that imports it makes Node scan its source for export names with the CommonJS lexer
 * first, which measured 185-400 ms on top of the `require` itself; `createRequire` skips that
 * scan. Its three bundles are compiled through code-cache.ts (V8 code cache under
 * `node_modules/.cache/permgen/code`). Modules take their values from here and their types
 * from `import type { ts as TS } from "ts-morph"`, which the compiler erases. Any module that
 * still imports "ts-morph" as an ES module pays the scan again (Node 20 does not reuse the
 * loaded module's export names), so every importer should take its values from here.
 *
 * Only modules that parse TypeScript import this file, and they are loaded only when a command
 * reads a schema (src/pipeline.ts imports the model loader on demand).
 */
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import { findCodeCacheDir, preloadWithCodeCache } from "./code-cache.js";

const tsMorph = loadTsMorph();

/** ts-morph's in-memory project, the schema reader's parser. */
export const Project: typeof TsMorph.Project = tsMorph.Project;
/** The TypeScript compiler API bundled with ts-morph (values only: types come from `TS`). */
export const ts: typeof TsMorph.ts = tsMorph.ts;
/** ts-morph's printer settings and structure kinds, for an emitter that builds TypeScript. */
export const IndentationText: typeof TsMorph.IndentationText = tsMorph.IndentationText;
export const NewLineKind: typeof TsMorph.NewLineKind = tsMorph.NewLineKind;
export const QuoteKind: typeof TsMorph.QuoteKind = tsMorph.QuoteKind;
export const StructureKind: typeof TsMorph.StructureKind = tsMorph.StructureKind;

function loadTsMorph(): typeof TsMorph {
  const require = createRequire(import.meta.url);
  const main = require.resolve("ts-morph");
  // Dependencies first, each resolved from its requirer as Node would: the compiler, ts-morph's
  // common library, ts-morph itself. The `require` below then finds all three loaded.
  const common = createRequire(main).resolve("@ts-morph/common");
  const compiler = createRequire(common).resolve("./typescript");
  preloadWithCodeCache([compiler, common, main], findCodeCacheDir(main));
  return require("ts-morph") as typeof TsMorph;
}
