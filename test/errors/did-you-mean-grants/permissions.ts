export enum Resource {
  Alert = "alert",
  User = "user",
}

export enum Action {
  Read = "read",
  Create = "create",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Manage],
  [Resource.User]: [Action.Manage],
} as const;

// A near miss in one part of a key is suggested; a key that only shares letters is not
// ("alert.create" is three edits from "alert.read").
export const roles = {
  admin: ["user.manaeg", "usr.manage", "alert.create", "alret.*"],
} as const;
