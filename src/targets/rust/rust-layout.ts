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
import type { LineSink } from "../lines.js";

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

/**
 * Tells whether a line fits rustfmt's width. A code unit takes at most two columns (a wide
 * character; a surrogate pair is two units of at most two columns together), so a line of at
 * most half the width fits without being measured.
 */
function fits(line: string): boolean {
  return line.length <= MAX_WIDTH / 2 || measureRustWidth(line) <= MAX_WIDTH;
}

/** The one-line form of an item: the text, or `(a, b)`. */
function renderItemInline(item: RustItem): string {
  return typeof item === "string" ? item : `(${item.tuple[0]}, ${item.tuple[1]})`;
}

/** Tells whether an item may stand on one line at all (a tuple within the list width). */
function isInlineItem(item: RustItem): boolean {
  return (
    typeof item === "string" || measureRustWidth(`${item.tuple[0]}, ${item.tuple[1]}`) <= LIST_WIDTH
  );
}

/** Pushes one item of a vertical slice at `indent`, with its trailing comma. */
function pushVerticalItem(out: LineSink, item: RustItem, indent: string): void {
  if (typeof item === "string") {
    out.push(`${indent}${item},`);
    return;
  }
  const line = `${indent}${renderItemInline(item)},`;
  if (isInlineItem(item) && fits(line)) {
    out.push(line);
    return;
  }
  const inner = indent + INDENT;
  out.push(`${indent}(`, `${inner}${item.tuple[0]},`, `${inner}${item.tuple[1]},`, `${indent}),`);
}

/**
 * The one-line form `&[…]` of a slice literal whose first character is at column `column`,
 * followed by `trailerWidth` more columns (`;` or `,`), when it ends by `lastColumn`; `&[]`
 * for no items; undefined when the slice must break. Items take at least one column and their
 * separators two: past (60 + 2) / 3 items a slice cannot stay within the list width, so longer
 * slices are not joined only to be measured.
 */
function inlineSlice(
  items: readonly RustItem[],
  column: number,
  trailerWidth: number,
  lastColumn: number,
): string | undefined {
  if (items.length === 0) return "&[]";
  if (items.length > (LIST_WIDTH + 2) / 3) return undefined;
  const content = items.map(renderItemInline).join(", ");
  const inline = `&[${content}]`;
  const withinListWidth = items.length === 1 || measureRustWidth(content) <= LIST_WIDTH;
  if (
    items.every(isInlineItem) &&
    withinListWidth &&
    column + measureRustWidth(inline) + trailerWidth <= lastColumn
  ) {
    return inline;
  }
  return undefined;
}

/**
 * Pushes the broken form of a non-empty slice literal, for a slice that does not fit on one
 * line: the first line `&[` after `lead` (the text it continues), the items indented one step
 * past `indent`, the closing `]` at `indent` followed by `suffix`.
 */
function pushBrokenSlice(
  out: LineSink,
  items: readonly RustItem[],
  indent: string,
  suffix: string,
  lead: string,
): void {
  const inner = indent + INDENT;
  const only = items.length === 1 ? items[0] : undefined;
  if (only !== undefined && typeof only !== "string") {
    // rustfmt lets a lone tuple that must break "overflow": `&[(` … `)]`.
    const [first, second] = only.tuple;
    out.push(`${lead}&[(`, `${inner}${first},`, `${inner}${second},`, `${indent})]${suffix}`);
    return;
  }
  out.push(`${lead}&[`);
  for (const item of items) pushVerticalItem(out, item, inner);
  out.push(`${indent}]${suffix}`);
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
  const lines: string[] = [];
  pushSliceAssignment(lines, indent, lhs, items);
  return lines;
}

/**
 * `renderSliceAssignment`, pushing its lines onto `out` (what the emitter calls, so a slice of
 * every permission is not copied from one array into another). Each layout is built at most
 * once: the one-line forms are tried first, the broken form only when neither fits.
 */
export function pushSliceAssignment(
  out: LineSink,
  indent: string,
  lhs: string,
  items: readonly RustItem[],
): void {
  const prefix = `${indent}${lhs} = `;
  const sameLine = inlineSlice(items, measureRustWidth(prefix), 1, MAX_WIDTH);
  if (sameLine !== undefined) {
    out.push(`${prefix}${sameLine};`);
    return;
  }
  const inner = indent + INDENT;
  const nextLine = inlineSlice(items, measureRustWidth(inner), 0, NEXT_LINE_LAST_COLUMN);
  if (nextLine !== undefined) {
    out.push(`${indent}${lhs} =`, `${inner}${nextLine};`);
    return;
  }
  pushBrokenSlice(out, items, indent, ";", prefix);
}

/**
 * Renders one match arm `pattern => body,` at `indent` as rustfmt lays it out: on one line;
 * else the body in a block on the next line (`pattern => {` … `}`, no comma); else, for a tuple
 * pattern that does not fit before `=> {`, the pattern one element per line. A slice body that
 * fits on neither line alone is broken after `&[` on the arm's line.
 */
export function renderMatchArm(indent: string, pattern: RustItem, body: RustBody): string[] {
  const lines: string[] = [];
  pushMatchArm(lines, indent, pattern, body);
  return lines;
}

/**
 * `renderMatchArm`, pushing its lines onto `out` (what the emitter calls: one arm per member,
 * no array per arm). Each slice layout is built at most once.
 */
export function pushMatchArm(
  out: LineSink,
  indent: string,
  pattern: RustItem,
  body: RustBody,
): void {
  const head = `${indent}${renderItemInline(pattern)} =>`;
  if (typeof body === "string") {
    const oneLine = `${head} ${body},`;
    if (fits(oneLine)) {
      out.push(oneLine);
      return;
    }
    pushBrokenArm(out, indent, pattern, head, body, oneLine);
    return;
  }
  if (body.slice.length === 0) {
    pushMatchArm(out, indent, pattern, "&[]");
    return;
  }
  const inner = indent + INDENT;
  const sameLine = inlineSlice(body.slice, measureRustWidth(head) + 1, 1, MAX_WIDTH);
  if (sameLine !== undefined) {
    out.push(`${head} ${sameLine},`);
    return;
  }
  const nextLine = inlineSlice(body.slice, measureRustWidth(inner), 0, NEXT_LINE_LAST_COLUMN);
  if (nextLine !== undefined) {
    out.push(`${head} {`, `${inner}${nextLine}`, `${indent}}`);
    return;
  }
  // The same-line layout is out when its first line, `pattern => &[`, leaves no room for the
  // comma that ends the arm.
  if (!fits(`${head} &[,`)) {
    out.push(`${head} {`);
    pushBrokenSlice(out, body.slice, inner, "", inner);
    out.push(`${indent}}`);
    return;
  }
  pushBrokenSlice(out, body.slice, indent, ",", `${head} `);
}

/** The arm whose one-line form `oneLine` does not fit (a token body), as `renderMatchArm` says. */
function pushBrokenArm(
  out: LineSink,
  indent: string,
  pattern: RustItem,
  head: string,
  body: string,
  oneLine: string,
): void {
  const inner = indent + INDENT;
  if (typeof pattern !== "string" && !fits(`${head} {`)) {
    const close = `${indent}) => ${body},`;
    out.push(`${indent}(`, `${inner}${pattern.tuple[0]},`, `${inner}${pattern.tuple[1]},`);
    if (fits(close)) out.push(close);
    else out.push(`${indent}) => {`, `${inner}${body}`, `${indent}}`);
    return;
  }
  const block = [`${head} {`, `${inner}${body}`, `${indent}}`];
  // No layout fits: rustfmt leaves the match as written, so keep the arm on one line.
  if (block.every(fits)) out.push(...block);
  else out.push(oneLine);
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
