// permgen benchmarks (`npm run bench`). Prints one table; targets are checked and reported, not
// asserted in tests, because timings depend on the machine.
//
// 1. Start-up: bare `node -e 0` vs `permgen check` on this repository (unchanged), as a ratio
//    measured in the same run. Target: ≤ 8×.
// 2. `permgen generate` on synthetic schemas of 1,000 / 10,000 / 100,000 pairs (fresh output dir).
//    Targets: 10,000 pairs ≤ 5 s; 100,000 pairs ≤ 12× the 10,000-pair time. Peak RSS reported.
// 3. Each target's emitter alone on the largest schema (bench/emit.mjs): where generate's time
//    goes, and a guard against an emitter going quadratic (this replaces timed unit tests).
// 4. `permgen check --no-cache` on drift: 10,000 pairs generated, then 1,000 new permissions
//    spread over every resource (exit 1, a diff of every target, changes all through each file). Target: ≤ 3× `generate` of 10,000 pairs (the
//    diff must stay near-linear; it once took minutes, Rust > 900 s). PERMGEN_BENCH_DRIFT=
//    "<pairs>,<new>" picks another size (the target then compares with that size's generate).
// 5. `permgen audit` on 5,000 synthetic source files (bench/audit.mjs; ~1 MB each of TS and
//    Python, plus Go and Rust). Target: < 10 s, as a pre-commit step.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchAudit } from "./audit.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "permgen.js");
const measure = path.join(root, "bench", "measure.mjs");
const runs = Number(process.env.PERMGEN_BENCH_RUNS ?? 7);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeOnce(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function timeMedian(cmd, args, cwd, expectStatus) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = timeOnce(cmd, args, cwd);
    if (r.status !== expectStatus) {
      throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
    }
    times.push(r.ms);
  }
  return median(times);
}

/** A synthetic repository (config, git) with `pairs` permissions: see writeSyntheticSchema. */
function writeSyntheticRepo(dir, pairs) {
  writeSyntheticSchema(dir, pairs);
  const config = JSON.parse(fs.readFileSync(path.join(root, "permgen.config.json"), "utf8"));
  config.$schema = undefined;
  config.schema = "schema/permissions.ts";
  fs.writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(config, null, 2));
  execFileSync("git", ["init", "-q"], { cwd: dir });
}

/**
 * A synthetic schema with `pairs` permissions: R resources × A actions, three roles. `added`
 * more permissions are spread over the resources (a few new actions on each), so a drift
 * changes every part of every generated file, the worst case for a diff.
 */
function writeSyntheticSchema(dir, pairs, added = 0) {
  const actions = Math.min(50, pairs);
  const resources = Math.ceil(pairs / actions);
  const extra = Math.ceil(added / resources);
  const lines = ["export enum Resource {"];
  for (let r = 0; r < resources; r++) lines.push(`  R${r} = "res${r}",`);
  lines.push("}", "", "export enum Action {");
  for (let a = 0; a < actions + extra; a++) lines.push(`  A${a} = "act${a}",`);
  lines.push("}", "", "export const permissions = {");
  let left = pairs;
  let addedLeft = added;
  for (let r = 0; r < resources && left > 0; r++) {
    const n = Math.min(actions, left);
    left -= n;
    const more = Math.min(extra, addedLeft);
    addedLeft -= more;
    const acts = Array.from({ length: n }, (_, a) => `Action.A${a}`);
    for (let a = 0; a < more; a++) acts.push(`Action.A${actions + a}`);
    lines.push(`  [Resource.R${r}]: [${acts.join(", ")}],`);
  }
  lines.push("} as const;", "", "export const roles = {");
  lines.push(`  admin: ["*"],`, `  first: ["res0.*"],`, `  reader: ["res0.act0", "res1.act0"],`);
  lines.push("} as const;", "");
  fs.mkdirSync(path.join(dir, "schema"), { recursive: true });
  fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), lines.join("\n"));
}

function generateOnce(dir) {
  fs.rmSync(path.join(dir, "generated"), { recursive: true, force: true });
  fs.rmSync(path.join(dir, "permgen.lock.json"), { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [measure, "generate", "--no-cache"], { cwd: dir, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`generate failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const m = /PERMGEN_BENCH maxrss_kb=(\d+)/.exec(r.stderr);
  let bytes = 0;
  for (const f of fs.readdirSync(path.join(dir, "generated"), { recursive: true })) {
    const p = path.join(dir, "generated", String(f));
    if (fs.statSync(p).isFile()) bytes += fs.statSync(p).size;
  }
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, bytes };
}

const rows = [];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

// 1. Start-up ratio, same run.
const nodeMs = timeMedian(process.execPath, ["-e", "0"], root, 0);
const checkMs = timeMedian(process.execPath, [bin, "check"], root, 0);
const checkColdMs = timeMedian(process.execPath, [bin, "check", "--no-cache"], root, 0);
const ratio = checkMs / nodeMs;
rows.push(["node -e 0", fmt(nodeMs), "", ""]);
rows.push(["permgen check (this repo)", fmt(checkMs), `${ratio.toFixed(1)}× node`, ratio <= 8 ? "ok (≤ 8×)" : "MISSED (≤ 8×)"]);
rows.push(["permgen check --no-cache", fmt(checkColdMs), `${(checkColdMs / nodeMs).toFixed(1)}× node`, ""]);

// 2. generate at scale.
const sizes = (process.env.PERMGEN_BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const results = new Map();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-bench-"));
try {
  for (const pairs of sizes) {
    const dir = path.join(tmp, String(pairs));
    writeSyntheticRepo(dir, pairs);
    const reps = pairs >= 100000 ? 1 : 3;
    const all = Array.from({ length: reps }, () => generateOnce(dir));
    const best = all.reduce((a, b) => (b.ms < a.ms ? b : a));
    results.set(pairs, best);
    let verdict = "";
    if (pairs === 10000) verdict = best.ms <= 5000 ? "ok (≤ 5 s)" : "MISSED (≤ 5 s)";
    if (pairs === 100000 && results.has(10000)) {
      const k = best.ms / results.get(10000).ms;
      verdict = `${k.toFixed(1)}× the 10k time ${k <= 12 ? "ok (≤ 12×)" : "MISSED (≤ 12×)"}`;
    }
    rows.push([
      `generate ${pairs.toLocaleString("en-US")} pairs`,
      fmt(best.ms),
      `peak ${best.rssMb.toFixed(0)} MB, output ${(best.bytes / 1024).toFixed(0)} KiB`,
      verdict,
    ]);
  }
  // 4. check on drift: generated at `base` pairs, then `added` new permissions in the schema.
  const [base, added] = (process.env.PERMGEN_BENCH_DRIFT ?? "10000,1000").split(",").map(Number);
  const dir = path.join(tmp, `drift-${base}`);
  writeSyntheticRepo(dir, base);
  const generated = generateOnce(dir);
  writeSyntheticSchema(dir, base, added);
  const check = timeOnce(process.execPath, [bin, "check", "--no-cache"], dir);
  if (check.status !== 1) throw new Error(`check on drift exited ${check.status}\n${check.stderr}`);
  const k = check.ms / generated.ms;
  rows.push([
    `check --no-cache ${base.toLocaleString("en-US")} pairs + ${added.toLocaleString("en-US")} new`,
    fmt(check.ms),
    `${k.toFixed(1)}× generate ${base.toLocaleString("en-US")} (${fmt(generated.ms)}), diff ${(check.stdout.length / 1024 / 1024).toFixed(1)} MiB`,
    k <= 3 ? "ok (≤ 3× generate)" : "MISSED (≤ 3× generate)",
  ]);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

// 3. Per-target emit time on the largest size.
const largest = Math.max(...sizes);
const emitRun = spawnSync(process.execPath, [path.join(root, "bench", "emit.mjs"), String(largest)], {
  encoding: "utf8",
  maxBuffer: 1 << 24,
});
if (emitRun.status !== 0) throw new Error(`bench/emit.mjs failed:\n${emitRun.stderr}`);
for (const line of emitRun.stdout.trim().split("\n")) {
  const r = JSON.parse(line);
  rows.push([
    `  emit ${r.language} (${largest.toLocaleString("en-US")} pairs)`,
    r.ms === undefined ? "-" : fmt(r.ms),
    r.bytes === undefined ? r.error : `output ${(r.bytes / 1024 / 1024).toFixed(1)} MiB`,
    "",
  ]);
}

// 5. audit on 5,000 source files.
const audit = benchAudit(5000);
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
rows.push([
  `audit ${audit.files.toLocaleString("en-US")} source files`,
  fmt(audit.ms),
  `CPU ${fmt(audit.cpuMs)}; TS ${mb(audit.bytes.typescript)}, Python ${mb(audit.bytes.python)}, Go ${mb(audit.bytes.go)}, Rust ${mb(audit.bytes.rust)}; ${audit.findings} findings`,
  audit.ms < 10000 ? "ok (< 10 s)" : "MISSED (< 10 s)",
]);

const head = ["benchmark", "time (median)", "detail", "target"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(`permgen bench — node ${process.version}, ${os.cpus().length} cores, ${runs} runs for start-up`);
console.log(line(head));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
