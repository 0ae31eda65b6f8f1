/**
 * Every registered target loads its emitter only when `loadEmitter()` is called. Each language
 * runs in a fresh Node process over the built dist/, with a loader hook that logs every module
 * as it loads: importing the registry (what every command does) must load no emitter module and
 * none of the heavy packages, and `loadEmitter()` must then load that language's emitter — and
 * no other language's — and return a function the emitter module exports.
 *
 * A static import of an emitter (in a descriptor, or anything the registry imports) fails the
 * first check; a test that imports the emitter itself cannot see this, because its own import
 * has already loaded the module.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { TARGETS } from "../../src/targets/index.js";
import { ensureBuilt } from "../cli/run-cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = path.join(ROOT, "dist");
const RECORDER = fileURLToPath(new URL("./fixtures/record-loads.mjs", import.meta.url));

/** What the child process saw: modules loaded by the registry, then by `loadEmitter()`. */
interface LoadReport {
  readonly registry: readonly string[];
  readonly emitter: readonly string[];
  /** Whether the function loadEmitter() returned is an export of a module it newly loaded. */
  readonly exported: boolean;
}

/** The child: imports the registry, reads the log, calls loadEmitter(), reads the log again. */
const CHILD = `
import fs from "node:fs";
const read = () => fs.readFileSync(process.env.PERMGEN_LOAD_LOG, "utf8").split("\\n").filter(Boolean);
const { findTarget } = await import(process.env.PERMGEN_REGISTRY);
const registry = read();
const emit = await findTarget(process.env.PERMGEN_LANGUAGE).loadEmitter();
const emitter = read().slice(registry.length);
let exported = false;
for (const url of emitter.filter((u) => u.startsWith("file:"))) {
  if (Object.values(await import(url)).includes(emit)) exported = true;
}
process.stdout.write(JSON.stringify({ registry, emitter, exported }));
`;

/** Runs the child for `language` and returns its report, with dist/ paths relative to dist/. */
function reportLoads(language: string): LoadReport {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-lazy-")), "loads.txt");
  fs.writeFileSync(log, "");
  try {
    const run = spawnSync(process.execPath, ["--import", RECORDER, "--input-type=module", "-e", CHILD], {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        PERMGEN_LOAD_LOG: log,
        PERMGEN_LANGUAGE: language,
        PERMGEN_REGISTRY: pathToFileURL(path.join(DIST, "targets", "index.js")).href,
      },
    });
    if (run.status !== 0) throw new Error(`child exited ${run.status}:\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as LoadReport;
    const relative = (urls: readonly string[]): string[] =>
      urls.map((u) =>
        u.startsWith("file:") ? path.relative(ROOT, fileURLToPath(u)).split(path.sep).join("/") : u,
      );
    return { ...report, registry: relative(report.registry), emitter: relative(report.emitter) };
  } finally {
    fs.rmSync(path.dirname(log), { recursive: true, force: true });
  }
}

const EMITTER_FILE = /^dist\/targets\/([^/]+)\/emit-[^/]*\.js$/;
const HEAVY = /\/node_modules\/(ts-morph|typescript|prettier|@ts-morph|diff)\//;

beforeAll(() => {
  ensureBuilt();
});

describe("emitters load lazily", () => {
  test.each(TARGETS.map((t) => t.language))(
    "%s: the registry loads no emitter; loadEmitter() loads its own and returns its export",
    (language) => {
      const report = reportLoads(language);
      // The hook saw the registry itself: the log is not empty by accident.
      expect(report.registry).toContain("dist/targets/index.js");
      expect(report.registry.filter((f) => EMITTER_FILE.test(f) || HEAVY.test(f))).toEqual([]);
      const emitters = report.emitter.flatMap((f) => EMITTER_FILE.exec(f)?.[1] ?? []);
      expect([...new Set(emitters)]).toEqual([language]);
      expect(report.exported).toBe(true);
    },
  );
});
