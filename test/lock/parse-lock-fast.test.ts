/**
 * parseLock reads a canonical lock with `JSON.parse` (parse-lock-fast.ts) and everything else
 * through the positioned JSON tree (parseLockTree). Both must agree: on random valid locks the
 * fast path answers, with the very lock the tree gives; on random edits of their text (digits,
 * duplicated or dropped lines, swapped lines, a `*`, a changed key, U+2028 and a conflict
 * marker) the fast path either declines or gives exactly what the tree gives with no
 * diagnostic — it never accepts a text the tree reports.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Lock } from "../../src/lock/lock.js";
import { parseCanonicalLock } from "../../src/lock/parse-lock-fast.js";
import { parseLock, parseLockTree } from "../../src/lock/parse-lock.js";
import { serializeLock } from "../../src/lock/serialize-lock.js";

const FILE = "/repo/permgen.lock.json";

const name = fc.oneof(
  fc.constantFrom("soc.alert.read", "soc.user.manage", "a", "b.c", "12", "__proto__", "x\u2028y", "é"),
  fc.string({ unit: "binary", maxLength: 6 }),
);

/** A random valid lock, built the way a run builds one (ids below nextId, no id twice). */
const lockArbitrary = fc
  .record({
    keys: fc.uniqueArray(name, { maxLength: 12 }),
    retiredCount: fc.nat(4),
    gap: fc.nat(3),
    roleNames: fc.uniqueArray(name, { maxLength: 4 }),
    picks: fc.array(fc.array(fc.nat(20), { maxLength: 5 }), { maxLength: 4 }),
    all: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    schema: fc.option(fc.constantFrom("schema/permissions.ts", "x"), { nil: undefined }),
    withRoles: fc.boolean(),
    renameFrom: fc.uniqueArray(name, { maxLength: 3 }),
    shuffle: fc.array(fc.nat(1000), { minLength: 12, maxLength: 12 }),
  })
  .map((r): Lock => {
    const ids = r.keys.map((_, i) => i * (r.gap + 1));
    const order = r.keys.map((key, i) => ({ key, id: ids[(r.shuffle[i] ?? 0) % ids.length] ?? i }));
    const used = new Set<number>();
    const entries = order.filter(({ id }) => !used.has(id) && used.add(id));
    const retiredCount = Math.min(r.retiredCount, entries.length);
    const active = new Map(entries.slice(retiredCount).map(({ key, id }) => [key, id]));
    const retired = new Map(entries.slice(0, retiredCount).map(({ key, id }) => [key, id]));
    const nextId = Math.max(-1, ...entries.map(({ id }) => id)) + 1 + r.gap;
    const activeKeys = [...active.keys()].sort((a, b) => (active.get(a) ?? 0) - (active.get(b) ?? 0));
    const roles = new Map(
      r.roleNames.map((role, i) => [
        role,
        r.all[i] === true
          ? activeKeys
          : [...new Set((r.picks[i] ?? []).map((p) => activeKeys[p % Math.max(1, activeKeys.length)]))]
              .filter((k): k is string => k !== undefined)
              .sort((a, b) => (active.get(a) ?? 0) - (active.get(b) ?? 0)),
      ]),
    );
    const renamed = new Map(
      r.renameFrom
        .filter((from) => !active.has(from))
        .flatMap((from) => (activeKeys[0] === undefined ? [] : [[from, activeKeys[0]] as const])),
    );
    return {
      version: 1,
      nextId,
      active,
      retired,
      ...(r.withRoles ? { roles } : {}),
      ...(r.schema === undefined ? {} : { schema: r.schema }),
      ...(renamed.size === 0 ? {} : { renamed }),
    };
  });

function describeLock(lock: Lock | undefined): unknown {
  if (lock === undefined) return undefined;
  return {
    ...lock,
    active: [...lock.active],
    retired: [...lock.retired],
    roles: lock.roles === undefined ? undefined : [...lock.roles],
    renamed: lock.renamed === undefined ? undefined : [...lock.renamed],
    renamedRoles: lock.renamedRoles === undefined ? undefined : [...lock.renamedRoles],
    keys: Object.keys(lock),
  };
}

function expectAgree(text: string): void {
  const tree = parseLockTree(FILE, text);
  const fast = parseCanonicalLock(text);
  const result = parseLock(FILE, text);
  if (fast !== undefined && !/^(?:<{7}|\|{7}|={7}|>{7})(?: |\r?\n|$)/m.test(text)) {
    expect(tree.diagnostics).toEqual([]);
    expect(describeLock(fast)).toEqual(describeLock(tree.lock));
  }
  expect(describeLock(result.lock)).toEqual(describeLock(tree.lock));
  expect(result.diagnostics).toEqual(tree.diagnostics);
}

const EDITS = ["0", "1", "9", "-", ".5", "e2", '"*"', "\u2028=======", "\n", ",", '"a": 1,', "\uFEFF"];

describe("parseCanonicalLock", () => {
  it("reads every lock serializeLock writes, as the tree does", () => {
    fc.assert(
      fc.property(lockArbitrary, (lock) => {
        const text = serializeLock(lock);
        // `JSON.parse` puts names that look like array indexes first: the fast path then
        // declines (its lock would serialize in another order) and the tree reads the text.
        const names = [...(lock.roles?.keys() ?? []), ...(lock.renamed?.keys() ?? [])];
        if (!names.some((n) => /^(?:0|[1-9][0-9]*)$/.test(n))) expect(parseCanonicalLock(text)).toBeDefined();
        expectAgree(text);
      }),
      { numRuns: 300 },
    );
  });

  it("never accepts an edited text the tree reports, and agrees on the rest", () => {
    const edit = fc.record({
      lock: lockArbitrary,
      ops: fc.array(
        fc.record({
          kind: fc.constantFrom("insert", "duplicate", "drop", "swap"),
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          cut: fc.nat(3),
          text: fc.constantFrom(...EDITS),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(edit, ({ lock, ops }) => {
        let text = serializeLock(lock);
        for (const op of ops) {
          const lines = text.split("\n");
          const line = Math.floor(op.at * lines.length);
          if (op.kind === "duplicate") lines.splice(line, 0, lines[line] ?? "");
          else if (op.kind === "drop") lines.splice(line, 1);
          else if (op.kind === "swap") [lines[line], lines[line + 1]] = [lines[line + 1] ?? "", lines[line] ?? ""];
          text = lines.join("\n");
          if (op.kind === "insert") {
            const offset = Math.floor(op.at * text.length);
            text = text.slice(0, offset) + op.text + text.slice(offset + op.cut);
          }
        }
        expectAgree(text);
      }),
      { numRuns: 1000 },
    );
  });
});
