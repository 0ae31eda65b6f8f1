/**
 * Property (issue 16): the emitters' fast paths agree with the general code they stand beside.
 * Each `reference*` function below is the code as it was before the performance work (kept
 * here, verbatim but for names, as the specification); the fast version in src/ must give the
 * same output for random text — ASCII names, East Asian wide characters, combining marks,
 * astral characters, controls, lone surrogates, bidi controls — at lengths around every width
 * threshold the layouts test.
 *
 * Seeded like test/property/hostile-text.test.ts: `PERMGEN_PROPERTY_SEED=<n>` replays a run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitLines } from "../../src/model/line-terminators.js";
import { convertToPascalCase } from "../../src/targets/case.js";
import { splitDocLines } from "../../src/targets/doc-text.js";
import { renderGoComment } from "../../src/targets/go/go-doc.js";
import { endWithOneNewline } from "../../src/targets/lines.js";
import { renderCodeCell, renderCodeSpan } from "../../src/targets/markdown/escape-markdown.js";
import { escapePythonIdentifier } from "../../src/targets/python/names.js";
import {
  bracket,
  display,
  explodedDisplay,
  renderExpression,
  type Bracketed,
  type Expression,
} from "../../src/targets/python/render-python.js";
import { renderRustDoc } from "../../src/targets/rust/rust-doc.js";
import { quoteTs } from "../../src/targets/typescript/names.js";
import { preferQuotes } from "../../src/targets/typescript/prettier-layout.js";
import { isUnsafeCodePoint } from "../../src/targets/unsafe-chars.js";
import { escapeUnsafeChars } from "../../src/targets/unsafe-chars.js";
import {
  measureRustWidth,
  renderMatchArm,
  renderSliceAssignment,
  type RustBody,
  type RustItem,
} from "../../src/targets/rust/rust-layout.js";

const SEED = Number(
  process.env["PERMGEN_PROPERTY_SEED"] ??
    (process.env["CI"] ? 20_261_201 : Date.now() % 2_147_483_647),
);
/** Runs per property; the layouts get more, their width thresholds need long wide lines. */
const options = { seed: SEED, numRuns: 500 };
const layoutOptions = { seed: SEED, numRuns: 2000 };

/** Characters that exercise every branch: narrow, wide, zero-width, astral, unsafe. */
const HOSTILE = [
  "a", "Z", "_", ":", "9", " ", "漢", "ｱ", "Ａ", "\u0301", "\u200b", "😀", "𠀀", "\u0000",
  "\n", "\r", "\t", "\u007f", "\u0085", "\u2028", "\u2029", "\ufeff", "\u202e", "\u2066",
  "\ud800", "\udfff", "\"", "\\", "é", "ß", "ŉ", "ǅ",
];
const hostileChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "b", "E", "x", "_", ":", "0") },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);
/** Mostly wide characters: a line of them is twice as wide as it is long. */
const wideChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("漢", "Ａ", "ｱ") },
  { weight: 1, arbitrary: fc.constantFrom("😀", "a", "\u0301", "\u200b") },
);
/** A run of up to `max` characters of one kind. */
const run = (char: fc.Arbitrary<string>, max: number) =>
  fc.array(char, { maxLength: max, size: "max" }).map((chars) => chars.join(""));
/**
 * Text of up to `max` characters: runs of mostly ASCII (hostile characters mixed in) and of
 * mostly wide characters, where measuring by length would be wrong.
 */
const text = (max: number) =>
  fc
    .tuple(run(hostileChar, max >> 1), run(wideChar, max >> 1), run(hostileChar, max >> 2))
    .map(([a, b, c]) => a + b + c);

describe("the Rust layout's fast paths agree with the general layout", () => {
  const item: fc.Arbitrary<RustItem> = fc.oneof(
    text(70),
    fc.tuple(text(45), text(45)).map(([a, b]) => ({ tuple: [a, b] as const })),
  );
  const body: fc.Arbitrary<RustBody> = fc.oneof(
    text(110),
    fc.array(item, { maxLength: 24, size: "max" }).map((slice) => ({ slice })),
  );
  const indent = fc.constantFrom("", "    ", "            ");

  it("renderMatchArm", () => {
    fc.assert(
      fc.property(indent, item, body, (i, pattern, b) => {
        expect(renderMatchArm(i, pattern, b)).toEqual(referenceMatchArm(i, pattern, b));
      }),
      layoutOptions,
    );
  });

  it("renderSliceAssignment", () => {
    fc.assert(
      fc.property(indent, text(80), fc.array(item, { maxLength: 24, size: "max" }), (i, l, xs) => {
        expect(renderSliceAssignment(i, l, xs)).toEqual(referenceSliceAssignment(i, l, xs));
      }),
      layoutOptions,
    );
  });
});

describe("the shared text functions' fast paths agree with the general code", () => {
  /** Names: words of hostile text joined by the separators PascalCase splits at. */
  const name = fc
    .array(fc.tuple(text(12), fc.constantFrom(".", "_", "__", "")), { maxLength: 6 })
    .map((parts) => parts.map(([word, sep]) => word + sep).join(""));

  it("convertToPascalCase", () => {
    fc.assert(
      fc.property(name, (value) => {
        expect(convertToPascalCase(value)).toBe(referencePascalCase(value));
      }),
      options,
    );
  });

  /** Documentation: mostly one safe line, sometimes padded, terminated or escaped. */
  const doc = fc.oneof(
    text(60),
    fc
      .tuple(
        fc.constantFrom("", " ", "\t", "\u00a0", "\u3000"),
        text(40),
        fc.constantFrom("", " ", "\n", "\r\n \n"),
      )
      .map(([a, b, c]) => a + b + c),
    fc.constant(""),
    fc.constant("   "),
  );

  it("splitDocLines", () => {
    fc.assert(
      fc.property(doc, (value) => {
        expect(splitDocLines(value)).toEqual(referenceSplitDocLines(value));
      }),
      options,
    );
  });

  it("renderRustDoc", () => {
    fc.assert(
      fc.property(fc.array(fc.array(doc, { maxLength: 3 }), { maxLength: 3 }), (paragraphs) => {
        expect(renderRustDoc("    ", paragraphs)).toEqual(referenceRustDoc("    ", paragraphs));
      }),
      options,
    );
  });
});

describe("the Go and file-level fast paths agree with the general code", () => {
  const line = fc.oneof(
    text(50),
    text(20).map((t) => `+build ${t}`),
    text(20).map((t) => ` \t+build${t}`),
    fc.constant(""),
  );

  it("renderGoComment (one line, several lines, build constraints)", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 4 }), fc.constantFrom("\t", "\t\t"), (ls, at) => {
        expect(renderGoComment(ls, at)).toEqual(referenceGoComment(ls, at));
      }),
      options,
    );
  });

  it("endWithOneNewline", () => {
    const ending = fc.constantFrom("", "\n", "\n\n\n", "\r\n", "\n \n", " ");
    fc.assert(
      fc.property(text(30), ending, (body, end) => {
        const value = body + end;
        expect(endWithOneNewline(value)).toBe(value.replace(/\n+$/, "\n"));
      }),
      options,
    );
  });
});

describe("the Markdown fast paths agree with the general code", () => {
  const span = fc.oneof(
    text(30),
    text(10).map((t) => `\`${t}\`\`${t}`),
    text(10).map((t) => `${t}|${t}`),
    fc.constant(""),
  );

  it("renderCodeSpan and renderCodeCell", () => {
    fc.assert(
      fc.property(span, (value) => {
        expect(renderCodeSpan(value)).toBe(referenceCodeSpan(value));
        expect(renderCodeCell(value)).toBe(referenceCodeSpan(value).replaceAll("|", "\\|"));
      }),
      options,
    );
  });
});

function referenceCodeSpan(rawText: string): string {
  const text = escapeUnsafeChars(rawText);
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

describe("the Python fast paths agree with the general code", () => {
  /** Random nested expressions of every kind, with items around the 88-column line. */
  const { expr } = fc.letrec<{ expr: Expression }>((tie) => ({
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 3, arbitrary: text(40) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom(bracket, display, explodedDisplay),
            text(12),
            fc.array(tie("expr"), { maxLength: 5 }),
            text(6),
          )
          .map(([make, head, items, tail]) => make(`${head}(`, items, `)${tail}`)),
      },
    ),
  }));

  it("renderExpression (the body reuses the flat form)", () => {
    fc.assert(
      fc.property(expr, fc.integer({ min: 0, max: 3 }), fc.constantFrom("", ","), (e, i, s) => {
        expect(renderExpression(e, i, s)).toEqual(referenceRenderExpression(e, i, s));
        // Twice: rendering leaves the (immutable) expression as it was.
        expect(renderExpression(e, i, s)).toEqual(referenceRenderExpression(e, i, s));
      }),
      options,
    );
  });

  it("escapePythonIdentifier", () => {
    const word = fc.oneof(
      text(8),
      text(6).map((t) => `_${t}_`),
      text(6).map((t) => `__${t}__`),
      fc.constantFrom("_", "__", "___", "_a_", "__a__", "class", "match", "_x", "x_"),
    );
    fc.assert(
      fc.property(word, (name) => {
        const reserved = /^_[^_].*[^_]_$/.test(name) || /^__[^_].*[^_]__$/.test(name);
        const keyword = ["class", "match", "_"].includes(name);
        if (!keyword) expect(escapePythonIdentifier(name)).toBe(reserved ? `${name}_` : name);
      }),
      options,
    );
  });
});

// ---- reference: src/targets/python/render-python.ts before issue 16 ----

function referenceRenderExpression(expr: Expression, indent: number, suffix: string): string[] {
  const out: string[] = [];
  referenceWrite(out, expr, indent, suffix);
  return out;
}

function referenceWrite(out: string[], expr: Expression, indent: number, suffix: string): void {
  const fitsPy = (line: string): boolean => line.length <= 88;
  const pad = "    ".repeat(indent);
  if (typeof expr === "string") {
    out.push(pad + expr + suffix);
    return;
  }
  const flat = referenceFlatten(expr);
  if (flat !== undefined && fitsPy(pad + flat + suffix)) {
    out.push(pad + flat + suffix);
    return;
  }
  out.push(pad + expr.head);
  const only = expr.items.length === 1 ? expr.items[0] : undefined;
  const inner = "    ".repeat(indent + 1);
  const body =
    expr.explode || expr.display || only !== undefined ? undefined : referenceItems(expr.items);
  if (only !== undefined && !expr.explode) {
    referenceWrite(out, only, indent + 1, "");
  } else if (body !== undefined && expr.items.length > 0 && fitsPy(inner + body)) {
    out.push(inner + body);
  } else {
    for (const item of expr.items) referenceWrite(out, item, indent + 1, ",");
  }
  out.push(pad + expr.tail + suffix);
}

function referenceFlatten(expr: Expression): string | undefined {
  if (typeof expr === "string") return expr;
  if ((expr as Bracketed).explode) return undefined;
  const body = referenceItems(expr.items);
  return body === undefined ? undefined : expr.head + body + expr.tail;
}

function referenceItems(items: readonly Expression[]): string | undefined {
  const parts: string[] = [];
  for (const item of items) {
    const flat = referenceFlatten(item);
    if (flat === undefined) return undefined;
    parts.push(flat);
  }
  return parts.join(", ");
}

describe("the TypeScript fast paths agree with the general code", () => {
  it("quoteTs", () => {
    const quoted = fc.oneof(
      text(30),
      text(8).map((t) => `${t}"'"${t}\\`),
      text(8).map((t) => `${t}\\${t}`),
      fc.constant(""),
    );
    fc.assert(
      fc.property(quoted, (value) => {
        const double = JSON.stringify(value).replace(
          /[\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]/g,
          (char) => {
            const code = char.charCodeAt(0);
            return isUnsafeCodePoint(code) ? `\\u${code.toString(16).padStart(4, "0")}` : char;
          },
        );
        expect(quoteTs(value)).toBe(preferQuotes(value, double));
      }),
      options,
    );
  });
});

// ---- reference: src/targets/go/go-doc.ts before issue 16, for indented comments (gofmt's
// top-level rewriting is unchanged and left to the goldens) ----

function referenceGoComment(lines: readonly string[], indent: string): string[] {
  return splitDocLines(lines.join("\n")).map((l) =>
    l === "" ? `${indent}//` : `${indent}// ${l.replace(/^(\s*)\+(?=build)/, "$1\\u002b")}`,
  );
}

// ---- reference: src/targets/case.ts, doc-text.ts and rust/rust-doc.ts before issue 16 ----

function referencePascalCase(value: string): string {
  return value
    .split(/[._]/)
    .filter((word) => word !== "")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

function referenceSplitDocLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  const lines: string[] = [];
  for (const raw of splitLines(text)) {
    const line = escapeUnsafeChars(raw.trim());
    if (line === "" && (lines.length === 0 || lines[lines.length - 1] === "")) continue;
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function referenceRustDoc(indent: string, paragraphs: readonly (readonly string[])[]): string[] {
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.length === 0) continue;
    if (lines.length > 0) lines.push(`${indent}///`);
    for (const line of paragraph.flatMap((t) =>
      t === "" ? [""] : splitLines(t).map((l) => escapeUnsafeChars(l.trim())),
    )) {
      lines.push(line === "" ? `${indent}///` : `${indent}/// ${line}`);
    }
  }
  return lines;
}

// ---- reference: src/targets/rust/rust-layout.ts before issue 16 ----

const MAX_WIDTH = 100;
const LIST_WIDTH = 60;
const NEXT_LINE_LAST_COLUMN = 98;
const INDENT = "    ";

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
function referenceSliceAssignment(
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
function referenceMatchArm(indent: string, pattern: RustItem, body: RustBody): string[] {
  const head = `${indent}${renderItemInline(pattern)} =>`;
  const inner = indent + INDENT;
  if (typeof body !== "string" && body.slice.length === 0)
    return referenceMatchArm(indent, pattern, "&[]");
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


function appendToLast(lines: readonly string[], suffix: string): string[] {
  return lines.map((line, i) => (i === lines.length - 1 ? `${line}${suffix}` : line));
}
