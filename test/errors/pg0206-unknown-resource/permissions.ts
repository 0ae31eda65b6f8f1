export enum Resource {
  Alert = "alert",
  Engagement = "engagement",
  EngagementMember = "engagement.member",
}

export enum Action {
  Read = "read",
  Create = "create",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alerts]: [Action.Read],
  "engagement.members": [Action.Manage],
  [Resource.Engagement]: [Action.Read],
};
