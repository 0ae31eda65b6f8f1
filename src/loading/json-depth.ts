/** A bound on JSON nesting, checked before any recursive parser sees the text. */

/**
 * How deep a JSON file permgen reads may nest: a key list needs 1 or 2 levels, the config about
 * 5; jsonc-parser's tree builder and the readers after it recurse.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The offset of the first bracket past MAX_JSON_DEPTH (strings skipped), or undefined. Checked
 * before jsonc-parser sees the text: its tree builder recurses and a hostile file of 100,000
 * `[` would overflow the stack.
 */
export function findDeepJson(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth > MAX_JSON_DEPTH) return i;
    } else if (c === "]" || c === "}") depth--;
  }
  return undefined;
}
