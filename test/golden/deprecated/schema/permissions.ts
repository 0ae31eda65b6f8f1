export enum Resource {
  Alert = "alert",
  /** @deprecated Use Resource.Alert: incidents were merged into alerts. */
  Incident = "incident",
  /**
   * Kept so old tokens still parse; nothing is allowed on it.
   * @deprecated
   */
  Legacy = "legacy",
}

/** @deprecated Actions will move to per-resource enums in the next schema version. */
export enum Action {
  Read = "read",
  /** @deprecated Use Action.Read. */
  View = "view",
  Close = "close",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Close],
  [Resource.Incident]: [Action.Read, Action.View],
  [Resource.Legacy]: [],
} as const;

export const roles = {
  viewer: ["alert.read", "incident.read"],
  /** @deprecated Use viewer. */
  old_viewer: ["incident.*"],
} as const;
