/**
 * Go string literals: the only way text reaches a Go string in the generated file.
 */
import { isUnsafeCodePoint } from "../unsafe-chars.js";

/**
 * Renders `text` as an interpreted Go string literal. Printable ASCII other than `"` and `\` is
 * kept, as is any other safe character; `"`, `\`, LF and tab get their short escapes, and every
 * unsafe character (controls, NUL, the byte order mark, which Go rejects anywhere in a file but
 * its start, line separators, bidi controls) becomes `\uXXXX`. A lone surrogate, which Go
 * cannot hold as UTF-8, becomes U+FFFD, as encoding the text as UTF-8 would make it.
 */
export function quoteGo(text: string): string {
  if (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return `"${text}"`;
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\t") out += "\\t";
    else if (code >= 0xd800 && code <= 0xdfff) out += "\\ufffd";
    else if (isUnsafeCodePoint(code)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}
