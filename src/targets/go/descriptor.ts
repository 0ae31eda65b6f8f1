/**
 * The Go target's cheap half: its config options and its name checks (CONTRACT §5, Go).
 * The emitter (`emit-go.ts`) is loaded only when files are generated.
 */
import { z } from "zod";
import { buildOutFileOption } from "../out-option.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";
import { buildMaxBitsOption } from "../max-bits.js";
import { buildModulesOption } from "../modules-option.js";
import { buildNamesOption, checkNamesOption } from "../symbol-names.js";
import { checkGoModuleNames } from "./module-funcs.js";
import { checkGoNames, GO_KEYWORDS, type GoConstantNames } from "./names.js";
import { checkGoTypeOptions, GO_FILE_NAMES, GO_IDENTIFIER_RULES, GO_SYMBOLS } from "./symbols.js";

/** Options of a `language: "go"` target, after config paths are resolved. */
export interface GoOptions extends BaseTargetOptions {
  readonly language: "go";
  /** The Go package name; default: derived from the output file's folder name. */
  readonly package?: string | undefined;
  /** Symbol → name to emit instead (`{ "RequirePermission": "Require" }`); see symbols.ts. */
  readonly names?: Readonly<Record<string, string>> | undefined;
  /** `import/path.Type` of an existing permission type: the file declares constants of it. */
  readonly permissionType?: string | undefined;
  /** `import/path.Type` of an existing mask type with `Grant`: role masks are built with it. */
  readonly maskType?: string | undefined;
  /** Every permission id must be below it (63 for an `int64` mask). */
  readonly maxBits?: number | undefined;
  /** `"key"` (`PermOrdersRead`, the default) or `"action"` (`PermRead`): see names.ts. */
  readonly constantNames?: GoConstantNames | undefined;
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
    modules: buildModulesOption(),
    names: buildNamesOption("Go"),
    permissionType: z
      .string()
      .optional()
      .describe(
        'An existing Go permission type, as import path + "." + type name (for example "example.com/micro/rbac.Permission"). With maskType, the file imports that package and declares only SchemaDigest, constants of this type and role masks, no types or guards of its own. Default: the file declares its own Permission.',
      ),
    maskType: z
      .string()
      .optional()
      .describe(
        'An existing Go mask type with a `Grant(Permission) Mask` method, as import path + "." + type name (for example "example.com/micro/rbac.PermissionMask"); role masks are built with its Grant. Required with permissionType. Default: the file declares its own PermissionMask.',
      ),
    maxBits: buildMaxBitsOption("`63` for a mask held in an `int64`"),
    constantNames: z
      .enum(["key", "action"])
      .optional()
      .describe(
        'How permission constants are named: "key" from the key without namespace (`orders.read` → `PermOrdersRead`), "action" from the action alone (`PermRead`), for a package that holds one domain\'s permissions; two permissions with one action are then an error (PG0401). Every other name is unchanged. Default: "key".',
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
  checkNames: (model, options) => [
    ...checkGoNames(model, options),
    // The module functions exist only with the target's own types (not under permissionType).
    ...(options.permissionType === undefined ? checkGoModuleNames(model, options) : []),
  ],
  checkOptions: (options) => [
    ...checkNamesOption(options.names, GO_SYMBOLS, GO_IDENTIFIER_RULES, GO_FILE_NAMES),
    ...checkGoTypeOptions(options),
  ],
  loadEmitter: async (): Promise<Emitter<GoOptions>> => (await import("./emit-go.js")).emitGo,
};
