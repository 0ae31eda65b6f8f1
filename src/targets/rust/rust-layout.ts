/**
 * Rust source text in rustfmt's layout (default configuration, edition 2021), for the few
 * constructs whose layout depends on the length of schema names: match arms, slice literals,
 * two-element tuples and `#[deprecated]` attributes.
 *
 * The rules are rustfmt's, restated for these shapes (test/rust/rust-layout.test.ts checks them
 * against rustfmt itself):
 * - a line holds at most 100 columns (`max_width`);
 * - a list of two or more items goes on one line only when its items, joined by `, `, take at
 *   most 60 columns (`array_width` for slices, `fn_call_width` for tuples); a single item goes
 *   on one line whenever the line fits; otherwise one item per line with a trailing comma;
 * - a match arm that does not fit on one line puts its body in a block on the next line, or,
 *   when even `pattern => {` does not fit and the pattern is a tuple, breaks the pattern;
 * - an assignment whose slice does not fit on its line moves it to the next line when it fits
 *   there on one line, and otherwise breaks the slice after `&[` (a lone tuple after `&[(`).
 * When no layout fits (a name longer than a line), rustfmt leaves the whole construct as
 * written; the layouts here then keep the arm on one line, which rustfmt accepts unchanged.
 * Checked against rustfmt for names up to 95 characters in match arms and 60 in slices (a
 * permission name over 70 characters in a role's slice, wider than the line it would sit on,
 * is where rustfmt's choices stop being reproduced here).
 */
import { isUnsafeCodePoint } from "../unsafe-chars.js";

/** rustfmt's `max_width`. */
const MAX_WIDTH = 100;
/** rustfmt's `array_width` and `fn_call_width` (60% of `max_width`). */
const LIST_WIDTH = 60;
/**
 * Where a slice moved to a line of its own must end: rustfmt gives an expression on a new line
 * two columns less than `max_width` (measured: 98 fits, 99 does not).
 */
const NEXT_LINE_LAST_COLUMN = 98;
/** One indentation step. */
const INDENT = "    ";

/** A slice element or a match pattern: one token-like text, or a two-element tuple. */
export type RustItem = string | { readonly tuple: readonly [string, string] };

/** A match arm's body: one token-like expression, or a slice literal of items. */
export type RustBody = string | { readonly slice: readonly RustItem[] };

/**
 * Measures text the way rustfmt does (Unicode display width): one column per code point, two
 * for East Asian wide and full-width characters, none for combining marks.
 */
export function measureRustWidth(text: string): number {
  // Schema values and generated names are printable ASCII: one column per character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (/\p{Mn}/u.test(char) || code === 0x200b) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

/** East Asian Wide and Fullwidth ranges (the ones rustfmt's unicode-width counts as 2). */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/**
 * Quotes text as a Rust string literal: `\\`, `"`, `\n`, `\r`, `\t` and `\0` escaped, every
 * other unsafe character (controls, the byte order mark, line separators, and the bidi controls
 * rustc denies in literals) as `\u{…}`, a lone surrogate (not representable in Rust) as U+FFFD,
 * every other character kept as it is (Rust source is UTF-8). The only way text reaches a Rust
 * string literal.
 */
export function quoteRust(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "\\") out += "\\\\";
    else if (char === '"') out += '\\"';
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code === 0) out += "\\0";
    else if (code >= 0xd800 && code <= 0xdfff) out += "\u{fffd}";
    else if (isUnsafeCodePoint(code)) out += `\\u{${code.toString(16)}}`;
    else out += char;
  }
  return `${out}"`;
}

/** Tells whether a line fits rustfmt's width. */
function fits(line: string): boolean {
  return measureRustWidth(line) <= MAX_WIDTH;
}

/** The one-line form of an item: the text, or `(a, b)`. */
function renderItemInline(item: RustItem): string {
  return typeof item === "string" ? item : `(${item.tuple.join(", ")})`;
}

/** Tells whether an item may stand on one line at all (a tuple within the list width). */
function isInlineItem(item: RustItem): boolean {
  return typeof item === "string" || measureRustWidth(item.tuple.join(", ")) <= LIST_WIDTH;
}

/** Renders one item of a vertical slice at `indent`, with its trailing comma. */
function renderVerticalItem(item: RustItem, indent: string): string[] {
  const line = `${indent}${renderItemInline(item)},`;
  if (typeof item === "string" || (isInlineItem(item) && fits(line))) return [line];
  return [`${indent}(`, ...item.tuple.map((part) => `${indent}${INDENT}${part},`), `${indent}),`];
}

/**
 * Lays out a slice literal `&[…]` whose first character is at column `column` on a line indented
 * by `indent`, followed on its last line by `trailerWidth` more columns (`;` or `,`), on one
 * line only when it ends by `lastColumn`. Returns its lines: the first without indentation (it
 * continues a line), the others fully indented.
 */
function layoutSlice(
  items: readonly RustItem[],
  column: number,
  indent: string,
  trailerWidth: number,
  lastColumn: number = MAX_WIDTH,
): string[] {
  if (items.length === 0) return ["&[]"];
  // Items take at least one column and their separators two: past that count they cannot fit.
  if (items.length <= (LIST_WIDTH + 2) / 3) {
    const content = items.map(renderItemInline).join(", ");
    const inline = `&[${content}]`;
    const withinListWidth = items.length === 1 || measureRustWidth(content) <= LIST_WIDTH;
    if (
      items.every(isInlineItem) &&
      withinListWidth &&
      column + measureRustWidth(inline) + trailerWidth <= lastColumn
    ) {
      return [inline];
    }
  }
  const inner = indent + INDENT;
  const only = items.length === 1 ? items[0] : undefined;
  if (only !== undefined && typeof only !== "string") {
    // rustfmt lets a lone tuple that must break "overflow": `&[(` … `)]`.
    return ["&[(", ...only.tuple.map((part) => `${inner}${part},`), `${indent})]`];
  }
  return ["&[", ...items.flatMap((item) => renderVerticalItem(item, inner)), `${indent}]`];
}

/**
 * Renders `<lhs> = &[items];` at `indent` (a `const` or `static` item) as rustfmt lays it out:
 * on one line, or with the slice on the next line when it fits there on one line, or broken
 * after `&[` with one item per line.
 */
export function renderSliceAssignment(
  indent: string,
  lhs: string,
  items: readonly RustItem[],
): string[] {
  const prefix = `${indent}${lhs} = `;
  const sameLine = layoutSlice(items, measureRustWidth(prefix), indent, 1);
  if (sameLine.length === 1) return [`${prefix}${sameLine[0] ?? ""};`];
  const inner = indent + INDENT;
  const nextLine = layoutSlice(items, measureRustWidth(inner), inner, 0, NEXT_LINE_LAST_COLUMN);
  if (nextLine.length === 1) return [`${indent}${lhs} =`, `${inner}${nextLine[0] ?? ""};`];
  return appendToLast([`${prefix}${sameLine[0] ?? ""}`, ...sameLine.slice(1)], ";");
}

/**
 * Renders one match arm `pattern => body,` at `indent` as rustfmt lays it out: on one line;
 * else the body in a block on the next line (`pattern => {` … `}`, no comma); else, for a tuple
 * pattern that does not fit before `=> {`, the pattern one element per line. A slice body that
 * fits on neither line alone is broken after `&[` on the arm's line.
 */
export function renderMatchArm(indent: string, pattern: RustItem, body: RustBody): string[] {
  const head = `${indent}${renderItemInline(pattern)} =>`;
  const inner = indent + INDENT;
  if (typeof body !== "string" && body.slice.length === 0)
    return renderMatchArm(indent, pattern, "&[]");
  if (typeof body !== "string") {
    const sameLine = layoutSlice(body.slice, measureRustWidth(head) + 1, indent, 1);
    if (sameLine.length === 1) return [`${head} ${sameLine[0] ?? ""},`];
    const nextLine = layoutSlice(
      body.slice,
      measureRustWidth(inner),
      inner,
      0,
      NEXT_LINE_LAST_COLUMN,
    );
    // The same-line layout is out when its first line, `pattern => &[`, leaves no room for the
    // comma that ends the arm.
    if (nextLine.length === 1 || !fits(`${head} &[,`)) {
      return [`${head} {`, `${inner}${nextLine[0] ?? ""}`, ...nextLine.slice(1), `${indent}}`];
    }
    return appendToLast([`${head} ${sameLine[0] ?? ""}`, ...sameLine.slice(1)], ",");
  }
  const oneLine = `${head} ${body},`;
  if (fits(oneLine)) return [oneLine];
  if (typeof pattern !== "string" && !fits(`${head} {`)) {
    const close = `${indent}) => ${body},`;
    return [
      `${indent}(`,
      ...pattern.tuple.map((part) => `${inner}${part},`),
      ...(fits(close) ? [close] : [`${indent}) => {`, `${inner}${body}`, `${indent}}`]),
    ];
  }
  const block = [`${head} {`, `${inner}${body}`, `${indent}}`];
  // No layout fits: rustfmt leaves the match as written, so keep the arm on one line.
  return block.every(fits) ? block : [oneLine];
}

/**
 * Renders the `#[deprecated]` attribute of an item at `indent`: bare when the schema gives no
 * reason, `#[deprecated(note = "…")]` otherwise, broken over three lines as rustfmt does when
 * the one-line form reaches the 100th column.
 */
export function renderDeprecatedAttribute(indent: string, note: string): string[] {
  if (note === "") return [`${indent}#[deprecated]`];
  const argument = `note = ${quoteRust(note)}`;
  const line = `${indent}#[deprecated(${argument})]`;
  if (measureRustWidth(line) < MAX_WIDTH) return [line];
  return [`${indent}#[deprecated(`, `${indent}${INDENT}${argument}`, `${indent})]`];
}

/** Appends text to the last line of a non-empty list of lines. */
function appendToLast(lines: readonly string[], suffix: string): string[] {
  return lines.map((line, i) => (i === lines.length - 1 ? `${line}${suffix}` : line));
}
