export enum Resource {
  Alert = "alert",
  Engagement = "engagement",
  User = "user",
}

export enum Action {
  Read = "read",
  Create = "create",
  Manage = "manage",
}

// Each typo is an edit or two from one declared name, so the message suggests it; "zzz" is
// close to nothing and gets no suggestion.
export const permissions = {
  [Resource.Alert]: [Action.Raed, "craete"],
  alrt: [Action.Read],
  [Resource.Engagement]: ["zzz", Action.Read],
  [Resource.User]: [Action.Manage],
} as const;

export const roles = {
  admin: ["engagment.*", "user.manaeg", "USER.manage"],
} as const;
