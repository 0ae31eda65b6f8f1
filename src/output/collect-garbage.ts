/**
 * A full garbage collection between the big steps of a run, without any user flag.
 *
 * Each emitter builds its output from many short-lived strings and arrays. V8 lets the old
 * generation grow while there is garbage to collect later, so at 100,000 pairs a `generate`
 * reached 1.1-1.5 GiB of RSS although what stays alive between two targets is the model and
 * the outputs so far (75-310 MiB). A full collection after a target that allocated a lot starts
 * the next one from the live set: measured 0.95 GiB at 100,000 pairs and 230 instead of 315 MiB
 * at 10,000, with less CPU time, not more (the old generation is mostly large flat strings,
 * cheap to mark and never moved). V8's `--max-old-space-size` or `--optimize-for-size` would
 * need a flag on the command line (the second also doubled the CPU time); `gc()` can be had at
 * run time: with `--expose-gc` set, a new context gets the `gc` function (the flag is cleared
 * right after, so no other context gets one).
 */
import v8 from "node:v8";
import vm from "node:vm";

/** Heap growth since the last collection below which a collection is not worth its cost. */
const MIN_GROWTH = 128 * 1024 * 1024;

let collect: (() => void) | undefined;
let usedAfterLast = 0;

/**
 * Collects garbage when the heap grew by MIN_GROWTH or more since the last collection here (so
 * a small schema never pays for one). Changes nothing a run computes, only when memory is
 * given back.
 */
export function collectGarbageIfGrown(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used - usedAfterLast < MIN_GROWTH) return;
  collect ??= loadCollector();
  collect();
  usedAfterLast = v8.getHeapStatistics().used_heap_size;
}

function loadCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  // Switched off again at once: a context the embedding process creates later (permgen's API
  // runs in other programs) must not find a `gc` it never asked for.
  v8.setFlagsFromString("--no-expose-gc");
  return gc;
}
