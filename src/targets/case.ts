/**
 * Case conversions every target's name table builds on, in one place, so two targets that
 * spell a value the same way cannot drift apart. Each target keeps its own prefixes, reserved
 * words and escaping in its `names.ts`.
 */

/**
 * Converts a schema value to PascalCase: dots and underscores split words, each word gets an
 * upper-case first letter and keeps the rest (`engagement.member_x` → `EngagementMemberX`).
 * Empty words (from `a__b`, a leading or trailing `_`) vanish, so the result never holds `_`:
 * a target may escape with a trailing `_` without meeting another converted name.
 */
export function convertToPascalCase(value: string): string {
  return value
    .split(/[._]/)
    .filter((word) => word !== "")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/**
 * Converts a schema value to UPPER_SNAKE: dots become underscores, letters upper case
 * (`engagement.member.manage` → `ENGAGEMENT_MEMBER_MANAGE`). Runs of `_` are kept, so
 * `a__b` and `a_b` stay apart.
 */
export function convertToUpperSnakeCase(value: string): string {
  return value.replaceAll(".", "_").toUpperCase();
}
