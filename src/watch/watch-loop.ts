/**
 * The watch loop behind `permgen generate --watch`: one long-lived process that runs the same
 * `generate()` as the command (src/index.ts → src/pipeline.ts), again after every save of an
 * input. Nothing here re-implements a stage: the gain is that node keeps every module the
 * pipeline imported on demand (ts-morph, prettier, zod, the emitters) loaded between runs, so
 * a run after the first pays for reading, emitting and writing only.
 *
 * Events are debounced (editors write a temporary file and rename it over the original, and
 * save several files at once) and filtered by content: a run is started only when some input's
 * bytes differ from what the previous run saw, so the lock the run itself writes, a `touch`, or
 * an editor's no-op save never start another. Output files are never watched at all.
 *
 * This stage watches the disk (chokidar, loaded only here) but writes nothing itself; printing
 * and signals belong to the CLI (src/cli/watch.ts).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { FSWatcher } from "chokidar";
import { findConfigFile } from "../config/find-config.js";
import type { FileChange, Outcome, RunOptions, Timings } from "../index.js";
import { LAYOUT_CONFIG_NAMES } from "../output/format.js";
import { readInputFile } from "../output/read-files.js";
import { findRepositoryRoot } from "../output/repository.js";
import type { WatchInputs } from "./watch-inputs.js";
import { collectWatchInputs, isWatchedInput, listWatchedFolders } from "./watch-inputs.js";
import { loadPipeline } from "../loading/pipeline.js";

/**
 * How long the inputs must stay quiet before a run starts. Long enough to merge an editor's
 * write-temp-then-rename and a "save all" (their events arrive within a millisecond or two of
 * each other); short, because every millisecond of it is added to the time from a save to the
 * output (40 ms measured as 10–15 % of a 500-pair save's latency). A burst split anyway costs
 * one more run, never a wrong output: each run reads the inputs as they are then.
 */
export const QUIET_WINDOW_MS = 10;

/**
 * chokidar drops a second `change` of one path within 50 ms of the first (its `_throttle`, with
 * no trailing event), so a save right after a save could go unseen once a run takes less than
 * those 50 ms (a longer run blocks the loop past the throttle's timer, and the event then comes
 * through). This long after each event the file is looked at again; the content filter makes
 * that a no-op when nothing was missed.
 */
const RECHECK_AFTER_MS = 70;

/** How often folders of the watch set that do not exist are looked for. */
const ABSENT_POLL_MS = 250;
/** When a newly watched folder's inputs are looked at again, in case a save beat its watch. */
const NEW_FOLDER_LOOKS_MS = [100, 500];

/** One run of the loop, for the CLI to print. */
export interface WatchRun {
  /** The inputs whose bytes changed (absolute paths); empty for the first run. */
  readonly changed: readonly string[];
  readonly outcome: Outcome<{ changes: readonly FileChange[]; timings: Timings }>;
  /** From the end of the quiet window to the end of the run. */
  readonly ms: number;
}

/** A running watch: `stop()` waits for a run in progress to finish, then closes the watcher. */
export interface WatchSession {
  stop(): Promise<void>;
}

export interface WatchOptions {
  /** What every run passes to `generate()`. */
  readonly run: RunOptions;
  readonly onRun: (run: WatchRun) => void;
  /** A problem of the watcher itself (say, the system's watch limit): reported, not fatal. */
  readonly onWatchError: (error: Error) => void;
  /** A run that threw (a bug, exit 3 for a single generate): reported, and the watch goes on. */
  readonly onRunError: (error: unknown) => void;
}

/**
 * Starts watching and runs `generate()` once at once, then after every debounced change. The
 * returned session runs until `stop()`. Runs never overlap: a change during a run is picked up
 * by one more run right after it.
 */
export async function startWatch(options: WatchOptions): Promise<WatchSession> {
  const { generate } = await import("../index.js");
  // The instance index.ts's generate() runs (the bundle, in dist/): reuse is switched on there.
  const pipeline = await loadPipeline();
  const { loadConfig } = pipeline;
  // A save changes one input: the config and lock the previous run parsed (and the model, when
  // only the config or a layout file changed) are reused by value (pipeline.ts, parsedInputs).
  pipeline.reuseParsedInputs();
  const { watch } = await import("chokidar");
  const cwd = path.resolve(options.run.cwd ?? process.cwd());
  const configFile = findConfigFile(cwd, options.run.config).file;

  let inputs: WatchInputs = readInputs();
  let folders = new Set<string>();
  /** Content digest of each input as the last run saw it (absent: never seen). */
  const seen = new Map<string, string>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopping = false;
  let absentPoll: NodeJS.Timeout | undefined;
  /** Per input: the look after chokidar's throttle window (RECHECK_AFTER_MS) not yet made. */
  const rechecks = new Map<string, NodeJS.Timeout>();
  /** The looks at newly watched folders not yet made (NEW_FOLDER_LOOKS_MS). */
  const folderLooks = new Set<NodeJS.Timeout>();

  const watcher: FSWatcher = watch([], {
    ignoreInitial: true,
    depth: 0,
    // Everything in a watched folder but the inputs themselves is never even stat'ed.
    ignored: (file: string) => !folders.has(path.resolve(file)) && !isWatchedInput(inputs, file),
  });
  watcher.on("all", (event, file) => {
    if (event === "unlinkDir" && folders.has(path.resolve(file))) {
      // The folder itself went: forget it, so that it is watched again once it is back.
      folders.delete(path.resolve(file));
      watcher.unwatch(path.resolve(file));
      refreshFolders();
      return;
    }
    if (stopping || !isWatchedInput(inputs, file)) return;
    const absolute = path.resolve(file);
    pending.add(absolute);
    schedule();
    scheduleRecheck(absolute);
  });
  watcher.on("error", (error) => {
    options.onWatchError(error instanceof Error ? error : new Error(String(error)));
  });
  refreshFolders();
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));

  // The first run sees every input as it is now.
  for (const file of inputs.files) seen.set(file, digestFile(file));
  const first = await track(runOnce([]));
  // A first run the verdict cache answered loaded none of the pipeline; load it now, while the
  // user has not saved yet, so the first save costs what every later one does. `plan()` runs
  // the stages without writing; a save meanwhile waits for it like for any run.
  if (first !== undefined && first.ok && "cache" in first.timings && !stopping) {
    const { plan } = await import("../index.js");
    void track(plan(options.run).then(() => undefined, () => undefined));
  }

  return {
    async stop() {
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      if (absentPoll !== undefined) clearInterval(absentPoll);
      for (const recheck of rechecks.values()) clearTimeout(recheck);
      for (const look of folderLooks) clearTimeout(look);
      // A run in progress finishes its atomic writes and releases the run lock first.
      await running;
      await watcher.close();
    },
  };

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running !== undefined) return; // the run in progress picks `pending` up when done
      void track(runPending());
    }, QUIET_WINDOW_MS);
  }

  /** Looks at `file` again once chokidar would report a change of it again (RECHECK_AFTER_MS). */
  function scheduleRecheck(file: string): void {
    const earlier = rechecks.get(file);
    if (earlier !== undefined) clearTimeout(earlier);
    const recheck = setTimeout(() => {
      rechecks.delete(file);
      if (stopping) return;
      pending.add(file);
      schedule();
    }, RECHECK_AFTER_MS);
    recheck.unref();
    rechecks.set(file, recheck);
  }

  /** Records `run` as the run in progress until it settles, then serves changes seen meanwhile. */
  function track<T>(run: Promise<T>): Promise<T> {
    running = run;
    return run.finally(() => {
      if (running === run) running = undefined;
      if (pending.size > 0 && !stopping) schedule();
    });
  }

  async function runPending(): Promise<void> {
    const changed = [...pending].filter((file) => {
      const digest = digestFile(file);
      if (seen.get(file) === digest) return false;
      seen.set(file, digest);
      return true;
    });
    pending.clear();
    if (changed.length === 0 || stopping) return;
    await runOnce(changed.sort());
  }

  /** Runs generate once and reports it; returns its outcome (undefined when it threw). */
  async function runOnce(changed: string[]): Promise<WatchRun["outcome"] | undefined> {
    const start = performance.now();
    let outcome: WatchRun["outcome"];
    try {
      // Only the first run asks the verdict cache (src/index.ts): a later run starts because an
      // input's bytes differ from what the previous run, which recorded the verdict, read, so
      // the lookup (reading and hashing every input again) all but always misses, and when it
      // would not, the pipeline's answer is the same. The pipeline still records each run's
      // verdict for the `check` that follows the watch.
      outcome = await (changed.length === 0 ? generate : pipeline.generate)(options.run);
    } catch (error) {
      // A bug in a run (exit 3 for one generate) should not end the watch the user relies on.
      options.onRunError(error);
      return undefined;
    }
    // The run wrote the lock: its new bytes are no change to react to.
    const lockBefore = inputs.lock;
    inputs = readInputs();
    for (const file of inputs.files) {
      const written = file === lockBefore || file === inputs.lock;
      if (written || !seen.has(file)) seen.set(file, digestFile(file));
    }
    refreshFolders();
    options.onRun({ changed, outcome, ms: performance.now() - start });
    // What the run's emitters prepared for the next one (the SQL history of the manifests just
    // written) is done once this run is settled, in the time before the next save.
    setImmediate(() => {
      if (!stopping) pipeline.runAfterRunTasks();
    });
    return outcome;
  }

  /** The watch set of the config as it is now on disk (the config file alone if unreadable). */
  function readInputs(): WatchInputs {
    const loaded = loadConfig(options.run);
    const config = loaded.ok ? loaded.config : undefined;
    const root = findRepositoryRoot(config?.configDir ?? path.dirname(configFile));
    return collectWatchInputs(configFile, config, root);
  }

  /**
   * Points the watcher at the folders of the current watch set that exist. `seed`: record the
   * bytes of the layout configs already in a newly watched folder, so a `touch` or a same-bytes
   * rewrite of one (`npm install` rewriting package.json) starts no run; a folder that comes
   * back after a checkout is not seeded (checkAbsentFolders treats what it holds as changed).
   */
  function refreshFolders(seed = true): void {
    const wanted = listWatchedFolders(inputs);
    const next = new Set(wanted.filter((dir) => isDirectory(dir)));
    const added = [...next].filter((dir) => !folders.has(dir));
    const removed = [...folders].filter((dir) => !next.has(dir));
    folders = next;
    if (removed.length > 0) watcher.unwatch(removed);
    if (added.length > 0) watcher.add(added);
    // chokidar sets the new watches up asynchronously: a save made meanwhile sends no event
    // (a test saw a folder brought back by a checkout, then saved at once, never regenerate).
    // Looking at the folder's inputs again a little later catches it; the digests make the
    // look a no-op when nothing changed.
    for (const dir of added) {
      for (const delay of NEW_FOLDER_LOOKS_MS) {
        const look = setTimeout(() => {
          folderLooks.delete(look);
          if (stopping || !folders.has(dir)) return;
          markFolderInputs(dir);
          if (pending.size > 0) schedule();
        }, delay);
        look.unref();
        folderLooks.add(look);
      }
    }
    if (seed) {
      for (const dir of added) {
        for (const name of LAYOUT_CONFIG_NAMES) {
          const file = path.join(dir, name);
          if (!seen.has(file) && isWatchedInput(inputs, file)) seen.set(file, digestFile(file));
        }
      }
    }
    // A folder that is not there (deleted by a checkout, an output folder not yet made) sends
    // no events, and a watch on it would not see it come back: look for it now and then.
    const missing = wanted.length > next.size;
    if (missing && absentPoll === undefined) {
      absentPoll = setInterval(checkAbsentFolders, ABSENT_POLL_MS);
      absentPoll.unref();
    } else if (!missing && absentPoll !== undefined) {
      clearInterval(absentPoll);
      absentPoll = undefined;
    }
  }

  /** When a missing folder appeared, watch it and treat the inputs it holds as changed. */
  function checkAbsentFolders(): void {
    if (stopping) return;
    const back = listWatchedFolders(inputs).filter((dir) => !folders.has(dir) && isDirectory(dir));
    if (back.length === 0) return;
    refreshFolders(false);
    for (const dir of back) markFolderInputs(dir);
    if (pending.size > 0) schedule();
  }

  /** Marks every input `dir` holds as possibly changed (the next run compares their digests). */
  function markFolderInputs(dir: string): void {
    for (const name of listNames(dir)) {
      const file = path.join(dir, name);
      if (isWatchedInput(inputs, file)) pending.add(file);
    }
  }
}

/**
 * A digest of the file's bytes, or its kind when it has none to read (missing, a FIFO, too
 * large): only equality matters. Read the pipeline's way (never blocking on a FIFO, at most
 * 16 MiB), since a watched name may be anything by the time it is read.
 */
function digestFile(file: string): string {
  try {
    const input = readInputFile(file);
    if (input.kind !== "file") return input.kind;
    return createHash("sha256").update(input.bytes).digest("hex");
  } catch {
    // No permission, an I/O error: the run reports it; here it is just "not what it was".
    return "unreadable";
  }
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
