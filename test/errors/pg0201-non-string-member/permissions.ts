export enum Resource {
  Alert = "alert",
  User = 1,
  Team,
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
  // No follow-on error for a member whose value is unknown:
  [Resource.User]: [Action.Read],
};
