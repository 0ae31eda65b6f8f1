/**
 * Things a permission can be about.
 *
 * Second paragraph with a "quote", a back\\slash and """triple quotes""".
 */
export enum Resource {
  /** "Quoted" at the start. */
  Alert = "alert",
  /**
   * Old alerts.
   * @deprecated Use Resource.Alert.
   */
  LegacyAlert = "legacy_alert",
  Report = "report",
}

export enum Action {
  Read = "read",
  /** @deprecated */
  Purge = "purge",
  Export = "export",
}

export const permissions = {
  [Resource.Alert]: [
    Action.Read,
    /** Removing alerts for good. */
    Action.Purge,
  ],
  [Resource.LegacyAlert]: [Action.Read],
  [Resource.Report]: [
    Action.Read,
    /** @deprecated Reports are exported by the reporting service now. */
    Action.Export,
  ],
} as const;

export const roles = {
  /** Reads everything. */
  auditor: ["alert.read", "report.*"],
  /** @deprecated Merged into auditor. */
  viewer: ["report.read"],
  empty: [],
} as const;
