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
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model } from "../../model/model.js";
import { convertToPascalCase } from "../case.js";
import { checkNameCollisions, ENUM_NAMES } from "../check-collisions.js";
import { buildNameTable, type NameTable } from "../name-table.js";

/** PascalCase words Rust reserves: a variant may not be named so, even as a raw identifier. */
export const RUST_RESERVED_PASCAL: ReadonlySet<string> = new Set(["Self"]);

/** The variant of every resource, action, permission and role of a model in its Rust enum. */
export type RustNames = NameTable;

/**
 * PascalCase of a value, with `Self` escaped as `Self_`: a variant's name, and the name of the
 * deprecated const a `@renamedFrom` alias keeps for an old value.
 */
export function buildVariantName(value: string): string {
  const name = convertToPascalCase(value);
  return RUST_RESERVED_PASCAL.has(name) ? `${name}_` : name;
}

/**
 * Builds the Rust variant names of a model, the only place the Rust target names them:
 * PascalCase of a resource's or action's value, of a permission's key without namespace and of
 * a role's name, `Self` escaped. Keyed by resource and action value, permission key and role
 * name.
 */
export function buildRustNames(model: Model): RustNames {
  return buildNameTable("Rust", model, {
    resource: (r) => buildVariantName(r.value),
    action: (a) => buildVariantName(a.value),
    permission: (p) => buildVariantName(p.localKey),
    role: (r) => buildVariantName(r.name),
  });
}

/** Tells whether a variant name is an escaped one (`Self_`), which needs a lint exemption. */
export function isEscapedRustName(name: string): boolean {
  return name.endsWith("_");
}

/**
 * Checks that the model's names give distinct Rust variants within each enum: two resources,
 * actions, permissions or roles that convert to the same PascalCase name (`a.b_c` and `a_b.c`
 * are both `ABC`) yield PG0401 at the second declaration, naming both and the Rust name. The
 * permissions of two colliding resources are left to the resources' diagnostic.
 */
export function checkRustNames(model: Model): readonly Diagnostic[] {
  return checkNameCollisions(model, buildRustNames(model), {
    skipDerivedPermissions: true,
    describe: (later, first, name) =>
      `${later.label} and ${first.label} are both named ${ENUM_NAMES[later.kind]}::${name}` +
      " in Rust; rename one of them",
  });
}
