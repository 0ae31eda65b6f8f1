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
  [Resource.Alert]: [Action.Read],
};

export const roles = {
  RtLead: ["*"],
  "soc-analyst": ["alert.read"],
  rt_operator: ["alert.*"],
};
