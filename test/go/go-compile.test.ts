/**
 * The generated Go compiles, is gofmt-clean, passes go vet, and behaves: one throwaway module
 * holds a package per schema plus a Go test program for each, run once with `go test`.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Model } from "../../src/model/model.js";
import { renderGoFile } from "../../src/targets/go/emit-go.js";
import { buildTestModel, type TestSchema } from "./build-test-model.js";
import {
  AWKWARD_SCHEMA,
  CONTRACT_SCHEMA,
  EMPTY_SCHEMA,
  PLAIN_SCHEMA,
  SCHEMA_64,
  SCHEMA_65,
  WIDE_RETIRED,
  WIDE_SCHEMA,
} from "./go-schemas.js";
import { renderExpectedData, renderRolesTest, renderVocabularyTest } from "./go-test-program.js";
import {
  createGoModule,
  describeWithGo,
  removeGoModule,
  runGoTool,
  type CommandResult,
} from "./go-toolchain.js";

interface Case {
  readonly dir: string;
  readonly packageName: string | undefined;
  readonly schema: TestSchema;
  readonly retired: readonly number[];
}

const CASES: readonly Case[] = [
  { dir: "contract", packageName: "perm", schema: CONTRACT_SCHEMA, retired: [] },
  // No package option: the name comes from the folder.
  { dir: "plain", packageName: undefined, schema: PLAIN_SCHEMA, retired: [] },
  { dir: "wide", packageName: "wide", schema: WIDE_SCHEMA, retired: WIDE_RETIRED },
  { dir: "sixtyfour", packageName: "sixtyfour", schema: SCHEMA_64, retired: [] },
  { dir: "sixtyfive", packageName: "sixtyfive", schema: SCHEMA_65, retired: [] },
  { dir: "awkward", packageName: "awkward", schema: AWKWARD_SCHEMA, retired: [] },
  { dir: "empty", packageName: "empty", schema: EMPTY_SCHEMA, retired: [] },
];

/**
 * Descriptions built from the pieces go/doc/comment treats specially (headings, list markers,
 * indentation, blank-line runs, punctuation that disqualifies a heading, link definitions that
 * gofmt would move, the quote pairs it rewrites), with a fixed seed.
 */
const TRICKY_DOCS: readonly string[] = fc.sample(
  fc
    .array(
      fc.constantFrom(
        "Word",
        "word",
        "Two Words",
        "A Heading Line",
        "ends.",
        "x.y",
        "it's",
        "Bob's",
        "colon:",
        "(paren)",
        "# Hash heading",
        "#  Two-space heading",
        "#\tTab heading",
        "#",
        "[x]: https://example.com/a",
        "[y]:\thttp://e.x",
        "''",
        "``",
        "```",
        "- dash",
        "* star",
        "1. one",
        "2) two",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\n\n\n",
        "{",
        "}",
        "\\",
        "é Ünïcode",
        "42",
      ),
      { minLength: 1, maxLength: 14 },
    )
    .map((parts) => parts.join(" ")),
  { numRuns: 60, seed: 4242 },
);

/** A schema whose every doc slot (top-level and member) takes one of the tricky descriptions. */
function buildDocFuzzSchema(offset: number): TestSchema {
  const doc = (i: number): { description: string } => ({
    description: TRICKY_DOCS[(offset + i) % TRICKY_DOCS.length] ?? "",
  });
  return {
    resources: [
      { value: "alert", doc: doc(0) },
      { value: "user", doc: { ...doc(1), deprecated: doc(2).description } },
    ],
    actions: [{ value: "read", doc: doc(3) }],
    permissions: [
      ["alert", ["read"]],
      ["user", ["read"]],
    ],
    roles: [["admin", ["*"], doc(4)]],
    docs: { resource: doc(5), action: doc(6), permissions: doc(7), roles: doc(8) },
  };
}

function buildFiles(): { files: Record<string, string>; generated: Map<string, string> } {
  const files: Record<string, string> = {};
  const generated = new Map<string, string>();
  for (const c of CASES) {
    const model: Model = buildTestModel(c.schema);
    const out = `/repo/${c.dir}/permissions.go`;
    const content = renderGoFile(
      model,
      c.packageName === undefined ? { out } : { out, package: c.packageName },
    );
    const pkg = c.packageName ?? c.dir;
    files[`${c.dir}/permissions.go`] = content;
    generated.set(c.dir, content);
    files[`${c.dir}/expected_test.go`] = renderExpectedData(model, pkg, c.retired);
    files[`${c.dir}/vocabulary_test.go`] = renderVocabularyTest(pkg);
    if (model.roles.length > 0) files[`${c.dir}/roles_test.go`] = renderRolesTest(pkg);
  }
  for (let i = 0; i < TRICKY_DOCS.length; i += 3) {
    const content = renderGoFile(buildTestModel(buildDocFuzzSchema(i)), {
      out: `/repo/docs${i}/permissions.go`,
    });
    files[`docs/d${i}/permissions.go`] = content;
  }
  // Doc lines that read as build constraints: gofmt would move them to the top of the file
  // (excluding it from every build) and go vet calls them misplaced, unless escaped.
  const constraint = (i: number): { description: string } => ({
    description: ["+build ignore", "text\n\n  +build linux", "+build", "a\n+buildx"][i % 4] ?? "",
  });
  files["docs/build/permissions.go"] = renderGoFile(
    buildTestModel({
      resources: [
        { value: "alert", doc: constraint(0) },
        { value: "user", doc: { ...constraint(1), deprecated: "+build ignore" } },
      ],
      actions: [{ value: "read", doc: constraint(2) }],
      permissions: [
        ["alert", ["read"]],
        ["user", ["read"]],
      ],
      roles: [["admin", ["*"], constraint(3)]],
      docs: { resource: constraint(0), action: constraint(1), permissions: constraint(2), roles: constraint(3) },
    }),
    { out: "/repo/build/permissions.go" },
  );
  return { files, generated };
}

describeWithGo("generated Go", () => {
  let root = "";
  let generated = new Map<string, string>();
  let gofmt: CommandResult;
  let vet: CommandResult;
  let goTest: CommandResult;

  beforeAll(() => {
    const built = buildFiles();
    generated = built.generated;
    root = createGoModule(built.files);
    const generatedFiles = Object.keys(built.files).filter((f) => f.endsWith("/permissions.go"));
    gofmt = runGoTool("gofmt", ["-l", ...generatedFiles], root);
    vet = runGoTool("go", ["vet", "./..."], root);
    goTest = runGoTool("go", ["test", "-count=1", "./..."], root);
  });

  afterAll(() => {
    if (root !== "") removeGoModule(root);
  });

  test("every generated file is gofmt-clean, whatever its schema docs contain", () => {
    expect(gofmt.stderr).toBe("");
    expect(gofmt.stdout).toBe("");
    expect(gofmt.status).toBe(0);
  });

  test("go vet finds nothing in any generated package", () => {
    expect(vet.stderr).toBe("");
    expect(vet.status).toBe(0);
  });

  test("the Go test programs pass for every schema (masks, keys, roles, sentinels, unknown ids)", () => {
    expect(goTest.stderr).toBe("");
    expect(goTest.status).toBe(0);
    for (const c of CASES)
      expect(goTest.stdout).toMatch(
        new RegExp(`^ok  \\texample\\.com/permgentest/${c.dir}\\t`, "m"),
      );
  });

  test("the mask is a uint64 up to 64 ids and an array sized for the highest id beyond", () => {
    expect(generated.get("sixtyfour")).toContain("\ntype PermissionMask uint64\n");
    expect(generated.get("sixtyfive")).toContain("\ntype PermissionMask [2]uint64\n");
    // WIDE_SCHEMA's highest id is above 128 once the retired gaps are counted.
    expect(generated.get("wide")).toContain("\ntype PermissionMask [3]uint64\n");
    expect(generated.get("contract")).toContain("\ntype PermissionMask uint64\n");
  });

  test("the package name defaults to the output folder's name", () => {
    expect(generated.get("plain")).toContain("\npackage plain\n");
  });
});
