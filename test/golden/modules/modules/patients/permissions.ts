/** The patients team's permissions, written without any prefix: the config names the module. */
export enum Resource {
  /** A patient's registration. */
  Patient = "patient",
  PatientRecord = "patient.record",
}

export enum Action {
  Read = "read",
  Create = "create",
  Update = "update",
}

export const permissions = {
  [Resource.Patient]: [Action.Read, Action.Create, Action.Update],
  [Resource.PatientRecord]: [Action.Read],
} as const;

export const roles = {
  /** Every permission of this module. */
  doctor: ["*"],
  nurse: ["patient.read", "patient.record.read"],
} as const;
