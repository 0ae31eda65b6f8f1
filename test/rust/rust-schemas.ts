/**
 * The schemas the Rust target's tests generate files from, as schema source text (read by the
 * real schema reader, so the tests cover what users write).
 */
import type { Lock } from "../../src/lock/lock.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

/** A schema source, a lock to build ids from (fresh when absent) and the ids that are retired. */
export interface RustCase {
  readonly name: string;
  readonly source: string;
  readonly lock?: Lock;
  /** Lock ids that no permission holds (retired or skipped): `from_id` must reject them. */
  readonly retiredIds?: readonly number[];
}

/** The small schema the exact-text test compares: every construct once. */
export const SMALL_SCHEMA = `/** Things a permission can be about. */
export enum Resource {
  /**
   * Security alerts raised by detections.
   *
   * Second paragraph.
   */
  Alert = "alert",
  /** @deprecated Use accounts. */
  User = "user",
}

export enum Action {
  Read = "read",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Manage],
  [Resource.User]: [Action.Manage],
} as const;

export const roles = {
  /** Sees alerts. */
  viewer: ["alert.read"],
  admin: ["*"],
  nobody: [],
} as const;

export const namespace = "soc";
`;

/** The lock of SMALL_SCHEMA: id 1 was retired, `soc.alert.manage` came later. */
export const SMALL_LOCK: Lock = {
  version: 1,
  nextId: 4,
  active: new Map([
    ["soc.alert.read", 0],
    ["soc.alert.manage", 2],
    ["soc.user.manage", 3],
  ]),
  retired: new Map([["soc.alert.close", 1]]),
};

/** Values that are Rust keywords (or become one once PascalCased: `self` → `Self`). */
export const KEYWORD_SCHEMA = `export enum Resource {
  Self = "self",
  Type = "type",
  Crate = "crate",
  Super = "super",
  Fn = "fn",
}

export enum Action {
  Self = "self",
  Type = "type",
  Match = "match",
  Async = "async",
  Dyn = "dyn",
}

export const permissions = {
  self: ["self", "type"],
  type: ["match"],
  crate: ["async", "dyn"],
  super: ["self"],
  fn: ["type"],
} as const;

export const roles = {
  self: ["*"],
  type: ["self.*"],
  crate: ["crate.async"],
  none: [],
  some: ["fn.type"],
} as const;
`;

/** Deprecations everywhere (with and without a reason, quotes and backslashes in it). */
export const DEPRECATED_SCHEMA = `export enum Resource {
  /** @deprecated */
  Alert = "alert",
  /** @deprecated Use "account" instead of C:\\\\users. */
  User = "user",
  Report = "report",
}

export enum Action {
  Read = "read",
  /** @deprecated A very long reason that goes on and on so that rustfmt has to break the attribute over lines. */
  Write = "write",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
  [Resource.User]: [Action.Read, Action.Write],
  [Resource.Report]: [Action.Read],
} as const;

export const roles = {
  /** @deprecated Split into reader roles. */
  old_admin: ["*"],
  reader: ["report.read"],
} as const;
`;

/** Descriptions of every shape: multi-line, blank-line runs, indentation, Markdown, Unicode. */
export const DESCRIPTIONS_SCHEMA = `/**
 * Things.
 *
 *
 *   Indented line with trailing spaces.   
 * - a list item
 * \`code\` and <b>html</b> and [link](https://example.com) and é 日本 🎉
 */
export enum Resource {
  /** One line. */
  Doc = "doc",
  /**
   *
   * Leading blank line, then text.
   *     More indented.
   */
  DocPage = "doc.page",
}

/** Verbs. */
export enum Action {
  /** Reads. // not a comment end */
  Read = "read",
}

/** The pairs. */
export const permissions = {
  [Resource.Doc]: [
    /** Reading a doc. */
    Action.Read,
  ],
  [Resource.DocPage]: [Action.Read],
} as const;

/** Roles. */
export const roles = {
  /**
   * Reads everything.
   *
   * Really.
   */
  reader: ["*"],
} as const;
`;

/** No roles, no namespace. */
export const PLAIN_SCHEMA = `export enum Resource {
  Doc = "doc",
  DocPage = "doc.page",
}

export enum Action {
  Read = "read",
  Write = "write",
}

export const permissions = {
  [Resource.Doc]: [Action.Read, Action.Write],
  [Resource.DocPage]: [Action.Read],
} as const;
`;

/** Every (resource, action) pair declared: \`from_pair\` has no fallback arm. */
export const CARTESIAN_SCHEMA = `export enum Resource {
  A = "a",
  B = "b",
}

export enum Action {
  Read = "read",
  Write = "write",
}

export const permissions = {
  a: ["read", "write"],
  b: ["read", "write"],
} as const;

export const roles = { all: ["*"] } as const;
`;

/** Nothing at all. */
export const EMPTY_SCHEMA = `export enum Resource {}
export enum Action {}
export const permissions = {} as const;
`;

/** Resources and actions but no pairs, and roles that hold nothing. */
export const NO_PAIRS_SCHEMA = `export enum Resource {
  A = "a",
}
export enum Action {
  Read = "read",
}
export const permissions = {} as const;
export const roles = { nobody: [], empty_too: [] } as const;
`;

/**
 * Names long enough to push match arms, tuples and slices past rustfmt's widths (some past
 * the 100th column, where rustfmt gives up and keeps the text as written).
 */
export const LONG_NAMES_SCHEMA = `export enum Resource {
  A = "organization.billing_account.invoice_line_item",
  B = "organization.billing_account.invoice_line_item.adjustment_reason_code_history_entry",
  C = "x",
}

export enum Action {
  Acknowledge = "acknowledge_and_escalate_to_the_on_call_incident_commander",
  Read = "read",
}

export const permissions = {
  "organization.billing_account.invoice_line_item": [
    "acknowledge_and_escalate_to_the_on_call_incident_commander",
    "read",
  ],
  "organization.billing_account.invoice_line_item.adjustment_reason_code_history_entry": ["read"],
  x: ["read", "acknowledge_and_escalate_to_the_on_call_incident_commander"],
} as const;

export const roles = {
  auditor_of_organization_billing_accounts_and_invoice_line_items: ["*"],
  x: ["x.read"],
} as const;

export const namespace = "acme_corporation_permission_namespace";
`;

/**
 * Names that meet the file's own Rust: a variant `Err` beside `FromStr`'s `type Err` (a
 * `Self::Err` in `from_str` was ambiguous and rustc refused it), and `@renamedFrom self`, whose
 * deprecated const must be escaped as the variant was (`pub const Self` does not parse).
 */
export const TRAIT_NAMES_SCHEMA = `export enum Resource {
  Err = "err",
  Alert = "alert",
}

export enum Action {
  Err = "err",
  /** @renamedFrom self */
  Me = "me",
}

export const permissions = {
  err: ["err"],
  alert: ["me"],
} as const;

export const roles = {
  err: ["*"],
  /** @renamedFrom self */
  me: ["alert.*"],
} as const;
`;

/** What the lock held before TRAIT_NAMES_SCHEMA renamed `self` to `me`. */
export const TRAIT_NAMES_LOCK: Lock = {
  version: 1,
  nextId: 2,
  active: new Map([
    ["err.err", 0],
    ["alert.self", 1],
  ]),
  retired: new Map(),
  roles: new Map([
    ["err", ["alert.self", "err.err"]],
    ["self", ["alert.self"]],
  ]),
};

/**
 * Docs with code fences, as a schema's authors write examples: TypeScript, a bare fence, a
 * tilde fence, one fence left open. rustdoc runs every fenced block of a doc comment that is not
 * marked otherwise as a Rust doctest, so each opens as `text`.
 */
export const FENCES_SCHEMA = `/**
 * Things a permission can be about. Check one like this:
 *
 * \`\`\`ts
 * if (!can(user, "alert.read")) throw new Forbidden();
 * \`\`\`
 */
export enum Resource {
  /**
   * Alerts.
   *
   * \`\`\`
   * let x = not rust at all;
   * \`\`\`
   *
   * ~~~~
   * also not rust {
   * ~~~~
   */
  Alert = "alert",
}

export enum Action {
  /**
   * Reading.
   * \`\`\`\`rust
   * this fence is never closed
   */
  Read = "read",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
} as const;

export const roles = {
  /**
   * \`\`\`
   * fn main() { panic!("a doctest ran") }
   * \`\`\`
   */
  viewer: ["alert.read"],
} as const;
`;

/** The schemas compiled with rustc, formatted-checked with rustfmt and tested by a Rust program. */
export const RUST_CASES: readonly RustCase[] = [
  { name: "reference", source: REFERENCE_SCHEMA },
  { name: "small", source: SMALL_SCHEMA, lock: SMALL_LOCK, retiredIds: [1] },
  { name: "keywords", source: KEYWORD_SCHEMA },
  { name: "trait_names", source: TRAIT_NAMES_SCHEMA, lock: TRAIT_NAMES_LOCK },
  { name: "fences", source: FENCES_SCHEMA },
  { name: "deprecated", source: DEPRECATED_SCHEMA },
  { name: "descriptions", source: DESCRIPTIONS_SCHEMA },
  { name: "plain", source: PLAIN_SCHEMA },
  { name: "cartesian", source: CARTESIAN_SCHEMA },
  { name: "empty", source: EMPTY_SCHEMA },
  { name: "no_pairs", source: NO_PAIRS_SCHEMA },
  { name: "long_names", source: LONG_NAMES_SCHEMA },
];
