/**
 * `permgen audit` as a stage over the model: load the config and model (as generate does),
 * select and read the sources (src/output/source-files.ts, the audit's only disk access), scan
 * each with its language's parser, run the rules. Returns findings as data or the diagnostics
 * that stopped it (exit 2). Each parser is loaded only when a file of its language exists.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { sortDiagnostics } from "../diagnostics/diagnostic.js";
import type { Outcome, RunOptions, Timings } from "../index.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { compileSelection, readGoImportPath, readSourceFiles, readTextIfFile } from "../output/source-files.js";
import type { SourceFile } from "../output/source-files.js";
import { deriveGoPackageName } from "../targets/go/names.js";
import type { AuditFindings } from "./build-findings.js";
import { buildFindings } from "./build-findings.js";
import type { FileScan, GeneratedModules, IgnoreComment } from "./scan-result.js";
import type { VocabularyIndex } from "./vocabulary-index.js";
import { buildVocabularyIndex } from "./vocabulary-index.js";

/** The languages whose generated code has guards an audit can find. */
const CODE_TARGETS: ReadonlySet<string> = new Set(["typescript", "python", "go", "rust"]);

/** What an audit found, and over how much code. */
export interface AuditResult extends AuditFindings {
  /** How many source files were scanned. */
  readonly files: number;
  /** How many enforcement sites were found. */
  readonly sites: number;
  /** The repository root: SARIF paths are relative to it. */
  readonly root: string;
  readonly timings: Timings;
}

/** Runs the audit for the config `options` names. */
export async function runAudit(options: RunOptions): Promise<Outcome<AuditResult>> {
  const start = performance.now();
  const { loadModelInputs } = await import("../pipeline.js");
  const loaded = await loadModelInputs(options);
  if (!loaded.ok) return loaded;
  const { config, root, model } = loaded;
  const read = performance.now();
  if (!config.targets.some((t) => CODE_TARGETS.has(t.descriptor.language))) {
    return fail([
      {
        code: Codes.AuditNoCodeTarget,
        message: "permgen audit looks for the guards of a code target (typescript, python, go or rust), and this config has none; add one to targets",
        file: config.file,
        ...(config.targets[0]?.outPosition ?? { line: 1, column: 1 }),
      },
    ]);
  }
  const selection = buildSelection(config, root);
  const compiled = compileSelection(selection);
  if (!compiled.ok) return fail(compiled.diagnostics);
  const sources = readSourceFiles(selection, compiled.include, compiled.exclude);
  if (sources.diagnostics.length > 0) return fail(sources.diagnostics);
  if (sources.files.length === 0) {
    return fail([
      {
        code: Codes.AuditNoSources,
        message: `permgen audit found no TypeScript, JavaScript, Python, Go or Rust file to scan${config.audit.include === undefined ? "" : " matching audit.include"}; an audit of nothing would pass everything`,
        file: config.file,
        ...(config.audit.include?.[0]?.position ?? { line: 1, column: 1 }),
      },
    ]);
  }
  const walked = performance.now();
  const index = buildVocabularyIndex(model);
  const generated = buildGeneratedModules(config, root);
  let scans: FileScan[] = [];
  for (const source of sources.files) scans.push(await scanSource(source, index, generated));
  // Barrels: a TypeScript file that re-exports the generated module stands for it, so the
  // TypeScript files are read again with it counted as generated (until no new barrel shows,
  // for barrels of barrels). Only repositories that have one pay for the second read.
  let modules = generated;
  for (let round = 0; round < 4; round++) {
    const barrels = scans.filter((s) => s.reexportsGenerated === true && !modules.typescript.includes(s.file)).map((s) => s.file);
    if (barrels.length === 0) break;
    modules = { ...modules, typescript: [...modules.typescript, ...barrels] };
    const again: FileScan[] = [];
    for (const [i, source] of sources.files.entries()) {
      const scan = scans[i];
      again.push(source.language === "typescript" || scan === undefined ? await scanSource(source, index, modules) : scan);
    }
    scans = again;
  }
  const scanned = performance.now();
  const schemaIgnores = new Map<string, IgnoreComment[]>();
  const { readTypeScriptIgnores } = await import("./scan-typescript.js");
  for (const source of config.sources) {
    const text = readTextIfFile(source.file);
    if (text !== undefined) schemaIgnores.set(source.file, readTypeScriptIgnores(source.file, text));
  }
  const findings = buildFindings({ index, scans, schemaIgnores, settings: config.audit.rules, root });
  const end = performance.now();
  return {
    ok: true,
    ...findings,
    files: scans.length,
    sites: scans.reduce((n, s) => n + s.sites.length, 0),
    root,
    timings: {
      model: loaded.timings.totalMs,
      discover: walked - read,
      scan: scanned - walked,
      rules: end - scanned,
      totalMs: end - start,
    },
  };
}

/** Scans one file with its language's scanner, loading that scanner (and its parser) on first use. */
async function scanSource(source: SourceFile, index: VocabularyIndex, generated: GeneratedModules): Promise<FileScan> {
  switch (source.language) {
    case "typescript":
      return (await import("./scan-typescript.js")).scanTypeScript(source.file, source.text, index, generated);
    case "python":
      return (await import("./scan-python.js")).scanPython(source.file, source.text, index, generated);
    case "go":
      return (await import("./scan-go.js")).scanGo(source.file, source.text, index, generated);
    case "rust":
      return (await import("./scan-rust.js")).scanRust(source.file, source.text, index, generated);
  }
}

function buildSelection(config: ResolvedConfig, root: string) {
  const skip = new Set<string>([config.file, config.lockPath, ...config.sources.map((s) => s.file)]);
  const skipDirs = new Set<string>();
  for (const target of config.targets) {
    if (target.descriptor.outIsFolder) skipDirs.add(target.options.out);
    else skip.add(target.options.out);
  }
  return {
    root,
    configDir: config.configDir,
    configFile: config.file,
    include: config.audit.include,
    exclude: config.audit.exclude,
    skip,
    skipDirs,
  };
}

function buildGeneratedModules(config: ResolvedConfig, root: string): GeneratedModules {
  const outs = (language: string) => config.targets.filter((t) => t.descriptor.language === language);
  return {
    root,
    typescript: outs("typescript").map((t) => t.options.out),
    python: outs("python").map((t) => t.options.out),
    rust: outs("rust").map((t) => t.options.out),
    go: outs("go").map((t) => {
      const dir = path.dirname(t.options.out);
      const name = (t.options as { package?: string | undefined }).package;
      return { dir, importPath: readGoImportPath(dir, root), packageName: name ?? deriveGoPackageName(t.options.out) };
    }),
  };
}

function fail(diagnostics: readonly Diagnostic[]): { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
}
