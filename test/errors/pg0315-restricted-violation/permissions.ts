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
  /** Holds everything, so every restriction not naming it catches it through "*". */
  admin: ["*"],
  lead: ["*"],
  clerk: ["billing.refund.*", "payment.create"],
  approver: ["billing.refund.approve", "billing.refund.*"],
  auditor: ["user.manage"],
  teller: ["payment.create", "user.manage"],
} as const;

export const constraints = {
  restricted: {
    "billing.refund.approve": ["lead"],
    "user.*": ["lead", "auditor"],
  },
} as const;
