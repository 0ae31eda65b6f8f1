/** Things a permission can be about. */
export enum Resource {
  /** Security alerts raised by detections. */
  Alert = "alert",
  Engagement = "engagement",
  EngagementMember = "engagement.member",
  User = "user",
}

export enum Action {
  Read = "read",
  Acknowledge = "acknowledge",
  Create = "create",
  Manage = "manage",
}

/** The only (resource, action) pairs that exist. */
export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Engagement]: [Action.Create, Action.Read],
  [Resource.EngagementMember]: [Action.Manage],
  [Resource.User]: [Action.Manage],
} as const;

/** Roles and what they hold. */
export const roles = {
  /** Red-team lead: everything, including permissions added later. */
  rt_lead: ["*"],
  rt_operator: ["alert.*", "engagement.read"],
  soc_analyst: ["alert.read"],
  /** Holds nothing yet: engagement.* does not cover engagement.member.manage. */
  guest: [],
  engagement_admin: ["engagement.*", "engagement.member.manage"],
} as const;
