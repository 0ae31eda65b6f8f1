/**
 * A real PostgreSQL server for the tests that drive real migration runners (dbmate, Alembic),
 * which speak the wire protocol and cannot use PGlite in-process: Debian's `postgresql` 15
 * binaries, a cluster made with initdb in a temp folder, listening only on a Unix socket in that
 * folder (no TCP port to collide with), trust authentication, stopped and removed by `stop`.
 *
 * initdb and postgres refuse to run as root; as root the server runs as the `postgres` user
 * (`runuser -u postgres --`). A test that needs it declares its block with
 * `describeWithPostgres`, which fails under CI and is skipped loudly elsewhere when the binaries
 * are missing.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeWithTool, runCommand } from "../helpers/tools.js";

const BIN = "/usr/lib/postgresql/15/bin";

/** A running server. */
export interface PostgresServer {
  /** The folder holding its Unix socket (libpq `host=`). */
  readonly socketDir: string;
  readonly port: number;
  /** Creates a database and returns its name. */
  createDatabase(name: string): string;
  /** Runs SQL through psql in `database`, returning its unaligned, tuples-only output. */
  psql(database: string, sql: string): string;
  stop(): void;
}

/** Tells whether the server binaries are here. */
export function hasPostgresServer(): boolean {
  return existsSync(path.join(BIN, "initdb")) && existsSync(path.join(BIN, "pg_ctl"));
}

/** Declares a block that needs the real server (see the top of this file). */
export function describeWithPostgres(title: string, body: () => void): void {
  describeWithTool(title, hasPostgresServer(), `PostgreSQL 15 server (${BIN}; apt-get install postgresql)`, body);
}

function asServerUser(command: string, args: readonly string[]): readonly [string, string[]] {
  const root = process.getuid?.() === 0;
  return root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, [...args]];
}

function runOrThrow(command: string, args: readonly string[], input?: string): string {
  const [cmd, argv] = asServerUser(command, args);
  const result = runCommand(cmd, argv, { input });
  if (result.status !== 0) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** Starts a fresh server in a temp folder. */
export function startPostgresServer(): PostgresServer {
  const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-pg-"));
  // The server user must own its folder; the tests (root or not) only need to reach the socket.
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) runCommand("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  const port = 5432;
  runOrThrow(path.join(BIN, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  runOrThrow(path.join(BIN, "pg_ctl"), [
    "-D",
    data,
    "-o",
    `-c listen_addresses='' -c unix_socket_directories='${dir}' -c port=${port} -c fsync=off`,
    "-w",
    "-l",
    path.join(dir, "server.log"),
    "start",
  ]);
  const psql = (database: string, sql: string): string =>
    runOrThrow(
      path.join(BIN, "psql"),
      ["-h", dir, "-p", String(port), "-U", "postgres", "-d", database, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"],
      sql,
    );
  return {
    socketDir: dir,
    port,
    createDatabase(name) {
      psql("postgres", `CREATE DATABASE ${name};\n`);
      return name;
    },
    psql,
    stop() {
      runOrThrow(path.join(BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
