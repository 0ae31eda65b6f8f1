/**
 * The schema reader parses with `ts.createSourceFile` and a one-file program
 * (parseSchemaFile, syntacticDiagnostics) instead of a ts-morph in-memory project, without
 * parent pointers and without JSDoc parsing. Every diagnostic and position must stay what the
 * project gave, so this compares the two on every schema in the repository's tests and on
 * random edits of them (brackets, comment and string delimiters, a BOM, line terminators, cut
 * ranges) that make most of them invalid: the same text, the same syntactic diagnostics
 * (position, code, message) and the same tree (kind, start and end of every node).
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { ts as TS } from "ts-morph";
import { describe, expect, it } from "vitest";
import { Project, ts } from "../../src/loading/ts-morph.js";
import { parseSchemaFile, syntacticDiagnostics } from "../../src/schema/read-schema.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The parse as the reader did it before: ts-morph's in-memory project. */
function parseWithProject(file: string, text: string): { sf: TS.SourceFile; diagnostics: readonly TS.Diagnostic[] } {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true, noResolve: true, types: [] },
  });
  const extension = /\.(?:[mc]?ts|tsx)$/.exec(file)?.[0] ?? ".ts";
  const sf = project.createSourceFile(`/permgen-schema${extension}`, text).compilerNode;
  return { sf, diagnostics: project.getProgram().compilerObject.getSyntacticDiagnostics(sf) };
}

function describeDiagnostics(diagnostics: readonly TS.Diagnostic[]): string[] {
  return diagnostics.map(
    (d) => `${d.start}+${d.length} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
  );
}

function describeTree(sf: TS.SourceFile): string[] {
  const nodes: string[] = [];
  const visit = (node: TS.Node): void => {
    nodes.push(`${ts.SyntaxKind[node.kind]} ${node.pos}-${node.end} ${node.getStart(sf)}`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return nodes;
}

function expectSameParse(file: string, text: string): void {
  const before = parseWithProject(file, text);
  const sf = parseSchemaFile(file, text);
  expect(sf.text).toBe(before.sf.text);
  expect(sf.fileName).toBe(before.sf.fileName);
  expect(describeDiagnostics(syntacticDiagnostics(sf))).toEqual(describeDiagnostics(before.diagnostics));
  expect(describeTree(sf)).toEqual(describeTree(before.sf));
}

function listSchemas(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(?:[mc]?ts|tsx)$/.test(name) && !name.endsWith(".test.ts") && !name.includes("node_modules"))
    .map((name) => path.join(dir, name));
}

const SCHEMAS = ["test/golden", "test/fixtures", "schema", "schemas"]
  .flatMap((dir) => listSchemas(path.join(ROOT, dir)))
  .filter((file) => /\bexport\b/.test(fs.readFileSync(file, "utf8")));

const PIECES = [
  "{", "}", "[", "]", "(", ")", "<", ">", "/**", "*/", "/*", "//", '"', "'", "`", "${",
  "\uFEFF", "\r", "\r\n", "\u2028", "@param x", "* @deprecated", "as const", ";", ",", "=",
];
const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 3 }));

describe("parseSchemaFile", () => {
  it("finds the repository's schemas", () => {
    expect(SCHEMAS.length).toBeGreaterThan(10);
  });

  it("parses every schema in the tests as the ts-morph project did", () => {
    for (const file of SCHEMAS) expectSameParse(file, fs.readFileSync(file, "utf8"));
  });

  it("keeps a leading BOM out of every position, as the project did", () => {
    const file = SCHEMAS[0] ?? "permissions.ts";
    expectSameParse(file, `\uFEFF${fs.readFileSync(file, "utf8")}`);
    expectSameParse("x.tsx", "\uFEFFexport const roles = {} as const\n<div>");
  });

  it("agrees with the project on random edits of the schemas", () => {
    const texts = SCHEMAS.map((file) => fs.readFileSync(file, "utf8"));
    const extensions = [".ts", ".tsx", ".mts", ".cts"];
    const edit = fc.record({
      text: fc.constantFrom(...texts.keys()),
      extension: fc.constantFrom(...extensions),
      edits: fc.array(
        fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(12), insert: fc.array(piece, { maxLength: 3 }) }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(edit, ({ text: index, extension, edits }) => {
        let text = texts[index] ?? "";
        for (const { at, cut, insert } of edits) {
          const offset = Math.floor(at * text.length);
          text = text.slice(0, offset) + insert.join("") + text.slice(offset + cut);
        }
        expectSameParse(`/repo/schema/permissions${extension}`, text);
      }),
      { numRuns: 200 },
    );
  });
});
