/**
 * The TypeScript compiler API that ts-morph bundles (@ts-morph/common's dist/typescript.js), on
 * its own: the schema reader parses with `ts.createSourceFile` and needs nothing else of
 * ts-morph, whose other two bundles (ts-morph-common.js and ts-morph.js, 4 MB) were a quarter of
 * what a cold `check` spent loading code. Compiled through the V8 code cache (code-cache.ts)
 * and placed in `require.cache` under its resolved path, so a later `require("ts-morph")`
 * (ts-morph.ts, for `permgen import`) finds this very module as its compiler: one `ts`.
 *
 * The path is resolved as Node would for ts-morph's own `require("./typescript")`: ts-morph from
 * here, @ts-morph/common from ts-morph. Modules take values from here and types from
 * `import type { ts as TS } from "ts-morph"`, which the compiler erases.
 */
import Module, { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import { findCodeCacheDir, preloadWithCodeCache } from "./code-cache.js";

/** The TypeScript compiler API bundled with ts-morph (values only: types come from `TS`). */
export const ts: typeof TsMorph.ts = loadTypeScript();

/** The resolved paths of ts-morph's three bundles, dependencies first. */
export function resolveTsMorphBundles(): { compiler: string; common: string; main: string } {
  const main = createRequire(import.meta.url).resolve("ts-morph");
  const common = createRequire(main).resolve("@ts-morph/common");
  const compiler = createRequire(common).resolve("./typescript");
  return { compiler, common, main };
}

function loadTypeScript(): typeof TsMorph.ts {
  const { compiler, main } = resolveTsMorphBundles();
  preloadWithCodeCache([compiler], findCodeCacheDir(main));
  const loaded = (Module as unknown as { _cache: Record<string, Module | undefined> })._cache[compiler];
  if (loaded === undefined) throw new Error(`the TypeScript compiler did not load from ${compiler}`);
  return loaded.exports as typeof TsMorph.ts;
}
