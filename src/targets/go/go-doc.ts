/**
 * Go doc comments from schema JSDoc, written the way gofmt leaves them.
 *
 * gofmt (Go 1.19+) rewrites top-level doc comments with go/doc/comment: indented lines become
 * code blocks or lists, and a lone capitalised line between blank lines becomes a `# Heading`.
 * Schema text is therefore normalised first (lines trimmed, runs of blank lines collapsed), and
 * in top-level comments an old-style heading is written in the `# Heading` form gofmt would
 * produce, so `gofmt -l` never finds the generated file.
 */
import type { Doc } from "../../model/model.js";

/**
 * Splits schema documentation into comment lines: each line trimmed, leading and trailing blank
 * lines removed, runs of blank lines collapsed to one (`""` marks a paragraph break).
 */
export function splitDocLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" && (lines.length === 0 || lines[lines.length - 1] === "")) continue;
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Tells whether go/doc/comment reads `lines[i]` as an old-style heading: a single-line
 * paragraph after a blank line, followed by a blank line and more text, starting with an
 * upper-case letter, ending with a letter or digit, without most punctuation.
 */
function isOldStyleHeading(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? "";
  if (i <= 0 || lines[i - 1] !== "" || i + 2 >= lines.length || lines[i + 1] !== "") return false;
  if (!/^\p{Lu}/u.test(line) || !/[\p{L}\p{N}]$/u.test(line)) return false;
  if (/[;:!?+*/=[\]{}_^°&§~%#@<">\\]/.test(line)) return false;
  // "'" only in a possessive "'s"; "." only when followed by a non-space.
  if (/'(?!s(?: |$))/.test(line)) return false;
  return !/\.(?: |$)/.test(line);
}

/**
 * Renders a doc comment as Go `//` lines at the given indentation. `lines` are the paragraphs'
 * lines (`""` between paragraphs). In a top-level comment (`indent` empty) an old-style heading
 * is written as `# Heading`, as gofmt rewrites it; indented comments are never rewritten.
 */
export function renderGoComment(lines: readonly string[], indent: string): string[] {
  return lines.map((line, i) => {
    if (line === "") return `${indent}//`;
    const text = indent === "" && isOldStyleHeading(lines, i) ? `# ${line}` : line;
    return `${indent}// ${text}`;
  });
}

/**
 * Builds the comment lines of one generated declaration: the Go-style first sentence (starting
 * with the identifier), then the schema's description, then a `Deprecated:` paragraph when the
 * member is deprecated (the form go vet, gopls and pkg.go.dev recognise).
 */
export function buildDocLines(summary: string, doc: Doc | undefined): string[] {
  const lines = [summary];
  const description = splitDocLines(doc?.description);
  if (description.length > 0) lines.push("", ...description);
  if (doc?.deprecated !== undefined) {
    const reason = splitDocLines(doc.deprecated);
    lines.push(
      "",
      `Deprecated: ${reason[0] ?? "marked @deprecated in the schema."}`,
      ...reason.slice(1),
    );
  }
  return lines;
}
