/**
 * The shared behaviour table (table.json over the schema permissions.ts) and the shape every
 * language's replay returns: one answer per row, so the runner (test/parity/behaviour-replays
 * .test.ts) can prove a replay ran over the whole table rather than trust a printed "ok".
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** One row of the table. */
export interface Row {
  readonly note: string;
  readonly granted: readonly string[] | null;
  readonly roles?: readonly string[];
  readonly resource: string;
  readonly action: string;
  readonly allowed: boolean;
}

/** Absolute path of table.json (replays that read it from their own program need it). */
export const TABLE_FILE = fileURLToPath(new URL("./table.json", import.meta.url));

/** Absolute path of the table's schema. */
export const TABLE_SCHEMA_FILE = fileURLToPath(new URL("./permissions.ts", import.meta.url));

/** The table's rows, in file order. */
export const TABLE_ROWS: readonly Row[] = (
  JSON.parse(readFileSync(TABLE_FILE, "utf8")) as { rows: readonly Row[] }
).rows;

/** The table's schema source. */
export const TABLE_SCHEMA = readFileSync(TABLE_SCHEMA_FILE, "utf8");

/** What one replay reports: which language (and engine) answered, and its answer to each row. */
export interface ReplayResult {
  readonly language: string;
  /** The runtime that answered (`node`, `python3`, `go`, `rustc`, `sqlite`, `postgres`). */
  readonly engine: string;
  readonly answers: readonly boolean[];
}

/** One language's replay of the table on one engine, declared in that language's test folder. */
export interface Replay {
  readonly language: string;
  readonly engine: string;
  /** The language's describe wrapper: fails under CI, else skips loudly, when its tool is missing. */
  readonly describeWith: (title: string, body: () => void) => void;
  /** Generates the table schema's output, asks it every row and returns the answers. */
  run(): Promise<ReplayResult>;
}

/**
 * Reads answers printed one per line as `row <index> <true|false>`, in order from 0; throws when
 * an index is missing, repeated or out of order, so a program that stopped early cannot pass.
 */
export function parseRowAnswers(stdout: string): boolean[] {
  const answers: boolean[] = [];
  for (const line of stdout.split("\n")) {
    const match = /^row (\d+) (true|false)$/.exec(line);
    if (match === null) continue;
    if (Number(match[1]) !== answers.length) {
      throw new Error(`row ${match[1]} answered where row ${answers.length} was expected`);
    }
    answers.push(match[2] === "true");
  }
  return answers;
}

/**
 * Languages whose output has no guard to replay the table against, and why: the documented
 * exceptions to "every language replays the table" (the replay runner and the checklist read it).
 */
export const NO_GUARDS: Readonly<Record<string, string>> = {
  json: "data only: the vocabulary as JSON, no permission check",
  markdown: "documentation only",
};

/** Rows whose answer differs from the table, readable in a failure message. */
export function findMismatches(answers: readonly boolean[]): string[] {
  return TABLE_ROWS.flatMap((row, i) =>
    answers[i] === row.allowed
      ? []
      : [`row ${i} (${row.note}): got ${String(answers[i])}, table says ${row.allowed}`],
  );
}
