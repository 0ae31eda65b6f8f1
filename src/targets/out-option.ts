/**
 * The `out` option of a single-file target: the one config field every such target shares, so
 * the rule "a path ending in the target's extension" and its message are written once.
 */
import { z } from "zod";
import { refinePathText } from "../config/path-text.js";

/**
 * Builds the zod field of a single-file target's `out`: a non-empty path ending in `.` and one
 * of `extensions` (`["md", "markdown"]`), else "must name a .md or .markdown file".
 * `description` becomes the field's editor documentation. A control character in the path is
 * an error (src/config/path-text.ts).
 */
export function buildOutFileOption(
  extensions: readonly [string, ...string[]],
  description: string,
): z.ZodString {
  const ending = extensions.length === 1 ? extensions[0] : `(${extensions.join("|")})`;
  const names = extensions.map((extension) => `.${extension}`).join(" or ");
  return refinePathText(
    z
      .string()
      .min(1)
      .regex(new RegExp(`\\.${ending}$`), { message: `must name a ${names} file` }),
  ).describe(description);
}
