/**
 * The typed result of `permgen diff` (CONTRACT §9): what changed between the vocabulary at a git
 * ref and the working tree, as plain data. Built by compare-vocabularies.ts, printed by one
 * renderer per format (render-text.ts, render-markdown.ts, render-json.ts), never assembled in
 * a renderer. The JSON format is this shape, documented by schemas/diff.schema.json.
 */

/**
 * Why a change breaks consumers, as a rule id (like `buf breaking`'s rules): stable, for bots
 * and for `--fail-on` policies that grep for one.
 */
export type BreakingRule =
  /** A permission left the vocabulary: code naming it stops compiling, its rows are deleted. */
  | "PERMISSION_REMOVED"
  /** A role left: code naming it stops compiling, its rows and links are deleted. */
  | "ROLE_REMOVED"
  /** A key present on both sides has another id: every stored bit and row id is wrong. */
  | "ID_CHANGED"
  /** A key carries an id another key held (active or retired) without a recorded rename. */
  | "ID_REUSED"
  /** The namespace changed without `@renamedFrom`: every key is new. */
  | "NAMESPACE_CHANGED"
  /** A SQL target's `dialect`, `tables` or `format` changed: its history no longer applies. */
  | "SQL_TARGET_CHANGED"
  /**
   * A code target's `names`, Go `constantNames`, `permissionType` or `maskType` changed: the
   * symbols its consumers import are renamed or retyped although no key changed.
   */
  | "TARGET_NAMES_CHANGED";

/** One breaking change; `subject` is the key, role name, namespace or SQL target it is about. */
export interface BreakingChange {
  readonly rule: BreakingRule;
  readonly subject: string;
  /** One plain sentence, without trailing period. */
  readonly message: string;
}

/** A permission a role gains: explicitly (its own grant) or implicitly through a wildcard. */
export interface AccessGain {
  readonly key: string;
  readonly implicit: boolean;
  /** The grant that brings the key in, as written (`*`, `host.*`, `host.read`). */
  readonly through: string;
}

/** A permission a role loses; `removed` when the permission left the vocabulary. */
export interface AccessLoss {
  readonly key: string;
  readonly removed: boolean;
}

/** One role's access change after wildcard expansion; unchanged roles are not listed. */
export interface RoleAccessChange {
  readonly role: string;
  /** `renamed`: the role was `from` (`@renamedFrom`); gains and losses compare with it. */
  readonly kind: "added" | "removed" | "changed" | "renamed";
  readonly from?: string;
  /** In the working tree's permission order (`removed` roles: none). */
  readonly gained: readonly AccessGain[];
  /** In the ref's permission order. */
  readonly lost: readonly AccessLoss[];
}

/** What kind of declaration a vocabulary change is about. */
export type SubjectKind = "permission" | "resource" | "action" | "role" | "namespace";

/** One change to a declaration itself (not to who holds it). */
export interface VocabularyChange {
  readonly subject: SubjectKind;
  readonly change: "added" | "removed" | "renamed" | "deprecated" | "undeprecated" | "described";
  /** The key, value, role name or namespace in the working tree (the ref's when removed). */
  readonly name: string;
  /** `renamed`: the former name. */
  readonly from?: string;
  /** Permissions: the id (the retired one when removed). */
  readonly id?: number;
  /** `deprecated`: the tag's text, the reason ("" when none was given). */
  readonly reason?: string;
  /** `described`: the JSDoc text at the ref and now (null when absent). */
  readonly description?: { readonly before: string | null; readonly after: string | null };
}

/** A change to the schema's `constraints` (separation of duties, restricted permissions). */
export interface ConstraintChange {
  readonly constraint: "exclusive" | "restricted";
  readonly change: "added" | "removed" | "changed";
  /** As written in the schema: `exclusive`, the set's entries; `restricted`, the pattern. */
  readonly subject: readonly string[] | string;
  /** `restricted`: the roles allowed at the ref (undefined when added). */
  readonly rolesBefore?: readonly string[];
  /** `restricted`: the roles allowed now (undefined when removed). */
  readonly rolesAfter?: readonly string[];
  /**
   * Whether it lets a role hold what it could not before (a set or restriction removed, a
   * restriction given a role): no role gains anything yet, but the guard against a later grant
   * or wildcard is gone, so `--fail-on widening` counts it.
   */
  readonly loosens: boolean;
}

/** What a configured target's consumers notice: `Go: PermHostDelete removed`. */
export interface TargetNotice {
  /** The target's display name: `Go`, `TypeScript`, `SQL (generated/sql)`. */
  readonly target: string;
  readonly message: string;
  /** Whether the notice is about a breaking change (a name that goes, a row deleted). */
  readonly breaking: boolean;
}

/** The counts the summary line shows. */
export interface DiffSummary {
  readonly breaking: number;
  readonly rolesWidened: number;
  readonly rolesNarrowed: number;
  readonly permissionsAdded: number;
  readonly permissionsRemoved: number;
  readonly permissionsRenamed: number;
  readonly rolesAdded: number;
  readonly rolesRemoved: number;
}

/** The whole comparison: every list in a stable order, so output is byte-identical anywhere. */
export interface VocabularyDiff {
  readonly summary: DiffSummary;
  readonly breaking: readonly BreakingChange[];
  /** Roles in name order (the working tree's name for a renamed role). */
  readonly roles: readonly RoleAccessChange[];
  readonly vocabulary: readonly VocabularyChange[];
  readonly constraints: readonly ConstraintChange[];
  readonly targets: readonly TargetNotice[];
}

/** `--fail-on` levels, lowest first: a finding fails the run at its level and every one below. */
export type FailOn = "none" | "any" | "widening" | "breaking";

/** The highest level a diff reaches: what `--fail-on` is compared with. */
export function findDiffLevel(diff: VocabularyDiff): Exclude<FailOn, "none"> | undefined {
  if (diff.breaking.length > 0) return "breaking";
  if (diff.roles.some((role) => role.gained.length > 0)) return "widening";
  // A loosened constraint grants nothing by itself, but it is what kept a grant from widening.
  if (diff.constraints.some((c) => c.loosens)) return "widening";
  const changed =
    diff.roles.length > 0 ||
    diff.vocabulary.length > 0 ||
    diff.constraints.length > 0 ||
    diff.targets.length > 0;
  return changed ? "any" : undefined;
}

/** Whether `diff` holds a finding at or above `failOn` (exit 1). `none` never fails. */
export function failsAt(diff: VocabularyDiff, failOn: FailOn): boolean {
  if (failOn === "none") return false;
  const order: readonly FailOn[] = ["none", "any", "widening", "breaking"];
  const level = findDiffLevel(diff);
  return level !== undefined && order.indexOf(level) >= order.indexOf(failOn);
}

/** A name in a message, JSON-quoted so whatever it holds stays visible and on its line. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
