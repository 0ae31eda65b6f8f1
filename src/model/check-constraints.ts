/**
 * The constraints checked against the expanded roles (CONTRACT §9), as data and as the
 * positioned errors `validate`, `generate` and `check` report.
 *
 * Part of the model builder (build-model.ts): it runs after wildcard expansion, so a
 * permission that reaches a role through `"*"` or `"<resource>.*"` — including one added to
 * the schema after the role was written — counts like an exact grant, and each violation names
 * the grants that bring the permission in: what the user has to change.
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { pushDiagnostic } from "./build-vocabulary.js";
import type { Grant, ModelConstraints, Permission, Role, SourcePosition } from "./model.js";

/** A permission a role holds, with the grants of that role that bring it in (never empty). */
export interface HeldPermission {
  readonly key: string;
  readonly grants: readonly Grant[];
}

/**
 * The constraints as the check reads them: restricted as in the model, and each exclusive set
 * as its entries, each entry the keys it covers (resolve-constraints.ts `exclusiveEntries`).
 */
export interface CheckedConstraints {
  readonly exclusive: readonly (readonly (readonly string[])[])[];
  readonly restricted: ModelConstraints["restricted"];
}

/** A role that breaks one constraint. */
export type ConstraintViolation =
  | {
      readonly kind: "restricted";
      readonly role: Role;
      /** Index into `constraints.restricted`. */
      readonly restriction: number;
      readonly held: HeldPermission;
    }
  | {
      readonly kind: "exclusive";
      readonly role: Role;
      /** Index into `constraints.exclusive`. */
      readonly set: number;
      /** Every key of the set the role holds (of two entries or more), in the set's order. */
      readonly held: readonly HeldPermission[];
    };

/**
 * Every violation, role by role in schema order: a restricted key held by a role its
 * restriction does not list (one violation per key), and an exclusive set two or more of whose
 * entries a role holds a key of (one violation per set, naming every key of it the role holds).
 */
export function findConstraintViolations(
  roles: readonly Role[],
  constraints: CheckedConstraints,
): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  for (const role of roles) {
    const byKey = new Map(role.permissions.map((p) => [p.key, p]));
    const held = (key: string): HeldPermission | undefined => {
      const permission = byKey.get(key);
      return permission === undefined ? undefined : { key, grants: grantsOf(role, permission) };
    };
    constraints.restricted.forEach((restriction, index) => {
      if (restriction.roles.includes(role.name)) return;
      for (const key of restriction.keys) {
        const permission = held(key);
        if (permission !== undefined) {
          violations.push({ kind: "restricted", role, restriction: index, held: permission });
        }
      }
    });
    constraints.exclusive.forEach((entries, index) => {
      const perEntry = entries.map((keys) => keys.flatMap((key) => held(key) ?? []));
      if (perEntry.filter((heldKeys) => heldKeys.length > 0).length >= 2) {
        violations.push({ kind: "exclusive", role, set: index, held: perEntry.flat() });
      }
    });
  }
  return violations;
}

/** The grants of a role that give it `permission`, in the role's order. */
function grantsOf(role: Role, permission: Permission): Grant[] {
  const grants = role.grants.filter(
    (grant) =>
      grant.kind === "all" ||
      (grant.kind === "module" && grant.module === permission.module) ||
      (grant.kind === "resource" && grant.resource.value === permission.resource.value) ||
      (grant.kind === "exact" && grant.permission.key === permission.key),
  );
  if (grants.length === 0) {
    throw new Error(`internal error: role "${role.name}" holds "${permission.key}" through no grant`);
  }
  return grants;
}

/**
 * Pushes one positioned error per violation, at the role's name in `roles`:
 * `rt_operator holds billing.refund.approve through "billing.*", but only rt_lead may
 * (restricted at schema/permissions.ts:40:5)` (PG0315) and `rt_ops holds payment.create
 * (through "*") and payment.approve (through "payment.approve"), which constraints.exclusive
 * forbids together (set at schema/permissions.ts:41:17)` (PG0316). `nameFile` names the file
 * a constraint is written in (its path relative to the repository root: the same on every
 * machine; with modules, the module file or the root schema that declares it).
 */
export function reportConstraintViolations(input: {
  readonly violations: readonly ConstraintViolation[];
  readonly constraints: ModelConstraints;
  readonly exclusivePositions: readonly SourcePosition[];
  readonly restrictedPositions: readonly SourcePosition[];
  readonly nameFile: (file: string) => string;
  readonly diagnostics: Diagnostic[];
}): void {
  const place = (position: SourcePosition | undefined): string =>
    position === undefined
      ? input.nameFile("")
      : `${input.nameFile(position.file)}:${position.line}:${position.column}`;
  for (const violation of input.violations) {
    const role = violation.role;
    if (violation.kind === "restricted") {
      const restriction = input.constraints.restricted[violation.restriction];
      const allowed = restriction?.roles ?? [];
      const who = allowed.length === 0 ? "no role may" : `only ${joinWords(allowed)} may`;
      const where = place(input.restrictedPositions[violation.restriction]);
      pushDiagnostic(
        input.diagnostics,
        Codes.RestrictedViolation,
        role.position,
        `${role.name} holds ${violation.held.key} through ${formatGrants(violation.held)}, but ${who} (restricted at ${where})`,
      );
    } else {
      const items = violation.held.map((held) => `${held.key} (through ${formatGrants(held)})`);
      const where = place(input.exclusivePositions[violation.set]);
      pushDiagnostic(
        input.diagnostics,
        Codes.ExclusiveViolation,
        role.position,
        `${role.name} holds ${joinWords(items)}, which constraints.exclusive forbids together (set at ${where})`,
      );
    }
  }
}

function formatGrants(held: HeldPermission): string {
  return joinWords(held.grants.map((grant) => JSON.stringify(grant.text)));
}

/** "a", "a and b", "a, b and c". */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
