/**
 * `applyDelta` replays a migration's renames one after the other, each against the keys the
 * earlier ones left (the SQL history is checked so on every run): a key freed by an earlier
 * rename may be taken by a later one, a key still held may not, and every link row of a
 * renamed id carries its new key. Renaming an action of every resource renames thousands of
 * rows in one migration, so the replay must not walk every row and link per rename.
 */
import { describe, expect, it } from "vitest";
import { EMPTY_DELTA, applyDelta, buildLinkKey, diffStates } from "../../src/targets/sql/migration-delta.js";
import type { LinkRow, MigrationDelta, PermissionRow, TableState } from "../../src/targets/sql/migration-delta.js";

function stateOf(rows: readonly PermissionRow[], roles: readonly string[]): TableState {
  const links = new Map<string, LinkRow>();
  for (const role of roles) for (const row of rows) links.set(buildLinkKey(role, row.id), { role, id: row.id, key: row.key });
  return {
    permissions: new Map(rows.map((r) => [r.id, r])),
    roles: new Map(roles.map((name) => [name, { name, description: null }])),
    links,
    digest: null,
  };
}

/** The state a delta leads to; fails the test with the problem when it does not apply. */
function applied(state: TableState, delta: MigrationDelta): TableState {
  const result = applyDelta(state, delta);
  if (result.problem !== undefined) throw new Error(`the delta does not apply: ${result.problem.message}`);
  return result.state;
}

const row = (id: number, resource: string, action: string): PermissionRow => ({
  id,
  key: `${resource}.${action}`,
  resource,
  action,
  description: null,
});

describe("applyDelta: renames", () => {
  it("renames an action of 5,000 resources held by 20 roles: every row and link carries its new key", () => {
    const before = stateOf(Array.from({ length: 5000 }, (_, i) => row(i + 1, `r${i}`, "read")), Array.from({ length: 20 }, (_, i) => `role${i}`));
    const after = stateOf(Array.from({ length: 5000 }, (_, i) => row(i + 1, `r${i}`, "view")), Array.from({ length: 20 }, (_, i) => `role${i}`));
    const delta = diffStates(before, after);
    expect(delta.renamePermissions).toHaveLength(5000);
    const state = applied(before, delta);
    expect([...state.permissions.values()]).toEqual([...after.permissions.values()]);
    expect([...state.links.values()]).toEqual([...after.links.values()]);
  });

  it("lets a later rename take a key an earlier one freed, never one still held", () => {
    const before = stateOf([row(1, "a", "x"), row(2, "b", "x"), row(3, "c", "x")], ["admin"]);
    const rename = (id: number, from: string, resource: string) => ({ id, from, key: `${resource}.x`, resource, action: "x" });
    // a.x → d.x frees a.x; b.x → a.x then takes it.
    const chained = applied(before, { ...EMPTY_DELTA, renamePermissions: [rename(1, "a.x", "d"), rename(2, "b.x", "a")] });
    expect([...chained.permissions.values()].map((r) => r.key)).toEqual(["d.x", "a.x", "c.x"]);
    expect(chained.links.get(buildLinkKey("admin", 2))?.key).toBe("a.x");
    // c.x is held: renaming b.x onto it fails, at that rename.
    const held = applyDelta(before, { ...EMPTY_DELTA, renamePermissions: [rename(1, "a.x", "d"), rename(2, "b.x", "c")] });
    expect(held.problem).toEqual({ at: ["renamePermissions", 1], message: 'key "c.x" already exists' });
    // A key an earlier rename of the same migration took is held too.
    const taken = applyDelta(before, { ...EMPTY_DELTA, renamePermissions: [rename(1, "a.x", "d"), rename(2, "b.x", "d")] });
    expect(taken.problem).toEqual({ at: ["renamePermissions", 1], message: 'key "d.x" already exists' });
    // A rename from a key the row does not have names the row's key.
    const stale = applyDelta(before, { ...EMPTY_DELTA, renamePermissions: [rename(1, "a.x", "d"), rename(1, "a.x", "e")] });
    expect(stale.problem?.at).toEqual(["renamePermissions", 1]);
  });
});
