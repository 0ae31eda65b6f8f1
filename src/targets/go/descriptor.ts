/**
 * The Go target's cheap half: its config options and its name checks (CONTRACT §5, Go).
 * The emitter (`emit-go.ts`) is loaded only when files are generated.
 */
import { z } from "zod";
import { Codes } from "../../diagnostics/codes.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model, SourcePosition } from "../../model/model.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";
import {
  buildGoActionName,
  buildGoPermissionName,
  buildGoResourceName,
  buildGoRoleName,
  GO_KEYWORDS,
} from "./names.js";

/** Options of a `language: "go"` target, after config paths are resolved. */
export interface GoOptions extends BaseTargetOptions {
  readonly language: "go";
  /** The Go package name; default: derived from the output file's folder name. */
  readonly package?: string | undefined;
}

const goOptionsSchema = z
  .strictObject({
    language: z.literal("go").describe("Selects the Go target: one gofmt-clean file."),
    out: z
      .string()
      .min(1)
      .regex(/\.go$/, { message: "must name a .go file" })
      .describe(
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

/** One named thing of the model whose Go identifier must be unique within its kind. */
interface NamedEntry {
  readonly goName: string;
  /** How the message names it: `resource "a.b_c"`. */
  readonly label: string;
  readonly position: SourcePosition;
  /** Go name of what this entry derives from; a collision there is already reported. */
  readonly parentGoName?: string | undefined;
}

/**
 * Finds entries whose Go identifiers are equal and reports each later one at its own position
 * (PG0401), naming the first holder of the name. Entries whose parents already collide (the
 * permissions of two colliding resources) are left to the parents' diagnostic.
 */
function checkUniqueGoNames(entries: readonly NamedEntry[]): Diagnostic[] {
  const first = new Map<string, NamedEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    const holder = first.get(entry.goName);
    if (holder === undefined) {
      first.set(entry.goName, entry);
      continue;
    }
    if (entry.parentGoName !== undefined && entry.parentGoName === holder.parentGoName) continue;
    diagnostics.push({
      code: Codes.NameCollision,
      message: `${entry.label} and ${holder.label} both become the Go identifier ${entry.goName}; rename one of them`,
      file: entry.position.file,
      line: entry.position.line,
      column: entry.position.column,
    });
  }
  return diagnostics;
}

/**
 * Checks that the model's names give distinct Go identifiers: two resources, actions,
 * permissions or roles that convert to the same name (`a.b_c` and `a_b.c` are both
 * `ResourceABC`) yield PG0401 at the second declaration, naming both and the Go name.
 * Different kinds cannot meet: their prefixes differ.
 */
export function checkGoNames(model: Model): readonly Diagnostic[] {
  const resources = model.resources.map((r) => ({
    goName: buildGoResourceName(r.value),
    label: `resource "${r.value}"`,
    position: r.position,
  }));
  const actions = model.actions.map((a) => ({
    goName: buildGoActionName(a.value),
    label: `action "${a.value}"`,
    position: a.position,
  }));
  const permissions = model.permissions.map((p) => ({
    goName: buildGoPermissionName(p.localKey),
    label: `permission "${p.key}"`,
    position: p.position,
    // Two permissions that collide because their resources do share their resource's name.
    parentGoName: `${buildGoResourceName(p.resource.value)} ${buildGoActionName(p.action.value)}`,
  }));
  const roles = model.roles.map((r) => ({
    goName: buildGoRoleName(r.name),
    label: `role "${r.name}"`,
    position: r.position,
  }));
  return [
    ...checkUniqueGoNames(resources),
    ...checkUniqueGoNames(actions),
    ...checkUniqueGoNames(permissions),
    ...checkUniqueGoNames(roles),
  ];
}

/** The Go target: `{ "language": "go", "out": "internal/perm/permissions.go", "package": "perm" }`. */
export const goTarget: TargetDescriptor<GoOptions> = {
  language: "go",
  options: goOptionsSchema,
  outIsFolder: false,
  checkNames: (model) => checkGoNames(model),
  loadEmitter: async (): Promise<Emitter<GoOptions>> => (await import("./emit-go.js")).emitGo,
};
