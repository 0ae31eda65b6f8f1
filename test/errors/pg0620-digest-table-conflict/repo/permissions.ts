export enum Resource {
  Alert = "alert",
  User = "user",
}

export enum Action {
  Read = "read",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
  [Resource.User]: [Action.Manage],
} as const;
