/**
 * The Go target's per-module functions (issue 12): exact text, gofmt-clean, vetted and used
 * by a test program; a target restricted to one module (a Go package per domain, seed 004)
 * holds exactly that module, keeps the whole vocabulary's ids and digest, and its names are
 * checked as it emits them (constantNames "action" in one package per domain).
 */
import { afterAll, describe, expect, it } from "vitest";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import type { Model } from "../../src/model/model.js";
import { restrictModel } from "../../src/model/restrict-model.js";
import { goTarget, type GoOptions } from "../../src/targets/go/descriptor.js";
import { filesOf } from "../helpers/emit-result.js";
import { makeModulesModel } from "../helpers/modules-model.js";
import { createGoModule, describeWithGo, removeGoModule, runGoTool } from "../go/go-toolchain.js";

const CLINIC = makeModulesModel(
  {
    resources: [
      ["PatientsPatient", "patients.patient"],
      ["BillingInvoice", "billing.invoice"],
      ["LabEmpty", "lab.empty"],
    ],
    actions: [
      ["Read", "read"],
      ["Write", "write"],
    ],
    permissions: [
      ["patients.patient", ["read", "write"]],
      ["billing.invoice", ["read"]],
    ],
    roles: [
      ["doctor", ["patients.patient.*", "billing.invoice.read"]],
      ["clerk", ["billing.invoice.read"]],
    ],
  },
  [
    { name: "patients", path: "modules/patients/permissions.ts" },
    { name: "billing", path: "node_modules/@acme/billing/permissions.ts" },
    { name: "lab", path: "modules/lab.ts" },
  ],
);

async function emit(model: Model, options: Partial<GoOptions> = {}): Promise<string> {
  const emitter = await goTarget.loadEmitter();
  const [file] = filesOf(
    emitter(model, { language: "go", out: "/x/perm/permissions.go", package: "perm", ...options }, {
      lockBefore: undefined,
      lock: EMPTY_LOCK,
      existingFiles: new Map(),
    }),
  );
  if (file === undefined) throw new Error("no file");
  return file.content;
}

describe("Go module functions", () => {
  it("emits one function per module returning a new slice of its permissions", async () => {
    const out = await emit(CLINIC);
    const start = out.indexOf("// PatientsPermissions");
    expect(out.slice(start, out.indexOf("}\n\n", out.indexOf("func LabPermissions")) + 2)).toBe(
      [
        '// PatientsPermissions returns the permissions of module "patients".',
        "//",
        "// Declared in modules/patients/permissions.ts; schema order, in a new slice the caller may change.",
        "func PatientsPermissions() []Permission {",
        "\treturn []Permission{",
        "\t\tPermPatientsPatientRead,",
        "\t\tPermPatientsPatientWrite,",
        "\t}",
        "}",
        "",
        '// BillingPermissions returns the permissions of module "billing".',
        "//",
        "// Declared in node_modules/@acme/billing/permissions.ts; schema order, in a new slice the caller may change.",
        "func BillingPermissions() []Permission {",
        "\treturn []Permission{",
        "\t\tPermBillingInvoiceRead,",
        "\t}",
        "}",
        "",
        '// LabPermissions returns the permissions of module "lab".',
        "//",
        "// Declared in modules/lab.ts; schema order, in a new slice the caller may change.",
        "func LabPermissions() []Permission {",
        "\treturn []Permission{}",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("a target restricted to one module holds only it, every role, and the whole model's ids and digest", async () => {
    const billing = restrictModel(CLINIC, ["billing"]);
    expect(billing.permissions.map((p) => [p.key, p.id])).toEqual([["billing.invoice.read", 2]]);
    expect(billing.resources.map((r) => r.value)).toEqual(["billing.invoice"]);
    expect(billing.actions.map((a) => a.value)).toEqual(["read"]);
    expect(billing.roles.map((r) => [r.name, r.permissions.map((p) => p.key)])).toEqual([
      ["doctor", ["billing.invoice.read"]],
      ["clerk", ["billing.invoice.read"]],
    ]);
    expect(billing.modules.map((m) => m.name)).toEqual(["billing"]);
    expect(billing.digest).toBe(CLINIC.digest);
    expect(billing.sources).toEqual(CLINIC.sources);
    const patients = restrictModel(CLINIC, ["patients"]);
    // A role holding none of the module's permissions is still listed, and grants nothing.
    expect(patients.roles.map((r) => [r.name, r.permissions.length])).toEqual([["doctor", 2], ["clerk", 0]]);
    expect(restrictModel(CLINIC, undefined)).toBe(CLINIC);
    const out = await emit(billing, { constantNames: "action" });
    expect(out).toContain("\tPermRead Permission = 2");
    expect(out).not.toContain("Patients");
    expect(out).toContain(`const SchemaDigest = "${CLINIC.digest}"`);
  });

  it("checks names as a restricted target emits them", () => {
    const options: GoOptions = { language: "go", out: "/x/perm/p.go", constantNames: "action" };
    // Both modules have `read`: one package for both is a collision, one per module is not.
    const codes = (model: Model) => (goTarget.checkNames?.(model, options) ?? []).map((d) => d.code);
    const wide = makeModulesModel(
      {
        resources: [["AX", "a.x"], ["BY", "b.y"]],
        actions: [["Read", "read"]],
        permissions: [["a.x", ["read"]], ["b.y", ["read"]]],
      },
      [{ name: "a", path: "a.ts" }, { name: "b", path: "b.ts" }],
    );
    // PG0401 at the later pair, PG0408 at the earlier one (another module file: modules-core).
    expect(codes(wide)).toEqual(["PG0401", "PG0408"]);
    expect(codes(restrictModel(wide, ["a"]))).toEqual([]);
  });
});

const roots: string[] = [];
afterAll(() => roots.forEach(removeGoModule));

describeWithGo("Go module functions compile", () => {
  it("are gofmt-clean, pass go vet and list their module's permissions", async () => {
    const root = createGoModule({
      "perm/permissions.go": await emit(CLINIC),
      "perm/modules_test.go": [
        "package perm",
        "",
        'import "testing"',
        "",
        "func TestModules(t *testing.T) {",
        "\tp := PatientsPermissions()",
        "\tif len(p) != 2 || p[0] != PermPatientsPatientRead {",
        '\t\tt.Fatalf("patients: %v", p)',
        "\t}",
        "\tp[0] = PermBillingInvoiceRead",
        "\tif PatientsPermissions()[0] != PermPatientsPatientRead {",
        '\t\tt.Fatal("the slice changed the vocabulary")',
        "\t}",
        "\tif len(LabPermissions()) != 0 {",
        '\t\tt.Fatal("lab")',
        "\t}",
        "}",
        "",
      ].join("\n"),
    });
    roots.push(root);
    expect(runGoTool("gofmt", ["-l", "perm"], root).stdout).toBe("");
    const vet = runGoTool("go", ["vet", "./..."], root);
    expect(vet.stderr).toBe("");
    const test = runGoTool("go", ["test", "./..."], root);
    expect(test.status, test.stdout + test.stderr).toBe(0);
  });

  it("a package restricted to one module compiles, vets clean and holds only that module", async () => {
    const billing = restrictModel(CLINIC, ["billing"]);
    const root = createGoModule({
      "billing/permissions.go": await emit(billing, { out: "/x/billing/permissions.go", package: "billing", constantNames: "action" }),
      "billing/billing_test.go": [
        "package billing",
        "",
        'import "testing"',
        "",
        "func TestBilling(t *testing.T) {",
        "\tif p := AllPermissions(); len(p) != 1 || p[0] != PermRead || PermRead != 2 {",
        '\t\tt.Fatalf("billing: %v", p)',
        "\t}",
        "\tif RolePermissions(RoleDoctor).Has(PermRead) != true {",
        '\t\tt.Fatal("doctor reads invoices")',
        "\t}",
        "\tif _, ok := ParsePermission(\"patients.patient.read\"); ok {",
        '\t\tt.Fatal("another module\'s key parses")',
        "\t}",
        "}",
        "",
      ].join("\n"),
    });
    roots.push(root);
    expect(runGoTool("gofmt", ["-l", "billing"], root).stdout).toBe("");
    expect(runGoTool("go", ["vet", "./..."], root).stderr).toBe("");
    const test = runGoTool("go", ["test", "./..."], root);
    expect(test.status, test.stdout + test.stderr).toBe(0);
  });
});
