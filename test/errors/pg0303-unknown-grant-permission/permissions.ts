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
  [Resource.Alert]: [Action.Read, Action.Manage],
  [Resource.EngagementMember]: [Action.Manage],
};

export const roles = {
  viewer: ["alert.create", "soc.alert.read", "engagement.read", "user.read"],
};

export const namespace = "soc";
