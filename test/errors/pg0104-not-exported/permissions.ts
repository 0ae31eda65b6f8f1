enum Resource {
  Alert = "alert",
}

export enum Action {
  Read = "read",
}

const permissions = {
  [Resource.Alert]: [Action.Read],
} as const;

export const roles = { viewer: ["alert.read"] };
