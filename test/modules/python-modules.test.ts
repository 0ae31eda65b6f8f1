/**
 * The Python target's per-module classes (issue 12): exact text in black's layout, the module
 * classes listed in `__all__`, and a consumer that checks a namespaced permission through them
 * accepted by pyright strict and mypy --strict (and a misspelt member rejected by both), so the
 * classes really are usable where a `Permission` is expected.
 */
import { afterAll, describe, expect, it } from "vitest";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import type { Model } from "../../src/model/model.js";
import { pythonTarget } from "../../src/targets/python/descriptor.js";
import { filesOf } from "../helpers/emit-result.js";
import { removeTempFiles } from "../helpers/tools.js";
import { makeModulesModel } from "../helpers/modules-model.js";
import {
  describeWithMypy,
  describeWithPyright,
  runMypyStrict,
  runPyrightStrict,
  writeTempFiles,
} from "../python/python-tools.js";

const CLINIC = makeModulesModel(
  {
    resources: [
      ["PatientsPatient", "patients.patient"],
      ["BillingInvoice", "billing.invoice"],
      ["BillingEmpty", "billing.empty"],
    ],
    actions: [
      ["Read", "read"],
      ["Write", "write"],
    ],
    permissions: [
      ["patients.patient", ["read", "write"]],
      ["billing.invoice", ["read"]],
    ],
    roles: [["doctor", ["patients.patient.*", "billing.invoice.read"]]],
  },
  [
    { name: "patients", path: "modules/patients/permissions.ts" },
    { name: "billing", path: "node_modules/@acme/billing/permissions.ts" },
    { name: "lab_results", path: "modules/lab.ts" },
  ],
);

async function emit(model: Model): Promise<string> {
  const emitter = await pythonTarget.loadEmitter();
  const [file] = filesOf(
    emitter(model, { language: "python", out: "/x/permissions.py", fastapi: false }, {
      lockBefore: undefined,
      lock: EMPTY_LOCK,
      existingFiles: new Map(),
    }),
  );
  if (file === undefined) throw new Error("no file");
  return file.content;
}

const CONSUMER = [
  "from permissions import (",
  "    ROLE_PERMISSIONS,",
  "    Action,",
  "    Billing,",
  "    Patients,",
  "    Permission,",
  "    Resource,",
  "    Role,",
  "    has_permission,",
  ")",
  "",
  "",
  "def may_edit(granted: frozenset[Permission]) -> bool:",
  "    return Patients.PATIENT_WRITE in granted",
  "",
  "",
  "doctor = ROLE_PERMISSIONS[Role.DOCTOR]",
  "assert Patients.PATIENT_READ in doctor",
  "assert Patients.PATIENT_WRITE is Permission.PATIENTS_PATIENT_WRITE",
  "assert Billing.ALL <= doctor",
  "assert has_permission(doctor, Resource.PATIENTS_PATIENT, Action.READ)",
  "",
];

describe("Python module classes", () => {
  it("emits one class of Permission members per module, after the enums, listed in __all__", async () => {
    const out = await emit(CLINIC);
    const start = out.indexOf("class Patients:");
    const end = out.indexOf("\n\n\n", out.indexOf("class LabResults:"));
    expect(out.slice(start, end)).toBe(
      [
        "class Patients:",
        '    """The permissions of module "patients" (modules/patients/permissions.ts)."""',
        "",
        "    PATIENT_READ: Final = Permission.PATIENTS_PATIENT_READ",
        "    PATIENT_WRITE: Final = Permission.PATIENTS_PATIENT_WRITE",
        "    ALL: Final[frozenset[Permission]] = frozenset({PATIENT_READ, PATIENT_WRITE})",
        "",
        "",
        "class Billing:",
        '    """The permissions of module "billing" (node_modules/@acme/billing/permissions.ts)."""',
        "",
        "    INVOICE_READ: Final = Permission.BILLING_INVOICE_READ",
        "    ALL: Final[frozenset[Permission]] = frozenset({INVOICE_READ})",
        "",
        "",
        "class LabResults:",
        '    """The permissions of module "lab_results" (modules/lab.ts)."""',
        "",
        "    ALL: Final[frozenset[Permission]] = frozenset()",
      ].join("\n"),
    );
    expect(out.indexOf("class Role(enum.StrEnum):")).toBeLessThan(start);
    expect(out).toContain('    "Role",\n    "Patients",\n    "Billing",\n    "LabResults",\n    "ALL_PERMISSIONS",');
  });

  it("reports a module whose class would shadow a name the module uses", () => {
    const clash = makeModulesModel(
      { resources: [["FinalX", "final.x"]], actions: [["Read", "read"]], permissions: [["final.x", ["read"]]] },
      [{ name: "final", path: "modules/final.ts" }],
    );
    const found = pythonTarget.checkNames?.(clash, { language: "python", out: "/x.py", fastapi: true }) ?? [];
    expect(found.map((d) => [d.code, d.message])).toEqual([
      [
        "PG0411",
        'module "final" (modules/final.ts) is emitted as "Final" in Python, which is already a name the Python target declares; rename the module (config "modules", with "renamedFrom" to keep its ids)',
      ],
    ]);
  });
});

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTempFiles));

async function writeProject(extra: readonly string[]): Promise<string> {
  const dir = writeTempFiles({ "permissions.py": await emit(CLINIC), "consumer.py": [...CONSUMER, ...extra].join("\n") });
  dirs.push(dir);
  return dir;
}

describeWithPyright("Python module classes under pyright strict", () => {
  it("accepts a consumer of the module classes and rejects an unknown member", async () => {
    const ok = await writeProject([]);
    expect(runPyrightStrict(ok, ["permissions.py", "consumer.py"])).toEqual([]);
    const bad = await writeProject(["Patients.PATIENT_DELETE", ""]);
    const errors = runPyrightStrict(bad, ["consumer.py"]).filter((f) => f.severity === "error");
    expect([...new Set(errors.map((f) => f.line))]).toEqual([CONSUMER.length + 1]);
  });
});

describeWithMypy("Python module classes under mypy --strict", () => {
  it("accepts a consumer of the module classes and rejects an unknown member", async () => {
    const ok = await writeProject([]);
    expect(runMypyStrict(ok, ["permissions.py", "consumer.py"]).filter((f) => f.severity === "error")).toEqual([]);
    const bad = await writeProject(["Patients.PATIENT_DELETE", ""]);
    const errors = runMypyStrict(bad, ["consumer.py"]).filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.line, f.code])).toEqual([[CONSUMER.length + 1, "attr-defined"]]);
  });
});
