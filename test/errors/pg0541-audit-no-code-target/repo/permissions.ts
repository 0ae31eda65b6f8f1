export enum Resource {
  Alert = "alert",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
} as const;
