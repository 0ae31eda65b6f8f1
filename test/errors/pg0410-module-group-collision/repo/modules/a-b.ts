export enum Resource {
  X = "x",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.X]: [Action.Read],
} as const;
