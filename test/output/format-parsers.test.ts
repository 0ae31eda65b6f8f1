/**
 * The output stage formats generated TypeScript with prettier's `babel-ts` parser (3-4x faster
 * than `typescript`) unless a plugin is configured. That is only sound if both parsers print
 * the same text for everything the TypeScript target emits: checked here on the raw emitter
 * output of every golden schema and of permgen's own schema, in both enum styles, at the
 * default width (where the emitter's own layout must already be prettier's) and a narrow one.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import prettier from "prettier";
import { describe, expect, it } from "vitest";
import { choosePrettierParser } from "../../src/output/format.js";
import { emitTypeScript } from "../../src/targets/typescript/emit-typescript.js";
import { loadFromSource } from "../helpers/model.js";
import { filesOf } from "../helpers/emit-result.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const GOLDEN = path.join(ROOT, "test", "golden");
const SCHEMAS = [
  path.join(ROOT, "schema", "permissions.ts"),
  ...fs
    .readdirSync(GOLDEN)
    .map((name) => path.join(GOLDEN, name, "schema", "permissions.ts"))
    .filter((file) => fs.existsSync(file)),
];

describe("prettier parser choice", () => {
  it("uses babel-ts without plugins and typescript as soon as a plugin is configured", () => {
    expect(choosePrettierParser({})).toBe("babel-ts");
    expect(choosePrettierParser({ plugins: [] })).toBe("babel-ts");
    expect(choosePrettierParser({ plugins: ["prettier-plugin-organize-imports"] })).toBe("typescript");
  });

  it.each(SCHEMAS.flatMap((file) => (["enum", "const"] as const).map((style) => [path.relative(ROOT, file), style] as const)))(
    "babel-ts and typescript print the same text for %s (enumStyle %s)",
    async (relative, enumStyle) => {
      const { model, lock } = loadFromSource(fs.readFileSync(path.join(ROOT, relative), "utf8"));
      const out = "/permgen-test/generated/permissions.ts";
      const [file] = filesOf(emitTypeScript(
        model,
        { language: "typescript", out, enumStyle },
        { lockBefore: undefined, lock, existingFiles: new Map() },
      ));
      const raw = file?.content ?? "";
      expect(raw.length).toBeGreaterThan(0);
      const viaTypeScript = await prettier.format(raw, { parser: "typescript", filepath: out });
      const viaBabel = await prettier.format(raw, { parser: "babel-ts", filepath: out });
      expect(viaBabel).toBe(viaTypeScript);
      // The emitter writes prettier's default layout itself (prettier-layout.ts): both parsers
      // leave such a file as it is.
      if (file?.prettierLayout === true) expect(viaTypeScript).toBe(raw);
      // A narrower width reflows the file, so the comparison also exercises the printer.
      const narrow = { printWidth: 40, filepath: out };
      const narrowTypeScript = await prettier.format(raw, { ...narrow, parser: "typescript" });
      expect(await prettier.format(raw, { ...narrow, parser: "babel-ts" })).toBe(narrowTypeScript);
      expect(narrowTypeScript).not.toBe(raw);
    },
  );
});
