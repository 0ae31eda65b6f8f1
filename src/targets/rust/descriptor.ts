/**
 * The Rust target's cheap half: its config options and its name checks. The emitter
 * (`emit-rust.ts`) is loaded only when files are generated.
 */
import { z } from "zod";
import { buildOutFileOption } from "../out-option.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";
import { buildModulesOption } from "../modules-option.js";
import { buildNamesOption, checkNamesOption } from "../symbol-names.js";
import { checkRustNames } from "./names.js";
import { RUST_IDENTIFIER_RULES, RUST_SYMBOLS } from "./symbols.js";

/** Options of a `language: "rust"` target, after config paths are resolved. */
export interface RustOptions extends BaseTargetOptions {
  readonly language: "rust";
  /** Absolute path of the generated `.rs` file. */
  readonly out: string;
  /** Item → name to emit instead (`{ "require_permission": "require" }`); see symbols.ts. */
  readonly names?: Readonly<Record<string, string>> | undefined;
}

const rustOptionsSchema = z
  .strictObject({
    language: z
      .literal("rust")
      .describe("Selects the Rust target: one rustfmt-clean file, standard library only."),
    out: buildOutFileOption(
      ["rs"],
      "The Rust file to write, relative to this config file (for example `src/permissions.rs`, used as `mod permissions;`). Required.",
    ),
    modules: buildModulesOption(),
    names: buildNamesOption("Rust"),
  })
  .describe(
    "Rust: `Resource`/`Action`/`Permission`/`Role` enums with `as_str`, `FromStr` and `Display`, lock ids, `RESOURCE_ACTION_PAIRS`, `require_permission`, `SCHEMA_DIGEST`.",
  );

/** The Rust target: `{ "language": "rust", "out": "src/permissions.rs" }`. */
export const rustTarget: TargetDescriptor<RustOptions> = {
  language: "rust",
  options: rustOptionsSchema,
  outIsFolder: false,
  checkNames: checkRustNames,
  checkOptions: (options) => checkNamesOption(options.names, RUST_SYMBOLS, RUST_IDENTIFIER_RULES),
  loadEmitter: async (): Promise<Emitter<RustOptions>> => (await import("./emit-rust.js")).emitRust,
};
