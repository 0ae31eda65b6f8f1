export enum Resource {
  Invoice = "invoice",
}

export enum Action {
  Read = "view",
}

export const permissions = {
  [Resource.Invoice]: [Action.Read],
} as const;
