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
import type { Model } from "../model/model.js";
import { deriveGoPackageName, type GoNameOptions } from "../targets/go/names.js";
import { parseGoTypeReference } from "../targets/go/symbols.js";
import type { AuditFindings } from "./build-findings.js";
import { buildFindings } from "./build-findings.js";
import type { ExportOptions } from "./generated-exports.js";
import { buildExportNames, emittedName } from "./generated-exports.js";
import type { FileScan, GeneratedModules, IgnoreComment } from "./scan-result.js";
import type { VocabularyIndex } from "./vocabulary-index.js";
import { buildGoPermissionNames, buildVocabularyIndex } from "./vocabulary-index.js";
import { loadPipeline } from "../loading/pipeline.js";

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
  const { loadModelInputs } = await loadPipeline();
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
  // One Go table in the index (suggestions): the first Go target's; sites read their own.
  const firstGo = config.targets.find((t) => t.descriptor.language === "go");
  const index = buildVocabularyIndex(model, firstGo?.options as GoNameOptions | undefined);
  const generated = buildGeneratedModules(config, root, model);
  let scans: FileScan[] = [];
  for (const source of sources.files) scans.push(await scanSource(source, index, generated));
  // Barrels: a TypeScript file that re-exports the generated module stands for it, so the
  // TypeScript files are read again with it counted as generated (until no new barrel shows,
  // for barrels of barrels). Only repositories that have one pay for the second read.
  let modules = generated;
  for (let round = 0; round < 4; round++) {
    // A barrel is (re)added when it is new or exports more than last round (a barrel of a
    // barrel learns its names only once the inner one is known).
    const barrels = scans.flatMap((s) => {
      const exports = s.reexports;
      if (exports === undefined || generated.typescript.some((m) => m.file === s.file)) return [];
      const known = modules.typescript.find((m) => m.file === s.file);
      return exports.size > (known?.exports.size ?? 0) ? [{ file: s.file, exports }] : [];
    });
    if (barrels.length === 0) break;
    const replaced = new Set(barrels.map((b) => b.file));
    modules = { ...modules, typescript: [...modules.typescript.filter((m) => !replaced.has(m.file)), ...barrels] };
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
  const exports = {
    typescript: generated.typescript[0]?.exports,
    python: generated.python[0]?.exports,
    go: generated.go[0]?.exports,
    rust: generated.rust[0]?.exports,
  };
  const findings = buildFindings({ index, scans, schemaIgnores, settings: config.audit.rules, root, exports });
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

/**
 * The configured code targets' outputs, each with its exports as its `names` option made them
 * (generated-exports.ts), so a renamed guard is read as the guard and its default name is not.
 */
function buildGeneratedModules(config: ResolvedConfig, root: string, model: Model): GeneratedModules {
  const outs = (language: "typescript" | "python" | "rust") =>
    config.targets
      .filter((t) => t.descriptor.language === language)
      .map((t) => ({ file: t.options.out, exports: buildExportNames(language, t.options as ExportOptions, model) }));
  return {
    root,
    typescript: outs("typescript"),
    python: outs("python"),
    rust: outs("rust"),
    go: config.targets
      .filter((t) => t.descriptor.language === "go")
      .map((t) => {
        const options = t.options as ExportOptions &
          GoNameOptions & { package?: string | undefined; maskType?: string | undefined };
        const dir = path.dirname(t.options.out);
        const exports = buildExportNames("go", options, model);
        const foreign = options.maskType === undefined ? undefined : parseGoTypeReference(options.maskType);
        return {
          dir,
          importPath: readGoImportPath(dir, root),
          packageName: options.package ?? deriveGoPackageName(t.options.out),
          exports,
          mask:
            options.permissionType !== undefined && foreign !== undefined
              ? `${foreign.packageName}.${foreign.typeName}`
              : (emittedName(exports, "PermissionMask") ?? "PermissionMask"),
          permissions: buildGoPermissionNames(model, options),
        };
      }),
  };
}

function fail(diagnostics: readonly Diagnostic[]): { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
}
