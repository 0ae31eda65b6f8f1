/** Things a permission can be about. */
export enum Resource {
  /** Security alerts raised by detections. */
  Alert = "alert",
  /**
   * People who sign in.
   * @deprecated Use accounts.
   */
  User = "user",
}

/** What a permission allows. */
export enum Action {
  Read = "read",
  /** @deprecated */
  Manage = "manage",
}

/** Every pair that exists. */
export const permissions = {
  [Resource.Alert]: [
    Action.Read,
    /** Close | reopen `alerts` <b>now</b>. */
    Action.Manage,
  ],
  [Resource.User]: [Action.Read],
} as const;

/** Who holds what. */
export const roles = {
  /**
   * Sees alerts.
   * Nothing else.
   */
  viewer: ["alert.read"],
  admin: ["*"],
  /** @deprecated Use admin. */
  user_admin: ["user.*"],
} as const;

export const namespace = "soc";
