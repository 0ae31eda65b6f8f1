/**
 * The `maxBits` option of the Go and TypeScript targets: code that packs permission ids into a
 * fixed-width integer (seed 004's `int64` mask holds bits 0–62; a JavaScript bitwise operator
 * holds 32) must never meet an id past it, or a grant silently drops. Ids come from the lock and
 * never move, so the check is at the permission whose id is too large, once ids are assigned.
 */
import { z } from "zod";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Model } from "../model/model.js";

/** The zod schema of `maxBits`. */
export function buildMaxBitsOption(example: string): z.ZodOptional<z.ZodNumber> {
  return z
    .number()
    .int()
    .min(1)
    .max(1_048_576)
    .optional()
    .describe(
      `Every permission id must be below this number (${example}): an id at or past it is an error at the permission that has it. Retired ids keep their bits, so they count. Default: no limit.`,
    );
}

/**
 * One PG0407 per permission whose lock id is `maxBits` or more, at the permission. When ids
 * below the limit are retired (removed keys keep their ids for good), the message says how many
 * and suggests modules, the way to give a domain a vocabulary (and ids) of its own.
 */
export function checkMaxBits(
  model: Model,
  maxBits: number | undefined,
  target: string,
): Diagnostic[] {
  if (maxBits === undefined) return [];
  const live = model.permissions.filter((p) => p.id < maxBits).length;
  const retired = maxBits - live;
  return model.permissions
    .filter((p) => p.id >= maxBits)
    .map((p) => {
      const because =
        retired > 0
          ? `; ${retired} of the ids below it ${retired === 1 ? "is" : "are"} retired (ids are never reused, so retired ids keep their bits)`
          : "";
      return {
        code: Codes.PermissionIdPastMaxBits,
        message:
          `permission "${p.key}" has id ${p.id}, which the ${target} target's maxBits ${maxBits} does not allow (ids 0-${maxBits - 1})${because}; ` +
          "move part of the vocabulary into a module (a target's `modules` list emits only those), or raise maxBits",
        file: p.position.file,
        line: p.position.line,
        column: p.position.column,
      };
    });
}
