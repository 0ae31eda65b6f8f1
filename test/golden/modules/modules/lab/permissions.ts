/** Laboratory samples and results. */
export enum Resource {
  Sample = "sample",
  Result = "result",
}

export enum Action {
  Read = "read",
  Write = "write",
  Approve = "approve",
}

export const permissions = {
  [Resource.Sample]: [Action.Read, Action.Write],
  [Resource.Result]: [Action.Read, Action.Approve],
} as const;

export const roles = {
  doctor: ["result.read"],
  lab_tech: ["*"],
} as const;
