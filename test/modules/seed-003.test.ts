/**
 * Seed 003 end to end (issue 12): a platform whose modules declare their permissions in
 * relative form and whose registry namespaced them by the module's name from its manifest. With
 * permgen the config is the manifest: module files written without prefixes (one of them a
 * community module shipped in a package under node_modules/), a config listing the modules, a
 * root roles file granting across modules. `permgen generate` in a real git repository, then:
 * the frontend's config file importing the namespaced constants compiles under tsc strict (and
 * a key of the wrong module does not), and a backend module checking a namespaced permission
 * passes mypy --strict.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import { removeTempFiles } from "../helpers/tools.js";
import { compileRoots, transpileToModule } from "../typescript/compile.js";
import { describeWithMypy, runMypyStrict, runPython } from "../python/python-tools.js";

/** The patients module as its team writes it: no module name anywhere in the file. */
const PATIENTS = `/** Patient records. */
export enum Resource {
  Patient = "patient",
  PatientRecord = "patient.record",
}

export enum Action {
  Read = "read",
  Write = "write",
}

export const permissions = {
  [Resource.Patient]: [Action.Read, Action.Write],
  [Resource.PatientRecord]: [Action.Read],
} as const;

export const roles = {
  doctor: ["*"],
  nurse: ["patient.read", "patient.record.read"],
} as const;
`;

/** A community module shipped in a package: its own file, its own relative names. */
const BILLING = `export enum Resource {
  Invoice = "invoice",
}

export enum Action {
  Read = "read",
  Pay = "pay",
}

export const permissions = {
  [Resource.Invoice]: [Action.Read, Action.Pay],
} as const;

export const roles = {
  doctor: ["invoice.read"],
  accountant: ["*"],
} as const;
`;

/** The platform's own roles, granting qualified keys across modules. */
const ROOT_ROLES = `export const roles = {
  admin: ["patients.*", "billing.*"],
  auditor: ["patients.patient.read", "billing.invoice.read"],
} as const;
`;

const CONFIG = {
  schema: "schema/roles.ts",
  modules: {
    patients: "modules/patients/permissions.ts",
    billing: "node_modules/@acme/billing/permissions.ts",
  },
  targets: [
    { language: "typescript", out: "frontend/app/generated/permissions.ts" },
    { language: "python", out: "backend/app/permission_taxonomy.py", fastapi: true },
  ],
};

/** The frontend's permission config, reading the namespaced keys (seed 003's permissions.ts). */
const FRONTEND = `import {
  Billing,
  Patients,
  hasPermission,
  permissionsOfRoles,
  Action,
  Resource,
  Role,
  type BillingPermission,
  type PatientsPermission,
  type Permission,
} from "../generated/permissions.js";

/** Navigation entries carry namespaced keys: the frontend has no registry to prefix them. */
export const NAVIGATION: readonly { readonly label: string; readonly permission: Permission }[] = [
  { label: "Patients", permission: Patients.PatientRead },
  { label: "Records", permission: Patients.PatientRecordRead },
  { label: "Invoices", permission: Billing.InvoiceRead },
];

export const EDIT_PATIENT: PatientsPermission = Patients.PatientWrite;
export const PAY: BillingPermission = Billing.InvoicePay;

export function visibleEntries(roles: readonly string[]): string[] {
  const granted = permissionsOfRoles(roles);
  return NAVIGATION.filter((entry) => granted.has(entry.permission)).map((entry) => entry.label);
}

export function mayReadPatients(granted: readonly string[]): boolean {
  return hasPermission(granted, Resource.PatientsPatient, Action.Read);
}

export const NURSE = Role.Nurse;
`;

let repo: string;

beforeAll(() => {
  ensureBuilt();
  repo = makeRepo();
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  write("modules/patients/permissions.ts", PATIENTS);
  write("node_modules/@acme/billing/permissions.ts", BILLING);
  write("schema/roles.ts", ROOT_ROLES);
  write("permgen.config.json", `${JSON.stringify(CONFIG, null, 2)}\n`);
  write("frontend/app/config/permissions.ts", FRONTEND);
  write("frontend/package.json", '{ "type": "module" }\n');
});

afterAll(() => removeTempFiles(repo));

describe("seed 003: modules namespaced by the config", () => {
  it("generates from module files without prefixes, then checks clean", () => {
    const generated = runCli(["generate"], repo);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    expect(runCli(["check"], repo).code).toBe(0);
    const ts = fs.readFileSync(path.join(repo, "frontend/app/generated/permissions.ts"), "utf8");
    expect(ts).toContain(
      [
        "export const Patients = {",
        '  PatientRead: "patients.patient.read",',
        '  PatientWrite: "patients.patient.write",',
        '  PatientRecordRead: "patients.patient.record.read",',
        "} as const;",
      ].join("\n"),
    );
    expect(ts).toContain('  InvoicePay: "billing.invoice.pay",');
  });

  it("the frontend's config file compiles under tsc strict, and a key of another module does not", () => {
    const roots = [path.join(repo, "frontend/app/config/permissions.ts")];
    expect(compileRoots(roots, repo)).toEqual([]);
    const wrong = path.join(repo, "frontend/app/config/wrong.ts");
    fs.writeFileSync(
      wrong,
      'import { Billing, type PatientsPermission } from "../generated/permissions.js";\n\nexport const WRONG: PatientsPermission = Billing.InvoiceRead;\n',
    );
    try {
      expect(compileRoots([wrong], repo)).toEqual([
        expect.stringMatching(/^frontend\/app\/config\/wrong\.ts:3: TS2322: /),
      ]);
    } finally {
      fs.rmSync(wrong);
    }
  });

  it("the namespaced constants hold the keys the guards and role tables use", async () => {
    const ts = fs.readFileSync(path.join(repo, "frontend/app/generated/permissions.ts"), "utf8");
    const file = path.join(repo, "frontend/app/generated/permissions.mjs");
    fs.writeFileSync(file, transpileToModule(ts));
    const generated = (await import(file)) as {
      Patients: Record<string, string>;
      permissionsOfRoles(roles: readonly string[]): ReadonlySet<string>;
    };
    expect(Object.isFrozen(generated.Patients)).toBe(true);
    expect([...generated.permissionsOfRoles(["nurse"])]).toEqual([
      generated.Patients["PatientRead"],
      generated.Patients["PatientRecordRead"],
    ]);
    expect([...generated.permissionsOfRoles(["doctor"])]).toEqual([
      "patients.patient.read",
      "patients.patient.write",
      "patients.patient.record.read",
      "billing.invoice.read",
    ]);
  });
});

describeWithMypy("seed 003: the backend checks a namespaced permission", () => {
  it("passes mypy --strict", () => {
    const consumer = [
      "from permission_taxonomy import ROLE_PERMISSIONS, Billing, Patients, Role",
      "",
      "",
      "def may_pay(roles: list[Role]) -> bool:",
      "    return any(Billing.INVOICE_PAY in ROLE_PERMISSIONS[role] for role in roles)",
      "",
      "",
      "assert Patients.PATIENT_RECORD_READ in ROLE_PERMISSIONS[Role.NURSE]",
      "assert not may_pay([Role.NURSE, Role.DOCTOR])",
      "assert may_pay([Role.ACCOUNTANT])",
      "",
    ].join("\n");
    fs.writeFileSync(path.join(repo, "backend/app/consumer.py"), consumer);
    const findings = runMypyStrict(path.join(repo, "backend/app"), ["permission_taxonomy.py", "consumer.py"]);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    const run = runPython(["consumer.py"], path.join(repo, "backend/app"));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
