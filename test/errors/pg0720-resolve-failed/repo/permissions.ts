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
<<<<<<< HEAD
  [Resource.User]: [Action.Manage],
=======
  [Resource.User]: [Action.Manage, Action.Read],
>>>>>>> feature
} as const;
