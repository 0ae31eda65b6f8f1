/**
 * Schemas and helpers shared by the SQL target's tests: a vocabulary v1 and its successor v2,
 * which adds a permission, removes one (with its role links), adds a role, removes a role,
 * changes a role's grants and changes descriptions.
 */
import path from "node:path";
import type { Lock } from "../../src/lock/lock.js";
import type { Model } from "../../src/model/model.js";
import type { SqlDialect, SqlOptions } from "../../src/targets/sql/sql-options.js";
import { emitSql } from "../../src/targets/sql/emit-sql.js";
import type { EmitResult, EmittedFile } from "../../src/targets/target.js";
import { filesOf } from "../helpers/emit-result.js";
import { loadFromSource, TEST_ROOT } from "../helpers/model.js";

/** Version 1 of the vocabulary. */
export const SCHEMA_V1 = `
export enum Resource {
  /** Security alerts. */
  Alert = "alert",
  Report = "report",
  User = "user",
}
export enum Action { Read = "read", Acknowledge = "acknowledge", Close = "close", Manage = "manage" }
export const permissions = {
  [Resource.Alert]: [
    /** Read an alert. */
    Action.Read,
    Action.Acknowledge,
    Action.Close,
  ],
  [Resource.Report]: [Action.Read],
} as const;
export const roles = {
  /** Red-team lead: everything. */
  rt_lead: ["*"],
  soc_analyst: ["alert.read", "alert.acknowledge"],
  auditor: ["report.read"],
} as const;
export const namespace = "soc";
`;

/**
 * Version 2: adds user.manage (rt_lead gets it through "*"), removes alert.close, adds the role
 * reporter, removes auditor, moves soc_analyst from alert.acknowledge to report.read, and
 * changes the descriptions of alert.read and rt_lead (one with a quote in it).
 */
export const SCHEMA_V2 = `
export enum Resource {
  /** Security alerts. */
  Alert = "alert",
  Report = "report",
  User = "user",
}
export enum Action { Read = "read", Acknowledge = "acknowledge", Close = "close", Manage = "manage" }
export const permissions = {
  [Resource.Alert]: [
    /** Read an alert's details. */
    Action.Read,
    Action.Acknowledge,
  ],
  [Resource.Report]: [Action.Read],
  [Resource.User]: [Action.Manage],
} as const;
export const roles = {
  /** Red-team lead: everything, including permissions added later. */
  rt_lead: ["*"],
  soc_analyst: ["alert.read", "report.read"],
  /** Reads reports. */
  reporter: ["report.read", "alert.read"],
} as const;
export const namespace = "soc";
`;

/**
 * A successor of v2 for the runner formats: alert.acknowledge renamed to alert.triage in place,
 * alert.close back (its old id), reporter renamed, rt_lead's description dropped, and a
 * description holding what goose and dbmate would read as markers and Alembic as a bind.
 */
export const SCHEMA_V3_RENAMES = `
export enum Resource {
  /** Security alerts. */
  Alert = "alert",
  Report = "report",
  User = "user",
}
export enum Action {
  Read = "read", Acknowledge = "acknowledge", Close = "close", Manage = "manage", Triage = "triage",
}
export const permissions = {
  [Resource.Alert]: [
    /** Read an alert's details. */
    Action.Read,
    /** @renamedFrom alert.acknowledge */
    Action.Triage,
    Action.Close,
  ],
  [Resource.Report]: [
    /**
     * Read a report: ":name", 50% -- +goose Down;
     * -- migrate:down
     * -- +goose StatementEnd
     */
    Action.Read,
  ],
  [Resource.User]: [Action.Manage],
} as const;
export const roles = {
  rt_lead: ["*"],
  soc_analyst: ["alert.read", "report.read", "alert.triage"],
  /**
   * Reads reports.
   * @renamedFrom reporter
   */
  report_reader: ["report.read", "alert.read"],
} as const;
export const namespace = "soc";
`;

/** The migrations folder the emitter tests pretend to write. */
export const OUT = path.posix.join(TEST_ROOT, "db", "permissions");

/** Options of a SQL target writing into `OUT`. */
export function buildSqlOptions(dialect: SqlDialect, extra: Partial<SqlOptions> = {}): SqlOptions {
  return { language: "sql", out: OUT, dialect, ...extra };
}

/** One step of a history: the model and the lock it leaves. */
export interface Step {
  readonly model: Model;
  readonly lock: Lock;
}

/** Loads the schemas one after another, each with the lock the previous one left. */
export function loadSteps(...sources: readonly string[]): Step[] {
  const steps: Step[] = [];
  for (const source of sources) {
    const previous = steps.at(-1)?.lock;
    steps.push(loadFromSource(source, previous === undefined ? {} : { lock: previous }));
  }
  return steps;
}

/**
 * Runs the emitter over `step` with `existing` as the folder's current files (what the pipeline
 * passes as `existingFiles`) and returns its result: the files, or why it refused.
 */
export function emitStepResult(
  step: Step,
  options: SqlOptions,
  existing: ReadonlyMap<string, string> = new Map(),
): EmitResult {
  return emitSql(step.model, options, {
    lockBefore: undefined,
    lock: step.lock,
    existingFiles: existing,
  });
}

/** `emitStepResult`'s files; throws when the emitter refused. */
export function emitStep(
  step: Step,
  options: SqlOptions,
  existing: ReadonlyMap<string, string> = new Map(),
): readonly EmittedFile[] {
  return filesOf(emitStepResult(step, options, existing));
}

/** The emitted files as a map from path to content, as the next run's `existingFiles`. */
export function toExisting(files: readonly EmittedFile[]): Map<string, string> {
  return new Map(files.map((f) => [f.path, f.content]));
}

/** The emitted migrations' SQL texts, in apply (file-name) order. */
export function listMigrations(files: readonly EmittedFile[]): { name: string; sql: string }[] {
  return files
    .filter((f) => f.path.endsWith(".sql"))
    .map((f) => ({ name: path.posix.basename(f.path), sql: f.content }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
