/**
 * The `out` option of a single-file target: the one config field every such target shares, so
 * the rule "a path ending in the target's extension" and its message are written once.
 */
import { z } from "zod";

/**
 * Builds the zod field of a single-file target's `out`: a non-empty path ending in `.` and one
 * of `extensions` (`["md", "markdown"]`), else "must name a .md or .markdown file".
 * `description` becomes the field's editor documentation.
 */
export function buildOutFileOption(
  extensions: readonly [string, ...string[]],
  description: string,
): z.ZodString {
  const ending = extensions.length === 1 ? extensions[0] : `(${extensions.join("|")})`;
  const names = extensions.map((extension) => `.${extension}`).join(" or ");
  return z
    .string()
    .min(1)
    .regex(new RegExp(`\\.${ending}$`), { message: `must name a ${names} file` })
    .describe(description);
}
