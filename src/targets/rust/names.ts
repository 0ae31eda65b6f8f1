/**
 * How schema names become Rust identifiers: the one place the Rust target builds a name.
 *
 * Every enum variant is PascalCase of a value (`engagement.member` → `EngagementMember`; a
 * permission from its key without namespace: `EngagementMemberManage`; a role from its name:
 * `rt_lead` → `RtLead`). Rust's keywords are all lower-case, so the only PascalCase word that is
 * one is `Self` (from the value `self`), and `r#Self` is not a valid raw identifier. It is
 * escaped with a trailing underscore, `Self_`, which PascalCase output never contains, so the
 * escaped name cannot collide in turn. Variants are always written qualified (`Self::X`,
 * `Resource::X`), so names such as `None`, `Some` or `Type` shadow nothing.
 */
import { Codes } from "../../diagnostics/codes.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model, SourcePosition } from "../../model/model.js";

/** PascalCase words Rust reserves: a variant may not be named so, even as a raw identifier. */
export const RUST_RESERVED_PASCAL: ReadonlySet<string> = new Set(["Self"]);

/**
 * Converts a schema value to PascalCase: dots and underscores split words, each word gets an
 * upper-case first letter and keeps the rest (`engagement.member_x` → `EngagementMemberX`).
 * Empty words (from `a__b` or a trailing `_`) vanish.
 */
export function convertToRustPascalCase(value: string): string {
  return value
    .split(/[._]/)
    .filter((word) => word !== "")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/**
 * Builds the variant name of a resource value, action value, role name or permission key
 * without namespace: PascalCase, with `Self` escaped as `Self_`.
 */
export function buildRustVariantName(value: string): string {
  const name = convertToRustPascalCase(value);
  return RUST_RESERVED_PASCAL.has(name) ? `${name}_` : name;
}

/** Tells whether a variant name is an escaped one (`Self_`), which needs a lint exemption. */
export function isEscapedRustName(name: string): boolean {
  return name.endsWith("_");
}

/** One named thing of the model whose variant must be unique within its enum. */
interface NamedEntry {
  readonly name: string;
  /** How the message names it: `resource "a.b_c"`. */
  readonly label: string;
  readonly position: SourcePosition;
  /** Variant of what this entry derives from; a collision there is already reported. */
  readonly parent?: string | undefined;
}

/**
 * Finds entries of one enum whose variant names are equal and reports each later one at its
 * own position (PG0401), naming the first holder. Entries whose parents already collide (the
 * permissions of two colliding resources) are left to the parents' diagnostic.
 */
function checkUniqueVariants(enumName: string, entries: readonly NamedEntry[]): Diagnostic[] {
  const first = new Map<string, NamedEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    const holder = first.get(entry.name);
    if (holder === undefined) {
      first.set(entry.name, entry);
      continue;
    }
    if (entry.parent !== undefined && entry.parent === holder.parent) continue;
    diagnostics.push({
      code: Codes.NameCollision,
      message: `${entry.label} and ${holder.label} are both named ${enumName}::${entry.name} in Rust; rename one of them`,
      file: entry.position.file,
      line: entry.position.line,
      column: entry.position.column,
    });
  }
  return diagnostics;
}

/**
 * Checks that the model's names give distinct Rust variants within each enum: two resources,
 * actions, permissions or roles that convert to the same PascalCase name (`a.b_c` and `a_b.c`
 * are both `ABC`) yield PG0401 at the second declaration, naming both and the Rust name.
 */
export function checkRustNames(model: Model): readonly Diagnostic[] {
  const resources = model.resources.map((r) => ({
    name: buildRustVariantName(r.value),
    label: `resource "${r.value}"`,
    position: r.position,
  }));
  const actions = model.actions.map((a) => ({
    name: buildRustVariantName(a.value),
    label: `action "${a.value}"`,
    position: a.position,
  }));
  const permissions = model.permissions.map((p) => ({
    name: buildRustVariantName(p.localKey),
    label: `permission "${p.key}"`,
    position: p.position,
    // Two permissions that collide because their resources do share their resource's name.
    parent: `${buildRustVariantName(p.resource.value)} ${buildRustVariantName(p.action.value)}`,
  }));
  const roles = model.roles.map((r) => ({
    name: buildRustVariantName(r.name),
    label: `role "${r.name}"`,
    position: r.position,
  }));
  return [
    ...checkUniqueVariants("Resource", resources),
    ...checkUniqueVariants("Action", actions),
    ...checkUniqueVariants("Permission", permissions),
    ...checkUniqueVariants("Role", roles),
  ];
}
