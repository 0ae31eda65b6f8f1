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
} as const;

export const constraints = {
  exclusive: [
    ["payment.create", "billing.refund.approve", "payment.create"],
    ["payment.*", "payment.approve", "user.manage"],
    ["user.manage", "billing.refund.*"],
    ["billing.refund.*", "user.manage"],
  ],
  restricted: { "user.manage": ["lead", "lead"], "user.*": ["lead"], "user.manage": ["lead"] },
  restricted: {},
} as const;
