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
  [Resource.Alert]: [Action.Read, computeAction()],
  [resourceKey]: [Action.Read],
};

export const roles = {
  // Both would be unknown only because of the errors above: not reported twice.
  ops: ["alert.create", "engagement.read", "engagement.*"],
};
