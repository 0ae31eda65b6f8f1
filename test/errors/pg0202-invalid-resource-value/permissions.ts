export enum Resource {
  Alert = "Alert",
  EngagementMember = "engagement..member",
  User = "user-account",
  Ok = "ok.fine_2",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
};
