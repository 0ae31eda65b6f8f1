/**
 * The alembic format run by the real Alembic (Debian python3-alembic 1.8 with SQLAlchemy 1.4)
 * on SQLite and on a real PostgreSQL 15 server (psycopg2), next to an app revision of its own in
 * a second version location, as seed 001's team keeps it: after v1, v2 and v3 each
 * `alembic upgrade heads` equals v3 at once, `downgrade permgen_0001` equals a fresh v1,
 * `downgrade permgen@base` leaves only the app's table. The revisions pass mypy --strict and
 * pyright strict, and each exposes `_DELTA_PERMISSIONS` / `_DELTA_GROUP_PERMISSIONS` as the
 * delta it applies. v3's description holds `:name` (a bind parameter to SQLAlchemy's `text()`)
 * and `%` (psycopg2's placeholder), which must arrive as written.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SqlDialect } from "../../src/targets/sql/sql-options.js";
import type { EmittedFile } from "../../src/targets/target.js";
import { describeWithTool, runCommand } from "../helpers/tools.js";
import {
  describeWithMypy,
  describeWithPyright,
  PYTHON,
  runMypyStrict,
  runPyrightStrict,
  runPython,
} from "../python/python-tools.js";
import type { PostgresServer } from "./postgres-server.js";
import { describeWithPostgres, startPostgresServer } from "./postgres-server.js";
import { hasSqlite3 } from "./sql-engines.js";
import { SNAPSHOT_SQL } from "./sql-runners.js";
import { buildSeedSql, CONFIG } from "./seed-001-tables.js";
import { commitAll, ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import { readdirSync, readFileSync } from "node:fs";
import {
  buildSqlOptions,
  emitStep,
  loadSteps,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3_RENAMES,
  toExisting,
} from "./sql-schemas.js";

const steps = loadSteps(SCHEMA_V1, SCHEMA_V2, SCHEMA_V3_RENAMES);

function hasAlembic(): boolean {
  return runPython(["-c", "import alembic, sqlalchemy, psycopg2"]).status === 0;
}

/** The revision files after each version (file name → content). */
function emitFolders(dialect: SqlDialect, transaction: boolean): Map<string, string>[] {
  const options = buildSqlOptions(dialect, { format: "alembic", transaction });
  let files: readonly EmittedFile[] = [];
  return steps.map((step) => {
    files = emitStep(step, options, toExisting(files));
    return new Map(
      files.filter((f) => f.path.endsWith(".py")).map((f) => [path.basename(f.path), f.content]),
    );
  });
}

/** An app revision of the team's own, in its own version location: permgen's must coexist. */
const APP_REVISION = `"""The app's own table."""
from alembic import op

revision = "app_0001"
down_revision = None
branch_labels = ("app",)
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE app_user (id INTEGER PRIMARY KEY)")


def downgrade() -> None:
    op.execute("DROP TABLE app_user")
`;

const ENV_PY = `import os

from alembic import context
from sqlalchemy import create_engine

engine = create_engine(os.environ["PERMGEN_TEST_DB_URL"])
with engine.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
`;

const ALEMBIC_INI = `[alembic]
script_location = %(here)s/env
version_locations = %(here)s/app_versions %(here)s/db/permissions
`;

/** A project folder with alembic.ini, env.py, the app's revision and permgen's revisions. */
function writeProject(dir: string, revisions: ReadonlyMap<string, string>): void {
  for (const sub of ["env", "app_versions", "db/permissions"]) {
    mkdirSync(path.join(dir, sub), { recursive: true });
  }
  writeFileSync(path.join(dir, "alembic.ini"), ALEMBIC_INI);
  writeFileSync(path.join(dir, "env", "env.py"), ENV_PY);
  writeFileSync(path.join(dir, "env", "script.py.mako"), "");
  writeFileSync(path.join(dir, "app_versions", "app_0001_user.py"), APP_REVISION);
  for (const [name, text] of revisions) writeFileSync(path.join(dir, "db/permissions", name), text);
}

function alembic(dir: string, url: string, ...args: string[]): void {
  const env = { PATH: process.env["PATH"] ?? "/usr/bin:/bin", LC_ALL: "C.UTF-8", PERMGEN_TEST_DB_URL: url };
  const result = runCommand(PYTHON, ["-m", "alembic", "-c", path.join(dir, "alembic.ini"), ...args], { env });
  if (result.status !== 0) throw new Error(`alembic ${args.join(" ")}: ${result.stderr}${result.stdout}`);
}

interface Engine {
  url(name: string): string;
  snapshot(name: string): string;
  tables(name: string): string;
}

/** The app's Alembic history before permgen: one revision that made seed 001's tables. */
function buildSeedRevision(): string {
  const statements = buildSeedSql().split("\n");
  return [
    '"""The app\'s permission tables, as seed 001 made them."""',
    "from alembic import op",
    "",
    'revision = "app_0001"',
    "down_revision = None",
    'branch_labels = ("app",)',
    "depends_on = None",
    "",
    "",
    "def upgrade() -> None:",
    ...statements.map((sql) => `    op.execute(${JSON.stringify(sql)})`),
    "",
    "",
    "def downgrade() -> None:",
    "    pass",
    "",
  ].join("\n");
}

/** A permgen run in a real repository: lock --import from one SELECT's CSV, then generate. */
function generateAdopting(repo: string, dialect: SqlDialect, schema: string, ids?: string): Map<string, string> {
  mkdirSync(path.join(repo, "schema"), { recursive: true });
  writeFileSync(path.join(repo, "schema", "permissions.ts"), schema);
  writeFileSync(path.join(repo, "permgen.config.json"), CONFIG(dialect, "alembic"));
  if (ids !== undefined) {
    writeFileSync(path.join(repo, "ids.csv"), ids);
    const imported = runCli(["lock", "--import", "ids.csv"], repo);
    if (imported.code !== 0) throw new Error(imported.stderr);
  }
  const generated = runCli(["generate"], repo);
  if (generated.code !== 0) throw new Error(generated.stderr);
  commitAll(repo);
  const out = path.join(repo, "db", "permissions");
  return new Map(
    readdirSync(out)
      .filter((f) => f.endsWith(".py"))
      .map((f) => [f, readFileSync(path.join(out, f), "utf8")]),
  );
}

/** Seed 001's team: its tables exist (its own revision), permgen's revisions adopt them. */
function defineAdoption(dialect: SqlDialect, engine: () => Engine & { query(name: string, sql: string): string }): void {
  test("seed 001: the app's tables adopted with their ids, then an added permission migrates", () => {
    ensureBuilt();
    const root = mkdtempSync(path.join(os.tmpdir(), "permgen-alembic-adopt-"));
    const e = engine();
    const name = `adopt_${dialect}`;
    try {
      const dir = path.join(root, "project");
      writeProject(dir, new Map());
      writeFileSync(path.join(dir, "app_versions", "app_0001_user.py"), buildSeedRevision());
      alembic(dir, e.url(name), "upgrade", "heads");
      // The export: one SELECT, as CSV.
      const ids = e.query(name, "SELECT codename || ',' || id FROM permission WHERE codename NOT LIKE 'soc.legacy.%' ORDER BY id;");
      const repo = makeRepo();
      writeProject(dir, generateAdopting(repo, dialect, SCHEMA_V1, `key,id\n${ids}`));
      alembic(dir, e.url(name), "upgrade", "heads");
      const adopted = e.query(name, "SELECT id || ' ' || codename FROM permission ORDER BY id;");
      expect(adopted).toBe("10 soc.alert.read\n11 soc.alert.acknowledge\n12 soc.alert.close\n13 soc.report.read\n40 soc.legacy.export\n");
      // The digest of the imported ids (the digest covers ids), as the JSON output would say.
      const digestV1 = e.query(name, "SELECT value FROM permgen_meta;");
      expect(digestV1).toMatch(/^[0-9a-f]{64}\n$/);
      writeProject(dir, generateAdopting(repo, dialect, SCHEMA_V2));
      alembic(dir, e.url(name), "upgrade", "heads");
      expect(e.query(name, "SELECT id || ' ' || codename FROM permission ORDER BY id;")).toBe(
        "10 soc.alert.read\n11 soc.alert.acknowledge\n13 soc.report.read\n14 soc.user.manage\n40 soc.legacy.export\n",
      );
      expect(e.query(name, "SELECT group_name FROM group_permission WHERE permission_id = 14;")).toBe("rt_lead\n");
      expect(e.query(name, "SELECT value FROM permgen_meta;")).not.toBe(digestV1);
      // Down to before permgen: its digest gone, the app's tables and rows kept.
      alembic(dir, e.url(name), "downgrade", "permgen@base");
      expect(e.query(name, "SELECT count(*) FROM permgen_meta;")).toBe("0\n");
      expect(e.query(name, "SELECT id || ' ' || codename FROM permission ORDER BY id;")).toBe(adopted);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

function defineCases(dialect: SqlDialect, engine: () => Engine): void {
  test.each([true, false])(
    "transaction %s: upgrades in place equal v3 at once, downgrades equal v1, then the app's table alone",
    (transaction) => {
      const [v1, v2, v3] = emitFolders(dialect, transaction);
      if (v1 === undefined || v2 === undefined || v3 === undefined) throw new Error("no history");
      const root = mkdtempSync(path.join(os.tmpdir(), "permgen-alembic-"));
      const e = engine();
      const tag = `${dialect}_${String(transaction)}`;
      try {
        const fresh = (name: string, revisions: ReadonlyMap<string, string>): string => {
          const dir = path.join(root, name);
          writeProject(dir, revisions);
          alembic(dir, e.url(name), "upgrade", "heads");
          return e.snapshot(name);
        };
        const freshV1 = fresh(`fresh1_${tag}`, v1);
        const freshV3 = fresh(`fresh3_${tag}`, v3);
        expect(freshV3).toContain(steps[2]?.model.digest ?? "?");
        expect(freshV3).toContain('Read a report: ":name", 50% -- +goose Down;\n-- migrate:down');
        expect(freshV3).not.toEqual(freshV1);

        const name = `inplace_${tag}`;
        const dir = path.join(root, name);
        for (const revisions of [v1, v2, v3]) {
          writeProject(dir, revisions);
          alembic(dir, e.url(name), "upgrade", "heads");
        }
        expect(e.snapshot(name)).toEqual(freshV3);
        alembic(dir, e.url(name), "downgrade", "permgen_0001");
        expect(e.snapshot(name)).toEqual(freshV1);
        alembic(dir, e.url(name), "downgrade", "permgen@base");
        expect(e.tables(name)).toEqual("alembic_version\napp_user\n");
        alembic(dir, e.url(name), "upgrade", "heads");
        expect(e.snapshot(name)).toEqual(freshV3);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  );
}

describeWithTool("Alembic (real) on SQLite", hasAlembic() && hasSqlite3(), "python3-alembic, python3-sqlalchemy, python3-psycopg2 and sqlite3", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-alembic-sqlite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite = (name: string, sql: string): string => {
    const result = runCommand("sqlite3", ["-bail", path.join(dir, `${name}.sqlite`)], { input: sql });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  };
  const sqliteEngine = () => ({
    url: (name: string) => `sqlite:///${path.join(dir, `${name}.sqlite`)}`,
    snapshot: (name: string) => sqlite(name, SNAPSHOT_SQL),
    tables: (name: string) => sqlite(name, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"),
    query: sqlite,
  });
  defineCases("sqlite", sqliteEngine);
  defineAdoption("sqlite", sqliteEngine);
});

describeWithTool("Alembic (real) on PostgreSQL", hasAlembic(), "python3-alembic, python3-sqlalchemy and python3-psycopg2", () => {
  describeWithPostgres("a PostgreSQL 15 server", () => {
    let server: PostgresServer | undefined;
    beforeAll(() => {
      server = startPostgresServer();
    });
    afterAll(() => server?.stop());
    const running = (): PostgresServer => {
      if (server === undefined) throw new Error("no server");
      return server;
    };
    const created = new Set<string>();
    const postgresEngine = () => ({
      query: (name: string, sql: string) => running().psql(name, sql),
      url: (name: string) => {
        if (!created.has(name)) running().createDatabase(name);
        created.add(name);
        return `postgresql+psycopg2://postgres@/${name}?host=${encodeURIComponent(running().socketDir)}`;
      },
      snapshot: (name: string) => running().psql(name, SNAPSHOT_SQL),
      tables: (name: string) =>
        running().psql(
          name,
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;",
        ),
    });
    defineCases("postgres", postgresEngine);
    defineAdoption("postgres", postgresEngine);
  });
});

/** Every revision of both dialects and both transaction settings, in one folder per run. */
function writeAllRevisions(): { dir: string; files: string[] } {
  const files: Record<string, string> = {};
  for (const dialect of ["postgres", "sqlite"] as const) {
    for (const transaction of [true, false]) {
      for (const [name, text] of emitFolders(dialect, transaction).at(-1) ?? []) {
        // mypy refuses two modules of one name; the folder name keeps them apart.
        files[`${dialect}_${String(transaction)}/${name.replace(/^(\d+)_/, "m$1_")}`] = text;
      }
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-alembic-types-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, files: Object.keys(files) };
}

describeWithMypy("Alembic revisions under mypy --strict", () => {
  test("every revision has zero findings", () => {
    const { dir, files } = writeAllRevisions();
    try {
      for (const group of ["postgres_true", "postgres_false", "sqlite_true", "sqlite_false"]) {
        const mine = files.filter((f) => f.startsWith(`${group}/`));
        expect(runMypyStrict(dir, mine)).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithPyright("Alembic revisions under pyright strict", () => {
  test("every revision has zero findings", () => {
    const { dir, files } = writeAllRevisions();
    try {
      expect(runPyrightStrict(dir, files)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithTool("Alembic revisions' parity constants", hasAlembic(), "python3-alembic", () => {
  test("_DELTA_PERMISSIONS / _DELTA_GROUP_PERMISSIONS are the keys and links each revision adds", () => {
    const revisions = emitFolders("postgres", true).at(-1) ?? new Map<string, string>();
    const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-alembic-parity-"));
    try {
      for (const [name, text] of revisions) writeFileSync(path.join(dir, name), text);
      const script = [
        "import importlib.util, json, pathlib, sys",
        "out = {}",
        "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.py')):",
        "    spec = importlib.util.spec_from_file_location(f.stem, f)",
        "    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)",
        "    out[m.revision] = [m.down_revision, list(m._DELTA_PERMISSIONS), [list(l) for l in m._DELTA_GROUP_PERMISSIONS]]",
        "print(json.dumps(out))",
      ].join("\n");
      const result = runPython(["-c", script, dir]);
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout)).toEqual({
        permgen_0001: [
          null,
          ["soc.alert.read", "soc.alert.acknowledge", "soc.alert.close", "soc.report.read"],
          [
            ["auditor", "soc.report.read"],
            ["rt_lead", "soc.alert.read"],
            ["rt_lead", "soc.alert.acknowledge"],
            ["rt_lead", "soc.alert.close"],
            ["rt_lead", "soc.report.read"],
            ["soc_analyst", "soc.alert.read"],
            ["soc_analyst", "soc.alert.acknowledge"],
          ],
        ],
        permgen_0002: [
          "permgen_0001",
          ["soc.user.manage"],
          [
            ["reporter", "soc.alert.read"],
            ["reporter", "soc.report.read"],
            ["rt_lead", "soc.user.manage"],
            ["soc_analyst", "soc.report.read"],
          ],
        ],
        permgen_0003: [
          "permgen_0002",
          ["soc.alert.close"],
          [
            ["report_reader", "soc.alert.read"],
            ["report_reader", "soc.report.read"],
            ["rt_lead", "soc.alert.close"],
            ["soc_analyst", "soc.alert.triage"],
          ],
        ],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
