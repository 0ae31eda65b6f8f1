/**
 * The modules-three fixture (test/fixtures/modules-three/) as a real repository: three modules,
 * one of them from a fake package under node_modules/@acme/billing/ (kept as package/ in this
 * repository, which ignores every node_modules/ folder), and a root roles file. Shared by the
 * modules tests of both modules branches.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, makeRepo } from "../cli/run-cli.js";

/** Where the fixture lives. */
export const MODULES_THREE = path.join(ROOT, "test", "fixtures", "modules-three");

/**
 * Copies the fixture into `dir`: the package to node_modules/@acme/billing/, and a .gitignore
 * that ignores node_modules/ as a real project's does (so `diff` meets an untracked module).
 */
export function copyModulesThree(dir: string): void {
  for (const entry of ["permgen.config.json", "schema", "modules"]) {
    fs.cpSync(path.join(MODULES_THREE, entry), path.join(dir, entry), { recursive: true });
  }
  fs.cpSync(path.join(MODULES_THREE, "package"), path.join(dir, "node_modules"), {
    recursive: true,
  });
  fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules/\n");
}

/** A fresh git repository holding the fixture; returns its path. */
export function makeModulesRepo(): string {
  const dir = makeRepo();
  copyModulesThree(dir);
  return dir;
}

/** Rewrites the repository's config through `edit` (its parsed JSON), two-space JSON. */
export function editConfig(dir: string, edit: (config: Record<string, any>) => void): void {
  const file = path.join(dir, "permgen.config.json");
  const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, any>;
  edit(config);
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

/** The lock's active keys → ids of the repository at `dir`. */
export function readLockIds(dir: string): Record<string, number> {
  const lock = JSON.parse(fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8")) as {
    permissions: Record<string, number>;
  };
  return lock.permissions;
}
