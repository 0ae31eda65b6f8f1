/** Things a permission can be about. */
export enum Resource {
  /**
   * Security alerts raised by detections.
   *
   * Second paragraph.
   */
  Alert = "alert",
  /** @deprecated Use accounts. */
  User = "user",
}

export enum Action {
  Read = "read",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Manage],
  [Resource.User]: [Action.Manage],
} as const;

export const roles = {
  /** Sees alerts. */
  viewer: ["alert.read"],
  admin: ["*"],
  nobody: [],
} as const;

export const namespace = "soc";
