/**
 * `permgen init`: scaffolds a working setup from the files under templates/init/ (shipped in
 * the package). The plan is a pure function of the templates and of what already exists;
 * `runInit` reads and writes. Existing files are never overwritten; an existing justfile only
 * gets the `permission-codegen-check` recipe appended when it lacks it.
 */
import fs from "node:fs";
import path from "node:path";
import { CONFIG_FILE_NAME } from "../config/file-names.js";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../diagnostics/diagnostic.js";
import { findRepositoryRoot, isInsideRoot } from "../output/paths.js";
import { describeUnreadableInput, readInputFile } from "../output/read-files.js";
import type { CliContext } from "./main.js";
import { formatDiagnosticLines } from "./report.js";

/** `init`'s flags (the common ones; `--config` chooses where the config file goes). */
export interface InitFlags {
  readonly config?: string | undefined;
  readonly debug?: boolean | undefined;
  readonly cache?: boolean | undefined;
}

/** The raw template texts, as found under templates/init/. */
export interface InitTemplates {
  readonly schema: string;
  readonly config: string;
  /** The justfile recipe; `%%command%%` is the check command. */
  readonly recipe: string;
  /**
   * The GitHub workflow; `%%command%%` (the check), `%%audit%%` (the audit), `%%diff%%` (the
   * pull request's `permgen diff`) and `%%defaults%%` (working directory) are filled in.
   */
  readonly workflow: string;
}

/** Where init writes, all absolute, and what is there already. */
export interface InitInput {
  /** The config file to create (`<cwd>/permgen.config.json` unless `--config`). */
  readonly configFile: string;
  /** The git root above the config's folder, or that folder outside git. */
  readonly repoRoot: string;
  /** An existing justfile in the config's folder (any spelling `just` accepts), if any. */
  readonly justfile:
    { readonly path: string; readonly content: string } | undefined;
  /** The text of an existing `.gitattributes` in the config's folder, if any. */
  readonly gitattributes?: string | undefined;
  /** Whether a file exists at an absolute path. */
  readonly exists: (file: string) => boolean;
}

/** One step of the scaffold. */
export type InitStep =
  | { readonly kind: "create"; readonly path: string; readonly content: string }
  | { readonly kind: "skip"; readonly path: string; readonly reason: string }
  | {
      readonly kind: "append";
      readonly path: string;
      readonly content: string;
      /** What was added, for the report: `recipe permission-codegen-check`. */
      readonly what: string;
    };

const RECIPE = "permission-codegen-check";
const DEFAULT_CONFIG_NAME = CONFIG_FILE_NAME;

/**
 * Plans the scaffold: the schema, the config, the justfile recipe and the GitHub workflow
 * (at the repository root, running in the config's folder), each created only when absent.
 * Commands in the recipe and workflow name `--config` only when the config file is not
 * `permgen.config.json`, since both run in the config's folder.
 */
export function planInit(
  templates: InitTemplates,
  input: InitInput,
): InitStep[] {
  const configDir = path.dirname(input.configFile);
  const configName = path.basename(input.configFile);
  const configFlag = configName === DEFAULT_CONFIG_NAME ? "" : ` --config ${configName}`;
  const command = `npx permgen check${configFlag}`;
  const audit = `npx permgen audit${configFlag}`;
  // Markdown for the log too; under Actions diff appends it to the job summary itself.
  const diffCommand = `npx permgen diff --format markdown${configFlag}`;
  const steps: InitStep[] = [];
  const createUnlessExists = (file: string, content: string): void => {
    steps.push(
      input.exists(file)
        ? { kind: "skip", path: file, reason: "exists" }
        : { kind: "create", path: file, content },
    );
  };

  createUnlessExists(
    path.join(configDir, "schema", "permissions.ts"),
    templates.schema,
  );
  createUnlessExists(input.configFile, templates.config);

  const recipe = templates.recipe.replaceAll("%%command%%", command);
  if (input.justfile === undefined) {
    createUnlessExists(path.join(configDir, "justfile"), recipe);
  } else if (hasRecipe(input.justfile.content, RECIPE)) {
    steps.push({
      kind: "skip",
      path: input.justfile.path,
      reason: `has recipe ${RECIPE}`,
    });
  } else {
    const existing = input.justfile.content;
    const separator =
      existing === "" ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
    steps.push({
      kind: "append",
      path: input.justfile.path,
      content: `${separator}${recipe}`,
      what: `recipe ${RECIPE}`,
    });
  }

  const workingDirectory = path
    .relative(input.repoRoot, configDir)
    .split(path.sep)
    .join("/");
  const defaults =
    workingDirectory === ""
      ? ""
      : `    defaults:\n      run:\n        working-directory: ${workingDirectory}\n`;
  createUnlessExists(
    path.join(input.repoRoot, ".github", "workflows", "permgen.yml"),
    templates.workflow
      .replaceAll("%%defaults%%", defaults)
      .replaceAll("%%command%%", command)
      .replaceAll("%%audit%%", audit)
      .replaceAll("%%diff%%", diffCommand),
  );

  // Generated files marked linguist-generated: GitHub collapses them in pull request diffs,
  // so a reviewer reads the schema and the lock (whose role record shows each grant change).
  const attributes = planGitattributes(templates.config, input.gitattributes);
  const attributesFile = path.join(configDir, ".gitattributes");
  if (attributes === null) {
    // The config template names no outputs: nothing to mark.
  } else if (attributes === undefined) {
    steps.push({ kind: "skip", path: attributesFile, reason: "marks the generated files already" });
  } else if (input.gitattributes === undefined) {
    createUnlessExists(attributesFile, attributes);
  } else {
    steps.push({ kind: "append", path: attributesFile, content: attributes, what: "linguist-generated lines" });
  }
  return steps;
}

/**
 * The `.gitattributes` lines that mark the template config's outputs as generated (a folder
 * target's whole folder), anchored to the config's folder; only the lines `existing` lacks,
 * with a separator; undefined when it has them all, null when the template names no output.
 */
export function planGitattributes(
  configTemplate: string,
  existing: string | undefined,
): string | undefined | null {
  let config: { targets?: { out?: unknown; language?: unknown }[] };
  try {
    config = JSON.parse(configTemplate) as typeof config;
  } catch {
    return null;
  }
  const lines = (Array.isArray(config.targets) ? config.targets : [])
    .filter((t): t is { out: string; language?: unknown } => typeof t.out === "string")
    .map((t) => {
      const out = t.out.replace(/^\.\//, "").replace(/\/$/, "");
      return `/${t.language === "sql" ? `${out}/**` : out} linguist-generated=true`;
    });
  const have = new Set((existing ?? "").split(/\r?\n/).map((l) => l.trim()));
  if (lines.length === 0) return null;
  const missing = lines.filter((line) => !have.has(line));
  if (missing.length === 0) return undefined;
  const header = "# Written by permgen init: generated files, collapsed in pull request diffs.";
  const body = [...(have.has(header) ? [] : [header]), ...missing].join("\n");
  const separator =
    existing === undefined || existing === "" ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
  return `${separator}${body}\n`;
}

/** Whether a justfile defines a recipe (a line `name:` or `name args:`, not `name :=`). */
export function hasRecipe(justfile: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^@?${escaped}(?:\\s[^:\\n]*)?:(?!=)`, "m").test(justfile);
}

/**
 * Formats what init did, one line per step (`created <path>`, `skipped <path> (exists)`,
 * `updated <path> (added recipe ...)`), paths relative to `cwd`, then the next step to take.
 */
export function formatInitReport(
  steps: readonly InitStep[],
  cwd: string,
  config: string | undefined,
): string {
  const lines = steps.map((step) => {
    const shown = displayPath(step.path, cwd);
    switch (step.kind) {
      case "create":
        return `created ${shown}`;
      case "skip":
        return `skipped ${shown} (${step.reason})`;
      case "append":
        return `updated ${shown} (added ${step.what})`;
    }
  });
  const schema =
    steps[0] === undefined
      ? "schema/permissions.ts"
      : displayPath(steps[0].path, cwd);
  const generate =
    config === undefined
      ? "permgen generate"
      : `permgen generate --config ${config}`;
  lines.push(`next: edit ${schema}, then run \`${generate}\``);
  return `${lines.join("\n")}\n`;
}

/**
 * Runs `permgen init` in the config's folder (the current directory, or `--config`'s folder):
 * creates what is missing, appends the justfile recipe when needed, prints each step; exit 0.
 */
export async function runInit(
  flags: InitFlags,
  context: CliContext,
): Promise<number> {
  const configFile = path.resolve(
    context.cwd,
    flags.config ?? DEFAULT_CONFIG_NAME,
  );
  const configDir = path.dirname(configFile);
  const repoRoot = findRepositoryRoot(configDir);
  const justfile = readJustfile(configDir);
  const attributes = readInputFile(path.join(configDir, ".gitattributes"));
  const planned = planInit(readTemplates(), {
    configFile,
    repoRoot,
    justfile: justfile?.kind === "file" ? justfile : undefined,
    gitattributes: attributes.kind === "file" ? attributes.bytes.toString("utf8") : undefined,
    exists: (file) => fs.existsSync(file),
  });
  // A justfile that is a FIFO or a device is never read nor appended to, and said so.
  const steps = planned.map((step): InitStep =>
    justfile?.kind === "unreadable" && step.path === path.join(configDir, "justfile")
      ? { kind: "skip", path: justfile.path, reason: justfile.reason }
      : step,
  );
  // The same containment rule as generate's targets: nothing is written (or appended to)
  // outside the repository, links resolved. Any refusal stops init before it writes anything.
  const refused = steps.flatMap((step) =>
    step.kind === "skip" ? [] : checkInitPath(repoRoot, step),
  );
  if (refused.length > 0) {
    context.stderr(formatDiagnosticLines(refused, context.cwd));
    return 2;
  }
  const done = steps.map((step) => applyStep(step));
  context.stdout(formatInitReport(done, context.cwd, flags.config));
  return 0;
}

/**
 * Why init must not write a step's file (PG0601): a symbolic link on its path that leads out
 * of the repository or to nothing. Empty when the path is fine.
 */
export function checkInitPath(repoRoot: string, step: InitStep): Diagnostic[] {
  const what =
    step.kind === "append"
      ? `append the ${step.what.startsWith("recipe ") ? `${RECIPE} recipe` : step.what} to ${path.basename(step.path)}`
      : `create ${path.basename(step.path)}`;
  const refuse = (reason: string): Diagnostic[] => [
    {
      code: Codes.PathOutsideRepository,
      message: `init refuses to ${what}: ${reason}; nothing was written`,
      file: step.path,
      line: 1,
      column: 1,
    },
  ];
  const rel = path.relative(repoRoot, step.path);
  const parts = rel.split(path.sep);
  for (let i = 1; i <= parts.length; i++) {
    const at = path.join(repoRoot, ...parts.slice(0, i));
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(at);
    } catch {
      break; // The rest of the path does not exist yet: init creates it inside.
    }
    if (!stat.isSymbolicLink()) continue;
    const shown = parts.slice(0, i).join("/");
    let target: string;
    try {
      target = fs.realpathSync(at);
    } catch {
      return refuse(`"${shown}" is a symbolic link that leads nowhere`);
    }
    if (!isInsideRoot(repoRoot, target)) {
      return refuse(
        `"${shown}" is a symbolic link that leads outside the repository (the git root above the config, or the config's folder outside git)`,
      );
    }
  }
  if (!isInsideRoot(repoRoot, step.path)) {
    return refuse("the path is outside the repository");
  }
  return [];
}

/** Performs one step; a file that appeared meanwhile is skipped, never overwritten. */
function applyStep(step: InitStep): InitStep {
  if (step.kind === "skip") return step;
  fs.mkdirSync(path.dirname(step.path), { recursive: true });
  if (step.kind === "append") {
    fs.appendFileSync(step.path, step.content);
    return step;
  }
  try {
    fs.writeFileSync(step.path, step.content, { flag: "wx" });
    return step;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return { kind: "skip", path: step.path, reason: "exists" };
    }
    throw error;
  }
}

/** The templates shipped under templates/init/ (two levels above src/cli and dist/cli). */
function readTemplates(): InitTemplates {
  const read = (name: string): string =>
    fs.readFileSync(
      new URL(`../../templates/init/${name}`, import.meta.url),
      "utf8",
    );
  return {
    schema: read("schema/permissions.ts"),
    config: read("permgen.config.json"),
    recipe: read("permission-codegen-check.just"),
    workflow: read("github-workflow.yml"),
  };
}

/**
 * The justfile `just` would pick in a folder (`justfile`, any case, or `.justfile`), if any,
 * read without blocking: a FIFO or a device there is reported and never read.
 */
function readJustfile(
  dir: string,
):
  | { kind: "file"; path: string; content: string }
  | { kind: "unreadable"; path: string; reason: string }
  | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const name = fs
    .readdirSync(dir)
    .sort()
    .find((entry) => /^\.?justfile$/i.test(entry));
  if (name === undefined) return undefined;
  const file = path.join(dir, name);
  const input = readInputFile(file);
  if (input.kind === "file") return { kind: "file", path: file, content: input.bytes.toString("utf8") };
  // A dangling link: checkInitPath refuses the append; nothing to read.
  if (input.kind === "missing") return { kind: "file", path: file, content: "" };
  return { kind: "unreadable", path: file, reason: `${describeUnreadableInput(input)}; recipe not added` };
}
