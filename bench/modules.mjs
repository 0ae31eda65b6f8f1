// The modules row of `npm run bench` (issue 12): a synthetic repository of 50 modules × 40 pairs
// (2,000 permissions), every target configured, for the cold and warm `check` of a modules
// config. bench/run.mjs calls it as a row; this file only writes the repository.
//
// Each module is a schema file without a namespace, as a team would write one: 8 resources ×
// 5 actions, relative role grants (`"*"`, `"res0.*"`, an exact pair). The actions are the same
// five values in every module, so the global action vocabulary is merged across 50 files, and
// the roles `admin` and `reader` are declared in every module, so each is one role holding the
// union. A root schema (`schema/roles.ts`) adds a role with qualified grants across modules.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** How many modules, resources per module and actions per resource the row uses. */
export const MODULES_SHAPE = Object.freeze({ modules: 50, resources: 8, actions: 5 });

/** The module names, in config order: `mod00` … `mod49`. */
export function listModuleNames(count = MODULES_SHAPE.modules) {
  return Array.from({ length: count }, (_, m) => `mod${String(m).padStart(2, "0")}`);
}

/** The text of one module file: 8 resources × 5 actions, two roles with relative grants. */
function renderModuleSchema(index) {
  const { resources, actions } = MODULES_SHAPE;
  const lines = [`/** Module ${index}: one team's permissions, written without a prefix. */`];
  lines.push("export enum Resource {");
  for (let r = 0; r < resources; r++) lines.push(`  R${r} = "res${r}",`);
  lines.push("}", "", "export enum Action {");
  for (let a = 0; a < actions; a++) lines.push(`  A${a} = "act${a}",`);
  lines.push("}", "", "export const permissions = {");
  const all = Array.from({ length: actions }, (_, a) => `Action.A${a}`).join(", ");
  for (let r = 0; r < resources; r++) lines.push(`  [Resource.R${r}]: [${all}],`);
  lines.push("} as const;", "", "export const roles = {");
  lines.push(`  admin: ["*"],`, `  reader: ["res0.*", "res1.act0"],`);
  lines.push("} as const;", "");
  return lines.join("\n");
}

/** The root schema: roles only, granting qualified keys of several modules. */
function renderRootSchema(names) {
  const [first = "mod00", second = first] = names;
  return [
    "/** Roles that span modules. */",
    "export const roles = {",
    `  auditor: ["${first}.*", "${second}.res0.act0"],`,
    "} as const;",
    "",
  ].join("\n");
}

/**
 * Writes the modules repository into `dir` (created when missing): `permgen.config.json` with a
 * `modules` map of 50 module files under `modules/<name>/permissions.ts`, the root schema
 * `schema/roles.ts`, every target of permgen's own config under `generated/`, an empty
 * `node_modules/` (ignored by git) for the verdict cache, and `git init`.
 * It writes no lock and no outputs: the bench's first `generate` does.
 */
export function writeModulesRepo(dir) {
  const names = listModuleNames();
  const modules = {};
  for (const [index, name] of names.entries()) {
    const file = path.join(dir, "modules", name, "permissions.ts");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, renderModuleSchema(index));
    modules[name] = `modules/${name}/permissions.ts`;
  }
  fs.mkdirSync(path.join(dir, "schema"), { recursive: true });
  fs.writeFileSync(path.join(dir, "schema", "roles.ts"), renderRootSchema(names));
  const config = {
    schema: "schema/roles.ts",
    modules,
    targets: [
      { language: "typescript", out: "generated/typescript/permissions.ts" },
      { language: "python", out: "generated/python/permission_taxonomy.py", fastapi: true },
      { language: "go", out: "generated/go/perm/permissions.go", package: "perm" },
      { language: "rust", out: "generated/rust/permissions.rs" },
      { language: "sql", dialect: "postgres", out: "generated/sql/postgres" },
      { language: "sql", dialect: "sqlite", out: "generated/sql/sqlite" },
      { language: "json", out: "generated/json/permissions.json" },
      { language: "markdown", out: "generated/docs/PERMISSIONS.md" },
    ],
  };
  fs.writeFileSync(path.join(dir, "permgen.config.json"), `${JSON.stringify(config, null, 2)}\n`);
  // An installed project has node_modules/, where the verdict cache lives (CONTRACT §7): without
  // it a warm `check` would be a cold one.
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules/\n");
  execFileSync("git", ["init", "-q"], { cwd: dir });
}

/** Writes the modules repository into a fresh temporary folder and returns its path. */
export function makeModulesRepo() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-bench-modules-"));
  writeModulesRepo(dir);
  return dir;
}
