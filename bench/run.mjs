// permgen benchmarks (`npm run bench`): one Markdown table, a row per goal of issue 16. The goals
// are reported, not asserted (timings depend on the machine): the exit status is 0 when a goal
// is missed and 1 only when a command fails (exits with a status the row does not expect).
//
// Columns: row | median | ratio to `node -e 0` | peak RSS | goal | met?
// - median: of ≥ 5 runs (PERMGEN_BENCH_RUNS, default 7; rows at 100k pairs ≥ 3, default 3);
// - ratio: each run is timed right after a `node -e 0` run and the ratio is the median of the
//   per-pair ratios (bench/measure.mjs), so a busy moment slows both sides of a pair;
// - a goal relative to `generate` (drift-10k, cold-100k) is paired the same way: each round
//   times a `generate` of the same size right before the check (runAgainst), and the goal is
//   the median of the per-round ratios;
// - peak RSS: the largest maxRSS (getrusage) of the row's runs, reported by the process itself.
//
// Rows (ids for PERMGEN_BENCH_ONLY=<id>,<id>…):
//   cold-repo   cold `check --no-cache`, this repository's schema, every target   ≤ 5× node
//   warm-repo   warm `check` (verdict cache), same repository                      ≤ 1.5× node
//   gen-10k     `generate` 10,000 pairs, every target (fresh outputs)             ≤ 1.5 s, ≤ 300 MiB
//   warm-10k    warm `check`, 10,000 pairs                                        ≤ 1.5× node
//   drift-10k   `check --no-cache` on 10,000 generated pairs + 1,000 new (exit 1)  ≤ 2× generate
//   gen-100k    `generate` 100,000 pairs                                           ≤ 8 s, ≤ 1 GiB
//   warm-100k   warm `check`, 100,000 pairs                                       ≤ 1.5× node
//   cold-100k   `check --no-cache`, 100,000 pairs in sync                          ≤ 1.2× generate
//   modules     50 modules × 40 pairs (bench/modules.mjs): generate, cold and warm check
//   watch       `generate --watch`, 500 pairs: schema written → TypeScript output changed ≤ 100 ms
//   audit       `permgen audit` on 5,000 source files (bench/audit.mjs)            < 10 s
//   emit        each target's emitter alone on 100,000 pairs (bench/emit.mjs), no goal
// The synthetic schemas (bench/synthetic.mjs) are R resources × 20 actions with 20 roles: one
// grants `*`, each of the other 19 ten `resource.*` wildcards and one exact key.
//
// PERMGEN_BENCH_BIN=/path/to/bin/permgen.js runs the same table against another build; rows a
// build cannot run (no --watch, no modules) say "not available", never a made-up number.
// PERMGEN_BENCH_PAIRS="10000,100000" changes the two synthetic sizes (for a quick try).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { benchAudit } from "./audit.mjs";
import {
  BIN,
  CommandFailed,
  benchEnv,
  hookArgs,
  median,
  readRss,
  rssFile,
  runOnce,
  runAgainst,
  runPaired,
  runSetup,
} from "./measure.mjs";
import { renderSyntheticSchema, writeRepo } from "./synthetic.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const RUNS = Math.max(5, Number(process.env.PERMGEN_BENCH_RUNS ?? 7));
const RUNS_LARGE = Math.max(3, Number(process.env.PERMGEN_BENCH_RUNS_LARGE ?? 3));
const [SMALL, LARGE] = (process.env.PERMGEN_BENCH_PAIRS ?? "10000,100000").split(",").map(Number);
const DRIFT_ADDED = 1000;
/** The watch goal holds for schemas of up to 500 pairs: measured at the bound. */
const WATCH_PAIRS = 500;
const ROW_IDS = [
  "cold-repo", "warm-repo", "gen-10k", "warm-10k", "drift-10k",
  "gen-100k", "warm-100k", "cold-100k", "modules", "watch", "audit", "emit",
];
const only = process.env.PERMGEN_BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
const unknown = (only ?? []).filter((id) => !ROW_IDS.includes(id));
if (unknown.length > 0) {
  console.error(`PERMGEN_BENCH_ONLY: unknown row ${unknown.join(", ")}; rows: ${ROW_IDS.join(", ")}`);
  process.exit(2);
}
const wants = (id) => only === undefined || only.includes(id);

const MiB = 1024 * 1024;
const fmtMs = (ms) => {
  if (Number.isNaN(ms)) return "—";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
};
const fmtRatio = (r) => (r === undefined || Number.isNaN(r) ? "—" : `${r.toFixed(2)}×`);
const fmtRss = (b) => (b === undefined || Number.isNaN(b) ? "—" : `${(b / MiB).toFixed(0)} MiB`);
const fmtPairs = (n) => (n % 1000 === 0 ? `${n / 1000}k` : n.toLocaleString("en-US"));

/** Every row printed, in order; `notes` are printed under the table. */
const rows = [];
const notes = [];
const baselines = [];

/** A measured row: `checks` are [goal text, met] pairs; met undefined = no goal. */
function addRow(label, result, checks, note = undefined) {
  baselines.push(...(result.nodeTimes ?? []));
  const goal = checks.length === 0 ? "—" : checks.map(([text]) => text).join(", ");
  const met = checks.length === 0 ? "—" : checks.every(([, ok]) => ok) ? "yes" : "**no**";
  rows.push([label, fmtMs(result.ms), fmtRatio(result.ratio), fmtRss(result.rss), goal, met]);
  if (note !== undefined) notes.push(`${label.trim()}: ${note}`);
}

function addUnavailable(label, goal, why) {
  rows.push([label, "not available", "—", "—", goal, "—"]);
  notes.push(`${label.trim()}: not available — ${why}`);
}

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-bench-")));
const started = performance.now();

/** Removes what a `generate` writes (outputs, lock, verdict cache), so the next one is fresh. */
function resetOutputs(dir) {
  for (const entry of ["generated", "permgen.lock.json", path.join("node_modules", ".cache")]) {
    fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

/** Synthetic repositories by size, generated once and shared by the rows that need them. */
const synthetic = new Map();
function syntheticRepo(pairs) {
  let repo = synthetic.get(pairs);
  if (repo === undefined) {
    const dir = path.join(tmp, `pairs-${pairs}`);
    writeRepo(dir, renderSyntheticSchema(pairs));
    repo = { dir, generated: false };
    synthetic.set(pairs, repo);
  }
  return repo;
}
function generatedRepo(pairs) {
  const repo = syntheticRepo(pairs);
  if (!repo.generated) runSetup(["generate"], repo.dir);
  repo.generated = true;
  return repo.dir;
}

/** A repository in sync whose verdict is cached; `note` says whether the cache answered. */
function warmCheck(dir, runs) {
  runSetup(["check"], dir);
  const probe = runSetup(["check", "--debug"], dir);
  const result = runPaired(["check"], dir, { runs });
  // src/index.ts reports a cache answer as the `cache` stage of --debug's timings.
  const hit = /\bcache\b/.test(probe.stderr) && !/\bmodel\b/.test(probe.stderr);
  const miss = "the verdict cache did not answer (--debug shows the full pipeline)";
  return { result, note: hit ? undefined : miss };
}

const warmGoal = (r) => [["≤ 1.5× node", r.ratio <= 1.5]];

try {
  // This repository's schema with every target, as `permgen check` runs in CI.
  if (wants("cold-repo") || wants("warm-repo")) {
    const dir = path.join(tmp, "repo");
    writeRepo(dir);
    runSetup(["generate"], dir);
    if (wants("cold-repo")) {
      const r = runPaired(["check", "--no-cache"], dir, { runs: RUNS });
      addRow("cold `check --no-cache`, this repository", r, [["≤ 5× node", r.ratio <= 5]]);
    }
    if (wants("warm-repo")) {
      const { result: r, note } = warmCheck(dir, RUNS);
      addRow("warm `check`, this repository", r, warmGoal(r), note);
    }
  }

  if (wants("gen-10k")) {
    const repo = syntheticRepo(SMALL);
    const r = runPaired(["generate"], repo.dir, { runs: RUNS, before: () => resetOutputs(repo.dir) });
    repo.generated = true;
    addRow(`\`generate\` ${fmtPairs(SMALL)} pairs, every target`, r, [
      ["≤ 1.5 s", r.ms <= 1500],
      ["≤ 300 MiB", r.rss <= 300 * MiB],
    ], `output ${fmtRss(sizeOf(path.join(repo.dir, "generated")))}`);
  }
  if (wants("warm-10k")) {
    const { result: r, note } = warmCheck(generatedRepo(SMALL), RUNS);
    addRow(`warm \`check\`, ${fmtPairs(SMALL)} pairs`, r, warmGoal(r), note);
  }
  if (wants("drift-10k")) {
    const dir = path.join(tmp, `drift-${SMALL}`);
    writeRepo(dir, renderSyntheticSchema(SMALL));
    runSetup(["generate"], dir);
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), renderSyntheticSchema(SMALL, DRIFT_ADDED));
    // Each round times a fresh `generate` of the same 10k schema, then this check: the goal is
    // the median of the per-round ratios (bench/measure.mjs runAgainst).
    const gen = syntheticRepo(SMALL);
    const r = runAgainst(["check", "--no-cache"], dir, {
      runs: RUNS,
      expect: [1],
      against: { args: ["generate"], cwd: gen.dir, before: () => resetOutputs(gen.dir) },
    });
    gen.generated = true;
    addRow(`drift \`check\`, ${fmtPairs(SMALL)} pairs + ${DRIFT_ADDED.toLocaleString("en-US")} new`, r,
      [["≤ 2× generate " + fmtPairs(SMALL), r.vs <= 2]],
      `${r.vs.toFixed(2)}× generate (median of ${RUNS} rounds; generate ${fmtMs(r.againstMs)} in them); ` +
        `diff ${fmtRss(Buffer.byteLength(r.last.stdout))}`);
  }

  if (wants("gen-100k")) {
    const repo = syntheticRepo(LARGE);
    const r = runPaired(["generate"], repo.dir, { runs: RUNS_LARGE, before: () => resetOutputs(repo.dir) });
    repo.generated = true;
    addRow(`\`generate\` ${fmtPairs(LARGE)} pairs, every target`, r, [
      ["≤ 8 s", r.ms <= 8000],
      ["≤ 1 GiB", r.rss <= 1024 * MiB],
    ], `output ${fmtRss(sizeOf(path.join(repo.dir, "generated")))}`);
  }
  if (wants("warm-100k")) {
    const { result: r, note } = warmCheck(generatedRepo(LARGE), RUNS);
    addRow(`warm \`check\`, ${fmtPairs(LARGE)} pairs`, r, warmGoal(r), note);
  }
  if (wants("cold-100k")) {
    // Each round removes the outputs, times `generate`, then this check on what it wrote.
    const repo = syntheticRepo(LARGE);
    const r = runAgainst(["check", "--no-cache"], repo.dir, {
      runs: RUNS_LARGE,
      against: { args: ["generate"], cwd: repo.dir, before: () => resetOutputs(repo.dir) },
    });
    repo.generated = true;
    addRow(`cold \`check --no-cache\`, ${fmtPairs(LARGE)} pairs`, r,
      [["≤ 1.2× generate " + fmtPairs(LARGE), r.vs <= 1.2]],
      `${r.vs.toFixed(2)}× generate (median of ${RUNS_LARGE} rounds; generate ${fmtMs(r.againstMs)} in them)`);
  }

  if (wants("modules")) await benchModules();
  if (wants("watch")) await benchWatch();

  if (wants("audit")) {
    const a = benchAudit(5000);
    addRow(`\`audit\`, ${a.files.toLocaleString("en-US")} source files`, { ms: a.ms, rss: a.rss }, [["< 10 s", a.ms < 10000]],
      `one run; CPU ${fmtMs(a.cpuMs)}; ${a.findings} findings`);
  }

  if (wants("emit")) benchEmit(LARGE);
} catch (error) {
  if (!(error instanceof CommandFailed)) throw error;
  console.error(`permgen bench: a command failed, the table is incomplete:\n${error.message}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

printTable();

/** The modules row: bench/modules.mjs (issue 12's branch) writes the repository. */
async function benchModules() {
  const labels = ["`generate`", "cold `check`", "warm `check`"].map((what) => `modules 50 × 40: ${what}`);
  const goalOf = (label) => (label.endsWith("warm `check`") ? "≤ 1.5× node" : "—");
  let writeModulesRepo;
  try {
    ({ writeModulesRepo } = await import("./modules.mjs"));
  } catch (error) {
    if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
    const why = "bench/modules.mjs is not in this checkout";
    for (const label of labels) addUnavailable(label, goalOf(label), why);
    return;
  }
  const dir = path.join(tmp, "modules");
  writeModulesRepo(dir);
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  const probe = runOnce([BIN, "validate"], dir);
  if (probe.status === 2 && /unknown key "modules"/.test(probe.stderr)) {
    // A build from before modules rejects the config's `modules` key: nothing to measure.
    const why = `this build rejects the modules config: ${probe.stderr.split("\n")[0]}`;
    for (const label of labels) addUnavailable(label, goalOf(label), why);
    return;
  }
  const gen = runPaired(["generate"], dir, { runs: RUNS, before: () => resetOutputs(dir) });
  addRow(labels[0], gen, []);
  const cold = runPaired(["check", "--no-cache"], dir, { runs: RUNS });
  addRow(labels[1], cold, []);
  const { result: warm, note } = warmCheck(dir, RUNS);
  addRow(labels[2], warm, warmGoal(warm), note);
}

/**
 * The watch row: `generate --watch` on the synthetic schema at the goal's bound, 500 pairs
 * (every target, 20 roles); each save
 * writes the schema with a new JSDoc on its first resource (reaches every target, moves no id)
 * and is timed from just before the write to the TypeScript output's content changing, and to
 * the run's line on stdout (every file written). Saves are spaced so each is its own run.
 */
async function benchWatch() {
  const label = `watch: schema saved → output changed, ${WATCH_PAIRS} pairs`;
  const dir = path.join(tmp, "watch");
  writeRepo(dir, renderSyntheticSchema(WATCH_PAIRS));
  runSetup(["generate"], dir);
  const schemaFile = path.join(dir, "schema", "permissions.ts");
  const output = path.join(dir, "generated", "typescript", "permissions.ts");
  const original = fs.readFileSync(schemaFile, "utf8");
  const file = rssFile();
  const child = spawn(process.execPath, [...hookArgs(), BIN, "generate", "--watch"], {
    cwd: dir,
    env: benchEnv({ PERMGEN_BENCH_RSS_FILE: file }),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  const runLines = () => stdout.split("\n").filter((l) => / written| nothing written/.test(l)).length;
  try {
    const ready = await waitUntil(() => /watching/.test(stdout) || child.exitCode !== null, 120_000);
    if (!ready || child.exitCode !== null) {
      if (/unknown option/.test(stderr)) {
        addUnavailable(label, "≤ 100 ms", "this build has no `generate --watch`");
        return;
      }
      throw new CommandFailed(`generate --watch did not start:\n${stderr.slice(0, 2000)}`);
    }
    const toOutput = [];
    const toLine = [];
    for (let i = 0; i < RUNS; i++) {
      const before = fs.readFileSync(output, "utf8");
      const lines = runLines();
      const edited = documentFirstResource(original, `bench save ${i}`);
      const t0 = performance.now();
      fs.writeFileSync(schemaFile, edited);
      const changed = await waitUntil(() => readOr(output) !== before, 30_000, 1);
      const tOut = performance.now() - t0;
      const done = await waitUntil(() => runLines() > lines, 30_000, 1);
      const tLine = performance.now() - t0;
      if (!changed || !done) {
        throw new CommandFailed(`generate --watch did not regenerate after save ${i}:\n${stderr.slice(0, 2000)}`);
      }
      if (/error PG/.test(stderr)) {
        throw new CommandFailed(`generate --watch reported errors:\n${stderr.slice(0, 2000)}`);
      }
      toOutput.push(tOut);
      toLine.push(tLine);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    child.kill("SIGINT");
    const code = await exited;
    if (code !== 130) {
      throw new CommandFailed(`generate --watch exited ${code} on SIGINT (expected 130)\n${stderr.slice(0, 2000)}`);
    }
    const ms = median(toOutput);
    addRow(label, { ms, rss: readRss(file) }, [["≤ 100 ms", ms <= 100]],
      `${RUNS} saves; run line printed (every file written) after ${fmtMs(median(toLine))} (median); ` +
        "the 10 ms quiet window is included");
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

/** The schema text with `doc` as the JSDoc of the first member of `enum Resource`. */
function documentFirstResource(text, doc) {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^export enum Resource\b/.test(l));
  const member = lines.findIndex((l, i) => i > start && /^\s+[A-Za-z_$][\w$]*\s*=/.test(l));
  if (start < 0 || member < 0) throw new Error("bench: the schema has no Resource member to document");
  // Right before the member, after any doc of its own: the nearest JSDoc is the one read.
  lines.splice(member, 0, `  /** ${doc} */`);
  return lines.join("\n");
}

function benchEmit(pairs) {
  const run = spawnSync(process.execPath, [path.join(here, "emit.mjs"), String(pairs)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    env: benchEnv(),
  });
  if (run.status !== 0) {
    addUnavailable(`emitters alone, ${fmtPairs(pairs)} pairs`, "—", `bench/emit.mjs failed on this build: ${run.stderr.trim().split("\n").at(-1)}`);
    return;
  }
  for (const line of run.stdout.trim().split("\n")) {
    const r = JSON.parse(line);
    if (r.ms === undefined) {
      addUnavailable(`  emit ${r.language}, ${fmtPairs(pairs)} pairs`, "—", String(r.error));
      continue;
    }
    addRow(`  emit ${r.language} alone, ${fmtPairs(pairs)} pairs`, { ms: r.ms }, [], `output ${(r.bytes / MiB).toFixed(1)} MiB`);
  }
}

function printTable() {
  const head = ["row", "median", "ratio to `node -e 0`", "peak RSS", "goal", "met?"];
  const all = [["`node -e 0` (the pairs' baseline)", fmtMs(median(baselines)), "1.00×", "—", "—", "—"], ...rows];
  const widths = head.map((h, i) => Math.max(h.length, ...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  const build = process.env.PERMGEN_BENCH_BIN === undefined ? "this checkout" : BIN;
  console.log(
    `permgen bench — node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs per row (${fmtPairs(LARGE)}: ${RUNS_LARGE}), build: ${build}`,
  );
  console.log("");
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of all) console.log(line(r));
  if (notes.length > 0) {
    console.log("");
    for (const n of notes) console.log(`- ${n}`);
  }
  console.log("");
  console.log(`bench took ${fmtMs(performance.now() - started)}`);
}

async function waitUntil(predicate, timeoutMs, intervalMs = 10) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return true;
}

function readOr(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function sizeOf(dir) {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return bytes;
}
