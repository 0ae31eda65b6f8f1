import { describe, expect, test } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Lock } from "../../src/lock/lock.js";
import { parseLock } from "../../src/lock/parse-lock.js";
import { recordRoles } from "../../src/lock/role-record.js";
import { serializeLock } from "../../src/lock/serialize-lock.js";
import { describeVocabularyChanges } from "../../src/lock/vocabulary-changes.js";

const FILE = "/repo/permgen.lock.json";

function lockOf(active: [string, number][], retired: [string, number][] = []): Lock {
  const nextId = Math.max(-1, ...active.map((e) => e[1]), ...retired.map((e) => e[1])) + 1;
  return { version: 1, nextId, active: new Map(active), retired: new Map(retired) };
}

const BASE = lockOf([
  ["a.read", 0],
  ["a.write", 1],
  ["b.read", 2],
]);

function roleErrors(roles: string): string[] {
  const text = serializeLock(BASE).replace(/\n}\n$/, `,\n  "roles": ${roles}\n}\n`);
  const result = parseLock(FILE, text);
  expect(result.lock).toBeUndefined();
  return result.diagnostics.map((d) => formatDiagnostic(d, "/repo"));
}

describe("the lock's role record", () => {
  test("is written by name, keys in id order, a role holding every key as [\"*\"]", () => {
    const lock = recordRoles(BASE, [
      { name: "viewer", keys: ["b.read", "a.read"] },
      { name: "admin", keys: ["b.read", "a.write", "a.read"] },
      { name: "none", keys: [] },
    ]);
    const text = serializeLock(lock);
    expect(text.slice(text.indexOf('  "retired"'))).toBe(
      [
        '  "retired": {},',
        '  "roles": {',
        '    "admin": ["*"],',
        '    "none": [],',
        '    "viewer": [',
        '      "a.read",',
        '      "b.read"',
        "    ]",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    // Read back: "*" is every key of "permissions", the rest as written.
    const read = parseLock(FILE, text);
    expect(read.diagnostics).toEqual([]);
    expect([...(read.lock?.roles ?? [])]).toEqual([
      ["admin", ["a.read", "a.write", "b.read"]],
      ["none", []],
      ["viewer", ["a.read", "b.read"]],
    ]);
    expect(serializeLock(read.lock as Lock)).toBe(text);
  });

  test("a lock with no roles record reads as unknown and is written without one", () => {
    const read = parseLock(FILE, serializeLock(BASE));
    expect(read.lock?.roles).toBeUndefined();
    expect(serializeLock(read.lock as Lock)).not.toContain('"roles"');
    expect(serializeLock(recordRoles(BASE, []))).toContain('  "retired": {},\n  "roles": {}\n}\n');
  });

  test("a record permgen would not write is an error at its token", () => {
    expect(roleErrors('{ "x": ["c.read"] }')).toEqual([
      'permgen.lock.json:11:20: error PG0702: role "x" holds "c.read", which is not in "permissions"',
    ]);
    expect(roleErrors('{ "x": ["a.read", "a.read"] }')).toEqual([
      'permgen.lock.json:11:30: error PG0702: role "x" lists "a.read" twice',
    ]);
    expect(roleErrors('{ "x": ["*", "a.read"] }')).toEqual([
      'permgen.lock.json:11:20: error PG0702: role "x": "*" must be the role\'s only entry',
    ]);
    expect(roleErrors('{ "x": "*" }')).toEqual([
      'permgen.lock.json:11:19: error PG0702: the keys of role "x" must be an array of strings',
    ]);
    expect(roleErrors('{ "x": [1] }')).toEqual([
      'permgen.lock.json:11:20: error PG0702: the keys of role "x" must be strings, found 1',
    ]);
    expect(roleErrors('{ "x": [], "x": [] }')).toEqual([
      'permgen.lock.json:11:23: error PG0702: role "x" is listed twice in the lock file',
    ]);
    expect(roleErrors("[]")).toEqual([
      'permgen.lock.json:11:12: error PG0702: "roles" must be an object of role: keys',
    ]);
  });
});

describe("describeVocabularyChanges", () => {
  const before = recordRoles(lockOf([["a.read", 0], ["a.write", 1], ["b.read", 2]], [["c.read", 3]]), [
    { name: "admin", keys: ["a.read", "a.write", "b.read"] },
    { name: "viewer", keys: ["a.read", "b.read"] },
    { name: "gone", keys: ["a.write"] },
  ]);

  test("new, restored and retired keys by id; roles gained, lost, added and removed", () => {
    const after = recordRoles(lockOf([["a.read", 0], ["b.read", 2], ["c.read", 3], ["d.read", 4]], [["a.write", 1]]), [
      { name: "admin", keys: ["a.read", "b.read", "c.read", "d.read"] },
      { name: "viewer", keys: ["a.read", "b.read"] },
      { name: "fresh", keys: ["d.read"] },
    ]);
    expect(describeVocabularyChanges(before, after)).toEqual({
      added: [
        { key: "c.read", id: 3, revived: true },
        { key: "d.read", id: 4, revived: false },
      ],
      removed: [{ key: "a.write", id: 1 }],
      roles: [
        { name: "admin", kind: "changed", gained: ["c.read", "d.read"], lost: ["a.write"] },
        { name: "fresh", kind: "added", gained: ["d.read"], lost: [] },
        { name: "gone", kind: "removed", gained: [], lost: ["a.write"] },
      ],
      rolesKnown: true,
    });
  });

  test("the same locks change nothing; no lock on disk makes everything new", () => {
    expect(describeVocabularyChanges(before, before)).toEqual({ added: [], removed: [], roles: [], rolesKnown: true });
    const fromNothing = describeVocabularyChanges(undefined, before);
    expect(fromNothing.added.map((p) => p.key)).toEqual(["a.read", "a.write", "b.read"]);
    expect(fromNothing.roles.map((r) => [r.name, r.kind])).toEqual([
      ["admin", "added"],
      ["gone", "added"],
      ["viewer", "added"],
    ]);
  });

  test("a lock written before roles were recorded tells permissions but not roles", () => {
    const old = lockOf([["a.read", 0]]);
    expect(describeVocabularyChanges(old, before)).toEqual({
      added: [
        { key: "a.write", id: 1, revived: false },
        { key: "b.read", id: 2, revived: false },
      ],
      removed: [],
      roles: [],
      rolesKnown: false,
    });
  });
});
