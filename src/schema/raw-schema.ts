/**
 * The raw declarations the schema reader finds, with source positions, before any validation.
 *
 * `readSchema` (read-schema.ts) produces it from the schema file's syntax tree; `buildModel`
 * (src/model/build-model.ts) checks it against the vocabulary rules and turns it into the
 * read-only Model. Plain data: importing this module loads nothing heavy.
 */
import type { Doc, SourcePosition } from "../model/model.js";

/**
 * The initializer of an enum member: a string literal, something that is not a string (a
 * number, no initializer: PG0201 in the model builder), or an expression the reader already
 * rejected with PG0105 (the model builder skips it without a second diagnostic).
 */
export type RawEnumValue =
  | { readonly kind: "string"; readonly value: string; readonly position: SourcePosition }
  | {
      readonly kind: "non-string";
      /** The initializer as written (`1`, `-2`), "" when there is none. */
      readonly found: string;
      readonly position: SourcePosition;
    }
  | { readonly kind: "rejected" };

/** One member of the `Resource` or `Action` enum. */
export interface RawEnumMember {
  readonly name: string;
  readonly value: RawEnumValue;
  readonly doc: Doc;
  /** Where the member's name starts. */
  readonly position: SourcePosition;
  /**
   * Set on a resource of a module file once qualified (src/model/merge-modules.ts): its module,
   * and its name and value as written there. Absent for everything read from a file directly.
   */
  readonly module?: string | undefined;
  readonly declared?: { readonly name: string; readonly value: string } | undefined;
}

/** The `Resource` or `Action` enum declaration. */
export interface RawEnum {
  readonly name: "Resource" | "Action";
  readonly members: readonly RawEnumMember[];
  readonly doc: Doc;
  /** Where the enum's name starts. */
  readonly position: SourcePosition;
}

/**
 * A reference to a resource or action inside `permissions`: an enum member access
 * (`Resource.Alert`, `Resource["Alert"]`), a string value (`"alert"`), or an expression the
 * reader already rejected with PG0105 (kept so the model builder knows the vocabulary is
 * incomplete and does not report follow-on errors about it).
 */
export type RawRef =
  | { readonly kind: "member"; readonly member: string; readonly position: SourcePosition }
  | { readonly kind: "string"; readonly value: string; readonly position: SourcePosition }
  | { readonly kind: "rejected" };

/** One element of an action list in `permissions`, with the JSDoc written right before it. */
export interface RawPermissionAction {
  readonly action: RawRef;
  readonly doc: Doc;
}

/** One property of `permissions`: a resource and the actions it supports. */
export interface RawPermissionEntry {
  readonly resource: RawRef;
  readonly actions: readonly RawPermissionAction[];
  /** The JSDoc on the key (`/** … *\/ [Resource.User]: [...]`): the default doc of its pairs. */
  readonly doc: Doc;
}

/** The `permissions` declaration. */
export interface RawPermissions {
  readonly entries: readonly RawPermissionEntry[];
  readonly doc: Doc;
  readonly position: SourcePosition;
}

/** One grant string of a role, as written. */
export interface RawGrant {
  readonly text: string;
  readonly position: SourcePosition;
}

/** One property of `roles`. */
export interface RawRole {
  readonly name: string;
  readonly grants: readonly RawGrant[];
  readonly doc: Doc;
  /** Where the role's name starts. */
  readonly position: SourcePosition;
}

/** The optional `roles` declaration. */
export interface RawRoles {
  readonly roles: readonly RawRole[];
  readonly doc: Doc;
  readonly position: SourcePosition;
}

/** The optional `namespace` declaration. */
export interface RawNamespace {
  readonly value: string;
  /** Where the string literal starts. */
  readonly position: SourcePosition;
  /** The `@renamedFrom` of the declaration's JSDoc (the former namespace), when tagged. */
  readonly renamedFrom?: string | undefined;
}

/**
 * A string inside `constraints` as written, with where it starts: an entry (an exact key
 * without namespace or `resource.*`), a restricted pattern, or a role name. Its meaning is
 * checked by the model builder (src/model/resolve-constraints.ts), which knows the vocabulary.
 */
export interface RawConstraintText {
  readonly text: string;
  readonly position: SourcePosition;
}

/** One set of `constraints.exclusive`. */
export interface RawExclusiveSet {
  readonly entries: readonly RawConstraintText[];
  /** Where the set's `[` starts. */
  readonly position: SourcePosition;
}

/** One property of `constraints.restricted`: a pattern and the only roles that may hold it. */
export interface RawRestriction {
  /** The property name: an exact key without namespace or `resource.*`. */
  readonly pattern: RawConstraintText;
  readonly roles: readonly RawConstraintText[];
}

/** The optional `constraints` declaration (CONTRACT §9). */
export interface RawConstraints {
  readonly exclusive: readonly RawExclusiveSet[];
  readonly restricted: readonly RawRestriction[];
  readonly position: SourcePosition;
}

/** Everything the reader found in one schema file. */
export interface RawSchema {
  /** Absolute path of the schema file, as given to the reader. */
  readonly file: string;
  readonly resource: RawEnum;
  readonly action: RawEnum;
  readonly permissions: RawPermissions;
  readonly roles: RawRoles | undefined;
  readonly namespace: RawNamespace | undefined;
  /** The optional `constraints`; undefined when the schema declares none. */
  readonly constraints?: RawConstraints | undefined;
}
