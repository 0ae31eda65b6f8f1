/**
 * The repository the start-up check tests share: the CLI fixture's schema generated for
 * Python, TypeScript, Go and two SQL targets (SQLite and Postgres) whose metadata table is
 * renamed to `app_meta`, so a helper that read the default `permgen_meta` would fail. The
 * schema then gains a permission and is generated again: the code holds the second digest, and
 * a database migrated with the first migration only is stale, one migrated with both current.
 */
import fs from "node:fs";
import path from "node:path";
import { commitAll, copyFixture, ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";

/** The metadata table the config names (not the default). */
export const META_TABLE = "app_meta";

/** A generated repository and what the tests compare against. */
export interface DigestRepo {
  readonly dir: string;
  /** SCHEMA_DIGEST of the first schema: what a database migrated with 0001 only holds. */
  readonly staleDigest: string;
  /** SCHEMA_DIGEST of the current schema, compiled into every generated file. */
  readonly currentDigest: string;
  /** The migrations of `dialect`, in the order a runner applies them, as file texts. */
  migrations(dialect: "sqlite" | "postgres"): readonly string[];
}

const CONFIG = {
  schema: "schema/permissions.ts",
  targets: [
    { language: "python", out: "generated/permissions.py", fastapi: false },
    { language: "typescript", out: "generated/permissions.ts" },
    { language: "go", out: "generated/permgen/permissions.go", package: "permgen" },
    { language: "sql", dialect: "sqlite", out: "db/sqlite", tables: { meta: META_TABLE } },
    { language: "sql", dialect: "postgres", out: "db/postgres", tables: { meta: META_TABLE } },
  ],
};

/** Builds the CLI, then generates the repository described above in a fresh temp folder. */
export function makeDigestRepo(): DigestRepo {
  ensureBuilt();
  const dir = makeRepo();
  copyFixture("basic", dir);
  fs.writeFileSync(path.join(dir, "permgen.config.json"), `${JSON.stringify(CONFIG, null, 2)}\n`);
  generate(dir);
  const staleDigest = readDigest(dir);
  commitAll(dir, "first schema");
  const schema = path.join(dir, "schema", "permissions.ts");
  const text = fs.readFileSync(schema, "utf8");
  const changed = text.replace("[Resource.User]: [Action.Manage],", "[Resource.User]: [Action.Manage, Action.Read],");
  if (changed === text) throw new Error("the fixture schema no longer has the line the test changes");
  fs.writeFileSync(schema, changed);
  generate(dir);
  const currentDigest = readDigest(dir);
  if (currentDigest === staleDigest) throw new Error("the schema change did not change the digest");
  return {
    dir,
    staleDigest,
    currentDigest,
    migrations(dialect) {
      const folder = path.join(dir, "db", dialect);
      const files = fs.readdirSync(folder).filter((f) => f.endsWith(".sql")).sort();
      if (files.length !== 2) throw new Error(`expected two migrations in ${folder}: ${files.join(", ")}`);
      return files.map((f) => fs.readFileSync(path.join(folder, f), "utf8"));
    },
  };
}

function generate(dir: string): void {
  const run = runCli(["generate"], dir);
  if (run.code !== 0) throw new Error(`permgen generate failed (${run.code}):\n${run.stderr}`);
}

/** The digest the Python module was generated with (the same string in every target). */
function readDigest(dir: string): string {
  const python = fs.readFileSync(path.join(dir, "generated", "permissions.py"), "utf8");
  const match = /^SCHEMA_DIGEST: Final = \(?\s*"([0-9a-f]{64})"/m.exec(python);
  if (match?.[1] === undefined) throw new Error("no SCHEMA_DIGEST in the generated Python module");
  return match[1];
}
