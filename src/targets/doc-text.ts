/**
 * Schema documentation as comment text, the part every target's comment writer shares: where
 * lines break and how a deprecation is worded. Each language keeps its own comment rendering
 * and escaping (`renderGoComment`, `renderRustDoc`, `renderDocstring`, the TypeScript JSDoc
 * writer); this module only decides the lines.
 *
 * Line breaks: the schema reader already normalises JSDoc line terminators to LF
 * (src/model/line-terminators.ts), but a writer may be handed text that never went through it
 * (a model built by hand, a deprecation reason). Every terminator that module lists — a lone CR
 * included — is therefore a line break here too, never kept inside a line: a lone CR ends a `//`
 * comment for the Go compiler and rustc rejects one in a doc comment, so "break" is the only
 * behaviour that is safe in every language.
 */
import { splitLines } from "../model/line-terminators.js";
import { escapeUnsafeChars, hasUnsafeChars } from "./unsafe-chars.js";

/**
 * Splits schema documentation into comment lines: at every line terminator, each line trimmed
 * and its unsafe characters written as visible `\uXXXX` text (src/targets/unsafe-chars.ts),
 * leading and trailing blank lines removed, runs of blank lines collapsed to one (`""` marks a
 * paragraph break). Undefined text has no lines.
 */
export function splitDocLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  // Most documentation is one line of safe text (every line terminator is an unsafe
  // character): then it is that line trimmed, and nothing to split or escape.
  if (!hasUnsafeChars(text)) {
    const line = text.trim();
    return line === "" ? [] : [line];
  }
  const lines: string[] = [];
  for (const raw of splitLines(text)) {
    const line = escapeUnsafeChars(raw.trim());
    if (line === "" && (lines.length === 0 || lines[lines.length - 1] === "")) continue;
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** How one language words a deprecation in prose. */
export interface DeprecationWords {
  /** Put before the reason: `"Deprecated: "`, `"@deprecated "`. */
  readonly prefix: string;
  /** The whole note when the schema gives no reason: `"Deprecated."`, `"@deprecated"`. */
  readonly withoutReason: string;
}

/**
 * Words a deprecation: `prefix` plus the reason, or `withoutReason` when the reason is empty
 * (`@deprecated` with no text). The reason is kept as given, line breaks included: the caller's
 * comment writer splits and escapes it like any other text.
 */
export function formatDeprecation(reason: string, words: DeprecationWords): string {
  return reason === "" ? words.withoutReason : `${words.prefix}${reason}`;
}

/**
 * A deprecation reason on one line, for a target that shows it in one compiler message (Rust's
 * `#[deprecated(note = …)]`): the reason's comment lines (`splitDocLines`) joined by spaces,
 * paragraph breaks dropped; "" when there is no reason.
 */
export function joinDeprecationReason(reason: string): string {
  return splitDocLines(reason)
    .filter((line) => line !== "")
    .join(" ");
}
