export enum Resource {
  AB_C = "a.b_c",
  A_BC = "a_b.c",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.AB_C]: [Action.Read],
  [Resource.A_BC]: [Action.Read],
} as const;
