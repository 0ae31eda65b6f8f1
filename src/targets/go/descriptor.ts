/**
 * The Go target's cheap half: its config options and its name checks (CONTRACT §5, Go).
 * The emitter (`emit-go.ts`) is loaded only when files are generated.
 */
import { z } from "zod";
import { buildOutFileOption } from "../out-option.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";
import { checkGoNames, GO_KEYWORDS } from "./names.js";

/** Options of a `language: "go"` target, after config paths are resolved. */
export interface GoOptions extends BaseTargetOptions {
  readonly language: "go";
  /** The Go package name; default: derived from the output file's folder name. */
  readonly package?: string | undefined;
}

const goOptionsSchema = z
  .strictObject({
    language: z.literal("go").describe("Selects the Go target: one gofmt-clean file."),
    out: buildOutFileOption(
      ["go"],
      "The Go file to write, relative to this config file (for example `internal/perm/permissions.go`). Required.",
    ),
    package: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
        message: "must be a Go identifier (ASCII letters, digits, _)",
      })
      .refine((name) => name !== "_" && !GO_KEYWORDS.has(name), {
        message: "must not be `_` or a Go keyword",
      })
      .optional()
      .describe(
        "The Go package name of the generated file. Default: the output folder's name, lower-cased with characters Go does not allow removed (`permissions` when nothing is left).",
      ),
  })
  .describe(
    "Go: `Resource`/`Action`/`Permission`/`Role` constants, permission ids from permgen.lock.json, `PermissionMask` (any width), `RequirePermission`, `SchemaDigest`.",
  );

/** The Go target: `{ "language": "go", "out": "internal/perm/permissions.go", "package": "perm" }`. */
export const goTarget: TargetDescriptor<GoOptions> = {
  language: "go",
  options: goOptionsSchema,
  outIsFolder: false,
  readsDigestTable: true,
  checkNames: checkGoNames,
  loadEmitter: async (): Promise<Emitter<GoOptions>> => (await import("./emit-go.js")).emitGo,
};
