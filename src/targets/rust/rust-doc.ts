/**
 * Rust doc comments (`///`) and `#[deprecated]` attributes from schema JSDoc.
 *
 * rustfmt leaves the text of doc comments alone (its defaults neither wrap nor normalise them)
 * but would strip trailing whitespace, so lines are trimmed here; runs of blank lines collapse
 * to one so the Markdown reads the same in rustdoc.
 */
import { splitLines } from "../../model/line-terminators.js";
import type { Doc } from "../../model/model.js";
import { joinDeprecationReason, splitDocLines } from "../doc-text.js";
import { escapeUnsafeChars, hasUnsafeChars } from "../unsafe-chars.js";
import { renderDeprecatedAttribute } from "./rust-layout.js";

/**
 * Renders paragraphs as `///` lines at `indent`: the paragraphs' lines in order, one empty
 * `///` between paragraphs; empty paragraphs are skipped. The only way text reaches a Rust doc
 * comment: a line holding a line terminator or an unsafe character is cleaned as
 * `splitDocLines` (src/targets/doc-text.ts) does, so no text can end the comment.
 */
export function renderRustDoc(
  indent: string,
  paragraphs: readonly (readonly string[])[],
): string[] {
  const lines: string[] = [];
  const fence = { open: undefined as string | undefined };
  for (const paragraph of paragraphs) {
    if (paragraph.length === 0) continue;
    if (lines.length > 0) lines.push(`${indent}///`);
    for (const line of paragraph.flatMap((text) => (text === "" ? [""] : cleanDocLine(text)))) {
      lines.push(line === "" ? `${indent}///` : `${indent}/// ${markFence(line, fence)}`);
    }
  }
  return lines;
}

/** An opening code fence: three or more backticks or tildes, then anything (its info string). */
const FENCE = /^(`{3,}|~{3,})(.*)$/;

/**
 * A code fence of the schema's text, opened as `text`: rustdoc compiles and runs every other
 * fenced block of a doc comment as a Rust doctest (`cargo test`), and a schema's examples are
 * TypeScript or prose — one made the user's `cargo test` fail. A closing fence (the same
 * character, at least as many, nothing after) is left as it is; lines are already trimmed, so
 * no indented code block can form.
 */
function markFence(line: string, fence: { open: string | undefined }): string {
  const match = FENCE.exec(line);
  if (match === null) return line;
  const marks = match[1] as string;
  const open = fence.open;
  if (open !== undefined) {
    if (marks[0] === open[0] && marks.length >= open.length && (match[2] ?? "").trim() === "") fence.open = undefined;
    return line;
  }
  // A backtick fence's info string may not hold a backtick: such a line is no fence.
  if (marks[0] === "`" && (match[2] ?? "").includes("`")) return line;
  fence.open = marks;
  return `${marks}text`;
}

/**
 * Renders the doc comment and attributes of one enum variant: the schema's description, then
 * `summary` as its own paragraph, then `#[deprecated]` when the member is deprecated (the
 * reason's lines joined by spaces: the compiler prints it in one warning line).
 */
export function renderVariantDoc(indent: string, summary: string, doc: Doc): string[] {
  const lines = renderRustDoc(indent, [splitDocLines(doc.description), [summary]]);
  if (doc.deprecated !== undefined) {
    lines.push(...renderDeprecatedAttribute(indent, joinDeprecationReason(doc.deprecated)));
  }
  return lines;
}

/** One paragraph line made safe: split at line terminators, trimmed, unsafe characters visible. */
function cleanDocLine(text: string): string[] {
  // Every line terminator is an unsafe character: safe text is one line, only trimmed.
  if (!hasUnsafeChars(text)) return [text.trim()];
  return splitLines(text).map((line) => escapeUnsafeChars(line.trim()));
}

/**
 * Renders one `//` comment line: every line terminator and unsafe character of `text` is
 * written as visible `\uXXXX` text, so the comment always ends where the line does.
 */
export function renderRustLineComment(text: string): string {
  return `// ${escapeUnsafeChars(text)}`.trimEnd();
}
