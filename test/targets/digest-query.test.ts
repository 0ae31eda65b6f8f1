/**
 * The start-up check's query names the metadata table exactly as the SQL migrations create it,
 * and reaches each language only through that language's string-literal writer: a hostile
 * table name (quotes of every kind, a newline, a line separator, SQL after it) comes back from
 * the generated Python, TypeScript and Go as the same query text, quoted as one identifier.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import { renderSchemaDigestQuery } from "../../src/targets/digest-query.js";
import { renderGoFile } from "../../src/targets/go/emit-go.js";
import { renderPythonModule } from "../../src/targets/python/emit-python.js";
import { emitTypeScript } from "../../src/targets/typescript/emit-typescript.js";
import { filesOf } from "../helpers/emit-result.js";
import { modelFromSource } from "../helpers/model.js";
import { describeWithTool } from "../helpers/tools.js";
import { buildGoEnv, createGoModule, describeWithGo, removeGoModule } from "../go/go-toolchain.js";
import { runCommand } from "../helpers/tools.js";
import { runPython } from "../python/python-tools.js";
import { CONTRACT_SCHEMA } from "../python/python-schemas.js";

const HOSTILE = `x"; DROP TABLE t; --\n\u2028'y\\`;
const HOSTILE_QUERY = `SELECT value FROM "x""; DROP TABLE t; --\n\u2028'y\\" WHERE key = 'schema_digest'`;
const model = modelFromSource(CONTRACT_SCHEMA);

describe("renderSchemaDigestQuery", () => {
  it("reads the schema_digest row of the default table, or of the configured one", () => {
    expect(renderSchemaDigestQuery(undefined)).toBe(
      `SELECT value FROM "permgen_meta" WHERE key = 'schema_digest'`,
    );
    expect(renderSchemaDigestQuery("app_meta")).toBe(
      `SELECT value FROM "app_meta" WHERE key = 'schema_digest'`,
    );
  });

  it("quotes any name as one identifier, embedded double quotes doubled", () => {
    expect(renderSchemaDigestQuery(HOSTILE)).toBe(HOSTILE_QUERY);
  });

  it("comes back from the TypeScript output as the same string", () => {
    const [file] = filesOf(
      emitTypeScript(
        model,
        { language: "typescript", out: "/repo/p.ts", enumStyle: "enum" },
        { lockBefore: undefined, lock: EMPTY_LOCK, existingFiles: new Map(), metaTable: HOSTILE },
      ),
    );
    const source = ts.createSourceFile("p.ts", file?.content ?? "", ts.ScriptTarget.ES2022);
    const values = source.statements.flatMap((s) =>
      ts.isVariableStatement(s)
        ? s.declarationList.declarations
            .filter((d) => d.name.getText(source) === "SCHEMA_DIGEST_QUERY")
            .map((d) => (d.initializer !== undefined && ts.isStringLiteral(d.initializer) ? d.initializer.text : undefined))
        : [],
    );
    expect(values).toEqual([HOSTILE_QUERY]);
  });
});

const hasPython = runPython(["-c", "pass"]).status === 0;
describeWithTool("the Python start-up check's query", hasPython, "/usr/bin/python3", () => {
  it("comes back from the imported module as the same string", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-digest-query-"));
    try {
      fs.writeFileSync(
        path.join(dir, "permissions.py"),
        renderPythonModule(model, { fastapi: false, metaTable: HOSTILE }),
      );
      const result = runPython(
        ["-c", "import json, permissions; print(json.dumps(permissions._SCHEMA_DIGEST_QUERY))"],
        dir,
      );
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toBe(HOSTILE_QUERY);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithGo("the Go start-up check's query", () => {
  it("compiles to the same string", () => {
    const module = createGoModule({
      "permissions.go": renderGoFile(model, { out: "/repo/perm/permissions.go", package: "perm" }, HOSTILE),
      "query_test.go": [
        "package perm",
        "",
        'import (\n\t"os"\n\t"testing"\n)',
        "",
        "func TestQuery(t *testing.T) {",
        '\tif want := os.Getenv("PERMGEN_QUERY"); schemaDigestQuery != want {',
        '\t\tt.Fatalf("%q, want %q", schemaDigestQuery, want)',
        "\t}",
        "}",
        "",
      ].join("\n"),
    });
    try {
      const result = runCommand("go", ["test", "-count=1", "./..."], {
        cwd: module,
        env: { ...buildGoEnv(), PERMGEN_QUERY: HOSTILE_QUERY },
      });
      expect(result.status, result.stdout + result.stderr).toBe(0);
    } finally {
      removeGoModule(module);
    }
  });
});
