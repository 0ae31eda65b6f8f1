/**
 * `selectInverseRows` keeps of the state before a delta exactly what `invertDelta` reads: the
 * history replay (emit-sql.ts) renders each migration's down statements from that selection,
 * never from a full copy of the state. Over random pairs of states — ids kept, renamed, removed
 * and added, descriptions changed, roles renamed, added and removed — the inverse from the
 * selection is the inverse from the whole state.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLinkKey, diffStates } from "../../src/targets/sql/migration-delta.js";
import type { LinkRow, PermissionRow, RoleRow, TableState } from "../../src/targets/sql/migration-delta.js";
import { invertDelta, selectInverseRows } from "../../src/targets/sql/migration-invert.js";

const KEYS = ["a.read", "a.write", "b.read", "b.write", "c.read", "c.admin"];
const ROLES = ["admin", "viewer", "editor", "auditor"];
const description = fc.option(fc.constantFrom("one", "two", "three"), { nil: null });

/** A state: some ids 1–8 with distinct keys, some roles, links among them, a digest. */
const state = (renamedRoles: boolean): fc.Arbitrary<TableState> =>
  fc
    .record({
      ids: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 6 }),
      keys: fc.shuffledSubarray(KEYS, { minLength: 6, maxLength: 6 }),
      descriptions: fc.array(description, { minLength: 6, maxLength: 6 }),
      roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 4 }),
      roleDescriptions: fc.array(description, { minLength: 4, maxLength: 4 }),
      links: fc.array(fc.tuple(fc.nat(3), fc.nat(5)), { maxLength: 10 }),
      renames: fc.array(fc.tuple(fc.constantFrom(...ROLES), fc.constantFrom(...ROLES)), { maxLength: 2 }),
      digest: fc.option(fc.constantFrom("d1", "d2"), { nil: null }),
    })
    .map((r) => {
      const rows: PermissionRow[] = r.ids.map((id, i) => {
        const key = r.keys[i] as string;
        const [resource = "", action = ""] = key.split(".");
        return { id, key, resource, action, description: r.descriptions[i] ?? null };
      });
      const roles: RoleRow[] = r.roles.map((name, i) => ({ name, description: r.roleDescriptions[i] ?? null }));
      const links = new Map<string, LinkRow>();
      for (const [roleAt, rowAt] of r.links) {
        const role = roles[roleAt % Math.max(roles.length, 1)];
        const row = rows[rowAt % Math.max(rows.length, 1)];
        if (role !== undefined && row !== undefined) {
          links.set(buildLinkKey(role.name, row.id), { role: role.name, id: row.id, key: row.key });
        }
      }
      const names = new Set(roles.map((x) => x.name));
      const roleRenames = new Map(
        r.renames.filter(([to, from]) => to !== from && names.has(to) && !names.has(from)),
      );
      return {
        permissions: new Map(rows.map((row) => [row.id, row])),
        roles: new Map(roles.map((role) => [role.name, role])),
        links,
        digest: r.digest,
        ...(renamedRoles && roleRenames.size > 0 ? { roleRenames } : {}),
      };
    });

describe("selectInverseRows", () => {
  it("gives invertDelta all it reads: the inverse from the selection is the inverse from the state", () => {
    fc.assert(
      fc.property(state(false), state(true), (before, after) => {
        const delta = diffStates(before, after);
        expect(invertDelta(selectInverseRows(before, delta), delta)).toEqual(invertDelta(before, delta));
      }),
      { numRuns: 2000 },
    );
  });
});
