/**
 * The TypeScript target's per-module groups (issue 12): exact text, already in prettier 3's
 * default layout (the ts-layout branch may write TypeScript without running prettier, so the
 * text this target adds must be final as written), absent without modules, and the names
 * checked for collisions with the target's own symbols and with each other.
 */
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import type { Model } from "../../src/model/model.js";
import { renderTypeScriptModules } from "../../src/targets/typescript/emit-modules.js";
import { formatDocText } from "../../src/targets/typescript/emit-typescript.js";
import { typescriptTarget } from "../../src/targets/typescript/descriptor.js";
import { filesOf } from "../helpers/emit-result.js";
import { makeModel } from "../helpers/hand-model.js";
import { makeModulesModel } from "../helpers/modules-model.js";

const CLINIC = makeModulesModel(
  {
    resources: [
      ["PatientsPatient", "patients.patient"],
      ["PatientsPatientNote", "patients.patient.note"],
      ["BillingInvoice", "billing.invoice"],
    ],
    actions: [
      ["Read", "read"],
      ["Write", "write"],
      ["Pay", "pay"],
    ],
    permissions: [
      ["patients.patient", ["read", "write"]],
      ["patients.patient.note", ["read"]],
      ["billing.invoice", ["read", "pay"]],
    ],
    pairDocs: { "billing.invoice.pay": { description: "Settles an invoice.", deprecated: "use checkout" } },
    roles: [["doctor", ["patients.patient.*", "billing.invoice.read"]]],
  },
  [
    { name: "patients", path: "modules/patients/permissions.ts" },
    { name: "billing", path: "node_modules/@acme/billing/permissions.ts" },
  ],
);

function render(model: Model): string[] {
  return renderTypeScriptModules(model, formatDocText);
}

async function emit(model: Model): Promise<string> {
  const emitter = await typescriptTarget.loadEmitter();
  const [file] = filesOf(
    emitter(model, { language: "typescript", out: "/x/permissions.ts", enumStyle: "enum" }, {
      lockBefore: undefined,
      lock: EMPTY_LOCK,
      existingFiles: new Map(),
    }),
  );
  if (file === undefined) throw new Error("no file");
  return file.content;
}

describe("TypeScript module groups", () => {
  it("emits one frozen object of namespaced keys and one key union per module", () => {
    expect(render(CLINIC)).toEqual([
      [
        '/** The permission keys of module "patients" (modules/patients/permissions.ts). */',
        "export const Patients = {",
        '  PatientRead: "patients.patient.read",',
        '  PatientWrite: "patients.patient.write",',
        '  PatientNoteRead: "patients.patient.note.read",',
        "} as const;",
        "Object.freeze(Patients);",
        '/** A permission key of module "patients". */',
        "export type PatientsPermission = (typeof Patients)[keyof typeof Patients];",
      ].join("\n"),
      [
        '/** The permission keys of module "billing" (node_modules/@acme/billing/permissions.ts). */',
        "export const Billing = {",
        '  InvoiceRead: "billing.invoice.read",',
        "  /**",
        "   * Settles an invoice.",
        "   *",
        "   * @deprecated use checkout",
        "   */",
        '  InvoicePay: "billing.invoice.pay",',
        "} as const;",
        "Object.freeze(Billing);",
        '/** A permission key of module "billing". */',
        "export type BillingPermission = (typeof Billing)[keyof typeof Billing];",
      ].join("\n"),
    ]);
  });

  it("writes text prettier 3 leaves as it is, long names included", async () => {
    const long = makeModulesModel(
      {
        namespace: "acme",
        resources: [
          ["OutpatientSchedulingAppointmentSlotTemplate", "outpatient_scheduling.appointment_slot_template"],
          ["OutpatientSchedulingX", "outpatient_scheduling.x"],
          ["E", "e.a"],
        ],
        actions: [
          ["Reschedule", "reschedule_with_notification"],
          ["R", "r"],
        ],
        permissions: [
          ["outpatient_scheduling.appointment_slot_template", ["reschedule_with_notification", "r"]],
          ["outpatient_scheduling.x", ["r"]],
        ],
      },
      [
        { name: "outpatient_scheduling", path: "modules/outpatient_scheduling/permissions.ts" },
        { name: "e", path: "modules/e.ts" },
      ],
    );
    const out = await emit(long);
    const groups = render(long);
    expect(groups.join("\n")).toContain("AppointmentSlotTemplateRescheduleWithNotification:\n    \"acme.");
    expect(groups.join("\n")).toContain("export type OutpatientSchedulingPermission =\n  (typeof");
    expect(groups.join("\n")).toContain("export const E = {} as const;");
    for (const group of [...groups, ...render(CLINIC)]) {
      const text = `${group}\n`;
      expect(await prettier.format(text, { parser: "babel-ts" })).toBe(text);
    }
    // The emitted file holds each group as written, between the flat declarations.
    for (const group of groups) expect(out).toContain(group);
  });

  it("adds nothing to the output of a config without modules", async () => {
    const flat = makeModel({ resources: [["Alert", "alert"]], actions: [["Read", "read"]], permissions: [["alert", ["read"]]] });
    expect(render(flat)).toEqual([]);
    expect(await emit(flat)).not.toContain("permission keys of module");
  });

  it("reports a module named like a symbol the target declares, two modules with one name, and two members with one name", () => {
    const clash = makeModulesModel(
      {
        resources: [
          ["PermissionA", "permission.a"],
          ["ABX", "a_b.x"],
          ["ABX2", "a__b.x"],
          ["ABXB", "a_b.x_b"],
        ],
        actions: [["BC", "b_c"], ["C", "c"]],
        permissions: [
          ["a_b.x", ["c", "b_c"]],
          ["a_b.x_b", ["c"]],
          ["a__b.x", ["c"]],
          ["permission.a", ["c"]],
        ],
      },
      [
        { name: "permission", path: "modules/permission.ts" },
        { name: "a_b", path: "modules/a_b.ts" },
        { name: "a__b", path: "modules/a__b.ts" },
      ],
    );
    const found = typescriptTarget.checkNames?.(clash, { language: "typescript", out: "/x.ts", enumStyle: "enum" }) ?? [];
    expect(found.map((d) => [d.code, d.file, d.message])).toEqual([
      [
        "PG0411",
        "/project/modules/permission.ts",
        'module "permission" (modules/permission.ts) is emitted as "Permission" in TypeScript, which is already a name the TypeScript target declares; rename the module (config "modules", with "renamedFrom" to keep its ids)',
      ],
      [
        "PG0401",
        "/project/modules/a_b.ts",
        'permission "a_b.x_b.c" and permission "a_b.x.b_c" are both "XBC" in TypeScript\'s group of module "a_b"; rename one of them',
      ],
      [
        "PG0410",
        "/project/modules/a__b.ts",
        'modules "a_b" (modules/a_b.ts) and "a__b" (modules/a__b.ts) are both emitted as "AB" in TypeScript; rename one of them',
      ],
      [
        "PG0410",
        "/project/modules/a__b.ts",
        'modules "a_b" (modules/a_b.ts) and "a__b" (modules/a__b.ts) are both emitted as "ABPermission" in TypeScript; rename one of them',
      ],
    ]);
  });
});
