export enum Resource {
  Alert = "alert",
  User = "user",
  __proto__ = "proto",
}

export enum Action {
  Read = "read",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
  [Resource.User]: [Action.Manage],
} as const;
