/**
 * permgen's own example vocabulary: a security-operations platform where red-team engagements
 * are run against hosts and the SOC triages the alerts they raise.
 *
 * This file is read statically by permgen (it is never executed). `permgen generate` turns it
 * into the files under generated/; `permgen check` fails CI when they drift.
 */

/** Things a permission can be about. */
export enum Resource {
  /** Security alerts raised by detections. */
  Alert = "alert",
  /** A red-team engagement: scope, schedule, rules of engagement. */
  Engagement = "engagement",
  /** Membership of a user in an engagement. */
  EngagementMember = "engagement.member",
  /** Hosts in an engagement's scope. */
  Host = "host",
  /** Reports produced at the end of an engagement. */
  Report = "report",
  /** The audit trail of privileged actions. */
  Audit = "audit",
  /** Platform user accounts. */
  User = "user",
  /**
   * Legacy per-host notes, replaced by engagement reports.
   * @deprecated Use report permissions instead.
   */
  HostNote = "host.note",
}

/** What can be done to a resource. */
export enum Action {
  Read = "read",
  Create = "create",
  Update = "update",
  Delete = "delete",
  /** Mark an alert as seen and owned. */
  Acknowledge = "acknowledge",
  /** Grant or revoke membership. */
  Manage = "manage",
  Generate = "generate",
}

/** The only (resource, action) pairs that exist. */
export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Engagement]: [Action.Create, Action.Read, Action.Update, Action.Delete],
  [Resource.EngagementMember]: [Action.Manage],
  [Resource.Host]: [Action.Read, Action.Create, Action.Delete],
  [Resource.Report]: [Action.Read, Action.Generate],
  [Resource.Audit]: [Action.Read],
  [Resource.User]: [Action.Manage],
  [Resource.HostNote]: [Action.Read],
} as const;

/** Roles and what they hold. Wildcards are expanded in the generated code. */
export const roles = {
  /** Red-team lead: everything, including permissions added later. */
  rt_lead: ["*"],
  /** Red-team operator: runs engagements, cannot manage people or read the audit trail. */
  rt_operator: ["engagement.create", "engagement.read", "host.*", "report.read"],
  /** SOC analyst: triages alerts and reads reports. */
  soc_analyst: ["alert.*", "report.read"],
  /** Auditor: read-only access to the audit trail and reports. */
  auditor: ["audit.read", "report.read"],
} as const;

/** Every permission key is prefixed: "soc.alert.read". */
export const namespace = "soc";

/** What the role docs above promise, kept by validate, generate and check. */
export const constraints = {
  /** People and the audit trail stay out of an operator's or analyst's reach, now and later. */
  restricted: {
    "audit.*": ["auditor", "rt_lead"],
    "user.manage": ["rt_lead"],
    "engagement.member.manage": ["rt_lead"],
  },
} as const;
