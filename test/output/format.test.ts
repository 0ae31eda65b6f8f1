import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatFiles } from "../../src/output/format.js";

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
