/**
 * Things a permission can be about.
 *
 * One line per resource family; nested resources use dots.
 */
export enum Resource {
  /**
   * Security alerts raised by detections.
   * Acknowledging one silences its notifications.
   */
  Alert = "alert",
  /** A billing account. */
  BillingAccount = "billing.account",
}

/** What can be done to a resource. */
export enum Action {
  /** Read without changing anything. */
  Read = "read",
  /** Mark as seen by a human. */
  Acknowledge = "acknowledge",
  /** Change settings. */
  Manage = "manage",
}

/** The only (resource, action) pairs that exist. */
export const permissions = {
  [Resource.Alert]: [
    Action.Read,
    /** Silences the alert's notifications. */
    Action.Acknowledge,
  ],
  [Resource.BillingAccount]: [Action.Read, Action.Manage],
} as const;

/** Roles and what they hold. */
export const roles = {
  /**
   * Finance staff.
   * They see and manage billing, nothing else.
   */
  finance: ["billing.account.*"],
  /** On-call responders. */
  responder: ["alert.*"],
} as const;

/** Every key reads "acme.<resource>.<action>". */
export const namespace = "acme";
