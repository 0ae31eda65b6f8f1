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
  ops: ["*"],
  cashier: ["payment.*"],
  teller: ["payment.create", "billing.refund.approve"],
  clerk: ["payment.create", "user.manage"],
} as const;

export const constraints = {
  /** Separation of duties: who creates a payment or a refund does not approve it. */
  exclusive: [
    ["payment.create", "payment.approve"],
    ["payment.create", "billing.refund.*"],
  ],
} as const;
