import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { editorconfigMayApply, findFormatConfig, formatFiles } from "../../src/output/format.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-format-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const SOURCE = 'export const a = {x: "1", y: [1,2,3]}\r\nexport function f(a: string) { return a }\n';

describe("formatFiles", () => {
  it("formats TypeScript with prettier's defaults when no config applies", async () => {
    const file = path.join(dir, "gen", "p.ts");
    const [out] = await formatFiles([{ path: file, content: SOURCE, format: "typescript" }]);
    expect(out).toEqual({
      path: file,
      content:
        'export const a = { x: "1", y: [1, 2, 3] };\nexport function f(a: string) {\n  return a;\n}\n',
    });
  });

  it("keeps a file the emitter wrote in prettier's layout as it is when no config applies", async () => {
    // Not prettier's layout on purpose: the text shows that prettier did not run.
    const file = path.join(dir, "gen", "p.ts");
    const [out] = await formatFiles([
      { path: file, content: SOURCE, format: "typescript", prettierLayout: true },
    ]);
    expect(out).toEqual({ path: file, content: SOURCE.replace("\r\n", "\n") });
  });

  it("runs prettier on a file in prettier's layout once a config applies to its path", async () => {
    fs.mkdirSync(path.join(dir, "gen"));
    fs.writeFileSync(path.join(dir, ".prettierrc"), '{ "singleQuote": true, "printWidth": 120 }\n');
    const file = path.join(dir, "gen", "p.ts");
    const [out] = await formatFiles([
      { path: file, content: SOURCE, format: "typescript", prettierLayout: true },
    ]);
    expect(out?.content).toBe(
      "export const a = { x: '1', y: [1, 2, 3] };\nexport function f(a: string) {\n  return a;\n}\n",
    );
  });

  it("uses the prettier config and .editorconfig that apply to the output path, LF whatever they say", async () => {
    fs.writeFileSync(
      path.join(dir, ".prettierrc.json"),
      JSON.stringify({ semi: false, singleQuote: true, endOfLine: "crlf" }),
    );
    fs.writeFileSync(path.join(dir, ".editorconfig"), "root = true\n[*]\nindent_style = tab\n");
    const file = path.join(dir, "gen", "p.ts");
    const [out] = await formatFiles([{ path: file, content: SOURCE, format: "typescript" }]);
    expect(out?.content).toBe(
      "export const a = { x: '1', y: [1, 2, 3] }\nexport function f(a: string) {\n\treturn a\n}\n",
    );
  });

  it("keeps files that need no formatting byte for byte, except for line endings", async () => {
    const file = path.join(dir, "p.py");
    const files = await formatFiles([
      { path: file, content: "x  =  1\r\ny = 2\rz = 3\n", format: "none" },
    ]);
    expect(files).toEqual([{ path: file, content: "x  =  1\ny = 2\nz = 3\n" }]);
  });
});

describe("findFormatConfig: whether a prettier config or .editorconfig could apply", () => {
  const out = () => {
    const gen = path.join(dir, "a", "gen");
    fs.mkdirSync(gen, { recursive: true });
    return gen;
  };

  it("finds nothing in a folder tree without any", () => {
    expect(findFormatConfig(out())).toBeUndefined();
  });

  it.each([
    ".prettierrc",
    ".prettierrc.json",
    ".prettierrc.yml",
    ".prettierrc.yaml",
    ".prettierrc.json5",
    ".prettierrc.js",
    "prettier.config.js",
    ".prettierrc.ts",
    "prettier.config.ts",
    ".prettierrc.mjs",
    "prettier.config.mjs",
    ".prettierrc.mts",
    "prettier.config.mts",
    ".prettierrc.cjs",
    "prettier.config.cjs",
    ".prettierrc.cts",
    "prettier.config.cts",
    ".prettierrc.toml",
    "package.yaml",
  ])("finds %s in a folder above the output, whatever it holds", (name) => {
    const gen = out();
    fs.writeFileSync(path.join(dir, name), "");
    expect(findFormatConfig(gen)).toBe(path.join(dir, name));
  });

  it("counts a package.json only with a prettier key, or when it is not valid JSON", () => {
    const gen = out();
    const pkg = path.join(dir, "a", "package.json");
    fs.writeFileSync(pkg, JSON.stringify({ name: "x", devDependencies: { prettier: "^3" } }));
    expect(findFormatConfig(gen)).toBeUndefined();
    fs.writeFileSync(pkg, '{ "name": "x", "prettier": "@co/prettier-config" }');
    expect(findFormatConfig(gen)).toBe(pkg);
    // An escaped key is still the key.
    fs.writeFileSync(pkg, '{ "pre\\u0074tier": { "semi": false } }');
    expect(findFormatConfig(gen)).toBe(pkg);
    fs.writeFileSync(pkg, "{ not json");
    expect(findFormatConfig(gen)).toBe(pkg);
  });

  it("counts an .editorconfig only when it sets a property prettier reads to a non-default", () => {
    const gen = out();
    const file = path.join(dir, ".editorconfig");
    fs.writeFileSync(
      file,
      "root = true\n[*]\nindent_style = space\nindent_size = 2\nend_of_line = crlf\ncharset = utf-8\ninsert_final_newline = true\n",
    );
    expect(findFormatConfig(gen)).toBeUndefined();
    // Section globs are not matched: a section for other files still counts.
    fs.appendFileSync(file, "[*.md]\nmax_line_length = off\n");
    expect(findFormatConfig(gen)).toBe(file);
  });

  it("reads .editorconfig keys and values as the editorconfig library does", () => {
    expect(editorconfigMayApply("[*]\nINDENT_STYLE = Space\nmax_line_length: 80\n")).toBe(false);
    expect(editorconfigMayApply("[*]\nindent_style = tab\n")).toBe(true);
    expect(editorconfigMayApply("[*]\nindent_size = tab\n")).toBe(true);
    expect(editorconfigMayApply("[*]\ntab_width = 4\n")).toBe(true);
    expect(editorconfigMayApply("[*]\nquote_type = single\n")).toBe(true);
    expect(editorconfigMayApply("[*]\nquote_type = double\n")).toBe(false);
    expect(editorconfigMayApply("[*]\nindent_size = 2 # two\n")).toBe(true);
    expect(editorconfigMayApply(undefined)).toBe(true);
  });

  it("remembers each folder's answer within a run", () => {
    const gen = out();
    const searched = new Map<string, string | undefined>();
    expect(findFormatConfig(gen, searched)).toBeUndefined();
    fs.writeFileSync(path.join(dir, ".prettierrc"), "{}");
    expect(findFormatConfig(gen, searched)).toBeUndefined();
    expect(findFormatConfig(gen)).toBe(path.join(dir, ".prettierrc"));
  });
});
