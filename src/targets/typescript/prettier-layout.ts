/**
 * A small printer that lays out the TypeScript target's data-driven statements exactly as
 * prettier 3 prints them with its default options (printWidth 80, two-space indent, double
 * quotes, trailing commas "all", parser `babel-ts`), so the output stage need not run prettier
 * when no prettier config applies (src/output/format.ts).
 *
 * It knows only the few shapes the emitter produces — "one line if it fits, else one item per
 * line", unions of string or member types, `[a, b]` pairs, calls whose last argument is an
 * array — each checked against prettier by test/typescript/prettier-layout.test.ts over random
 * schemas. Whatever it cannot be sure of (a width it cannot measure, a shape it does not model)
 * it reports through `Layout.doubt`, and the emitter then hands the file to prettier, as before:
 * correct beats fast. Kept free of the emitter's vocabulary so other TypeScript blocks (the
 * per-module blocks of the modules target) can reuse it.
 *
 * A statement can hold a line per permission (100,000 at scale): lists are joined in chunks
 * as their lines come (`joinInChunks`, so the lines die young) instead of kept in arrays of
 * every line, and a list is measured once for its checks (`measureJoined`).
 */

/** prettier's default `printWidth`. */
export const PRINT_WIDTH = 80;

/** Collects doubts while a file is laid out: one is enough to send the file to prettier. */
export class Layout {
  #doubts: string[] = [];

  /** Records that the text just printed may differ from prettier's, and why (for tests). */
  doubt(reason: string): void {
    if (this.#doubts.length < 8) this.#doubts.push(reason);
  }

  /** Whether every statement printed so far is known to be in prettier's layout. */
  get certain(): boolean {
    return this.#doubts.length === 0;
  }

  /** The first few reasons, for tests and debugging. */
  get doubts(): readonly string[] {
    return this.#doubts;
  }
}

// prettier measures non-ASCII text by display width (East Asian wide characters count two,
// combining marks zero, emoji by their own table); printable ASCII is one column each, the only
// width this printer claims to know.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Whether `text` (one line, no line break) fits in the print width when it starts at column
 * `indent`. Text that is not printable ASCII is a doubt (its width is prettier's business) and
 * reads as "does not fit".
 */
export function fits(layout: Layout, indent: number, text: string): boolean {
  if (!PRINTABLE_ASCII.test(text)) {
    layout.doubt("text that is not printable ASCII has a width only prettier knows");
    return false;
  }
  return indent + text.length <= PRINT_WIDTH;
}

/** The width of a joined list, and whether it is printable ASCII: see `measureJoined`. */
export interface JoinedWidth {
  readonly width: number;
  readonly ascii: boolean;
}

/**
 * Measures `items.join(separator)` once, for every `fitsJoined` of the same list (a list is
 * checked for one line, then for one line after a break). The joined text is measured and
 * dropped: one flat string, which the young-generation collector does not copy, where a loop
 * testing item by item ran slower while the code was cold (10,000 pairs).
 */
export function measureJoined(items: readonly string[], separator: string): JoinedWidth {
  const text = items.join(separator);
  return { width: text.length, ascii: PRINTABLE_ASCII.test(text) };
}

/**
 * `fits(layout, indent, prefix + items.join(separator) + suffix)` for `joined` =
 * `measureJoined(items, separator)`: the same answer and the same doubt.
 */
export function fitsJoined(
  layout: Layout,
  indent: number,
  prefix: string,
  joined: JoinedWidth,
  suffix: string,
): boolean {
  if (!(joined.ascii && PRINTABLE_ASCII.test(prefix) && PRINTABLE_ASCII.test(suffix))) {
    layout.doubt("text that is not printable ASCII has a width only prettier knows");
    return false;
  }
  return indent + prefix.length + joined.width + suffix.length <= PRINT_WIDTH;
}

/** The indentations the layout uses, made once: `pad` runs several times per entry of a list. */
const PADS = Array.from({ length: 17 }, (_, n) => " ".repeat(n));

/** `n` spaces: the indentation of nesting level `n / 2`. */
export function pad(n: number): string {
  return PADS[n] ?? " ".repeat(n);
}

/**
 * Renders `text` as a string literal the way prettier prints it: double quotes unless the text
 * holds more double than single quotes, then single quotes; the enclosing quote and
 * backslashes escaped, the other quote bare. `escapedDouble` is the text already escaped in
 * double quotes (JSON's escaping plus the target's unsafe-character escapes); only quotes are
 * rewritten, every other escape is kept, as prettier keeps them.
 */
export function preferQuotes(text: string, escapedDouble: string): string {
  let doubles = 0;
  let singles = 0;
  for (const char of text) {
    if (char === '"') doubles++;
    else if (char === "'") singles++;
  }
  if (doubles <= singles) return escapedDouble;
  const body = escapedDouble.slice(1, -1).replace(/\\(.)|'/gs, (match: string, escaped?: string) => {
    if (escaped === '"') return '"';
    if (escaped !== undefined) return match;
    return "\\'";
  });
  return `'${body}'`;
}

/**
 * A list of items between `open` and `close`, broken one item per line at `indent + 2`, each
 * followed by a comma (trailing commas "all"), the closing bracket at `indent`. Items are
 * complete lines (their own breaks included) already indented. Returns the lines.
 */
export function brokenList(open: string, items: readonly string[], close: string, indent: number): string {
  return brokenListOf(open, items, (item) => item, close, indent);
}

/**
 * `brokenList(open, items.map(render), close, indent)`, each item rendered as it is written:
 * no array of every rendered item is kept.
 */
export function brokenListOf<T>(
  open: string,
  items: readonly T[],
  render: (item: T, index: number) => string,
  close: string,
  indent: number,
): string {
  const line = (i: number): string => `${render(items[i] as T, i)},`;
  return joinInChunks(open, items.length, line, `${pad(indent)}${close}`);
}

/** How many lines `joinInChunks` gathers before joining them into one chunk. */
const CHUNK_LINES = 2048;

/**
 * `[first, line(0), …, line(count - 1), last].join("\n")` (`last` left out when undefined),
 * joined 2,048 lines at a time into chunk strings so the lines die young, as `LineBuffer` does
 * (src/targets/lines.ts), but gathered by plain array pushes: a `LineBuffer.push` per line cost
 * more than the line while the code is still cold (about 8 ms per 10,000 lines, which made the
 * emitter slower than before at 10,000 pairs).
 */
function joinInChunks(
  first: string,
  count: number,
  line: (index: number) => string,
  last: string | undefined,
): string {
  const chunks: string[] = [];
  let batch = [first];
  for (let i = 0; i < count; i++) {
    batch.push(line(i));
    if (batch.length === CHUNK_LINES) {
      chunks.push(batch.join("\n"));
      batch = [];
    }
  }
  if (last !== undefined) batch.push(last);
  if (batch.length > 0) chunks.push(batch.join("\n"));
  return chunks.join("\n");
}

/**
 * A union type after a prefix that ends where the type starts (`export type P = `), then
 * `suffix` (`;`). prettier prints it on one line when that fits; else the whole union on the
 * next line at `indent + 2` when it fits there; else one `| member` per line. No members print
 * as `never`.
 */
export function unionAfterAssignment(
  layout: Layout,
  indent: number,
  prefix: string,
  members: readonly string[],
  suffix: string,
): string {
  if (members.length === 0) return `${prefix}never${suffix}`;
  const type = measureJoined(members, " | ");
  if (fitsJoined(layout, indent, prefix, type, suffix)) {
    return `${prefix}${members.join(" | ")}${suffix}`;
  }
  const head = prefix.trimEnd();
  const inner = pad(indent + 2);
  if (members.length === 1 || fitsJoined(layout, indent + 2, "", type, suffix)) {
    return `${head}\n${inner}${members.join(" | ")}${suffix}`;
  }
  const line = (i: number): string => `${inner}| ${members[i] as string}`;
  return `${joinInChunks(head, members.length, line, undefined)}${suffix}`;
}

/**
 * An interface property whose type is a union (`key: A | B;` at `indent`). prettier keeps it on
 * one line when it fits, else moves the union to the next line (`indent + 2`) when it fits
 * there, else prints one `| member` per line. A single member is never broken.
 */
export function unionProperty(
  layout: Layout,
  indent: number,
  key: string,
  members: readonly string[],
): string {
  const type = members.length === 0 ? "never" : members.join(" | ");
  const flat = `${key}: ${type};`;
  if (members.length <= 1) {
    // Measured only for the doubt: a member type is never broken, whatever its width.
    fits(layout, indent, flat);
    return `${pad(indent)}${flat}`;
  }
  if (fits(layout, indent, flat)) return `${pad(indent)}${flat}`;
  const inner = pad(indent + 2);
  if (fits(layout, indent + 2, `${type};`)) return `${pad(indent)}${key}:\n${inner}${type};`;
  return `${pad(indent)}${key}:\n${members.map((m) => `${inner}| ${m}`).join("\n")};`;
}

/**
 * A two-element array `[first, second]` as an element of a broken list at `indent`: on one line
 * when it fits (with the list's comma), else one element per line.
 */
export function pair(layout: Layout, indent: number, first: string, second: string): string {
  const flat = `[${first}, ${second}]`;
  if (fits(layout, indent, `${flat},`)) return `${pad(indent)}${flat}`;
  const inner = pad(indent + 2);
  return `${pad(indent)}[\n${inner}${first},\n${inner}${second},\n${pad(indent)}]`;
}

/**
 * `callee([items])` as the last element of a broken list at `indent` (followed by the list's
 * comma): on one line when it fits, else the array hugged by the call, one item per line.
 * `measured` is `measureJoined(items, ", ")` when the caller has it already.
 */
export function callWithArray(
  layout: Layout,
  indent: number,
  callee: string,
  items: readonly string[],
  measured: JoinedWidth = measureJoined(items, ", "),
): string {
  if (items.length === 0 || fitsJoined(layout, indent, `${callee}([`, measured, "]),")) {
    return `${pad(indent)}${callee}([${items.join(", ")}])`;
  }
  const inner = pad(indent + 2);
  return brokenListOf(`${pad(indent)}${callee}([`, items, (item) => `${inner}${item}`, "])", indent);
}

/**
 * A JSDoc comment at `indent`, as prettier reprints it: one line stays as written; several
 * lines get ` * ` prefixes aligned under the opening. prettier trims whitespace at the ends of
 * a multi-line comment's lines; a line that ends in whitespace is a doubt rather than a guess.
 */
export function docComment(layout: Layout, indent: number, text: string): string {
  const lines = text.split("\n");
  const at = pad(indent);
  if (lines.length === 1) return `${at}/** ${lines[0]} */`;
  const out = [`${at}/**`];
  for (const line of lines) {
    if (/\s$/u.test(line)) layout.doubt("a doc comment line ends in whitespace");
    out.push(line === "" ? `${at} *` : `${at} * ${line}`);
  }
  out.push(`${at} */`);
  return out.join("\n");
}
