/**
 * The JSON target through the whole pipeline (`generate()` / `check()`) in a temporary git
 * repository: the written file validates, retired ids appear after a removal, permgen finds its
 * own JSON files by the `$comment` header (drift, orphans).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { check, generate } from "../../src/index.js";
import { modelFileSchema } from "../../src/targets/json/model-schema.js";

const SCHEMA = `
export enum Resource { Alert = "alert", User = "user" }
export enum Action { Read = "read", Manage = "manage" }
export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Manage],
  [Resource.User]: [Action.Manage],
} as const;
export const roles = { admin: ["*"], viewer: ["alert.read"] } as const;
`;

/** The same schema without alert.manage (id 1). */
const SCHEMA_WITHOUT_ALERT_MANAGE = SCHEMA.replace("[Action.Read, Action.Manage]", "[Action.Read]");

describe("the JSON target in generate and check", () => {
  let dir = "";
  const at = (...parts: string[]): string => path.join(dir, ...parts);
  const writeConfig = (out: string): void =>
    writeFileSync(
      at("permgen.config.json"),
      JSON.stringify({ targets: [{ language: "json", out }] }),
    );

  beforeAll(() => {
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "permgen-json-pipeline-")));
    expect(spawnSync("git", ["init", "-q"], { cwd: dir }).status).toBe(0);
    mkdirSync(at("schema"));
    writeFileSync(at("schema", "permissions.ts"), SCHEMA);
    writeConfig("generated/permissions.json");
  });

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  test("generate writes a valid JSON file and check then finds no drift", async () => {
    const generated = await generate({ cwd: dir, cache: false });
    expect(generated.ok && generated.changes).toEqual([
      { path: at("generated", "permissions.json"), status: "written" },
      { path: at("permgen.lock.json"), status: "written" },
    ]);
    const file = modelFileSchema.parse(
      JSON.parse(readFileSync(at("generated", "permissions.json"), "utf8")),
    );
    expect(file.permissions.map((p) => [p.key, p.id])).toEqual([
      ["alert.read", 0],
      ["alert.manage", 1],
      ["user.manage", 2],
    ]);
    const checked = await check({ cwd: dir, cache: false });
    expect(checked.ok && checked.drift).toEqual([]);
    const again = await generate({ cwd: dir, cache: false });
    expect(again.ok && again.changes.map((c) => c.status)).toEqual(["unchanged", "unchanged"]);
  });

  test("check reports a hand-edited JSON file with a diff toward the generated text", async () => {
    const file = at("generated", "permissions.json");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace('"id": 2', '"id": 7'));
    const checked = await check({ cwd: dir, cache: false });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.drift.map((d) => [d.kind, d.path])).toEqual([["modified", file]]);
    expect(checked.drift[0]?.diff).toContain('\n-      "id": 7,\n+      "id": 2,\n');
    await generate({ cwd: dir, cache: false });
    expect(readFileSync(file, "utf8")).toBe(original);
  });

  test("removing a permission lists its id as retired, and the other ids stay", async () => {
    writeFileSync(at("schema", "permissions.ts"), SCHEMA_WITHOUT_ALERT_MANAGE);
    const checked = await check({ cwd: dir, cache: false });
    expect(checked.ok && checked.drift.map((d) => [d.kind, d.path])).toEqual([
      ["modified", at("generated", "permissions.json")],
      ["modified", at("permgen.lock.json")],
    ]);
    await generate({ cwd: dir, cache: false });
    const file = modelFileSchema.parse(
      JSON.parse(readFileSync(at("generated", "permissions.json"), "utf8")),
    );
    expect(file.permissions.map((p) => [p.key, p.id])).toEqual([
      ["alert.read", 0],
      ["user.manage", 2],
    ]);
    expect(file.retired).toEqual([{ key: "alert.manage", id: 1 }]);
    expect(file.roles.map((r) => [r.name, r.permissions])).toEqual([
      ["admin", ["alert.read", "user.manage"]],
      ["viewer", ["alert.read"]],
    ]);
  });

  test("a JSON file the config no longer names is an orphan that generate deletes", async () => {
    writeConfig("generated/vocabulary.json");
    const checked = await check({ cwd: dir, cache: false });
    expect(checked.ok && checked.drift.map((d) => [d.kind, d.path])).toEqual([
      ["missing", at("generated", "vocabulary.json")],
      ["orphan", at("generated", "permissions.json")],
    ]);
    const generated = await generate({ cwd: dir, cache: false });
    expect(generated.ok && generated.changes).toContainEqual({
      path: at("generated", "permissions.json"),
      status: "deleted",
    });
  });
});
