/**
 * The pipeline (src/pipeline.ts and everything it loads: config schema, zod, diff, model,
 * emitters), as one CommonJS bundle compiled through the V8 code cache.
 *
 * A cold `check` loaded ≈ 245 ES modules (131 of permgen's, 95 of zod's, 19 of diff's): each
 * one resolved, read and compiled on every run, which Node 20 cannot cache for ES modules.
 * `npm run build` also writes dist/bundle/pipeline.cjs (scripts/bundle.mjs: esbuild,
 * with ts-morph, prettier and the other heavy packages left out and loaded as before), and
 * this loads it with code-cache.ts like ts-morph's bundles. Each bundled file keeps its own
 * `import.meta.url` (the bundler writes the file's dist/ path in), so templates, the build id
 * and package paths resolve as they do from dist/.
 *
 * Without the bundle (tests running src/, a build that skipped it) the ES module is imported.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findCacheDir } from "../output/cache-dir.js";
import { findCodeCacheDir, preloadWithCodeCache } from "./code-cache.js";

type Pipeline = typeof import("../pipeline.js");

let loaded: Pipeline | undefined;

/** The pipeline module: the bundle next to dist/ when there is one, else src/pipeline.ts. */
export async function loadPipeline(): Promise<Pipeline> {
  if (loaded !== undefined) return loaded;
  const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "bundle", "pipeline.cjs");
  if (!fs.existsSync(bundle)) {
    loaded = await import("../pipeline.js");
    return loaded;
  }
  // The bundle's `import("prettier")` (see scripts/bundle.mjs): code compiled from a V8
  // code cache cannot run `import()` itself on Node 20, so it asks this module, which resolves
  // packages from dist/ as the bundle's own files would.
  (globalThis as Record<symbol, unknown>)[Symbol.for("permgen.import")] = (specifier: string) => import(specifier);
  preloadWithCodeCache([bundle], findCodeCacheDir(bundle) ?? findProjectCacheDir(bundle));
  loaded = createRequire(import.meta.url)(bundle) as Pipeline;
  return loaded;
}

/**
 * For permgen run from its own checkout (not installed under a `node_modules`): the code cache
 * in the cache folder of the checkout's own `node_modules` (cache-dir.ts), if any.
 */
function findProjectCacheDir(file: string): string | undefined {
  if (process.env["PERMGEN_CODE_CACHE"] === "0") return undefined;
  const cacheDir = findCacheDir(path.dirname(file));
  return cacheDir === undefined ? undefined : path.join(cacheDir, "code");
}
