export enum Resource {
  Order = "order",
  Result = "result",
}

export enum Action {
  Create = "create",
  Read = "read",
  Sign = "sign",
}

export const permissions = {
  [Resource.Order]: [Action.Create, Action.Read],
  [Resource.Result]: [Action.Read, Action.Sign],
} as const;

export const roles = {
  lab_tech: ["order.*", "result.read"],
  doctor: ["result.*"],
} as const;
