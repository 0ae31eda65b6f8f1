export enum Resource {
  Grant = "grant",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Grant]: [Action.Read],
} as const;
