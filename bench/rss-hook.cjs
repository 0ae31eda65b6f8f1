// Preloaded (`node -r bench/rss-hook.cjs …`) into every process bench/measure.mjs times, the
// `node -e 0` baseline included, so both sides of a pair carry the same tiny cost. At exit —
// a normal end, process.exit, or the watch mode's signal handler returning — it writes the
// process's peak resident set size in KiB (getrusage ru_maxrss) to $PERMGEN_BENCH_RSS_FILE.
// CommonJS, so no ES module loader is started for `node -e 0` on its account.
"use strict";
const file = process.env.PERMGEN_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    require("node:fs").writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
