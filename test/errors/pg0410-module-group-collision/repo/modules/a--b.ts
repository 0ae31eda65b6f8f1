export enum Resource {
  Y = "y",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Y]: [Action.Read],
} as const;
