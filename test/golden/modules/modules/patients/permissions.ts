/** Patients and their records: the patients team's module, written without its module name. */
export enum Resource {
  /** A patient's administrative file. */
  Patient = "patient",
  PatientRecord = "patient.record",
}

export enum Action {
  Read = "read",
  Write = "write",
  Archive = "archive",
}

export const permissions = {
  [Resource.Patient]: [Action.Read, Action.Write],
  [Resource.PatientRecord]: [
    Action.Read,
    Action.Write,
    /** Moves a record out of the active chart. */
    Action.Archive,
  ],
} as const;

export const roles = {
  /** Treats patients: everything of this module. */
  doctor: ["*"],
  nurse: ["patient.read", "patient.record.*"],
} as const;
