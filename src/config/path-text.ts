/**
 * What a path in the config may hold. Paths are data that reaches every generated file (the
 * schema path is in each header; output paths are printed and become file names), so a path
 * with a control character or a line separator could end a comment in a header and inject code
 * (`"schema": "s\nimport os; os.system(…) #.ts"`). Such a path is a config error at its place in
 * the JSON (PG0503), before anything is read or written.
 */
import type { z } from "zod";
import { isUnsafeCodePoint } from "../targets/unsafe-chars.js";

/**
 * The first character of `text` a config path may not hold — a control character (tab
 * included), DEL, a C1 control (NEL included), LINE/PARAGRAPH SEPARATOR, the byte order mark, a
 * bidi control or a lone surrogate — as `U+000A`, or undefined when there is none.
 */
export function findForbiddenPathChar(text: string): string | undefined {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0x09 || (char.length === 1 && isUnsafeCodePoint(code))) {
      return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    }
  }
  return undefined;
}

/** Adds the rule of `findForbiddenPathChar` to a config path field; its message says which. */
export function refinePathText(field: z.ZodString): z.ZodString {
  return field.superRefine((value, ctx) => {
    const found = findForbiddenPathChar(value);
    if (found !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `the path contains ${found}, a control or line-separator character; a path that permgen writes into generated files cannot hold one`,
      });
    } else if (/--!?>/.test(value)) {
      // The Markdown header is an HTML comment: its writer would have to escape this, and the
      // header would then no longer name the path byte for byte (generate would disown it).
      ctx.addIssue({
        code: "custom",
        message: 'the path contains "-->", which ends the HTML comment that carries the header in Markdown',
      });
    }
  });
}
