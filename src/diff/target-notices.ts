/**
 * What each configured target's consumers notice of a vocabulary change, in that target's own
 * names (`Go: PermHostDelete removed`, `SQL (db): row permgen_permission 12 (host.delete)
 * deleted`), and the SQL target changes that break a migration history. Names come from each
 * language's name table (src/targets/<lang>/names.ts), never re-derived here: a removed name is
 * looked up in the ref's model, an added one in the working tree's.
 */
import type { Model } from "../model/model.js";
import { buildGoNames, type GoNameOptions } from "../targets/go/names.js";
import type { NameTable } from "../targets/name-table.js";
import { buildPythonNames } from "../targets/python/names.js";
import { buildRustNames } from "../targets/rust/names.js";
import type { SqlOptions } from "../targets/sql/sql-options.js";
import { resolveTableNames } from "../targets/sql/sql-options.js";
import { buildTypeScriptNames, formatMemberAccess } from "../targets/typescript/names.js";
import type { Correspondence, DiffTarget } from "./compare-vocabularies.js";
import type { BreakingChange, TargetNotice } from "./diff-report.js";
import { quote } from "./diff-report.js";

/**
 * SQL targets on both sides (matched by `out`) whose `dialect`, table names or `format`
 * differ: the migrations written so far no longer fit what the next one would assume.
 */
export function compareSqlTargets(
  before: readonly DiffTarget[],
  after: readonly DiffTarget[],
): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const sqlBefore = new Map(
    before.filter((t) => t.options.language === "sql").map((t) => [t.outText, t.options as SqlOptions]),
  );
  for (const target of after) {
    if (target.options.language !== "sql") continue;
    const was = sqlBefore.get(target.outText);
    if (was === undefined) continue;
    const now = target.options as SqlOptions;
    const what: string[] = [];
    if (was.dialect !== now.dialect) what.push(`dialect ${quote(was.dialect)} → ${quote(now.dialect)}`);
    const tablesWas = resolveTableNames(was);
    const tablesNow = resolveTableNames(now);
    for (const field of Object.keys(tablesNow) as (keyof typeof tablesNow)[]) {
      if (tablesWas[field] !== tablesNow[field]) {
        what.push(`tables.${field} ${quote(tablesWas[field])} → ${quote(tablesNow[field])}`);
      }
    }
    const formatOf = (o: SqlOptions): string => o.format ?? "plain";
    if (formatOf(was) !== formatOf(now)) {
      what.push(`format ${quote(formatOf(was))} → ${quote(formatOf(now))}`);
    }
    if (what.length === 0) continue;
    changes.push({
      rule: "SQL_TARGET_CHANGED",
      subject: target.outText,
      message: `SQL target ${quote(target.outText)} changed ${what.join(", ")}: the migrations already applied no longer match`,
    });
  }
  return changes;
}

/** The code targets whose options decide the names and types their consumers import. */
const CODE_LANGUAGES: ReadonlySet<string> = new Set(["typescript", "python", "go", "rust"]);

/**
 * Code targets on both sides (matched by `out`) whose `names`, Go `constantNames`,
 * `permissionType` or `maskType` differ: every consumer importing a renamed symbol stops
 * compiling, though the vocabulary itself did not change. Each difference is named, old → new
 * (`(default)` where the option was absent).
 */
export function compareCodeTargetNames(
  before: readonly DiffTarget[],
  after: readonly DiffTarget[],
): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const read = (target: DiffTarget): Readonly<Record<string, unknown>> =>
    target.options as unknown as Readonly<Record<string, unknown>>;
  const codeBefore = new Map(
    before.filter((t) => CODE_LANGUAGES.has(t.options.language)).map((t) => [t.outText, t]),
  );
  for (const target of after) {
    const language = target.options.language;
    if (!CODE_LANGUAGES.has(language)) continue;
    const was = codeBefore.get(target.outText);
    if (was === undefined || was.options.language !== language) continue;
    const what: string[] = [];
    const text = (value: unknown): string => (typeof value === "string" ? quote(value) : "(default)");
    const namesOf = (t: DiffTarget): Readonly<Record<string, unknown>> => {
      const names = read(t)["names"];
      return typeof names === "object" && names !== null ? (names as Record<string, unknown>) : {};
    };
    const namesWas = namesOf(was);
    const namesNow = namesOf(target);
    const symbols = [...new Set([...Object.keys(namesWas), ...Object.keys(namesNow)])].sort();
    for (const symbol of symbols) {
      if (namesWas[symbol] !== namesNow[symbol]) {
        what.push(`names.${symbol} ${text(namesWas[symbol])} → ${text(namesNow[symbol])}`);
      }
    }
    const fields = language === "go" ? ["constantNames", "permissionType", "maskType"] : [];
    for (const field of fields) {
      const fallback = field === "constantNames" ? "key" : undefined;
      const valueWas = read(was)[field] ?? fallback;
      const valueNow = read(target)[field] ?? fallback;
      if (valueWas !== valueNow) what.push(`${field} ${text(valueWas)} → ${text(valueNow)}`);
    }
    if (what.length === 0) continue;
    changes.push({
      rule: "TARGET_NAMES_CHANGED",
      subject: target.outText,
      message:
        `${language} target ${quote(target.outText)} changed ${what.join(", ")}: ` +
        "code importing the old names or types stops compiling",
    });
  }
  return changes;
}

/** The names one language gives, for the notices: `undefined` where it names no such kind. */
interface Namer {
  readonly target: string;
  readonly permission: (model: Model, key: string) => string;
  readonly role: (model: Model, name: string) => string;
  readonly resource: (model: Model, value: string) => string;
  readonly action: (model: Model, value: string) => string;
}

/** A namer over a language's name table, built once per model. */
function tableNamer(
  target: string,
  build: (model: Model) => NameTable,
  format: Readonly<Record<"permission" | "role" | "resource" | "action", (name: string) => string>>,
): Namer {
  const tables = new WeakMap<Model, NameTable>();
  const table = (model: Model): NameTable => {
    let built = tables.get(model);
    if (built === undefined) tables.set(model, (built = build(model)));
    return built;
  };
  return {
    target,
    permission: (m, key) => format.permission(table(m).permission.get(key)),
    role: (m, name) => format.role(table(m).role.get(name)),
    resource: (m, value) => format.resource(table(m).resource.get(value)),
    action: (m, value) => format.action(table(m).action.get(value)),
  };
}

/**
 * The namer of a working-tree target. `before` is the ref's model and `was` the ref's target of
 * the same language and `out`, if any: the ref's names are built with its options (a Go
 * target's `constantNames`), the working tree's with the target's own.
 */
function buildNamer(
  target: DiffTarget,
  before: Model | undefined,
  was: DiffTarget | undefined,
): Namer | undefined {
  switch (target.options.language) {
    case "go": {
      const options = (t: DiffTarget | undefined) => (t?.options ?? {}) as GoNameOptions;
      const build = (model: Model) =>
        buildGoNames(model, options(model === before ? (was ?? target) : target));
      return tableNamer("Go", build, { permission: id, role: id, resource: id, action: id });
    }
    case "python":
      return tableNamer("Python", buildPythonNames, {
        permission: (n) => `Permission.${n}`,
        role: (n) => `Role.${n}`,
        resource: (n) => `Resource.${n}`,
        action: (n) => `Action.${n}`,
      });
    case "rust":
      return tableNamer("Rust", buildRustNames, {
        permission: (n) => `Permission::${n}`,
        role: (n) => `Role::${n}`,
        resource: (n) => `Resource::${n}`,
        action: (n) => `Action::${n}`,
      });
    case "typescript": {
      const names = new WeakMap<Model, ReturnType<typeof buildTypeScriptNames>>();
      const table = (model: Model): ReturnType<typeof buildTypeScriptNames> => {
        let built = names.get(model);
        if (built === undefined) names.set(model, (built = buildTypeScriptNames(model)));
        return built;
      };
      return {
        target: "TypeScript",
        // TypeScript names permissions by their key: the literal in the `Permission` union.
        permission: (_m, key) => `Permission ${quote(key)}`,
        role: (m, name) => formatMemberAccess("Role", table(m).role.get(name)),
        resource: (m, value) => formatMemberAccess("Resource", table(m).resource.get(value)),
        action: (m, value) => formatMemberAccess("Action", table(m).action.get(value)),
      };
    }
    default:
      return undefined;
  }
}

function id(name: string): string {
  return name;
}

/**
 * One notice per name a consumer sees appear, disappear or change, per configured target of
 * the working tree (each language once; each SQL target by its folder): removals and renames
 * first (what breaks or needs a migration of callers), then additions.
 */
export function buildTargetNotices(
  delta: Correspondence,
  beforeTargets: readonly DiffTarget[],
  afterTargets: readonly DiffTarget[],
): TargetNotice[] {
  const notices: TargetNotice[] = [];
  const seen = new Set<string>();
  const before = delta.before;
  for (const target of afterTargets) {
    if (target.options.language === "sql") {
      notices.push(...buildSqlNotices(delta, target, beforeTargets));
      continue;
    }
    const was = beforeTargets.find(
      (t) => t.options.language === target.options.language && t.outText === target.outText,
    );
    const namer = buildNamer(target, before, was);
    if (namer === undefined || seen.has(namer.target)) continue;
    seen.add(namer.target);
    const push = (message: string, breaking: boolean): void => {
      notices.push({ target: namer.target, message, breaking });
    };
    if (before === undefined) {
      // Nothing existed: one line says it better than a line per name.
      push("new: every name is added", false);
      continue;
    }
    for (const p of delta.removedPermissions) push(`${namer.permission(before, p.key)} removed`, true);
    for (const r of delta.removedRoles) push(`${namer.role(before, r.name)} removed`, true);
    for (const r of delta.removedResources) push(`${namer.resource(before, r.value)} removed`, true);
    for (const a of delta.removedActions) push(`${namer.action(before, a.value)} removed`, true);
    for (const { from, to } of delta.renamedPermissions) {
      const old = namer.permission(before, from.key);
      const now = namer.permission(delta.after, to.key);
      if (old !== now) push(`${old} renamed to ${now}${aliasNote(to.renamedFrom !== undefined)}`, false);
    }
    for (const { from, to } of delta.renamedRoles) {
      const old = namer.role(before, from.name);
      const now = namer.role(delta.after, to.name);
      if (old !== now) push(`${old} renamed to ${now}${aliasNote(to.doc.renamedFrom !== undefined)}`, false);
    }
    for (const p of delta.addedPermissions) push(`${namer.permission(delta.after, p.key)} added`, false);
    for (const r of delta.addedRoles) push(`${namer.role(delta.after, r.name)} added`, false);
  }
  return notices;
}

function aliasNote(kept: boolean): string {
  return kept ? " (the old name stays as a deprecated alias while @renamedFrom does)" : "";
}

/** Rows a SQL target's next migration inserts, updates or deletes. */
function buildSqlNotices(
  delta: Correspondence,
  target: DiffTarget,
  beforeTargets: readonly DiffTarget[],
): TargetNotice[] {
  const name = `SQL (${target.outText})`;
  const tables = resolveTableNames(target.options as SqlOptions);
  const notices: TargetNotice[] = [];
  const push = (message: string, breaking: boolean): void => void notices.push({ target: name, message, breaking });
  if (delta.before === undefined || !beforeTargets.some((t) => t.options.language === "sql" && t.outText === target.outText)) {
    push("new target: its first migration creates the tables and inserts every row", false);
    if (delta.before === undefined) return notices;
  }
  for (const p of delta.removedPermissions) push(`row ${tables.permission} ${p.id} (${p.key}) deleted`, true);
  for (const r of delta.removedRoles) push(`row ${tables.role} ${quote(r.name)} deleted`, true);
  for (const { from, to } of delta.renamedPermissions) {
    push(`row ${tables.permission} ${to.id} updated in place (${from.key} → ${to.key})`, false);
  }
  for (const { from, to } of delta.renamedRoles) {
    push(`row ${tables.role} ${quote(from.name)} renamed in place to ${quote(to.name)}`, false);
  }
  for (const p of delta.addedPermissions) push(`row ${tables.permission} ${p.id} (${p.key}) inserted`, false);
  for (const r of delta.addedRoles) push(`row ${tables.role} ${quote(r.name)} inserted`, false);
  return notices;
}
