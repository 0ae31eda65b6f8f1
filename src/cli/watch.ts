/**
 * `permgen generate --watch`: the process side of the watch loop (src/watch/watch-loop.ts) —
 * the one line per run, diagnostics without exiting, and signals. Loaded by main.ts only when
 * `--watch` is given, so no other command loads chokidar.
 */
import { formatTextLine, formatTextPath, displayPath } from "../diagnostics/diagnostic.js";
import { Codes } from "../diagnostics/codes.js";
import type { RunOptions } from "../index.js";
import type { WatchRun } from "../watch/watch-loop.js";
import type { GenerateFlags } from "./commands.js";
import { ExitCode } from "./commands.js";
import type { CliContext } from "./main.js";
import { formatDiagnosticLines, formatTimings } from "./report.js";
import { loadPipeline } from "../loading/pipeline.js";

/**
 * The exit codes of a shell for a process ended by SIGINT (Ctrl-C), SIGTERM and SIGHUP (its
 * terminal closed): 128 + n.
 */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs generate, then again after every change of an input, until SIGINT, SIGTERM or SIGHUP. A signal
 * during a run waits for it to finish (its atomic writes done, its run lock released), so an
 * interrupted watch never leaves a half-written file or a stale lock; then exits 130 / 143 / 129.
 * Exit 2 at once when there is no config to watch; every later problem (a broken schema, a
 * deleted config) is printed and the watch goes on, so the next good save regenerates.
 */
export async function runGenerateWatch(flags: GenerateFlags, context: CliContext): Promise<number> {
  const run: RunOptions = {
    cwd: context.cwd,
    cache: flags.cache !== false,
    force: flags.force === true,
    ...(flags.config === undefined ? {} : { config: flags.config }),
  };
  const { loadConfig } = await loadPipeline();
  const initial = loadConfig(run);
  if (!initial.ok && initial.diagnostics.some((d) => d.code === Codes.ConfigNotFound)) {
    context.stderr(formatDiagnosticLines(initial.diagnostics, context.cwd));
    return ExitCode.Invalid;
  }

  let signalled: keyof typeof SIGNAL_EXIT | undefined;
  let wake: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const onSignal = (signal: keyof typeof SIGNAL_EXIT) => () => {
    if (signalled === undefined) signalled = signal;
    wake?.();
  };
  // Installed before the first run, so a Ctrl-C during it also waits for its writes.
  const handlers = { SIGINT: onSignal("SIGINT"), SIGTERM: onSignal("SIGTERM"), SIGHUP: onSignal("SIGHUP") };
  for (const signal of SIGNALS) process.on(signal, handlers[signal]);
  try {
    const { startWatch } = await import("../watch/watch-loop.js");
    const session = await startWatch({
      run,
      onRun: (result) => printRun(result, flags, context),
      // The watcher's messages name watched paths (ENOSPC, EACCES): escaped like every path.
      onWatchError: (error) => context.stderr(`${formatTextLine(`permgen: watch: ${error.message}`)}\n`),
      onRunError: (error) => {
        const message = error instanceof Error ? error.message : String(error);
        context.stderr(
          `permgen: internal error: ${message}\n` +
            "please report this at https://github.com/permgen/permgen/issues\n",
        );
        if (flags.debug === true && error instanceof Error && error.stack !== undefined) {
          context.stderr(`${error.stack}\n`);
        }
      },
    });
    if (signalled === undefined) {
      context.stdout("permgen: watching the config, schema, lock and prettier config; Ctrl-C stops\n");
      await stopped;
    }
    await session.stop();
  } finally {
    for (const signal of SIGNALS) process.off(signal, handlers[signal]);
  }
  return SIGNAL_EXIT[signalled ?? "SIGINT"];
}

/**
 * One line per run on stdout — what changed, what was written, how long it took — and the
 * run's diagnostics, if any, on stderr before it.
 */
function printRun(result: WatchRun, flags: GenerateFlags, context: CliContext): void {
  const trigger = describeTrigger(result.changed, context.cwd);
  const ms = `${Math.round(result.ms)} ms`;
  const { outcome } = result;
  if (!outcome.ok) {
    context.stderr(formatDiagnosticLines(outcome.diagnostics, context.cwd));
    const errors = count(outcome.diagnostics.length, "error");
    context.stdout(`permgen: ${trigger}: ${errors}, nothing written in ${ms}; waiting for a fix\n`);
    return;
  }
  const written = outcome.changes.filter((c) => c.status === "written" || c.status === "rewritten");
  const deleted = outcome.changes.filter((c) => c.status === "deleted").length;
  const unchanged = outcome.changes.filter((c) => c.status === "unchanged").length;
  const shown = written.slice(0, 3).map((c) => formatTextPath(displayPath(c.path, context.cwd)));
  const names = shown.length === 0 ? "" : ` (${shown.join(", ")}${written.length > 3 ? ", …" : ""})`;
  const parts = [`${written.length} written${names}`, `${unchanged} unchanged`];
  if (deleted > 0) parts.push(`${deleted} deleted`);
  context.stdout(`permgen: ${trigger}: ${parts.join(", ")} in ${ms}\n`);
  if (flags.debug === true) context.stderr(formatTimings(outcome.timings));
}

function describeTrigger(changed: readonly string[], cwd: string): string {
  if (changed.length === 0) return "first run";
  const names = changed.slice(0, 3).map((file) => formatTextPath(displayPath(file, cwd)));
  const more = changed.length > names.length ? ` and ${changed.length - names.length} more` : "";
  return `${names.join(", ")}${more} changed`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
