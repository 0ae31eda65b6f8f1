/**
 * The lock's side of `@renamedFrom`: ids move to the new key, the record collapses chains, it
 * survives a write and a read byte for byte, and a record that contradicts the id maps is
 * rejected at its token.
 */
import { describe, expect, test } from "vitest";
import { assignIds } from "../../src/lock/assign-ids.js";
import { EMPTY_LOCK, type Lock } from "../../src/lock/lock.js";
import { parseLock } from "../../src/lock/parse-lock.js";
import { recordRoles } from "../../src/lock/role-record.js";
import { serializeLock } from "../../src/lock/serialize-lock.js";

const v1 = assignIds(EMPTY_LOCK, ["alert.read", "alert.escalate", "case.read"]);

describe("assignIds with renames", () => {
  test("a renamed key takes the old key's id; nothing is retired and no id is given", () => {
    const v2 = assignIds(v1, ["alert.read", "alert.raise", "case.read"], new Map([["alert.raise", "alert.escalate"]]));
    expect([...v2.active]).toEqual([["alert.read", 0], ["alert.raise", 1], ["case.read", 2]]);
    expect(v2.retired.size).toBe(0);
    expect(v2.nextId).toBe(3);
    expect([...(v2.renamed ?? [])]).toEqual([["alert.escalate", "alert.raise"]]);
  });

  test("a chain collapses: a → b, then b → c records a → c and b → c", () => {
    const v2 = assignIds(v1, ["alert.read", "alert.raise", "case.read"], new Map([["alert.raise", "alert.escalate"]]));
    const v3 = assignIds(v2, ["alert.read", "alert.flag", "case.read"], new Map([["alert.flag", "alert.raise"]]));
    expect(v3.active.get("alert.flag")).toBe(1);
    expect([...(v3.renamed ?? [])]).toEqual([
      ["alert.escalate", "alert.flag"],
      ["alert.raise", "alert.flag"],
    ]);
  });

  test("a former name that comes back as a new key leaves the record and gets a fresh id", () => {
    const v2 = assignIds(v1, ["alert.read", "alert.raise", "case.read"], new Map([["alert.raise", "alert.escalate"]]));
    const v3 = assignIds(v2, ["alert.read", "alert.raise", "case.read", "alert.escalate"]);
    expect(v3.active.get("alert.escalate")).toBe(3);
    expect(v3.renamed).toBeUndefined();
  });

  test("renaming onto a retired key never leaves it both active and retired", () => {
    const v2 = assignIds(v1, ["alert.read", "case.read"]);
    expect(v2.retired.get("alert.escalate")).toBe(1);
    const v3 = assignIds(v2, ["alert.escalate", "case.read"], new Map([["alert.escalate", "alert.read"]]));
    expect([...v3.active]).toEqual([["alert.escalate", 0], ["case.read", 2]]);
    expect(v3.retired.size).toBe(0);
    expect(parseLock("/l.json", serializeLock(v3)).diagnostics).toEqual([]);
  });
});

describe("the rename record in permgen.lock.json", () => {
  const renamed: Lock = recordRoles(
    assignIds(v1, ["alert.read", "alert.raise", "case.read"], new Map([["alert.raise", "alert.escalate"]])),
    [{ name: "reviewer", keys: ["alert.read"] }],
    new Map([["reviewer", "auditor"]]),
  );

  test("is written after roles and reads back to the same bytes", () => {
    const text = serializeLock(renamed);
    expect(text).toContain(`  "renamed": {\n    "alert.escalate": "alert.raise"\n  },\n  "renamedRoles": {\n    "auditor": "reviewer"\n  }\n}\n`);
    const read = parseLock("/l.json", text);
    expect(read.diagnostics).toEqual([]);
    expect(read.lock === undefined ? "" : serializeLock(read.lock)).toBe(text);
  });

  test("a lock without renames is written as before: no empty record", () => {
    expect(serializeLock(v1)).not.toContain("renamed");
  });

  test("a former name that is current, or a rename to a key the lock lacks, is PG0702 at its token", () => {
    const text = serializeLock(renamed)
      .replace(`"alert.escalate": "alert.raise"`, `"alert.read": "alert.raise",\n    "x.y": "nowhere.key"`);
    const messages = parseLock("/l.json", text).diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
    expect(messages).toEqual([
      `17:5 PG0702 "renamed": key "alert.read" is current, so it cannot also be a former name`,
      `18:12 PG0702 "renamed": "x.y" was renamed to "nowhere.key", which the lock does not hold`,
    ]);
  });
});
