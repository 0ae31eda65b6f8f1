export enum Resource {
  Invoice = "invoice",
}

export enum Action {
  View = "read",
}

export const permissions = {
  [Resource.Invoice]: [Action.View],
} as const;
