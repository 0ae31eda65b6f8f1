/**
 * Test helper: type-checks files with the real TypeScript compiler, in process, under the
 * strictest settings a consumer could use (the generated code must be stricter than the code
 * that made it).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";

/** Files to write: path relative to the project folder → content. */
export type ProjectFiles = Readonly<Record<string, string>>;

/** Extra checks: `erasable` adds `erasableSyntaxOnly` (for enumStyle "const"). */
export interface CompileOptions {
  readonly erasable?: boolean;
}

/** The compiler options every compile test uses. */
export function buildStrictOptions(options: CompileOptions = {}): ts.CompilerOptions {
  return {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    noPropertyAccessFromIndexSignature: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    ...(options.erasable === true ? { erasableSyntaxOnly: true } : {}),
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts"],
    types: [],
  };
}

/** Writes `files` into a fresh temp folder marked as an ES module package; returns the folder. */
export function writeProject(files: ProjectFiles): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-ts-"));
  fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/**
 * Type-checks every `.ts` file of `files` as one program in a temp folder and returns the
 * diagnostics as `file:line: TSnnnn: message` lines (file relative to the folder), sorted.
 */
export function compileFiles(files: ProjectFiles, options: CompileOptions = {}): string[] {
  const dir = writeProject(files);
  try {
    const roots = Object.keys(files)
      .filter((name) => name.endsWith(".ts"))
      .map((name) => path.join(dir, name));
    return compileRoots(roots, dir, options);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Type-checks existing files as one program; diagnostics as in `compileFiles`, relative to `base`. */
export function compileRoots(
  roots: readonly string[],
  base: string,
  options: CompileOptions = {},
): string[] {
  const program = ts.createProgram(roots, buildStrictOptions(options));
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => formatTsDiagnostic(d, base))
    .sort();
}

function formatTsDiagnostic(d: ts.Diagnostic, base: string): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (d.file === undefined || d.start === undefined) return `TS${d.code}: ${message}`;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  const rel = path.relative(base, d.file.fileName).split(path.sep).join("/");
  return `${rel}:${line + 1}: TS${d.code}: ${message}`;
}

/**
 * Transpiles TypeScript to an ES module (types erased, enums compiled), as a bundler or `tsc`
 * would, so the generated code can be run.
 */
export function transpileToModule(source: string): string {
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
}
