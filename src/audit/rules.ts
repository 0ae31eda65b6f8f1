/**
 * The audit's rules: one id (`PA0nnn`), one kind name and one default severity each. Findings
 * are not diagnostics (PGnnnn means "permgen cannot run"; a finding means "your code and your
 * schema disagree"), so their codes live here, not in src/diagnostics/codes.ts. Codes never
 * change meaning once released; the README lists them.
 */

/** How much a finding matters; `off` (config only) drops the kind entirely. */
export type Severity = "error" | "warning" | "note";

/** A severity a user may configure per kind in `audit.rules`. */
export type RuleSetting = Severity | "off";

/** The kinds of finding, as users name them in `audit.rules` and JSON output. */
export type FindingKind =
  | "unenforced"
  | "magic-string"
  | "unguarded-route"
  | "unheld"
  | "deprecated-use"
  | "syntax-error";

/** One rule: its stable id, what it finds and how bad that is unless configured. */
export interface Rule {
  readonly id: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** One line for the README, SARIF's `shortDescription` and `--help`-like listings. */
  readonly summary: string;
}

/** Every rule, in id order (SARIF's `rules` array and the README table follow it). */
export const RULES: readonly Rule[] = [
  {
    id: "PA0001",
    kind: "unenforced",
    severity: "error",
    summary: "a declared permission that no enforcement site (a generated guard call) names",
  },
  {
    id: "PA0002",
    kind: "magic-string",
    severity: "error",
    summary: "a string literal equal to a permission key or a role name, outside generated files",
  },
  {
    id: "PA0003",
    kind: "unguarded-route",
    severity: "error",
    summary: "a FastAPI route with no require_permission dependency on it, its router or the app",
  },
  {
    id: "PA0004",
    kind: "unheld",
    severity: "warning",
    summary: "a declared permission that no role holds (when the schema has roles)",
  },
  {
    id: "PA0005",
    kind: "deprecated-use",
    severity: "warning",
    summary: "an enforcement site naming a deprecated permission",
  },
  {
    id: "PA0010",
    kind: "syntax-error",
    severity: "warning",
    summary: "a source file that does not parse: reported and skipped",
  },
];

/** The kinds, in rule order: what `audit.rules` accepts as keys. */
export const FINDING_KINDS = RULES.map((rule) => rule.kind) as readonly FindingKind[];

/** The rule of a kind. */
export function findRule(kind: FindingKind): Rule {
  const rule = RULES.find((r) => r.kind === kind);
  if (rule === undefined) throw new Error(`internal error: no audit rule for ${kind}`);
  return rule;
}

/** Severities from most to least severe: `--fail-on` compares against this order. */
const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, note: 1 };

/** What `--fail-on` accepts: the least severity that makes the run exit 1, or never. */
export type FailOn = Severity | "none";

/** Whether a finding of `severity` makes a run with `--fail-on failOn` exit 1. */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== "none" && RANK[severity] >= RANK[failOn];
}
