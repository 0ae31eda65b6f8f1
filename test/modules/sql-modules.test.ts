/**
 * A SQL target restricted to modules (issue 12): it writes only the listed modules' permission
 * rows and the links to them, with the lock's ids (so they agree with an unrestricted target's
 * rows), every role row, and the whole vocabulary's digest.
 */
import { describe, expect, it } from "vitest";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import type { Model } from "../../src/model/model.js";
import { restrictModel } from "../../src/model/restrict-model.js";
import { sqlTarget } from "../../src/targets/sql/descriptor.js";
import { filesOf } from "../helpers/emit-result.js";
import { makeModulesModel } from "../helpers/modules-model.js";

const CLINIC = makeModulesModel(
  {
    resources: [
      ["PatientsPatient", "patients.patient"],
      ["BillingInvoice", "billing.invoice"],
    ],
    actions: [
      ["Read", "read"],
      ["Pay", "pay"],
    ],
    permissions: [
      ["patients.patient", ["read"]],
      ["billing.invoice", ["read", "pay"]],
    ],
    ids: { "patients.patient.read": 7, "billing.invoice.read": 3, "billing.invoice.pay": 9 },
    roles: [
      ["doctor", ["patients.patient.*", "billing.invoice.read"]],
      ["nurse", ["patients.patient.read"]],
    ],
  },
  [
    { name: "patients", path: "modules/patients/permissions.ts" },
    { name: "billing", path: "modules/billing/permissions.ts" },
  ],
);

async function migration(model: Model): Promise<string> {
  const emit = await sqlTarget.loadEmitter();
  const files = filesOf(
    emit(model, sqlTarget.options.parse({ language: "sql", dialect: "sqlite", out: "/x/sql" }) as never, {
      lockBefore: undefined,
      lock: EMPTY_LOCK,
      existingFiles: new Map(),
    }),
  );
  const sql = files.find((f) => f.path.endsWith(".sql"));
  if (sql === undefined) throw new Error("no migration");
  return sql.content;
}

describe("SQL target restricted to modules", () => {
  it("writes only the listed modules' rows, with the lock's ids, every role, and the model's digest", async () => {
    const billing = await migration(restrictModel(CLINIC, ["billing"]));
    const all = await migration(CLINIC);
    expect(billing).toContain("'billing.invoice.read'");
    expect(billing).toContain("'billing.invoice.pay'");
    expect(billing).not.toContain("patients.patient.read");
    expect(all).toContain("patients.patient.read");
    // Every row the restricted target writes is a row the unrestricted one writes too.
    const rows = (sql: string) => sql.split("\n").filter((line) => line.startsWith("INSERT INTO"));
    expect(rows(billing)).toContain(
      `INSERT INTO "permgen_permission" (id, key, resource, action, description) VALUES (9, 'billing.invoice.pay', 'billing.invoice', 'pay', NULL);`,
    );
    // The doctor's link to a permission of another module is not written; nurse holds none.
    expect(rows(billing).filter((row) => row.includes('"permgen_role_permission"'))).toEqual([
      `INSERT INTO "permgen_role_permission" (role, permission_id) VALUES ('doctor', 3);`,
    ]);
    for (const row of rows(billing)) expect(rows(all)).toContain(row);
    expect(billing).toContain("'nurse'");
    expect(billing).toContain(CLINIC.digest);
  });
});
