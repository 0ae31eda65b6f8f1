/**
 * Characters that must never reach generated source raw, whatever construct they land in, and
 * the one function every target's comment and string writers use to replace them.
 *
 * Each one breaks some tool or hides text from a reviewer: C0 controls other than tab (NUL is
 * illegal in Go and Python source, CR ends a Postgres `--` comment, ESC drives terminals), DEL,
 * C1 controls (NEL is a line break to some tools), LINE/PARAGRAPH SEPARATOR, the byte order
 * mark (illegal inside Go source), the bidirectional embedding, override and isolate controls
 * (rustc rejects them in comments and literals: "Trojan Source"), and lone surrogates (no UTF-8
 * encoding exists for them).
 */

/** Whether the code point at hand must not appear raw in generated source. */
export function isUnsafeCodePoint(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfeff ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** Matches one unsafe character (a lone surrogate included): a fast test before escaping. */
const UNSAFE = /[\0-\x08\n-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** Whether `text` holds any character `isUnsafeCodePoint` rejects. */
export function hasUnsafeChars(text: string): boolean {
  return UNSAFE.test(text);
}

/** The visible form of an unsafe character in comments: `\u001b` (lower-case hex, 4 digits). */
export function renderUnicodeEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * Replaces every unsafe character of `text` with `render(codePoint)` (by default its visible
 * `\uXXXX` form) and keeps every other character. A lone surrogate is passed to `render` as
 * its own code unit; a surrogate pair is one safe character.
 */
export function escapeUnsafeChars(
  text: string,
  render: (code: number) => string = renderUnicodeEscape,
): string {
  if (!UNSAFE.test(text)) return text;
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += char.length === 1 && isUnsafeCodePoint(code) ? render(code) : char;
  }
  return out;
}

/**
 * Makes JSON text show every unsafe character `JSON.stringify` leaves raw (DEL, C1 controls,
 * LINE/PARAGRAPH SEPARATOR, the byte order mark, bidi controls) as a `\uXXXX` escape. Those
 * characters can only stand inside JSON strings, where the escape means the same character, so
 * the parsed value is unchanged. (`JSON.stringify` already escapes C0 controls and lone
 * surrogates.)
 */
export function escapeUnsafeJson(json: string): string {
  return json.replace(
    /[\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
