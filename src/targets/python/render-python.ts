/**
 * The few formatting rules of black and `ruff format` that the Python emitter needs, so the
 * generated module is already formatted (the target uses `format: "none"`): string literals
 * with black's quote choice, docstrings, and splitting a bracketed expression that does not fit
 * in 88 columns the way black does.
 */
import type { LineSink } from "../lines.js";
import { escapeUnsafeChars, isUnsafeCodePoint } from "../unsafe-chars.js";

/** black's and ruff's default line length. */
export const LINE_LENGTH = 88;

/** Four spaces per level. */
export const INDENT = "    ";

/**
 * A Python expression that may be split across lines: `head` ends with the opening bracket,
 * `tail` starts with the closing one and holds whatever follows on that line.
 */
export interface Bracketed {
  readonly head: string;
  readonly items: readonly Expression[];
  readonly tail: string;
  /**
   * A collection display (`(…)`, `[…]`, `{…}` as a value rather than a call or subscript):
   * black puts one item per line as soon as it must split one.
   */
  readonly display: boolean;
  /** Always one item per line (a magic trailing comma keeps it so under black). */
  readonly explode: boolean;
}

export type Expression = string | Bracketed;

/** Builds a call or subscript (`frozenset(`, `Literal[`) whose items black keeps together. */
export function bracket(head: string, items: readonly Expression[], tail: string): Bracketed {
  return { head, items, tail, display: false, explode: false };
}

/** Builds a collection display that is always written one item per line. */
export function explodedDisplay(
  head: string,
  items: readonly Expression[],
  tail: string,
): Bracketed {
  return { head, items, tail, display: true, explode: items.length > 0 };
}

/** Builds a collection display (a tuple) that stays on one line when it fits. */
export function display(head: string, items: readonly Expression[], tail: string): Bracketed {
  return { head, items, tail, display: true, explode: false };
}

/**
 * Renders an expression as lines at `indent` levels, followed by `suffix` (`,` inside an
 * exploded parent): on one line when it fits; else, like black's right-hand split, the single
 * item or the items on one line of their own between the brackets; else one item per line with
 * a trailing comma. A string that does not fit is left long, as black leaves it.
 */
export function renderExpression(expr: Expression, indent: number, suffix = ""): string[] {
  const out: string[] = [];
  pushExpression(out, expr, indent, suffix);
  return out;
}

/** What `renderExpression` gives, pushed onto `out` (a file's `LineBuffer`) instead. */
export function pushExpression(out: LineSink, expr: Expression, indent: number, suffix = ""): void {
  writeExpression(out, expr, indent, suffix);
}

/** `INDENT.repeat(n)` for the depths a module reaches, built once (an item is written per line). */
const PADS = Array.from({ length: 8 }, (_, n) => INDENT.repeat(n));

function padOf(indent: number): string {
  return PADS[indent] ?? INDENT.repeat(indent);
}

function writeExpression(out: LineSink, expr: Expression, indent: number, suffix: string): void {
  const pad = padOf(indent);
  if (typeof expr === "string") {
    out.push(pad + expr + suffix);
    return;
  }
  const flat = flattenExpression(expr);
  if (flat !== undefined && pad.length + flat.length + suffix.length <= LINE_LENGTH) {
    out.push(pad + flat + suffix);
    return;
  }
  out.push(pad + expr.head);
  const only = expr.items.length === 1 ? expr.items[0] : undefined;
  const inner = padOf(indent + 1);
  // The items' one-line form is the flat form without the brackets (both are undefined when
  // an item must be exploded), so it is not built a second time.
  const body =
    expr.explode || expr.display || only !== undefined || flat === undefined
      ? undefined
      : flat.slice(expr.head.length, flat.length - expr.tail.length);
  if (only !== undefined && !expr.explode) {
    writeExpression(out, only, indent + 1, "");
  } else if (body !== undefined && expr.items.length > 0 && fits(inner + body)) {
    out.push(inner + body);
  } else {
    for (const item of expr.items) writeExpression(out, item, indent + 1, ",");
  }
  out.push(pad + expr.tail + suffix);
}

/** The one-line form of an expression, or undefined when it must be exploded. */
function flattenExpression(expr: Expression): string | undefined {
  if (typeof expr === "string") return expr;
  if (expr.explode) return undefined;
  let body = "";
  for (let i = 0; i < expr.items.length; i++) {
    const flat = flattenExpression(expr.items[i] ?? "");
    if (flat === undefined) return undefined;
    body += i === 0 ? flat : `, ${flat}`;
  }
  return expr.head + body + expr.tail;
}

function fits(line: string): boolean {
  return line.length <= LINE_LENGTH;
}

/**
 * Renders `name = value` (an enum member or a constant) at `indent` levels; when the line is
 * too long but the value alone fits on a line of its own, the value goes in parentheses on the
 * next line, as black and ruff format it.
 */
export function renderAssignment(target: string, value: string, indent: number): string[] {
  const out: string[] = [];
  pushAssignment(out, target, value, indent);
  return out;
}

/** What `renderAssignment` gives, pushed onto `out` (no array per member of an enum). */
export function pushAssignment(out: LineSink, target: string, value: string, indent: number): void {
  const pad = padOf(indent);
  const line = `${pad}${target} = ${value}`;
  if (fits(line) || !fits(padOf(indent + 1) + value)) out.push(line);
  else out.push(`${pad}${target} = (`, padOf(indent + 1) + value, `${pad})`);
}

/**
 * Renders a Python string literal with black's quote choice: double quotes unless single
 * quotes need fewer escapes. Backslashes, the chosen quote and unsafe characters (controls,
 * line separators, the byte order mark, bidi controls, lone surrogates) are escaped, so any text
 * round-trips. The only way text reaches a Python string literal.
 */
export function renderString(text: string): string {
  // Fast path: printable ASCII without quotes or backslashes, as every schema value is.
  if (/^[\x20-\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/.test(text)) return `"${text}"`;
  const doubles = countOf(text, '"');
  const singles = countOf(text, "'");
  const quote = singles < doubles ? "'" : '"';
  let out = "";
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else out += escapeControl(ch);
  }
  return quote + out + quote;
}

/**
 * Renders a docstring at `indent` levels: `"""text"""` on one line for one-line text, else the
 * first line after the opening quotes, the others indented, the closing quotes on their own
 * line. Backslashes, unsafe characters (CR and every other control, NUL, line separators, the
 * byte order mark, bidi controls) and runs of three double quotes are escaped, a lone surrogate
 * becomes `\ufffd` (a class docstring with one fails the import),
 * so only LF breaks a line and the text reads back; a quote at either end is padded with
 * a space, as black does. The only way text reaches a docstring.
 */
export function renderDocstring(text: string, indent: number): string[] {
  const pad = INDENT.repeat(indent);
  const lines = text.split("\n").map((line) => escapeDocstringLine(line.trimEnd()));
  let first = lines[0] ?? "";
  if (first.startsWith('"')) first = ` ${first}`;
  lines[0] = first;
  const lastIndex = lines.length - 1;
  if ((lines[lastIndex] ?? "").endsWith('"')) lines[lastIndex] = `${lines[lastIndex] ?? ""} `;
  if (lines.length === 1) return [`${pad}"""${lines[0] ?? ""}"""`];
  const out = [`${pad}"""${lines[0] ?? ""}`];
  for (const line of lines.slice(1)) out.push(line === "" ? "" : pad + line);
  out.push(`${pad}"""`);
  return out;
}

function escapeDocstringLine(line: string): string {
  let out = "";
  // A class docstring becomes the type's C-level doc, encoded as UTF-8 when the class is
  // created: a lone surrogate there fails the import, so it shows as U+FFFD instead.
  for (const ch of line) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) out += "\\ufffd";
    else out += ch === "\\" ? "\\\\" : escapeControl(ch);
  }
  return out.replaceAll('"""', '\\"\\"\\"');
}

function escapeControl(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x0a) return "\\n";
  if (code === 0x09) return "\\t";
  if (code === 0x0d) return "\\r";
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, "0")}`;
  // Line separators, C1 controls, the BOM, bidi controls and lone surrogates: a `\\u` escape
  // (Python strings can hold a lone surrogate; its UTF-8 source form would not exist).
  if (ch.length === 1 && isUnsafeCodePoint(code)) return `\\u${code.toString(16).padStart(4, "0")}`;
  return ch;
}

/**
 * Renders one `#` comment line: every line terminator and unsafe character of `text` is
 * written as visible `\\uXXXX` text, so the comment always ends where the line does.
 */
export function renderPythonLineComment(text: string): string {
  return `# ${escapeUnsafeChars(text)}`.trimEnd();
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n += 1;
  return n;
}
