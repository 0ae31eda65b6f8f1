/**
 * `permgen lock --recover | --import FILE`: calls src/lock-commands.ts and prints what it wrote
 * and where the ids came from. Loaded by main.ts only when the command runs.
 */
import { displayPath, formatTextPath } from "../diagnostics/diagnostic.js";
import { importLockFile, recoverLockFile } from "../lock-commands.js";
import type { ImportResult, RecoverResult } from "../lock-commands.js";
import type { CommonFlags } from "./commands.js";
import { ExitCode } from "./commands.js";
import type { CliContext } from "./main.js";
import { formatDiagnosticLines } from "./report.js";

/** `lock`'s flags: exactly one of `--recover` and `--import`. */
export interface LockFlags extends CommonFlags {
  readonly recover?: boolean | undefined;
  readonly import?: string | undefined;
}

/**
 * Runs `permgen lock`: exit 0 with a report of what was written, 2 with diagnostics (nothing
 * written), 2 with a usage message when neither or both of `--recover` and `--import` is given.
 */
export async function runLock(flags: LockFlags, context: CliContext): Promise<number> {
  if ((flags.recover === true) === (flags.import !== undefined)) {
    context.stderr(
      "permgen lock: give exactly one of --recover and --import <file>\n" +
        "(run `permgen --help` for usage)\n",
    );
    return ExitCode.Invalid;
  }
  const options = {
    cwd: context.cwd,
    ...(flags.config === undefined ? {} : { config: flags.config }),
  };
  const outcome =
    flags.recover === true ? recoverLockFile(options) : importLockFile(options, flags.import ?? "");
  if (!outcome.ok) {
    context.stderr(formatDiagnosticLines(outcome.diagnostics, context.cwd));
    return ExitCode.Invalid;
  }
  context.stdout(
    "base" in outcome
      ? formatRecoverReport(outcome, context.cwd)
      : formatImportReport(outcome, context.cwd),
  );
  return ExitCode.Ok;
}

/** What `--recover` prints: the lock, its source, the cross-checks, and what it could not know. */
export function formatRecoverReport(result: RecoverResult, cwd: string): string {
  const show = (file: string): string => formatTextPath(displayPath(file, cwd));
  const { lock } = result;
  const counts = [
    plural(lock.active.size, "id"),
    `${lock.retired.size} retired`,
    ...(lock.roles === undefined ? [] : [plural(lock.roles.size, "role")]),
  ];
  const from = show(result.base.file);
  const lines = [`permgen: recovered ${show(result.lockPath)} from ${from} (${counts.join(", ")})`];
  for (const source of result.checked) lines.push(`  cross-checked  ${show(source.file)}`);
  for (const skip of result.skipped) lines.push(`  not read       ${show(skip.file)}: ${skip.reason}`);
  if (!result.retiredKnown) {
    lines.push(
      `permgen: retired ids are not recorded in ${from}: ids of keys removed earlier may be ` +
        "given out again; restore the lock from version control if it was ever committed",
    );
  }
  if (lock.roles === undefined) {
    lines.push(
      "permgen: roles not recovered (no JSON target or SQL manifest records them); " +
        "the next `permgen generate` records them",
    );
  }
  lines.push("permgen: run `permgen check` to confirm the outputs agree, then commit the lock");
  return `${lines.join("\n")}\n`;
}

/** What `--import` prints. */
export function formatImportReport(result: ImportResult, cwd: string): string {
  const lock = formatTextPath(displayPath(result.lockPath, cwd));
  const ids = plural(result.imported, "id");
  if (result.unchanged) {
    return `permgen: ${lock} already holds the ${ids} of the file; nothing written\n`;
  }
  return (
    `permgen: wrote ${lock} with ${ids} (next id ${result.lock.nextId})\n` +
    "permgen: run `permgen generate`: keys in the schema keep these ids, the others are " +
    "retired, new keys are numbered after them\n"
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
