export enum Resource {
  Patient = "patient",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Patient]: [Action.Read],
} as const;

export const roles = { doctor: ["patients.*"] } as const;
