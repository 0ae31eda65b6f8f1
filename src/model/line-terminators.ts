/**
 * The line terminators permgen recognises in schema text, in one place: the schema reader
 * normalises documentation with them once, and every target's comment writer splits with them
 * again, so a writer given raw text (a model built by hand, a path) still never lets a line
 * break end its construct.
 */

/**
 * Every sequence that some language, editor or tool reads as a line break: CRLF, LF, CR, NEL
 * (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029), VT and FF. CRLF comes first
 * so it counts as one break.
 */
export const LINE_TERMINATOR = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/** Replaces every line terminator (CRLF counting as one) with a single LF. */
export function normalizeLineTerminators(text: string): string {
  return text.replace(LINE_TERMINATOR, "\n");
}

/** Splits text into lines at every line terminator (CRLF counting as one). */
export function splitLines(text: string): string[] {
  return text.split(LINE_TERMINATOR);
}
