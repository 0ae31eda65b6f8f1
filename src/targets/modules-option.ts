/**
 * The `modules` option every code and SQL target shares (issue 12): a target entry may list
 * the config's modules it emits, so one repository can write one Go package per domain (seed
 * 004) from one vocabulary and one lock. Written once here so the field, its editor text and
 * its rules are the same on every target; the config stage checks the names against the
 * config's `modules` (PG0130, PG0131), the pipeline narrows the model with `restrictModel`.
 */
import { z } from "zod";

/** The zod field of a target's `modules`: a non-empty list of module names, optional. */
export function buildModulesOption(): z.ZodOptional<z.ZodArray<z.ZodString>> {
  return z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe(
      'Only these modules of the config\'s "modules" are emitted by this target (for example' +
        ' ["billing"] for a Go package of one domain): their resources and permissions, every' +
        " role holding only their permissions (a role holding none is still listed and grants" +
        " nothing). Ids and SCHEMA_DIGEST stay the whole vocabulary's. Default: every module.",
    );
}
