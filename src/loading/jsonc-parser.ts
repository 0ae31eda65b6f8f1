/**
 * jsonc-parser (the config, lock and manifest reader), a CommonJS package, taken with `require`
 * through `createRequire` rather than an ES `import`: an ES import of a CommonJS package makes
 * Node scan its source for export names with the CommonJS lexer first, which showed in every
 * warm `check`. It is required on the first call, not when this module loads: a `check` the
 * verdict cache answers reads the config with `JSON.parse` (config-paths.ts `readConfigFiles`)
 * and never needs it (loading it was ≈ 5 ms of that path's ≈ 50). Values come from here; types
 * from `import type` of "jsonc-parser", which the compiler erases. ts-morph has its own loader
 * (ts-morph.ts).
 */
import { createRequire } from "node:module";
import type * as JsoncModule from "jsonc-parser";

let jsonc: typeof JsoncModule | undefined;

function load(): typeof JsoncModule {
  jsonc ??= createRequire(import.meta.url)("jsonc-parser") as typeof JsoncModule;
  return jsonc;
}

export const findNodeAtLocation: typeof JsoncModule.findNodeAtLocation = (root, path) =>
  load().findNodeAtLocation(root, path);
export const parseTree: typeof JsoncModule.parseTree = (text, errors, options) =>
  load().parseTree(text, errors, options);
export const printParseErrorCode: typeof JsoncModule.printParseErrorCode = (code) =>
  load().printParseErrorCode(code);
