/**
 * Seed 001: the hand-kept F11 matrix (rbac/matrix.py) regenerated from
 * test/fixtures/seed-001/permissions.ts must have exactly the seed's Permission members and
 * values, in order, the seed's group sets and the pairs they imply. The expected data below is
 * copied from the seed text, not from permgen's output.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { renderPythonModule } from "../../src/targets/python/emit-python.js";
import { modelFromSource } from "../helpers/model.js";
import { describeWithPython, runPython, SCRIPTS, writeTempFiles } from "./python-tools.js";

const SCHEMA = readFileSync(
  fileURLToPath(new URL("../fixtures/seed-001/permissions.ts", import.meta.url)),
  "utf8",
);

/** `class Permission(enum.StrEnum)` of the seed, member by member. */
const SEED_PERMISSIONS: readonly (readonly [string, string])[] = [
  ["ENGAGEMENT_CREATE", "engagement.create"],
  ["ENGAGEMENT_READ", "engagement.read"],
  ["ENGAGEMENT_READ_OWN", "engagement.read_own"],
  ["ENGAGEMENT_UPDATE", "engagement.update"],
  ["ENGAGEMENT_DELETE", "engagement.delete"],
  ["ENGAGEMENT_MEMBER_MANAGE", "engagement.member.manage"],
  ["ENGAGEMENT_SOC_TOKEN_ISSUE", "engagement.soc_token.issue"],
  ["HOST_CRUD", "host.crud"],
  ["TTP_READ", "ttp.read"],
  ["TTP_DRAFT", "ttp.draft"],
  ["TTP_PROMOTE", "ttp.promote"],
  ["IMPORT_JOURNAL", "import.journal"],
  ["SCENARIO_CRUD", "scenario.crud"],
  ["RUN_START", "run.start"],
  ["RUN_CONTROL", "run.control"],
  ["EVIDENCE_ADD", "evidence.add"],
  ["DETECTION_ADD", "detection.add"],
  ["CLEANUP_TRIGGER", "cleanup.trigger"],
  ["REPORT_GENERATE", "report.generate"],
  ["REPORT_READ", "report.read"],
  ["AUDIT_READ", "audit.read"],
  ["USER_MANAGE", "user.manage"],
];

/** `GROUP_PERMISSIONS` of the seed, by member name; rt_lead is `frozenset(ALL_PERMISSIONS)`. */
const SEED_GROUPS: Readonly<Record<string, readonly string[]>> = {
  rt_operator: [
    "ENGAGEMENT_CREATE",
    "ENGAGEMENT_READ",
    "HOST_CRUD",
    "TTP_READ",
    "TTP_DRAFT",
    "IMPORT_JOURNAL",
    "SCENARIO_CRUD",
    "EVIDENCE_ADD",
    "CLEANUP_TRIGGER",
    "REPORT_READ",
  ],
  rt_lead: SEED_PERMISSIONS.map(([name]) => name),
  soc_analyst: ["ENGAGEMENT_READ_OWN", "DETECTION_ADD", "REPORT_READ"],
};

/** Splits a dotted code at its last dot: the resource, then the action. */
function splitCode(code: string): [string, string] {
  const dot = code.lastIndexOf(".");
  return [code.slice(0, dot), code.slice(dot + 1)];
}

describeWithPython("seed 001 matrix", () => {
  test("the generated module has the seed's permissions, groups and pairs exactly", () => {
    const module = renderPythonModule(modelFromSource(SCHEMA), { fastapi: true });
    const dir = writeTempFiles({ "permission_taxonomy.py": module });
    const result = runPython([path.join(SCRIPTS, "dump_module.py"), dir]);
    expect(result.stderr).toBe("");
    const dump = JSON.parse(result.stdout) as {
      Permission: [string, string][];
      Role: [string, string][];
      ROLE_PERMISSIONS: Record<string, string[]>;
      RESOURCE_ACTION_PAIRS: [string, string][];
      ALL_PERMISSIONS: string[];
    };
    const valueOf = new Map(SEED_PERMISSIONS);
    expect(dump.Permission).toEqual(SEED_PERMISSIONS.map(([n, v]) => [n, v]));
    expect(dump.ALL_PERMISSIONS).toEqual(SEED_PERMISSIONS.map(([, v]) => v));
    expect(dump.Role).toEqual([
      ["RT_OPERATOR", "rt_operator"],
      ["RT_LEAD", "rt_lead"],
      ["SOC_ANALYST", "soc_analyst"],
    ]);
    const expectedGroups = Object.fromEntries(
      Object.entries(SEED_GROUPS).map(([role, names]) => [
        role,
        names.map((n) => valueOf.get(n)!).sort(),
      ]),
    );
    expect(dump.ROLE_PERMISSIONS).toEqual(expectedGroups);
    expect(dump.RESOURCE_ACTION_PAIRS).toEqual(
      SEED_PERMISSIONS.map(([, v]) => splitCode(v)).sort((a, b) =>
        a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1,
      ),
    );
  });
});
