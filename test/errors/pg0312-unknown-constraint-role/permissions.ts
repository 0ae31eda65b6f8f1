export enum Resource {
  Payment = "payment",
  Refund = "billing.refund",
  User = "user",
}

export enum Action {
  Create = "create",
  Approve = "approve",
  Manage = "manage",
}

export const permissions = {
  [Resource.Payment]: [Action.Create, Action.Approve],
  [Resource.Refund]: [Action.Create, Action.Approve],
  [Resource.User]: [Action.Manage],
} as const;

export const roles = {
  lead: ["*"],
  clerk: ["payment.create"],
} as const;

export const constraints = {
  restricted: { "user.manage": ["lead", "leed", "auditor"] },
} as const;
