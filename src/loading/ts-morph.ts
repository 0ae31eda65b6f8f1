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
 * Only modules that need ts-morph's own API (its `Project`) import this file; a module that
 * needs only the compiler API takes `ts` from typescript.ts, which loads one bundle of three.
 * Both hand out the same `ts`: typescript.ts registers the compiler in `require.cache` first.
 */
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import { findCodeCacheDir, preloadWithCodeCache } from "./code-cache.js";
import { resolveTsMorphBundles, ts as compilerApi } from "./typescript.js";

const tsMorph = loadTsMorph();

/** ts-morph's in-memory project, the schema reader's parser. */
export const Project: typeof TsMorph.Project = tsMorph.Project;
/** The TypeScript compiler API bundled with ts-morph (values only: types come from `TS`). */
export const ts: typeof TsMorph.ts = compilerApi;
/** ts-morph's printer settings and structure kinds, for an emitter that builds TypeScript. */
export const IndentationText: typeof TsMorph.IndentationText = tsMorph.IndentationText;
export const NewLineKind: typeof TsMorph.NewLineKind = tsMorph.NewLineKind;
export const QuoteKind: typeof TsMorph.QuoteKind = tsMorph.QuoteKind;
export const StructureKind: typeof TsMorph.StructureKind = tsMorph.StructureKind;

function loadTsMorph(): typeof TsMorph {
  // The compiler first (typescript.ts; already loaded when the schema was read), then ts-morph's
  // common library and ts-morph itself, each through the code cache. The `require` below then
  // finds all three loaded, and ts-morph's compiler is typescript.ts's `ts`.
  const { common, main } = resolveTsMorphBundles();
  preloadWithCodeCache([common, main], findCodeCacheDir(main));
  return createRequire(import.meta.url)("ts-morph") as typeof TsMorph;
}
