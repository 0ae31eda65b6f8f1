/**
 * `permgen audit` through the built CLI, on the fixture apps of test/fixtures/audit/ (a FastAPI
 * backend with routers, a TypeScript frontend with aliased imports, a Go service with a renamed
 * package import, a Rust crate), copied into a fresh git repository and generated first, so the
 * generated modules are the real ones.
 *
 * The expected findings are golden files in test/fixtures/audit/expected/ (outside the app, so
 * they are never scanned); `PERMGEN_UPDATE_GOLDEN=1` rewrites them — review the diff.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RULES } from "../../src/audit/rules.js";
import { ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, "..", "fixtures", "audit");
const EXPECTED = path.join(FIXTURES, "expected");
const UPDATE = process.env["PERMGEN_UPDATE_GOLDEN"] === "1";
const repos: string[] = [];

/** A git repository holding the fixture app `name`, generated. */
function makeApp(name: string): string {
  const dir = makeRepo();
  repos.push(dir);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const generated = runCli(["generate"], dir);
  expect(generated.stderr).toBe("");
  expect(generated.code).toBe(0);
  return dir;
}

function expectGolden(file: string, actual: string): void {
  const golden = path.join(EXPECTED, file);
  if (UPDATE) {
    fs.mkdirSync(EXPECTED, { recursive: true });
    fs.writeFileSync(golden, actual);
  }
  expect(actual).toBe(fs.readFileSync(golden, "utf8"));
}

let app: string;

beforeAll(() => {
  ensureBuilt();
  app = makeApp("app");
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

describe("permgen audit on the fixture app", () => {
  test("text: every finding kind, exactly, and exit 1 on errors", () => {
    const run = runCli(["audit"], app);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expectGolden("app.txt", run.stdout);
  });

  test("--verbose also lists each exempted finding with its reason", () => {
    const run = runCli(["audit", "--verbose"], app);
    expect(run.code).toBe(1);
    expectGolden("app-verbose.txt", run.stdout);
    for (const reason of [
      "(exempt: # permgen: public)",
      "(exempt: @unenforced deletion is done by the retention job, outside the API)",
      '(exempt: "permgen: ignore magic-string" comment)',
      '(exempt: "permgen: ignore unheld" comment)',
      '(exempt: "permgen: ignore deprecated-use" comment)',
    ]) {
      expect(run.stdout).toContain(reason);
    }
  });

  test("json: the same findings as data", () => {
    const run = runCli(["audit", "--format", "json", "--verbose"], app);
    expect(run.code).toBe(1);
    expectGolden("app.json", run.stdout);
    const report = JSON.parse(run.stdout) as { ok: boolean; findings: { kind: string }[]; exempted: { kind: string }[] };
    expect(report.ok).toBe(false);
    const kinds = (list: { kind: string }[]) => [...new Set(list.map((f) => f.kind))].sort();
    // Each kind both present and exempted.
    expect(kinds(report.findings)).toEqual(["deprecated-use", "magic-string", "syntax-error", "unenforced", "unguarded-route", "unheld"]);
    expect(kinds(report.exempted)).toEqual(["deprecated-use", "magic-string", "unenforced", "unguarded-route", "unheld"]);
  });

  test("every audit rule is exercised by the fixture: reported, and (but syntax-error) exempted", () => {
    const report = JSON.parse(runCli(["audit", "--format", "json", "--verbose"], app).stdout) as {
      findings: { rule: string }[];
      exempted: { rule: string }[];
    };
    for (const rule of RULES) {
      expect(report.findings.map((f) => f.rule), rule.id).toContain(rule.id);
      if (rule.kind !== "syntax-error") expect(report.exempted.map((f) => f.rule), rule.id).toContain(rule.id);
    }
  });

  test("the forgotten route, the unenforced permission and the magic strings are found; guarded routes are not", () => {
    const text = runCli(["audit"], app).stdout;
    expect(text).toMatch(/main\.py:\d+:1: error PA0003: route GET \/version \(version\)/);
    expect(text).toContain('PA0001: permission "soc.report.export"');
    expect(text).toContain('PA0002: "soc.report.read" is the permission key of report.read');
    // Guarded by the router, a parameter default, Annotated through a module alias and a type
    // alias, include_router(dependencies=…) and add_api_route(dependencies=…).
    for (const route of ["list_alerts", "acknowledge", "list_engagements", "create_engagement", "list_reports", "/raw"]) {
      expect(text).not.toContain(route);
    }
  });

  test("generated files, node_modules and the schema's own grants are never reported", () => {
    const text = runCli(["audit", "--verbose"], app).stdout;
    for (const file of ["web/src/generated/", "permission_taxonomy.py", "internal/perm/", "permissions.rs", "node_modules", "docs/"]) {
      expect(text).not.toContain(file);
    }
    // The schema's role grants hold key strings ("report.read"): findings there are only
    // unenforced/unheld, at the pairs.
    expect(text).not.toMatch(/schema\/permissions\.ts:\d+:\d+: \w+ PA0002/);
  });

  test("a file with a syntax error is reported and skipped, and the rest is still audited", () => {
    const text = runCli(["audit"], app).stdout;
    expect(text).toContain("backend/app/broken.py:1:18: warning PA0010:");
    expect(text).toContain("PA0003");
  });

  test("--fail-on sets the threshold: none never fails, warning fails on warnings alone", () => {
    expect(runCli(["audit", "--fail-on", "none"], app).code).toBe(0);
    const dir = makeApp("app");
    const configFile = path.join(dir, "permgen.config.json");
    const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as Record<string, unknown>;
    config["audit"] = { rules: { unenforced: "off", "magic-string": "off", "unguarded-route": "note" } };
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const relaxed = runCli(["audit"], dir);
    expect(relaxed.stdout).not.toMatch(/PA0001|PA0002/);
    expect(relaxed.stdout).toMatch(/note PA0003/);
    expect(relaxed.code).toBe(0);
    expect(runCli(["audit", "--fail-on", "warning"], dir).code).toBe(1);
    expect(runCli(["audit", "--fail-on", "note", "--format", "json"], dir).code).toBe(1);
  });

  test("audit.include and audit.exclude choose the files, relative to the config", () => {
    const dir = makeApp("app");
    const configFile = path.join(dir, "permgen.config.json");
    const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as Record<string, unknown>;
    config["audit"] = { include: ["backend/**/*.py"], exclude: ["**/broken.py"] };
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const run = runCli(["audit"], dir);
    expect(run.stdout).not.toMatch(/web\/|services\/|crates\/|broken\.py/);
    expect(run.stdout).toContain("PA0003");
    // Without the TS, Go and Rust sites, their permissions are unenforced now.
    expect(run.stdout).toContain('PA0001: permission "soc.audit.read"');
  });

  test("sarif: valid SARIF 2.1.0, paths relative to the repository root, exemptions as suppressions", () => {
    const run = runCli(["audit", "--format", "sarif"], path.join(app, "backend"));
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout) as {
      runs: { results: { ruleId: string; suppressions?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const schema = JSON.parse(fs.readFileSync(path.join(HERE, "..", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")) as Record<string, unknown>;
    // The official schema is draft-04; ajv 8 reads it once `id` is spelt `$id`.
    const { $schema: _, id, ...rest } = schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile({ ...rest, $id: String(id) });
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = sarif.runs[0]?.results ?? [];
    const uris = results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(uris).toContain("backend/app/main.py");
    expect(results.filter((r) => r.suppressions !== undefined).length).toBe(5);
    expect(results.filter((r) => r.suppressions === undefined).length).toBe(runCli(["audit", "--format", "json"], app).stdout.split('"rule"').length - 1);
  });

  test("under GitHub Actions: one annotation per finding, before the text report", () => {
    const run = runCli(["audit"], app, { GITHUB_ACTIONS: "true" });
    const lines = run.stdout.split("\n");
    const annotations = lines.filter((l) => l.startsWith("::"));
    const findings = lines.filter((l) => / PA\d{4}: /.test(l) && !l.startsWith("::"));
    expect(annotations.length).toBe(findings.length);
    expect(annotations).toContain(
      "::error file=backend/app/main.py,line=23,col=1::PA0003: route GET /version (version) has no require_permission dependency on the route, its router or the app; add Depends(require_permission(...)), or mark it \"# permgen: public\"",
    );
    expect(annotations.some((l) => l.startsWith("::warning file=backend/app/broken.py,line=1,col=18::PA0010"))).toBe(true);
  });
});
