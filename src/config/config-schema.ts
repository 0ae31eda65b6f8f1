/**
 * The zod schema of `permgen.config.json`: the single source of the config's type, its
 * defaults, its validation and the JSON Schema editors use for completion.
 *
 * Each target contributes its own strict options object (`TargetDescriptor.options`), so a new
 * language extends the config by registering a descriptor, never by editing this file.
 */
import { z } from "zod";
import type { TargetDescriptor } from "../targets/target.js";
import { DEFAULT_SCHEMA_PATH } from "./config-paths.js";
import { refinePathText } from "./path-text.js";
import { FINDING_KINDS } from "../audit/rules.js";

/** A target entry after zod parsing, before paths are resolved. */
export interface ParsedTargetOptions {
  readonly language: string;
  readonly out: string;
  readonly [option: string]: unknown;
}

/** The config after zod parsing (defaults applied), before paths are resolved. */
export interface ParsedConfig {
  readonly $schema?: string | undefined;
  /** Absent: the default schema when there are no `modules`, else no root schema. */
  readonly schema?: string | undefined;
  readonly modules?: Readonly<Record<string, string | ParsedModule>> | undefined;
  readonly targets: readonly ParsedTargetOptions[];
  readonly audit?: ParsedAuditOptions | undefined;
}

/** A `modules` entry in its object form. */
export interface ParsedModule {
  readonly schema: string;
  readonly renamedFrom?: string | undefined;
}

/** The config's `audit` section after zod parsing: what `permgen audit` scans and how it rates. */
export interface ParsedAuditOptions {
  readonly include?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
  readonly rules?: Readonly<Record<string, "error" | "warning" | "note" | "off">> | undefined;
}

/**
 * The `audit` section: include/exclude globs relative to the config file and a severity per
 * finding kind. Kept strict like the rest of the config, so a misspelt kind is an error with a
 * suggestion, not a rule silently left at its default.
 */
function buildAuditSchema() {
  const setting = z.enum(["error", "warning", "note", "off"]);
  const rules = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, setting.optional()]));
  return z
    .strictObject({
      include: z
        .array(refinePathText(z.string().min(1)))
        .optional()
        .describe(
          "Globs (relative to this config file; `*`, `**`, `?`, `{a,b}`) of the source files `permgen audit` scans. Default: every TypeScript, JavaScript, Python, Go and Rust file of the repository.",
        ),
      exclude: z
        .array(refinePathText(z.string().min(1)))
        .optional()
        .describe(
          "Globs (relative to this config file) of files `permgen audit` skips, on top of node_modules, .git, vendor folders and generated files, which it always skips. Default: none.",
        ),
      rules: z
        .strictObject(rules)
        .optional()
        .describe(
          "Severity per finding kind: \"error\", \"warning\", \"note\" or \"off\". Default: unenforced, magic-string and unguarded-route are errors; unheld, deprecated-use and syntax-error warnings.",
        ),
    })
    .optional()
    .describe("What `permgen audit` scans and how it rates what it finds. Default: the whole repository, default severities.");
}

/**
 * The `modules` map (issue 12): module name → its schema file, or `{ schema, renamedFrom }`.
 * Names are checked by the loader (PG0120, positioned at the key), not here, so a bad name
 * gets its own code and message rather than a generic zod one.
 */
function buildModulesSchema() {
  const schemaPath = refinePathText(z.string().min(1));
  return z
    .record(
      z.string(),
      z.union([
        schemaPath.describe("The module's schema file, relative to this config file."),
        z.strictObject({
          schema: schemaPath.describe("The module's schema file, relative to this config file."),
          renamedFrom: z
            .string()
            .optional()
            .describe(
              "The module's former name: every key of that module moves to this one, keeping its id and role links; the old keys stay as deprecated aliases while this is set. Default: none.",
            ),
        }),
      ]),
    )
    .optional()
    .describe(
      "Modules (issue 12): module name (lowercase letters, digits and underscores, starting with a letter) → its schema file, whose keys become \"<module>.<resource>.<action>\". A file may come from a package (node_modules/...). Default: none.",
    );
}

/**
 * Builds the zod schema of the whole config file from the target descriptors: a strict object
 * with `$schema`, `schema` (default `schema/permissions.ts`) and `targets`, a non-empty array
 * discriminated by `language` over every registered target's options schema.
 */
export function buildConfigSchema(
  targets: readonly TargetDescriptor<any>[],
): z.ZodType<ParsedConfig, unknown> {
  // discriminatedUnion wants a non-empty tuple of object schemas; each descriptor's `options`
  // is a strict object with a `language` literal (the TargetDescriptor contract).
  const options = targets.map((t) => t.options) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ];
  const target = z
    .discriminatedUnion("language", options)
    .describe("One output of permgen: `language` selects the target, `out` where it is written.");
  return z
    .strictObject({
      $schema: z
        .string()
        .optional()
        .describe(
          "Path or URL of this file's JSON Schema, for editor completion. Ignored by permgen. Default: none.",
        ),
      schema: refinePathText(z.string().min(1))
        .optional()
        .describe(
          `The TypeScript schema file, relative to this config file. permgen reads it statically and never runs it. Beside "modules" it is the root schema, which declares only roles (with qualified grants), constraints and the namespace. Default: "${DEFAULT_SCHEMA_PATH}" when there are no "modules", else none.`,
        ),
      modules: buildModulesSchema(),
      targets: z
        .array(target)
        .min(1)
        .describe(
          "What to generate: one entry per output. Relative `out` paths resolve against this config file's folder and must stay inside the repository. Required, at least one.",
        ),
      audit: buildAuditSchema(),
    })
    .describe(
      "permgen.config.json: where the permission schema is and which targets permgen generates from it.",
    ) as unknown as z.ZodType<ParsedConfig, unknown>;
}

/**
 * Renders the config's JSON Schema (draft 2020-12) as committed in `permgen.config.schema.json`:
 * derived from the zod schema in input mode, so fields with defaults are optional, as
 * two-space JSON with a trailing newline.
 */
export function renderConfigJsonSchema(targets: readonly TargetDescriptor<any>[]): string {
  const jsonSchema = z.toJSONSchema(buildConfigSchema(targets), { io: "input" });
  return `${JSON.stringify(jsonSchema, null, 2)}\n`;
}
