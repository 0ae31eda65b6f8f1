/** Several mistakes at once: every one is reported in one run. */
export enum Resource {
  Alert = "alert",
  BadValue = "Bad",
  Alert = "again",
  Numeric = 3,
}

export enum Action {
  Read = "read",
  Read2 = "read",
  Dotted = "a.b",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Read, Action.Missing, helper()],
  [Resource.Ghost]: [Action.Read],
  alert: [],
};

export const roles = {
  BadName: ["alert.read", "alert.read"],
  ok: ["ghost.*", "alert.nothing", "!!"],
  ok: [],
};

export const namespace = "Not Valid";
