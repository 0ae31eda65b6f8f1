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

// Each property below is a shape permgen does not read as a constraint.
export const constraints = {
  exclusve: [["payment.create", "payment.approve"]],
  [Symbol.iterator]: [],
  exclusive: [["*", "payment.create"], ["payment.create", "Payment.Approve"]],
  restricted: { ["user.manage"]: ["lead"], 42: ["lead"], "payment": ["lead"] },
} as const;
