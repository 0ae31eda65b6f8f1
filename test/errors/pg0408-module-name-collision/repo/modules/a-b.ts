export enum Resource {
  C = "c",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.C]: [Action.Read],
} as const;
