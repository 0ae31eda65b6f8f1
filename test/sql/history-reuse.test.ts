/**
 * The watch's SQL history reuse (EmitContext.reuse and afterRun, emit-sql.ts): after a run, the
 * emitter queues a read of the manifest it just wrote; the next run, given that manifest, takes
 * the read from the memo instead of parsing the manifest and rendering every migration again.
 * Whatever the memo holds, each run's files must be exactly those of a run without it, and a
 * manifest that differs from the one prepared (a hand edit) must be read afresh.
 */
import { describe, expect, it } from "vitest";
import type { EmitContext } from "../../src/targets/target.js";
import { emitSql } from "../../src/targets/sql/emit-sql.js";
import { filesOf } from "../helpers/emit-result.js";
import { buildSqlOptions, loadSteps, toExisting, type Step } from "./sql-schemas.js";
import { SQL_FORMATS } from "../../src/targets/sql/sql-options.js";

const V1 = `
export enum Resource { Alert = "alert", User = "user" }
export enum Action { Read = "read", Manage = "manage" }
export const permissions = {
  [Resource.Alert]: [Action.Read],
} as const;
export const roles = { lead: ["*"] } as const;
`;
const V2 = V1.replace("[Action.Read],", "[Action.Read, Action.Manage],\n  [Resource.User]: [Action.Read],");
const V3 = V2.replace('export enum Resource { Alert = "alert"', 'export enum Resource {\n  /** Raised by a detector. */\n  Alert = "alert"');

/** The pipeline's memo as the watch gives it: the last value per part, by key equality. */
function createWatchMemo() {
  const last = new Map<string, { key: readonly unknown[]; value: unknown }>();
  const tasks: (() => void)[] = [];
  /** Hits and misses of the runs themselves (the queued tasks' own asks are not counted). */
  const stats = { hits: 0, misses: 0 };
  let inTask = false;
  const context: Pick<EmitContext, "reuse" | "afterRun"> = {
    reuse: <T>(part: string, key: readonly unknown[], compute: () => T): T => {
      const held = last.get(part);
      if (held !== undefined && held.key.length === key.length && held.key.every((k, i) => k === key[i])) {
        if (!inTask) stats.hits++;
        return held.value as T;
      }
      if (!inTask) stats.misses++;
      const value = compute();
      last.set(part, { key, value });
      return value;
    },
    afterRun: (task) => tasks.push(task),
  };
  const runTasks = () => {
    inTask = true;
    tasks.splice(0).forEach((task) => task());
    inTask = false;
  };
  return { context, runTasks, stats };
}

describe("the SQL history prepared for the watch's next run", () => {
  for (const format of SQL_FORMATS) {
    it(`gives the files a run without it gives (${format})`, () => {
      const steps = loadSteps(V1, V2, V3, V2, V1);
      const options = buildSqlOptions("postgres", { format });
      const memo = createWatchMemo();
      let plain = new Map<string, string>();
      let watched = new Map<string, string>();
      // Uncommitted after the second step: later changes fold into the migrations made since.
      let committed = new Set<string>();
      steps.forEach((step: Step, i) => {
        const base = { lockBefore: undefined, lock: step.lock, uncommittedFiles: () => new Set([...plain.keys()].filter((f) => !committed.has(f))) };
        const without = filesOf(emitSql(step.model, options, { ...base, existingFiles: plain }));
        const withMemo = filesOf(emitSql(step.model, options, { ...base, existingFiles: watched, ...memo.context }));
        expect(withMemo).toEqual(without);
        memo.runTasks();
        plain = toExisting(without);
        watched = toExisting(withMemo);
        if (i === 1) committed = new Set(plain.keys());
      });
      // Every run after the first found the history its predecessor prepared.
      expect(memo.stats).toEqual({ hits: steps.length - 1, misses: 0 });
    });
  }

  it("reads a manifest edited since it was prepared afresh", () => {
    const [v1, v2] = loadSteps(V1, V2);
    if (v1 === undefined || v2 === undefined) throw new Error("schemas did not load");
    const options = buildSqlOptions("sqlite");
    const memo = createWatchMemo();
    const first = filesOf(emitSql(v1.model, options, { lockBefore: undefined, lock: v1.lock, existingFiles: new Map(), ...memo.context }));
    memo.runTasks();
    // A hand edit of the manifest's recorded sha256: the history no longer matches.
    const edited = toExisting(first);
    const manifest = [...edited.keys()].find((f) => f.endsWith("permgen-migrations.json")) ?? "";
    edited.set(manifest, (edited.get(manifest) ?? "").replace(/"sha256": "([0-9a-f])/, (_, c: string) => `"sha256": "${c === "0" ? "1" : "0"}`));
    const run = (context: Partial<EmitContext>) =>
      emitSql(v2.model, options, { lockBefore: undefined, lock: v2.lock, existingFiles: edited, ...context });
    const hitsBefore = memo.stats.hits;
    const withMemo = run(memo.context);
    expect(memo.stats.hits).toBe(hitsBefore);
    expect(withMemo.ok).toBe(false);
    expect(withMemo).toEqual(run({}));
  });
});
