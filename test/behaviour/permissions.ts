/**
 * The schema the behaviour table (table.json) is written against. Every target's output
 * generated from it must answer every row of the table the same way.
 */

export enum Resource {
  Alert = "alert",
  Engagement = "engagement",
  /** A sub-resource: `engagement.*` does not cover it. */
  EngagementMember = "engagement.member",
  Report = "report",
}

export enum Action {
  Read = "read",
  Acknowledge = "acknowledge",
  Create = "create",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Engagement]: [Action.Create, Action.Read],
  [Resource.EngagementMember]: [Action.Manage],
  [Resource.Report]: [Action.Read],
} as const;

export const roles = {
  admin: ["*"],
  alert_handler: ["alert.*"],
  engagement_lead: ["engagement.*", "report.read"],
  member_manager: ["engagement.member.*"],
  reader: ["alert.read", "engagement.read", "report.read"],
  nobody: [],
} as const;

export const namespace = "soc";
