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
  // One pass over the value (every name of every target goes through here): no array of words.
  let out = "";
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const code = i < value.length ? value.charCodeAt(i) : 46;
    if (code !== 46 && code !== 95) continue;
    if (i > start) {
      out += upperFirst(value.charCodeAt(start), value[start] ?? "") + value.slice(start + 1, i);
    }
    start = i + 1;
  }
  return out;
}

/**
 * The first code unit of a word in upper case, as `word.charAt(0).toUpperCase()` writes it:
 * ASCII directly, anything else (`ß` → `SS`, a lone surrogate unchanged) through toUpperCase.
 */
function upperFirst(code: number, unit: string): string {
  if (code >= 97 && code <= 122) return String.fromCharCode(code - 32);
  return code < 128 ? unit : unit.toUpperCase();
}

/**
 * Converts a schema value to UPPER_SNAKE: dots become underscores, letters upper case
 * (`engagement.member.manage` → `ENGAGEMENT_MEMBER_MANAGE`). Runs of `_` are kept, so
 * `a__b` and `a_b` stay apart.
 */
export function convertToUpperSnakeCase(value: string): string {
  return value.replaceAll(".", "_").toUpperCase();
}
