/**
 * Schemas the Python target tests emit, each exercising an option or a schema feature.
 */
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

/**
 * The CONTRACT §2 example: namespace, roles with wildcards, docs on a member and a role (the
 * shared reference schema under the name these tests use).
 */
export const CONTRACT_SCHEMA = REFERENCE_SCHEMA;

/** The smallest schema: no namespace, no roles, no docs, two resources. */
export const SMALL_SCHEMA = `export enum Resource {
  Alert = "alert",
  Host = "host",
}

export enum Action {
  Read = "read",
  Acknowledge = "acknowledge",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Host]: [Action.Read],
};
`;

/**
 * Documentation everywhere: multi-line descriptions, text that needs escaping in a Python
 * docstring, `@deprecated` on a resource, an action, a pair and a role.
 */
export const DOCS_SCHEMA = `/**
 * Things a permission can be about.
 *
 * Second paragraph with a "quote", a back\\\\slash and """triple quotes""".
 */
export enum Resource {
  /** "Quoted" at the start. */
  Alert = "alert",
  /**
   * Old alerts.
   * @deprecated Use Resource.Alert.
   */
  LegacyAlert = "legacy_alert",
  Report = "report",
}

export enum Action {
  Read = "read",
  /** @deprecated */
  Purge = "purge",
  Export = "export",
}

export const permissions = {
  [Resource.Alert]: [
    Action.Read,
    /** Removing alerts for good. */
    Action.Purge,
  ],
  [Resource.LegacyAlert]: [Action.Read],
  [Resource.Report]: [
    Action.Read,
    /** @deprecated Reports are exported by the reporting service now. */
    Action.Export,
  ],
} as const;

export const roles = {
  /** Reads everything. */
  auditor: ["alert.read", "report.*"],
  /** @deprecated Merged into auditor. */
  viewer: ["report.read"],
  empty: [],
} as const;
`;

/** One resource only: no overloads, the implementation itself takes `Literal` types. */
export const SINGLE_RESOURCE_SCHEMA = `export enum Resource {
  Alert = "alert",
}

export enum Action {
  Read = "read",
  Write = "write",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
};
`;

/** Names long enough that black would split lines: the emitter must split them the same way. */
export const LONG_NAMES_SCHEMA = `export enum Resource {
  Short = "short",
  VeryLong = "organisation.engagement_membership.invitation_management_workflow",
}

export enum Action {
  Read = "read",
  ApproveWithSecondSignature = "approve_with_second_signature",
  EscalateToIncidentCommander = "escalate_to_incident_commander",
  RequestAdditionalEvidence = "request_additional_evidence",
  Archive = "archive",
}

export const permissions = {
  [Resource.VeryLong]: [
    Action.Read,
    Action.ApproveWithSecondSignature,
    Action.EscalateToIncidentCommander,
    Action.RequestAdditionalEvidence,
    Action.Archive,
  ],
  [Resource.Short]: [Action.Read, Action.ApproveWithSecondSignature],
};

export const roles = {
  approver_of_organisation_engagement_membership_invitation_workflows: [
    "organisation.engagement_membership.invitation_management_workflow.*",
  ],
};

export const namespace = "acme_security_operations_platform";
`;
