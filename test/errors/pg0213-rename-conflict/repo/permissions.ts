// Each @renamedFrom names something the lock knows, but that is still declared or taken twice.
export enum Resource {
  Alert = "alert",
  /** @renamedFrom alert */
  Incident = "incident",
}

export enum Action {
  Read = "read",
  Escalate = "escalate",
  /** @renamedFrom escalate */
  Raise = "raise",
}

export const permissions = {
  [Resource.Alert]: [
    Action.Read,
    /** @renamedFrom alert.read */
    Action.Raise,
  ],
  [Resource.Incident]: [Action.Escalate],
} as const;

export const roles = {
  /** @renamedFrom auditor */
  reviewer: ["alert.read"],
  /** @renamedFrom auditor */
  checker: ["alert.read"],
} as const;
