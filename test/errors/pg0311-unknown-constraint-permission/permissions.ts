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

export const namespace = "acme";

export const constraints = {
  exclusive: [["payment.create", "payment.refund"], ["invoice.*", "acme.user.manage"]],
  restricted: { "user.delete": ["lead"], "refund.*": ["lead"] },
} as const;
