/**
 * The Rust layout rules (src/targets/rust/rust-layout.ts) against rustfmt itself: exact
 * expectations for the boundaries, then generated constructs of every width (fixed seed), one
 * file each so that a construct rustfmt cannot format hides nothing else, checked with
 * `rustfmt --check`.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  measureRustWidth,
  quoteRust,
  renderDeprecatedAttribute,
  renderMatchArm,
  renderSliceAssignment,
  type RustItem,
} from "../../src/targets/rust/rust-layout.js";
import {
  checkRustfmt,
  describeWithRustfmt,
  removeRustFiles,
  writeRustFiles,
  type CommandResult,
} from "./rust-toolchain.js";

const I3 = "            ";

describe("rust layout", () => {
  test("a match arm stays on one line up to the 100th column, then moves its body into a block", () => {
    const body = `Self::${"B".repeat(100 - 12 - "Self::A => ".length - "Self::".length - 1)}`;
    expect(renderMatchArm(I3, "Self::A", body)).toEqual([`${I3}Self::A => ${body},`]);
    expect(renderMatchArm(I3, "Self::A", `${body}C`)).toEqual([
      `${I3}Self::A => {`,
      `${I3}    ${body}C`,
      `${I3}}`,
    ]);
  });

  test("a tuple pattern that does not fit before `=> {` is broken one element per line", () => {
    const resource = `Resource::${"R".repeat(60)}`;
    expect(renderMatchArm(I3, { tuple: [resource, "Action::Read"] }, "Self::X")).toEqual([
      `${I3}(`,
      `${I3}    ${resource},`,
      `${I3}    Action::Read,`,
      `${I3}) => Self::X,`,
    ]);
  });

  test("an arm no layout fits is kept on one line, as rustfmt keeps it", () => {
    const body = `"${"x".repeat(100)}"`;
    expect(renderMatchArm(I3, "Self::A", body)).toEqual([`${I3}Self::A => ${body},`]);
  });

  test("a slice of two or more items goes on one line only within 60 columns of items", () => {
    const items = [`Self::${"A".repeat(45)}`, "Self::B"];
    expect(items.join(", ")).toHaveLength(60);
    expect(renderSliceAssignment("    ", "pub const ALL: &[Self]", items)).toEqual([
      `    pub const ALL: &[Self] = &[${items.join(", ")}];`,
    ]);
    const longer = [`${items[0]}A`, "Self::B"];
    expect(renderSliceAssignment("    ", "pub const ALL: &[Self]", longer)).toEqual([
      "    pub const ALL: &[Self] = &[",
      `        ${longer[0]},`,
      "        Self::B,",
      "    ];",
    ]);
  });

  test("a single slice item stays on one line whenever the line fits", () => {
    const item = `Self::${"A".repeat(70)}`;
    expect(renderSliceAssignment("", "const X: &[T]", [item])).toEqual([
      `const X: &[T] = &[${item}];`,
    ]);
  });

  test("a lone tuple moves to the next line when it fits there, else breaks as `&[(` … `)]`", () => {
    const lhs = "pub const RESOURCE_ACTION_PAIRS: &[(Resource, Action)]";
    const short = { tuple: [`Resource::${"R".repeat(20)}`, `Action::${"A".repeat(20)}`] as const };
    expect(renderSliceAssignment("", lhs, [short])).toEqual([
      `${lhs} =`,
      `    &[(${short.tuple[0]}, ${short.tuple[1]})];`,
    ]);
    const long = { tuple: [`Resource::${"R".repeat(40)}`, `Action::${"A".repeat(40)}`] as const };
    expect(renderSliceAssignment("", lhs, [long])).toEqual([
      `${lhs} = &[(`,
      `    ${long.tuple[0]},`,
      `    ${long.tuple[1]},`,
      ")];",
    ]);
  });

  test("an empty slice is `&[]`", () => {
    expect(renderSliceAssignment("    ", "pub const ALL: &[Self]", [])).toEqual([
      "    pub const ALL: &[Self] = &[];",
    ]);
  });

  test("a role's slice that fits only on its own line goes into a block", () => {
    const items = ["Permission::AlertRead", "Permission::AlertAck"];
    expect(renderMatchArm(I3, `Self::${"R".repeat(40)}`, { slice: items })).toEqual([
      `${I3}Self::${"R".repeat(40)} => {`,
      `${I3}    &[Permission::AlertRead, Permission::AlertAck]`,
      `${I3}}`,
    ]);
  });

  test("#[deprecated] breaks over three lines from the 100th column on", () => {
    const note = "x".repeat(99 - '    #[deprecated(note = "")]'.length);
    expect(renderDeprecatedAttribute("    ", note)).toEqual([
      `    #[deprecated(note = "${note}")]`,
    ]);
    expect(renderDeprecatedAttribute("    ", `${note}x`)).toEqual([
      "    #[deprecated(",
      `        note = "${note}x"`,
      "    )]",
    ]);
    expect(renderDeprecatedAttribute("    ", "")).toEqual(["    #[deprecated]"]);
  });

  test("string literals escape what Rust requires and keep Unicode", () => {
    expect(quoteRust('a"b\\c\nd\te\r\u0001\u007f é')).toBe(
      '"a\\"b\\\\c\\nd\\te\\r\\u{1}\\u{7f} é"',
    );
    expect(quoteRust("\0")).toBe('"\\0"');
  });

  test("widths count wide characters twice, as rustfmt does", () => {
    expect(measureRustWidth("ab")).toBe(2);
    expect(measureRustWidth("日本")).toBe(4);
    expect(measureRustWidth("é")).toBe(1);
  });
});

/** A PascalCase name of `length` characters (at least 1). */
function buildName(prefix: string, length: number): string {
  return prefix + "N".repeat(Math.max(0, length - 1));
}

const nameLength = fc.integer({ min: 1, max: 95 });
const path = (kind: string, max = 95): fc.Arbitrary<string> =>
  fc.integer({ min: 1, max }).map((n) => `${kind}::${buildName(kind.charAt(0), n)}`);
const tuple: fc.Arbitrary<RustItem> = fc
  .tuple(path("Resource"), path("Action"))
  .map(([r, a]) => ({ tuple: [r, a] as const }));

/** Wraps match arms into a function, as the emitter does. */
function wrapArms(arms: readonly string[]): string {
  return [
    "impl X {",
    "    pub const fn f(self) -> Option<Self> {",
    "        let value = match self {",
    ...arms,
    "            _ => return None,",
    "        };",
    "        Some(value)",
    "    }",
    "}",
    "",
  ].join("\n");
}

/** One generated construct as a whole file. */
const constructs: fc.Arbitrary<string> = fc.oneof(
  // Scalar arms: `Self::X => "value"`, `"value" => Self::X`, `Self::X => Resource::Y`.
  fc
    .tuple(path("Self"), nameLength)
    .map(([p, n]) => wrapArms(renderMatchArm(I3, p, quoteRust("v".repeat(n))))),
  fc
    .tuple(nameLength, path("Self"))
    .map(([n, p]) => wrapArms(renderMatchArm(I3, quoteRust("v".repeat(n)), p))),
  // from_pair arms.
  fc.tuple(tuple, path("Self")).map(([t, p]) => wrapArms(renderMatchArm(I3, t, p))),
  // Role arms with slices.
  fc
    .tuple(path("Self"), fc.array(path("Permission", 60), { maxLength: 4 }))
    .map(([p, items]) => wrapArms(renderMatchArm(I3, p, { slice: items }))),
  fc
    .tuple(
      path("Self"),
      fc.array(
        nameLength.map((n) => `P::${buildName("P", n % 20)}`),
        { maxLength: 6 },
      ),
    )
    .map(([p, items]) => wrapArms(renderMatchArm(I3, p, { slice: items }))),
  // ALL and RESOURCE_ACTION_PAIRS.
  fc
    .array(
      nameLength.map((n) => `Self::${buildName("A", n % 30)}`),
      { maxLength: 8 },
    )
    .map((items) =>
      ["impl X {", ...renderSliceAssignment("    ", "pub const ALL: &[Self]", items), "}", ""].join(
        "\n",
      ),
    ),
  fc
    .array(tuple, { maxLength: 3 })
    .map((items) =>
      [
        ...renderSliceAssignment(
          "",
          "pub const RESOURCE_ACTION_PAIRS: &[(Resource, Action)]",
          items,
        ),
        "",
      ].join("\n"),
    ),
  fc
    .tuple(fc.integer({ min: 1, max: 45 }), fc.integer({ min: 1, max: 45 }))
    .map(([r, a]) =>
      [
        ...renderSliceAssignment("", "pub const RESOURCE_ACTION_PAIRS: &[(Resource, Action)]", [
          { tuple: [`Resource::${buildName("R", r)}`, `Action::${buildName("A", a)}`] },
        ]),
        "",
      ].join("\n"),
    ),
  // Deprecation notes, with escapes and wide characters.
  fc
    .array(fc.constantFrom("word", " ", '"', "\\", "é", "日本", "🎉", "\n", "long-word-here"), {
      maxLength: 40,
    })
    .map((parts) =>
      [
        "pub enum X {",
        ...renderDeprecatedAttribute("    ", parts.join("")),
        "    A,",
        "}",
        "",
      ].join("\n"),
    ),
);

describeWithRustfmt("rust layout against rustfmt", () => {
  const files: Record<string, string> = {};
  let dir = "";
  let result: CommandResult;

  beforeAll(() => {
    const samples = fc.sample(constructs, { numRuns: 800, seed: 20260501 });
    samples.forEach((content, i) => {
      files[`c${String(i).padStart(3, "0")}.rs`] = content;
    });
    dir = writeRustFiles(files);
    result = checkRustfmt(dir, Object.keys(files));
  });

  afterAll(() => {
    if (dir !== "") removeRustFiles(dir);
  });

  test("rustfmt leaves every generated construct exactly as laid out", () => {
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
