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
  [Resource.Alert]: [Action.Read, Action.Create, "read"],
};
