/**
 * `permgen import SOURCE… [--out PATH] [--ids FILE] [--force]`: calls src/import-command.ts and
 * prints what it wrote and what to do next. Loaded by main.ts only when the command runs.
 */
import { displayPath, formatTextPath } from "../diagnostics/diagnostic.js";
import { importVocabulary } from "../import-command.js";
import type { ImportCommandResult } from "../import-command.js";
import type { CommonFlags } from "./commands.js";
import { ExitCode } from "./commands.js";
import type { CliContext } from "./main.js";
import { formatDiagnosticLines } from "./report.js";

/** `import`'s flags. */
export interface ImportFlags extends CommonFlags {
  readonly out?: string | undefined;
  readonly ids?: string | undefined;
  readonly force?: boolean | undefined;
}

/** Runs `permgen import`: exit 0 with what was written, 2 with diagnostics (nothing written). */
export async function runImport(sources: string[], flags: ImportFlags, context: CliContext): Promise<number> {
  const outcome = await importVocabulary({
    cwd: context.cwd,
    config: flags.config,
    sources,
    out: flags.out,
    ids: flags.ids,
    force: flags.force === true,
  });
  if (!outcome.ok) {
    context.stderr(formatDiagnosticLines(outcome.diagnostics, context.cwd));
    return ExitCode.Invalid;
  }
  context.stdout(formatImportReport(outcome, context.cwd));
  return ExitCode.Ok;
}

/** What import prints: the files written, what they hold, and the next command. */
export function formatImportReport(result: ImportCommandResult, cwd: string): string {
  const show = (file: string): string => formatTextPath(displayPath(file, cwd));
  const { summary } = result;
  const holds = [
    plural(summary.permissions, "permission"),
    plural(summary.resources, "resource"),
    plural(summary.actions, "action"),
    plural(summary.roles, "role"),
    ...(summary.namespace === undefined ? [] : [`namespace "${summary.namespace}"`]),
  ];
  const lines = [`permgen: wrote ${show(result.schemaPath)} (${holds.join(", ")})`];
  if (result.lockPath !== undefined && result.lockKept) {
    lines.push(`permgen: ${show(result.lockPath)} already holds the ${plural(result.ids, "id")}; left as it is`);
  } else if (result.lockPath !== undefined) {
    lines.push(`permgen: wrote ${show(result.lockPath)} with ${plural(result.ids, "id")}`);
  }
  if (result.configFile === undefined) {
    lines.push("permgen: no permgen.config.json yet: run `permgen init` (it keeps this schema), add your targets, then `permgen generate`");
  } else if (result.configReadsOther) {
    lines.push(`permgen: ${show(result.configFile)} reads another schema: point its "schema" at this file, then run \`permgen generate\``);
  } else {
    lines.push("permgen: run `permgen generate`, then commit the schema, the lock and the generated files");
  }
  return `${lines.join("\n")}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
