// How `npm run bench` times a command: the built CLI as a user runs it (`node bin/permgen.js`,
// start-up included), each run right after a `node -e 0` run so that both see the same load on
// a shared machine; the ratio of a row is the median of the per-pair ratios, not a ratio of
// medians measured minutes apart. Peak RSS comes from the process itself (bench/rss-hook.cjs,
// getrusage), so it works for any build: PERMGEN_BENCH_BIN=/path/to/bin/permgen.js measures
// another checkout with the same table.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const HOOK = path.join(here, "rss-hook.cjs");

/** The permgen launcher under test (PERMGEN_BENCH_BIN, else this checkout's). */
export const BIN = path.resolve(process.env.PERMGEN_BENCH_BIN ?? path.join(here, "..", "bin", "permgen.js"));
/** The dist/ folder next to BIN: what the in-process rows (emit, audit CPU) import. */
export const DIST = path.join(path.dirname(path.dirname(BIN)), "dist");

/** The environment every measured process gets: no GitHub Actions annotations, no colour. */
export function benchEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.GITHUB_ACTIONS;
  delete env.FORCE_COLOR;
  return env;
}

/** A fresh file name for one process's RSS report. */
export function rssFile() {
  return path.join(os.tmpdir(), `permgen-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
}

/** Reads (and removes) an RSS report: bytes, or NaN when the process wrote none. */
export function readRss(file) {
  try {
    const kib = Number(fs.readFileSync(file, "utf8"));
    fs.rmSync(file, { force: true });
    return kib * 1024;
  } catch {
    return NaN;
  }
}

/** Runs `node -r rss-hook <args>` once: wall time, peak RSS, exit status and output. */
export function runOnce(args, cwd) {
  const file = rssFile();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-r", HOOK, ...args], {
    cwd,
    env: benchEnv({ PERMGEN_BENCH_RSS_FILE: file }),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, rss: readRss(file), status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The spawn arguments that preload the RSS hook, for long-lived processes (the watch row). */
export function hookArgs() {
  return ["-r", HOOK];
}

export function median(xs) {
  const s = [...xs].filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A command that exited with another status than expected: the bench stops (exit 1). */
export class CommandFailed extends Error {
  name = "CommandFailed";
}

/**
 * Runs `permgen <args>` `runs` times in `cwd`, each run right after a `node -e 0` run.
 * `before(i)` runs before each pair (say, removing outputs for a fresh generate), outside the
 * timing. Every run must exit with one of `expect`. Returns the per-run times, the paired
 * ratios, the baseline times, the largest peak RSS of the runs, and the last run.
 */
export function runPaired(args, cwd, { runs, expect = [0], before = undefined }) {
  const times = [];
  const ratios = [];
  const nodeTimes = [];
  const rss = [];
  let last;
  for (let i = 0; i < runs; i++) {
    before?.(i);
    const base = runOnce(["-e", "0"], cwd);
    last = runOnce([BIN, ...args], cwd);
    if (!expect.includes(last.status)) {
      throw new CommandFailed(
        `permgen ${args.join(" ")} in ${cwd} exited ${last.status} (expected ${expect.join(" or ")})\n${last.stdout.slice(0, 2000)}\n${last.stderr.slice(0, 4000)}`,
      );
    }
    times.push(last.ms);
    nodeTimes.push(base.ms);
    ratios.push(last.ms / base.ms);
    rss.push(last.rss);
  }
  return { ms: median(times), ratio: median(ratios), nodeMs: median(nodeTimes), nodeTimes, rss: Math.max(...rss), times, last };
}

/**
 * Like runPaired, for a row whose goal is a ratio to another command (a check within 2× of a
 * generate): each of the `runs` rounds times `against` (args, cwd, before, expect), then
 * `node -e 0`, then `permgen <args>`, one right after the other, so both sides of a round see the
 * machine at the same moment. `vs` is the median of the per-round ratios, `againstMs` the median
 * time of the other command. A ratio of medians measured in different minutes would swing with
 * the machine's speed, which drifts by a fifth between minutes here.
 */
export function runAgainst(args, cwd, { runs, expect = [0], before = undefined, against }) {
  const other = [];
  const vs = [];
  const result = runPaired(args, cwd, {
    runs,
    expect,
    before: (i) => {
      before?.(i);
      against.before?.(i);
      const r = runOnce([BIN, ...against.args], against.cwd);
      if (!(against.expect ?? [0]).includes(r.status)) {
        throw new CommandFailed(`permgen ${against.args.join(" ")} in ${against.cwd} exited ${r.status}\n${r.stderr.slice(0, 4000)}`);
      }
      other.push(r.ms);
    },
  });
  for (let i = 0; i < result.times.length; i++) vs.push(result.times[i] / other[i]);
  return { ...result, vs: median(vs), againstMs: median(other), againstTimes: other };
}

/** Runs `permgen <args>` once, outside any row's timing (set-up); throws unless it exits `expect`. */
export function runSetup(args, cwd, expect = 0) {
  const r = runOnce([BIN, ...args], cwd);
  if (r.status !== expect) {
    throw new CommandFailed(`set-up: permgen ${args.join(" ")} in ${cwd} exited ${r.status}\n${r.stderr.slice(0, 4000)}`);
  }
  return r;
}
