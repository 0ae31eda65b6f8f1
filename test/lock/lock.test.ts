import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { assignIds } from "../../src/lock/assign-ids.js";
import { MAX_PERMISSION_IDS } from "../../src/lock/id-bound.js";
import { EMPTY_LOCK, type Lock } from "../../src/lock/lock.js";
import { parseLock } from "../../src/lock/parse-lock.js";
import { serializeLock } from "../../src/lock/serialize-lock.js";

const FILE = "/repo/permgen.lock.json";

function lockOf(
  nextId: number,
  active: [string, number][],
  retired: [string, number][] = [],
): Lock {
  return { version: 1, nextId, active: new Map(active), retired: new Map(retired) };
}

function entries(lock: Lock): {
  nextId: number;
  active: [string, number][];
  retired: [string, number][];
} {
  return { nextId: lock.nextId, active: [...lock.active], retired: [...lock.retired] };
}

function parseErrors(text: string): string[] {
  const result = parseLock(FILE, text);
  expect(result.lock).toBeUndefined();
  return result.diagnostics.map((d) => formatDiagnostic(d, "/repo"));
}

describe("serializeLock", () => {
  test("writes the documented format, entries in id order", () => {
    const lock = lockOf(
      4,
      [
        ["soc.alert.read", 0],
        ["soc.user.manage", 3],
        ["soc.alert.ack", 2],
      ],
      [["soc.alert.close", 1]],
    );
    expect(serializeLock(lock)).toBe(`{
  "$comment": "Managed by permgen generate: stable ids for permission keys. Append-only: ids are never changed or reused, removed keys stay under retired. Commit this file; do not edit it.",
  "version": 1,
  "nextId": 4,
  "permissions": {
    "soc.alert.read": 0,
    "soc.alert.ack": 2,
    "soc.user.manage": 3
  },
  "retired": {
    "soc.alert.close": 1
  }
}
`);
  });

  test("writes empty maps as {}", () => {
    expect(serializeLock(EMPTY_LOCK)).toBe(`{
  "$comment": "Managed by permgen generate: stable ids for permission keys. Append-only: ids are never changed or reused, removed keys stay under retired. Commit this file; do not edit it.",
  "version": 1,
  "nextId": 0,
  "permissions": {},
  "retired": {}
}
`);
  });

  test("round-trips through parseLock, keys that look like numbers included", () => {
    const lock = lockOf(
      5,
      [
        ["b.read", 4],
        ["10", 0],
        ["a.read", 2],
      ],
      [
        ["2", 1],
        ['x"y', 3],
      ],
    );
    const parsed = parseLock(FILE, serializeLock(lock));
    expect(parsed.diagnostics).toEqual([]);
    expect(entries(parsed.lock ?? EMPTY_LOCK)).toEqual({
      nextId: 5,
      active: [
        ["10", 0],
        ["a.read", 2],
        ["b.read", 4],
      ],
      retired: [
        ["2", 1],
        ['x"y', 3],
      ],
    });
    expect(serializeLock(parsed.lock ?? EMPTY_LOCK)).toBe(serializeLock(lock));
  });

  test("round-trips any lock assignIds can produce", () => {
    const key = fc.constantFrom("a.read", "a.write", "b.read", "b.c.manage", "d.x", "e.y", "f.z");
    fc.assert(
      fc.property(fc.array(fc.array(key, { maxLength: 6 }), { maxLength: 6 }), (runs) => {
        const lock = runs.reduce((current, keys) => assignIds(current, keys), EMPTY_LOCK);
        const parsed = parseLock(FILE, serializeLock(lock));
        expect(parsed.diagnostics).toEqual([]);
        expect(entries(parsed.lock ?? EMPTY_LOCK)).toEqual(entries(lock));
      }),
      { numRuns: 200 },
    );
  });
});

describe("the recorded schema path", () => {
  test("is written after the version and read back", () => {
    const lock: Lock = { ...EMPTY_LOCK, schema: "backend/schema/permissions.ts" };
    const text = serializeLock(lock);
    expect(text.split("\n").slice(2, 4)).toEqual([
      '  "version": 1,',
      '  "schema": "backend/schema/permissions.ts",',
    ]);
    const parsed = parseLock(FILE, text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.lock?.schema).toBe("backend/schema/permissions.ts");
    expect(serializeLock(parsed.lock ?? EMPTY_LOCK)).toBe(text);
  });

  test("is absent from a lock written before permgen recorded it", () => {
    expect(parseLock(FILE, serializeLock(EMPTY_LOCK)).lock?.schema).toBeUndefined();
  });

  test("must be a non-empty string", () => {
    expect(parseErrors(`{"version": 1, "schema": 3, "nextId": 0, "permissions": {}}`)).toEqual([
      'permgen.lock.json:1:26: error PG0702: "schema" must be a non-empty string: the schema\'s path from the repository root',
    ]);
    expect(parseErrors(`{"version": 1, "schema": "", "nextId": 0, "permissions": {}}`)).toHaveLength(1);
  });
});

describe("parseLock", () => {
  test("accepts a lock without retired and without $comment", () => {
    const result = parseLock(
      FILE,
      `{"version": 1, "nextId": 2, "permissions": {"a.read": 1, "a.write": 0}}`,
    );
    expect(result.diagnostics).toEqual([]);
    expect(entries(result.lock ?? EMPTY_LOCK)).toEqual({
      nextId: 2,
      active: [
        ["a.write", 0],
        ["a.read", 1],
      ],
      retired: [],
    });
  });

  test("reports invalid JSON at its position", () => {
    expect(parseErrors(`{\n  "version": 1,\n  "nextId": 1\n  "permissions": {}\n}\n`)).toEqual([
      "permgen.lock.json:4:3: error PG0701: invalid JSON in the lock file: comma expected",
    ]);
    expect(parseErrors(`{ "version": 1, // note\n "nextId": 0, "permissions": {}, }`)).toEqual([
      "permgen.lock.json:1:17: error PG0701: invalid JSON in the lock file: invalid comment token",
      "permgen.lock.json:2:34: error PG0701: invalid JSON in the lock file: property name expected",
    ]);
    expect(parseErrors("")).toEqual([
      "permgen.lock.json:1:1: error PG0701: invalid JSON in the lock file: value expected",
    ]);
  });

  test("reports a wrong shape, unknown keys and bad ids at the offending token", () => {
    expect(parseErrors(`[]`)).toEqual([
      "permgen.lock.json:1:1: error PG0702: the lock file must be a JSON object",
    ]);
    expect(
      parseErrors(`{
  "version": 2,
  "nextId": 1.5,
  "extra": true,
  "permissions": { "a.read": -1, "a.write": 1e0, "b.read": "2", "c.read": 0 },
  "retired": []
}`),
    ).toEqual([
      "permgen.lock.json:2:14: error PG0702: unsupported lock version 2: this permgen reads version 1",
      `permgen.lock.json:3:13: error PG0702: "nextId" must be a non-negative integer, found 1.5`,
      `permgen.lock.json:4:3: error PG0702: unknown key "extra" in the lock file`,
      `permgen.lock.json:6:14: error PG0702: "retired" must be an object of key: id`,
      `permgen.lock.json:5:30: error PG0702: the id of "a.read" must be a non-negative integer, found -1`,
      `permgen.lock.json:5:45: error PG0702: the id of "a.write" must be a non-negative integer, found 1e0`,
      `permgen.lock.json:5:60: error PG0702: the id of "b.read" must be a non-negative integer, found "2"`,
    ]);
    expect(parseErrors(`{ "permissions": {} }`)).toEqual([
      `permgen.lock.json:1:1: error PG0702: the lock file has no "version"`,
      `permgen.lock.json:1:1: error PG0702: the lock file has no "nextId"`,
    ]);
  });

  test("bounds ids and nextId at MAX_PERMISSION_IDS (2^17), at the offending token", () => {
    expect(MAX_PERMISSION_IDS).toBe(131_072);
    expect(
      parseErrors(`{
  "version": 1,
  "nextId": 2147483648,
  "permissions": { "a.read": 0 }
}`),
    ).toEqual([
      `permgen.lock.json:3:13: error PG0710: "nextId" 2147483648 is past permgen's bound of 131072 ids (ids are 0 to 131071)`,
    ]);
    expect(
      parseErrors(`{
  "version": 1,
  "nextId": 131072,
  "permissions": { "a.read": 131072 },
  "retired": { "a.old": 4294967295 }
}`),
    ).toEqual([
      `permgen.lock.json:4:30: error PG0710: id 131072 of "a.read" is past permgen's bound: ids are 0 to 131071`,
      `permgen.lock.json:5:25: error PG0710: id 4294967295 of "a.old" is past permgen's bound: ids are 0 to 131071`,
    ]);
    const atBound = parseLock(FILE, `{"version": 1, "nextId": 131072, "permissions": {"a.read": 131071}}`);
    expect(atBound.diagnostics).toEqual([]);
    expect(atBound.lock?.nextId).toBe(131_072);
  });

  test("reports duplicate ids, duplicate keys and ids not below nextId", () => {
    expect(
      parseErrors(`{
  "version": 1,
  "nextId": 3,
  "permissions": { "a.read": 0, "a.write": 1, "a.read": 2 },
  "retired": { "b.read": 1, "a.write": 2, "c.read": 3 }
}`),
    ).toEqual([
      `permgen.lock.json:4:47: error PG0704: key "a.read" is listed twice in the lock file (already in "permissions")`,
      `permgen.lock.json:5:26: error PG0703: id 1 of "b.read" is already the id of "a.write"`,
      `permgen.lock.json:5:29: error PG0704: key "a.write" is listed twice in the lock file (already in "permissions")`,
      `permgen.lock.json:5:53: error PG0705: id 3 of "c.read" is not below "nextId" (3): a later permission would get it too`,
    ]);
  });
});

describe("assignIds", () => {
  test("numbers new keys in schema order", () => {
    expect(entries(assignIds(EMPTY_LOCK, ["b.read", "a.read", "b.read"]))).toEqual({
      nextId: 2,
      active: [
        ["b.read", 0],
        ["a.read", 1],
      ],
      retired: [],
    });
  });

  test("keeps every id when the schema is reordered or a key is inserted in the middle", () => {
    const v1 = assignIds(EMPTY_LOCK, ["a.read", "a.write", "b.read"]);
    const v2 = assignIds(v1, ["b.read", "a.write", "a.manage", "a.read"]);
    expect(entries(v2)).toEqual({
      nextId: 4,
      active: [
        ["a.read", 0],
        ["a.write", 1],
        ["b.read", 2],
        ["a.manage", 3],
      ],
      retired: [],
    });
  });

  test("retires removed keys and never reuses their ids", () => {
    const v1 = assignIds(EMPTY_LOCK, ["a.read", "a.write", "b.read"]);
    const v2 = assignIds(v1, ["a.read", "b.read", "c.read"]);
    expect(entries(v2)).toEqual({
      nextId: 4,
      active: [
        ["a.read", 0],
        ["b.read", 2],
        ["c.read", 3],
      ],
      retired: [["a.write", 1]],
    });
    const v3 = assignIds(v2, ["a.read", "b.read", "c.read", "a.write", "d.read"]);
    expect(entries(v3)).toEqual({
      nextId: 5,
      active: [
        ["a.read", 0],
        ["a.write", 1],
        ["b.read", 2],
        ["c.read", 3],
        ["d.read", 4],
      ],
      retired: [],
    });
  });

  test("does not modify its input", () => {
    const v1 = assignIds(EMPTY_LOCK, ["a.read"]);
    assignIds(v1, ["b.read"]);
    expect(entries(v1)).toEqual({ nextId: 1, active: [["a.read", 0]], retired: [] });
    expect(entries(EMPTY_LOCK)).toEqual({ nextId: 0, active: [], retired: [] });
  });

  test("a key keeps its first id through any sequence of schemas", () => {
    const key = fc.constantFrom("a.read", "a.write", "b.read", "b.c.manage", "d.x", "e.y");
    fc.assert(
      fc.property(fc.array(fc.array(key, { maxLength: 6 }), { maxLength: 8 }), (runs) => {
        const firstId = new Map<string, number>();
        let lock = EMPTY_LOCK;
        for (const keys of runs) {
          lock = assignIds(lock, keys);
          expect([...lock.active.keys()].sort()).toEqual([...new Set(keys)].sort());
          const ids = [...lock.active.values(), ...lock.retired.values()];
          expect(new Set(ids).size).toBe(ids.length);
          for (const [k, id] of [...lock.active, ...lock.retired]) {
            expect(id).toBeLessThan(lock.nextId);
            expect(id).toBe(firstId.get(k) ?? id);
            firstId.set(k, id);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
