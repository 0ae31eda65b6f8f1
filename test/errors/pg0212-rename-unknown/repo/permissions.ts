// Every @renamedFrom names something this repository's lock never knew (typos, mostly).
export enum Resource {
  /** @renamedFrom alerts */
  Alert = "alert",
  Case = "case",
}

export enum Action {
  Read = "read",
  /** @renamedFrom escalte */
  Raise = "raise",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Raise],
  [Resource.Case]: [
    /** @renamedFrom case.view */
    Action.Read,
  ],
} as const;

export const roles = {
  /** @renamedFrom audtor */
  reviewer: ["alert.read"],
  lead: ["*"],
} as const;

/** @renamedFrom sco */
export const namespace = "soc";
