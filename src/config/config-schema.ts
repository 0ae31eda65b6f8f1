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

/** A target entry after zod parsing, before paths are resolved. */
export interface ParsedTargetOptions {
  readonly language: string;
  readonly out: string;
  readonly [option: string]: unknown;
}

/** The config after zod parsing (defaults applied), before paths are resolved. */
export interface ParsedConfig {
  readonly $schema?: string | undefined;
  readonly schema: string;
  readonly targets: readonly ParsedTargetOptions[];
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
        .default(DEFAULT_SCHEMA_PATH)
        .describe(
          "The TypeScript schema file, relative to this config file. permgen reads it statically and never runs it. Default: \"schema/permissions.ts\".",
        ),
      targets: z
        .array(target)
        .min(1)
        .describe(
          "What to generate: one entry per output. Relative `out` paths resolve against this config file's folder and must stay inside the repository. Required, at least one.",
        ),
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
