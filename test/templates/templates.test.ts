/**
 * The runtime templates (templates/<lang>/) as their languages' own tools see them, file by file
 * and as they are: tsc under the strictest options (and prettier's layout, which the emitter
 * relies on), gofmt and go vet, rustc -D warnings and rustfmt, mypy --strict and pyright strict.
 * Each template carries stand-ins for the generated declarations it refers to, outside its
 * sections, so it needs nothing else to compile. Also: the convention the emitters read the
 * templates by (src/targets/runtime-template.ts), and that the sections are what the goldens
 * hold, so the checked text is the emitted text.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import prettier from "prettier";
import { describe, expect, it } from "vitest";
import {
  fillPlaceholders,
  loadRuntimeTemplate,
  parseRuntimeTemplate,
} from "../../src/targets/runtime-template.js";
import { createGoModule, describeWithGo, removeGoModule, runGoTool } from "../go/go-toolchain.js";
import { GOLDEN_DIR, listCasesFor, readGoldenTargets } from "../golden/golden-files.js";
import {
  describeWithMypy,
  describeWithPyright,
  describeWithPython,
  runMypyStrict,
  runPyrightStrict,
  runPython,
  writeTempFiles as writePythonFiles,
} from "../python/python-tools.js";
import {
  checkRustfmt,
  compileRustLibrary,
  describeWithRustc,
  describeWithRustfmt,
  removeRustFiles,
  writeRustFiles,
} from "../rust/rust-toolchain.js";
import { removeTempFiles } from "../helpers/tools.js";
import { compileFiles } from "../typescript/compile.js";

const TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

/** A template file's text, exactly as shipped. */
function readTemplate(file: string): string {
  return fs.readFileSync(path.join(TEMPLATES, file), "utf8");
}

/** Every template, with the sections its emitter reads (in file order). */
const SECTIONS: Readonly<Record<string, readonly string[]>> = {
  "typescript/runtime.ts": ["schema_digest_check", "permissions_of_roles", "runtime"],
  "go/runtime.go": ["role_functions", "functions", "schema_digest_check"],
  "go/mask-word.go": ["mask"],
  "go/mask-array.go": ["mask"],
  "rust/runtime.rs": ["parse_error", "guards"],
  "python/runtime.py": [
    "guide",
    "guide_fastapi",
    "lookups",
    "role_lookups",
    "permission_denied",
    "permission_key_and_has_permission",
    "permissions_of_roles",
    "check_permission_body",
    "granted_permissions",
    "require_permission_body",
    "schema_digest_check",
    "private_helpers",
  ],
};

describe("the runtime templates", () => {
  it("are every file under templates/ but init/", () => {
    const files = fs
      .readdirSync(TEMPLATES, { recursive: true })
      .map((f) => String(f).split(path.sep).join("/"))
      .filter((f) => !f.startsWith("init") && fs.statSync(path.join(TEMPLATES, f)).isFile());
    expect(files.sort()).toEqual(Object.keys(SECTIONS).sort());
  });

  it("hold exactly the sections their emitters read", () => {
    for (const [file, names] of Object.entries(SECTIONS)) {
      expect(loadRuntimeTemplate(file).names, file).toEqual(names);
    }
  });

  it("are LF-only text: the emitters copy them into LF-only output", () => {
    for (const file of Object.keys(SECTIONS)) {
      expect(readTemplate(file), file).not.toMatch(/\r/);
    }
  });

  it("are copied verbatim into the golden outputs", () => {
    const always: Readonly<Record<string, string>> = {
      "go/runtime.go": "functions",
      "go/mask-word.go": "mask",
      "rust/runtime.rs": "guards",
      "python/runtime.py": "private_helpers",
    };
    for (const [file, section] of Object.entries(always)) {
      const text = loadRuntimeTemplate(file).section(section);
      const language = file.split("/")[0] ?? "";
      for (const goldenCase of listCasesFor(language)) {
        // Each case's own output file for the language, wherever its config puts it; a target
        // with `names` renames its sections on purpose (test/targets/symbol-names.test.ts).
        const targets = readGoldenTargets(goldenCase).filter(
          (t) => t.language === language && t.names === undefined,
        );
        for (const target of targets) {
          const output = target.out.replace(/^(\.\/)?expected\//, "");
          const golden = fs.readFileSync(path.join(GOLDEN_DIR, goldenCase, "expected", output), "utf8");
          expect(golden.includes(text), `${goldenCase}/${output}: ${file} ${section}`).toBe(true);
        }
      }
    }
    // prettier's default layout is what the golden TypeScript files are formatted with.
    const runtime = loadRuntimeTemplate("typescript/runtime.ts").section("runtime");
    const golden = fs.readFileSync(
      path.join(GOLDEN_DIR, "namespace", "expected", "permissions.ts"),
      "utf8",
    );
    expect(golden).toContain(fillPlaceholders(runtime, { KEY_PREFIX: "soc." }));
  });
});

describe("reading the templates", () => {
  /** Every src/ file a static, non-type import of `entry` loads, following relative imports. */
  function collectImports(entry: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, "utf8");
      const imports = /^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+"(\.[^"]+)"/gm;
      for (const m of text.matchAll(imports)) {
        visit(path.resolve(path.dirname(file), m[1] ?? "").replace(/\.js$/, ".ts"));
      }
    };
    visit(entry);
    return seen;
  }
  const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
  const LOADER = path.join(SRC, "targets", "runtime-template.ts");

  it("happens only when an emitter loads, never when the registry of descriptors does", () => {
    expect(collectImports(path.join(SRC, "targets", "index.ts")).has(LOADER)).toBe(false);
    // The check sees the loader where it is imported.
    const emitters = ["go/emit-go.ts", "python/emit-python.ts", "rust/emit-rust.ts"];
    for (const emitter of [...emitters, "typescript/emit-typescript.ts"]) {
      expect(collectImports(path.join(SRC, "targets", emitter)).has(LOADER), emitter).toBe(true);
    }
  });
});

describe("the section convention", () => {
  const parse = (text: string) => parseRuntimeTemplate(text, "t.x");

  it("takes the lines between the markers, without blank lines at either end", () => {
    const template = parse(
      ["stub", "// permgen:begin a", "", "one", "", "  two", "", "// permgen:end a", "stub"].join(
        "\r\n",
      ),
    );
    expect(template.section("a")).toBe("one\n\n  two");
  });

  it("reads indented and # markers", () => {
    const template = parse(
      "def f():\n    # permgen:begin body\n    pass\n    # permgen:end body\n",
    );
    expect(template.section("body")).toBe("    pass");
  });

  it("rejects broken markers and asks for missing sections", () => {
    expect(() => parse("// permgen:begin a\n")).toThrow("t.x:1: section a never ends");
    expect(() => parse("// permgen:end a\n")).toThrow("section a ends without beginning");
    expect(() => parse("// permgen:begin a\n// permgen:begin b\n")).toThrow("begins inside a");
    expect(() => parse("// permgen:begin a\n// permgen:end a\n// permgen:begin a\n")).toThrow(
      "section a repeated",
    );
    expect(() => parse("// permgen:begin\n")).toThrow("t.x:1: malformed section marker");
    expect(() => parse("x\n").section("a")).toThrow("t.x: no section a");
  });

  it("fills each placeholder, and fails on one without a value or a value without one", () => {
    expect(fillPlaceholders("`__PERMGEN_KEY_PREFIX__${a}`", { KEY_PREFIX: "$&." })).toBe(
      "`$&.${a}`",
    );
    expect(() => fillPlaceholders("__PERMGEN_A__", {})).toThrow("__PERMGEN_A__");
    expect(() => fillPlaceholders("x", { A: "" })).toThrow("__PERMGEN_A__");
  });
});

describe("templates/typescript/runtime.ts", () => {
  const text = readTemplate("typescript/runtime.ts");

  it("type-checks under the strictest options and erasableSyntaxOnly", () => {
    expect(compileFiles({ "runtime.ts": text }, { erasable: true })).toEqual([]);
  });

  it("is in prettier's default layout", async () => {
    expect(await prettier.check(text, { parser: "typescript" })).toBe(true);
  });
});

describeWithGo("the Go templates", () => {
  // One package per template: the two mask forms declare the same type.
  it.each(["runtime.go", "mask-word.go", "mask-array.go"])(
    "%s is gofmt-clean and passes go vet as a package of its own",
    (file) => {
      const root = createGoModule({ [`permissions/${file}`]: readTemplate(`go/${file}`) });
      try {
        const gofmt = runGoTool("gofmt", ["-l", "."], root);
        expect(gofmt.status, gofmt.stderr).toBe(0);
        expect(gofmt.stdout).toBe("");
        const vet = runGoTool("go", ["vet", "./..."], root);
        expect(vet.status, vet.stdout + vet.stderr).toBe(0);
      } finally {
        removeGoModule(root);
      }
    },
  );
});

describeWithRustc("templates/rust/runtime.rs with rustc", () => {
  it("compiles as a library crate with every warning an error", () => {
    const dir = writeRustFiles({ "runtime.rs": readTemplate("rust/runtime.rs") });
    try {
      const result = compileRustLibrary(dir, "runtime.rs");
      expect(result.status, result.stderr).toBe(0);
    } finally {
      removeRustFiles(dir);
    }
  });
});

describeWithRustfmt("templates/rust/runtime.rs with rustfmt", () => {
  it("is in rustfmt's layout", () => {
    const dir = writeRustFiles({ "runtime.rs": readTemplate("rust/runtime.rs") });
    try {
      const result = checkRustfmt(dir, ["runtime.rs"]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    } finally {
      removeRustFiles(dir);
    }
  });
});

describe("templates/python/runtime.py", () => {
  const files = { "runtime.py": readTemplate("python/runtime.py") };

  describeWithPython("with python3", () => {
    it("imports", () => {
      const dir = writePythonFiles(files);
      try {
        const result = runPython(["-c", "import runtime"], dir);
        expect(result.status, result.stderr).toBe(0);
      } finally {
        removeTempFiles(dir);
      }
    });
  });

  describeWithMypy("with mypy", () => {
    it("passes mypy --strict", () => {
      const dir = writePythonFiles(files);
      try {
        expect(runMypyStrict(dir, ["runtime.py"])).toEqual([]);
      } finally {
        removeTempFiles(dir);
      }
    });
  });

  describeWithPyright("with pyright", () => {
    it("passes pyright strict", () => {
      const dir = writePythonFiles(files);
      try {
        expect(runPyrightStrict(dir, ["runtime.py"])).toEqual([]);
      } finally {
        removeTempFiles(dir);
      }
    });
  });
});
