export enum Resource {
  Invoice = "invoice",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Invoice]: [Action.Read],
} as const;
