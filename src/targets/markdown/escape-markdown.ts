/**
 * How text from the schema becomes Markdown the Markdown target can place anywhere: in a table
 * cell, in a list item, as a paragraph.
 *
 * Descriptions are plain text (the same JSDoc becomes a Python docstring and a Go comment), so
 * Markdown shows them literally: every character that would start markup is escaped, HTML cannot
 * get through (`<script>` shows as text), a `|` cannot end a table cell, and a newline becomes
 * `<br>` so a description never leaves its cell or starts a block of its own. Values, keys and
 * names come from the schema's format rules (lowercase, digits, `_`, `.`) and are shown as code;
 * member names and paths can hold anything, so code spans are made safe too.
 *
 * Unsafe characters (controls, NUL, the byte order mark, bidi controls, lone surrogates) are
 * written as visible `\uXXXX` text everywhere, and every line terminator (CR, CRLF, LF, NEL,
 * U+2028, U+2029, VT, FF) is a line break in descriptions.
 */
import { splitLines } from "../../model/line-terminators.js";
import { escapeUnsafeChars, hasUnsafeChars } from "../unsafe-chars.js";

/** Characters escaped with a backslash wherever they appear: each can start inline markup. */
const BACKSLASH_ESCAPED = new Set(["\\", "`", "*", "[", "]", "|", "~"]);

/** Characters written as HTML entities, so no raw HTML or autolink can form. */
const ENTITIES: ReadonlyMap<string, string> = new Map([
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
]);

/** Whether `char` is an ASCII letter or digit: `_` between two of them is never emphasis. */
function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9]$/.test(char);
}

/**
 * Escapes plain text for Markdown (GitHub Flavored Markdown): the result renders as exactly
 * `text`, on one source line, safe inside a table cell or at the start of a line. Backslash,
 * backtick, `*`, `[`, `]`, `|`, `~` and `_` (unless inside a word, where it is never emphasis)
 * get a backslash; `&`, `<`, `>` become entities; each line break (any line terminator) becomes
 * `<br>`; unsafe characters are shown as `\uXXXX`; a leading `#`, `+`, `-`, `=` or ordered-list number is escaped so no heading, list or
 * rule can start. Linear in the length of `text`.
 */
export function escapeMarkdownText(text: string): string {
  const lines = splitLines(text).map((line) => escapeUnsafeChars(line));
  const escapedLines = lines.map((line) => {
    let out = "";
    for (let i = 0; i < line.length; i++) {
      const char = line.charAt(i);
      const entity = ENTITIES.get(char);
      if (entity !== undefined) out += entity;
      else if (BACKSLASH_ESCAPED.has(char)) out += `\\${char}`;
      else if (char === "_" && !(isAlphanumeric(line[i - 1]) && isAlphanumeric(line[i + 1]))) {
        out += "\\_";
      } else out += char;
    }
    return out;
  });
  return escapeBlockStart(escapedLines.join("<br>"));
}

/**
 * Escapes what would make a line starting with `text` a block construct rather than a
 * paragraph: an ATX heading, a list item, a setext underline or an ordered-list marker.
 * (`>` is already an entity; the model trims leading whitespace.)
 */
function escapeBlockStart(text: string): string {
  if (/^[#+\-=]/.test(text)) return `\\${text}`;
  const ordered = /^(\d{1,9})([.)])/.exec(text);
  if (ordered !== null) {
    const digits = ordered[1] ?? "";
    return `${digits}\\${text.slice(digits.length)}`;
  }
  return text;
}

/**
 * Renders `text` as an inline code span: fenced with one more backtick than the longest run of
 * backticks it contains, padded with a space when it starts or ends with a backtick. Meant for
 * values, keys, names and paths; a line terminator or any other unsafe character in them is
 * shown as `\uXXXX`, so the span stays on its line. Outside tables only: see `renderCodeCell`.
 */
export function renderCodeSpan(rawText: string): string {
  // Keys, values and names hold no backtick and nothing unsafe: one backtick each side.
  if (!rawText.includes("`") && !hasUnsafeChars(rawText)) return `\`${rawText}\``;
  const text = escapeUnsafeChars(rawText);
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Renders `text` as a code span inside a table cell: as `renderCodeSpan`, with `|` escaped (GFM
 * splits cells at an unescaped `|` even inside a code span, and shows `\|` there as `|`).
 */
export function renderCodeCell(text: string): string {
  const span = renderCodeSpan(text);
  // Fences, padding and `\uXXXX` escapes add no `|`: a span has one only when the text has.
  return text.includes("|") ? span.replaceAll("|", "\\|") : span;
}

/**
 * Renders an HTML comment (`<!-- text -->`) on one line: unsafe characters visible, and a `--`
 * followed by `>` or `!>`, which would end the comment, written with `&gt;` (comments show
 * entities literally).
 */
export function renderHtmlComment(text: string): string {
  return `<!-- ${escapeUnsafeChars(text).replace(/--(!?)>/g, "--$1&gt;")} -->`;
}

/**
 * Renders one table row from already-escaped cells: `| a | b |`, an empty cell as `| |`, so no
 * line ends with a space.
 */
export function renderTableRow(cells: readonly string[]): string {
  // One concatenation per cell (no array of padded cells): the matrix has a row per permission.
  let row = "|";
  for (const cell of cells) row += cell === "" ? " |" : ` ${cell} |`;
  return row;
}
