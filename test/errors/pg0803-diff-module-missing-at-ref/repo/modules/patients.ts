export enum Resource {
  Bc = "b_c",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Bc]: [Action.Read],
} as const;
