export enum Resource { Alert = "alert", Role = "role" }
export enum Action { Read = "read" }
export const permissions = {
  [Resource.Alert]: [Action.Read],
  [Resource.Role]: [Action.Read],
} as const;
export const roles = { admin: ["*"] } as const;
