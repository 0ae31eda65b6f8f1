// Per-target emit time at scale, in one process: builds the model of the synthetic schema
// (bench/synthetic.mjs) once, then runs each registered target's emitter on it (no formatting,
// no disk). Prints one JSON line per target for bench/run.mjs: { language, ms, bytes }. It
// imports the dist/ next to PERMGEN_BENCH_BIN (bench/measure.mjs), so another build's
// emitters are measured the same way; a build whose modules differ prints { error }.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DIST } from "./measure.mjs";
import { renderSyntheticSchema } from "./synthetic.mjs";

const load = (file) => import(pathToFileURL(path.join(DIST, file)).href);
const { loadModel } = await load("model/load-model.js");
const { EMPTY_LOCK } = await load("lock/lock.js");
const { TARGETS } = await load("targets/index.js");

const pairs = Number(process.argv[2] ?? 100000);
const text = renderSyntheticSchema(pairs);
const loaded = loadModel({
  schemas: [{ file: "/bench/schema/permissions.ts", path: "schema/permissions.ts", module: undefined, text }],
  lock: EMPTY_LOCK,
});
if (loaded.model === undefined) throw new Error(JSON.stringify(loaded.diagnostics.slice(0, 3)));

const options = {
  // checklist: typescript bench
  typescript: { language: "typescript", out: "/bench/out/permissions.ts", enumStyle: "enum" },
  // checklist: python bench
  python: { language: "python", out: "/bench/out/permissions.py", fastapi: true },
  // checklist: go bench
  go: { language: "go", out: "/bench/out/permissions.go", package: "perm" },
  // checklist: rust bench
  rust: { language: "rust", out: "/bench/out/permissions.rs" },
  // checklist: json bench
  json: { language: "json", out: "/bench/out/permissions.json" },
  // checklist: markdown bench
  markdown: { language: "markdown", out: "/bench/out/PERMISSIONS.md" },
  // checklist: sql bench
  sql: {
    language: "sql",
    out: "/bench/out/sql",
    dialect: "postgres",
    transaction: true,
    tables: { permission: "permgen_permission", role: "permgen_role", rolePermission: "permgen_role_permission", meta: "permgen_meta" },
  },
};
for (const target of TARGETS) {
  const opts = options[target.language];
  if (opts === undefined) {
    console.log(JSON.stringify({ language: target.language, error: "no bench options" }));
    continue;
  }
  const emit = await target.loadEmitter();
  const started = performance.now();
  const result = emit(loaded.model, opts, { lockBefore: undefined, lock: loaded.lock, existingFiles: new Map() });
  const ms = performance.now() - started;
  if (!result.ok) {
    console.log(JSON.stringify({ language: target.language, error: result.diagnostics.map((d) => d.message) }));
    continue;
  }
  const files = result.files;
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  console.log(JSON.stringify({ language: target.language, ms, bytes }));
}
