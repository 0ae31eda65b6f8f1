/**
 * jsonc-parser (the config, lock and manifest reader), a CommonJS package, taken with `require`
 * through `createRequire` rather than an ES `import`: an ES import of a CommonJS package makes
 * Node scan its source for export names with the CommonJS lexer first, which showed in every
 * warm `check` (the verdict cache answers in ~100 ms of CPU, of which the lexer and the ES
 * loader's extra resolution were ~10 ms). Values come from here; types from `import type`
 * of "jsonc-parser", which the compiler erases. ts-morph has its own loader (ts-morph.ts).
 */
import { createRequire } from "node:module";
import type * as JsoncModule from "jsonc-parser";

const jsonc = createRequire(import.meta.url)("jsonc-parser") as typeof JsoncModule;

export const findNodeAtLocation: typeof JsoncModule.findNodeAtLocation = jsonc.findNodeAtLocation;
export const parseTree: typeof JsoncModule.parseTree = jsonc.parseTree;
export const printParseErrorCode: typeof JsoncModule.printParseErrorCode = jsonc.printParseErrorCode;
