export enum Resource {
  Patient = "patient",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Patient]: [Action.Read],
} as const;

/** The config names the module. */
export const namespace = "patients";
