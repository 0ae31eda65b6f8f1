/**
 * Issue 8 item 2: a config path is data. A schema or output path holding a control character
 * or a line separator is a positioned config error (PG0503, exit 2, nothing written), and the
 * header writers of every target keep even such a path on its one comment line.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../src/model/model.js";
import { emitGo } from "../../src/targets/go/emit-go.js";
import { emitJson } from "../../src/targets/json/emit-json.js";
import { emitMarkdown } from "../../src/targets/markdown/emit-markdown.js";
import { emitPython } from "../../src/targets/python/emit-python.js";
import { emitRust } from "../../src/targets/rust/emit-rust.js";
import { renderMigration } from "../../src/targets/sql/render-sql.js";
import { emitTypeScript } from "../../src/targets/typescript/emit-typescript.js";
import { modelFromSource } from "../helpers/model.js";
import { describeWithPython, runPython, writeTempFiles } from "../python/python-tools.js";
import { ensureBuilt, makeRepo, runCli, snapshotTree } from "./run-cli.js";
import { filesOf } from "../helpers/emit-result.js";

const HOSTILE = 's\nimport os; os.system("echo HDR-INJECTED") #.ts';
const SCHEMA = `export enum Resource { Alert = "alert" }
export enum Action { Read = "read" }
export const permissions = { [Resource.Alert]: [Action.Read] } as const;
`;

const repos: string[] = [];
beforeAll(() => {
  ensureBuilt();
});
afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

function makeConfigRepo(config: unknown): string {
  const dir = makeRepo();
  repos.push(dir);
  fs.mkdirSync(path.join(dir, "schema"));
  fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), SCHEMA);
  fs.writeFileSync(path.join(dir, "permgen.config.json"), `${JSON.stringify(config, null, 2)}\n`);
  return dir;
}

describe("a config path with a control character", () => {
  it("is a positioned config error, for the schema and for every target's out, and nothing is written", () => {
    const dir = makeConfigRepo({
      schema: HOSTILE,
      targets: [
        { language: "python", out: "gen/perms.py" },
        { language: "typescript", out: "gen/a\rb.ts" },
        { language: "go", out: "gen/\u2028x.go" },
        { language: "sql", dialect: "sqlite", out: "gen/\u0085sql" },
        { language: "markdown", out: "gen/tab\there.md" },
      ],
    });
    const before = snapshotTree(dir);
    const run = runCli(["generate"], dir);
    const message = (at: string, char: string): string =>
      `error PG0503: ${at}: the path contains ${char}, a control or line-separator character; a path that permgen writes into generated files cannot hold one`;
    expect(run.stderr.split("\n")).toEqual([
      `permgen.config.json:2:13: ${message("schema", "U+000A")}`,
      `permgen.config.json:10:14: ${message("targets[1].out", "U+000D")}`,
      `permgen.config.json:14:14: ${message("targets[2].out", "U+2028")}`,
      `permgen.config.json:19:14: ${message("targets[3].out", "U+0085")}`,
      `permgen.config.json:23:14: ${message("targets[4].out", "U+0009")}`,
      "5 errors",
      "",
    ]);
    expect(run.code).toBe(2);
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe("a config path that would end the Markdown header comment", () => {
  it("is a positioned config error, so every header names its schema byte for byte", () => {
    const dir = makeConfigRepo({
      schema: "schema/a-->b.ts",
      targets: [{ language: "markdown", out: "gen/x--!>y.md" }],
    });
    const before = snapshotTree(dir);
    const run = runCli(["generate"], dir);
    const message = (at: string): string =>
      `error PG0503: ${at}: the path contains "-->", which ends the HTML comment that carries the header in Markdown`;
    expect(run.stderr.split("\n")).toEqual([
      `permgen.config.json:2:13: ${message("schema")}`,
      `permgen.config.json:6:14: ${message("targets[0].out")}`,
      "2 errors",
      "",
    ]);
    expect(run.code).toBe(2);
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe("header writers given a hostile path anyway", () => {
  const base = modelFromSource(SCHEMA);
  const hostilePath = `${HOSTILE}\r\u2028\u0085-->*/''`;
  // Headers are written from `header` (the schema path, or the config's with modules).
  const model: Model = { ...base, sources: [{ path: hostilePath, module: undefined }], header: hostilePath };
  const context = {
    lockBefore: undefined,
    lock: { version: 1 as const, nextId: 1, active: new Map([["alert.read", 0]]), retired: new Map() },
    existingFiles: new Map<string, string>(),
  };
  const files: Record<string, string> = {
    go: filesOf(emitGo(model, { language: "go", out: "/x/perm/p.go" }, context))[0]?.content ?? "",
    ts: filesOf(emitTypeScript(model, { language: "typescript", out: "/x/p.ts", enumStyle: "enum" }, context))[0]
      ?.content ?? "",
    py: filesOf(emitPython(model, { language: "python", out: "/x/p.py", fastapi: false }, context))[0]?.content ?? "",
    rs: filesOf(emitRust(model, { language: "rust", out: "/x/p.rs" }, context))[0]?.content ?? "",
    md: filesOf(emitMarkdown(model, { language: "markdown", out: "/x/p.md" }, context))[0]?.content ?? "",
    json: filesOf(emitJson(model, { language: "json", out: "/x/p.json" }, context))[0]?.content ?? "",
  };

  it("keep it on the header's one line, in every language", () => {
    for (const [language, content] of Object.entries(files)) {
      // JSON carries the header in its "$comment", on the second line.
      const first = content.split("\n")[language === "json" ? 1 : 0] ?? "";
      expect(first, language).toContain("HDR-INJECTED");
      expect(first, language).not.toMatch(/[\r\u2028\u0085]/);
      // In the Python module docstring a line break is string content: the import test runs it.
      if (language !== "py") expect(content, language).not.toMatch(/^import os/m);
    }
    const sql = renderMigration({
      schemaPath: model.sources[0].path,
      dialect: "postgres",
      tables: { permission: "p", role: "r", rolePermission: "rp", meta: "m" },
      number: 1,
      transaction: true,
      delta: {
        revoke: [],
        removeRoles: [],
        removePermissions: [],
        renamePermissions: [],
        renameRoles: [],
        describePermissions: [],
        describeRoles: [],
        addPermissions: [],
        addRoles: [],
        grant: [],
        schemaDigest: null,
      },
    } as unknown as Parameters<typeof renderMigration>[0]);
    expect(sql.split("\n")[0]).toContain("HDR-INJECTED");
    expect(sql).not.toMatch(/^import os/m);
    expect(files["md"]?.split("\n")[0]).toMatch(/^<!-- .* -->$/);
  });

  describeWithPython("the Python module", () => {
    it("imports without running anything from the path", () => {
      const dir = writeTempFiles({ "hostile_header.py": files["py"] ?? "" });
      try {
        const run = runPython(["-c", "import hostile_header"], dir);
        expect(run.stderr).toBe("");
        expect(run.stdout).not.toContain("HDR-INJECTED");
        expect(run.status).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
